#include "sources/jsonlinesreader.h"

#include "sources/logrecord.h"
#include "sources/recordcollector.h"

#include <cstring>

namespace Rewind {

namespace {
/// A line longer than a record may be: moves past it, window by window, without holding it.
/// Returns its length (a carriage return before the line break not counted) and leaves `start`
/// at the next line.
Result<qint64> skipLine(FileWindow& window, const char*& start)
{
    qint64 length = 0;
    char last = '\0';
    for (;;) {
        const char* newline = static_cast<const char*>(std::memchr(start, '\n', size_t(window.end() - start)));
        const char* stop = newline ? newline : window.end();
        length += stop - start;
        if (stop > start)
            last = stop[-1];
        if (newline) {
            start = newline + 1;
            return length - (last == '\r' ? 1 : 0);
        }
        if (window.atFileEnd()) {
            start = window.end();
            return length - (last == '\r' ? 1 : 0);
        }
        if (Status read = window.advance(window.end()); !read)
            return read.error();
        start = window.begin();
    }
}
}

Result<std::unique_ptr<LogSource>> JsonLinesReader::read(
    const QString& path, const std::function<bool(qint64, qint64)>& progress)
{
    ReadOptions options;
    options.progress = progress;
    return read(path, options);
}

Result<std::unique_ptr<LogSource>> JsonLinesReader::read(
    const QString& path, const ReadOptions& options, ReadReport* report)
{
    auto file = LogFile::open(path);
    if (!file)
        return file.error();
    RecordCollector collector(
        *file, QStringLiteral("jsonl"), options, report, std::make_shared<JsonPayloadReader>(options.mapping));
    const qint64 size = (*file)->size();
    // The file is read a piece at a time, never whole: memory follows the index, not the file.
    FileWindow window(**file);
    if (Status read = window.advance(window.begin()); !read)
        return read.error();
    const char* lineStart = window.begin();
    qint64 lineNumber = 0;
    for (;;) {
        if (lineStart >= window.end()) {
            if (window.atFileEnd())
                break;
            if (Status read = window.advance(lineStart); !read)
                return read.error();
            lineStart = window.begin();
            continue;
        }
        const auto available = static_cast<size_t>(window.end() - lineStart);
        const char* newline = static_cast<const char*>(std::memchr(lineStart, '\n', available));
        std::optional<Error> stop;
        if (!newline && !window.atFileEnd()) {
            // The line goes on past the window: more of the file, unless it is too long anyway
            // (a byte order mark and a carriage return are not counted).
            if (window.end() - lineStart <= collector.maxRecordBytes() + 4) {
                if (Status read = window.advance(lineStart); !read)
                    return read.error();
                lineStart = window.begin();
                continue;
            }
            ++lineNumber;
            const qint64 bom = lineNumber == 1 && std::memcmp(lineStart, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
            auto length = skipLine(window, lineStart);
            if (!length)
                return length.error();
            stop = collector.addProblem(QStringLiteral("line too long (%1 bytes; a record may have at most %2)")
                                            .arg(*length - bom)
                                            .arg(collector.maxRecordBytes()),
                lineNumber);
        } else {
            ++lineNumber;
            const char* lineEnd = newline ? newline : window.end();
            std::string_view line(lineStart, size_t(lineEnd - lineStart));
            lineStart = newline ? newline + 1 : window.end();
            if (lineNumber == 1 && line.starts_with("\xEF\xBB\xBF"))
                line.remove_prefix(3); // a byte order mark, as editors on Windows write
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            if (line.find_first_not_of(" \t") == std::string_view::npos)
                continue;
            if (qint64(line.size()) > collector.maxRecordBytes()) {
                stop = collector.addProblem(QStringLiteral("line too long (%1 bytes; a record may have at most %2)")
                                                .arg(line.size())
                                                .arg(collector.maxRecordBytes()),
                    lineNumber);
            } else {
                stop = collector.add(LogRecord::headerFromJson(line, window.paddedFrom(line.data()),
                                         collector.mapping(), collector.usedSlot()),
                    lineNumber, window.offsetOf(line.data()), line);
            }
        }
        if (stop)
            return *stop;
        if (lineNumber % 65536 == 0 && !collector.progress(window.offsetOf(lineStart), size))
            return collector.cancelled();
    }
    if (!collector.progress(size, size))
        return collector.cancelled();
    return collector.finish();
}

} // namespace Rewind
