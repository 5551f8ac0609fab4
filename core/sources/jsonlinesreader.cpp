#include "sources/jsonlinesreader.h"

#include "sources/logrecord.h"
#include "sources/recordcollector.h"

#include <algorithm>
#include <cstring>
#include <simdjson.h>

namespace Rewind {

Result<std::unique_ptr<MemoryEventSource>> JsonLinesReader::read(
    const QString& path, const std::function<bool(qint64, qint64)>& progress)
{
    ReadOptions options;
    options.progress = progress;
    return read(path, options);
}

Result<std::unique_ptr<MemoryEventSource>> JsonLinesReader::read(
    const QString& path, const ReadOptions& options, ReadReport* report)
{
    auto buffer = RecordCollector::readFile(path);
    if (!buffer)
        return buffer.error();
    RecordCollector collector(path, QStringLiteral("jsonl"), options, report);
    const qint64 size = buffer->size();
    const char* const begin = buffer->constData();
    const char* const end = begin + size;
    collector.expect(std::count(begin, end, '\n') + 1);
    const char* lineStart = begin;
    qint64 lineNumber = 0;
    while (lineStart < end) {
        ++lineNumber;
        const char* newline = static_cast<const char*>(std::memchr(lineStart, '\n', size_t(end - lineStart)));
        const char* lineEnd = newline ? newline : end;
        std::string_view line(lineStart, size_t(lineEnd - lineStart));
        lineStart = lineEnd + 1;
        if (lineNumber == 1 && line.starts_with("\xEF\xBB\xBF"))
            line.remove_prefix(3); // a byte order mark, as editors on Windows write
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            continue;

        std::optional<Error> stop;
        if (qint64(line.size()) > collector.maxRecordBytes()) {
            stop = collector.addProblem(QStringLiteral("line too long (%1 bytes; a record may have at most %2)")
                                            .arg(line.size())
                                            .arg(collector.maxRecordBytes()),
                lineNumber);
        } else {
            const size_t available = size_t(end - line.data()) + simdjson::SIMDJSON_PADDING;
            stop = collector.add(
                LogRecord::fromJson(line, available, collector.mapping(), collector.usedSlot()), lineNumber);
        }
        if (stop)
            return *stop;
        if (lineNumber % 65536 == 0 && !collector.progress(lineStart - begin, size))
            return collector.cancelled();
    }
    if (!collector.progress(size, size))
        return collector.cancelled();
    return collector.finish();
}

} // namespace Rewind
