#include "sources/jsonreader.h"

#include "sources/fieldmapping.h"
#include "sources/jsonscanner.h"
#include "sources/logrecord.h"
#include "sources/recordcollector.h"

#include <cstring>

namespace Rewind {

namespace {
/// A step of the scanner over a window of the file: when the step runs into the window's end
/// before the file's, the window moves on (keeping what the step started from) and the step is
/// taken again over more of the file.
template <typename Step> Status stepThrough(FileWindow& window, JsonScanner& scanner, Step step)
{
    for (;;) {
        JsonScanner attempt = scanner;
        step(attempt);
        if (window.atFileEnd() || attempt.position() < window.end()) {
            scanner = attempt;
            return {};
        }
        if (Status read = window.advance(scanner.position()); !read)
            return read;
        scanner.moveTo(window.begin(), window.end()); // what the step started from is now first
    }
}
}

Result<std::unique_ptr<LogSource>> JsonReader::read(const QString& path, const ReadOptions& options, ReadReport* report)
{
    auto file = LogFile::open(path);
    if (!file)
        return file.error();
    RecordCollector collector(
        *file, QStringLiteral("json"), options, report, std::make_shared<JsonPayloadReader>(options.mapping));
    const qint64 size = (*file)->size();
    // A piece of the file at a time: the scanner needs a record whole, never the document.
    FileWindow window(**file);
    if (Status read = window.advance(window.begin()); !read)
        return read.error();
    const bool bom = window.end() - window.begin() >= 3 && std::memcmp(window.begin(), "\xEF\xBB\xBF", 3) == 0;
    JsonScanner scanner(window.begin() + (bom ? 3 : 0), window.end());

    // The records one by one; a structural problem ends the whole read.
    std::optional<JsonScanner::Problem> problem;
    if (Status read = stepThrough(window, scanner, [&](JsonScanner& s) { problem = s.enterRecords(); }); !read)
        return read.error();
    qint64 count = 0;
    while (!problem) {
        std::optional<JsonScanner::Record> record;
        const Status read = stepThrough(window, scanner, [&](JsonScanner& s) {
            problem.reset();
            record = s.nextRecord(&problem);
        });
        if (!read)
            return read.error();
        if (!record) {
            if (!problem) {
                if (Status rest = stepThrough(window, scanner, [&](JsonScanner& s) { problem = s.leaveRecords(); });
                    !rest)
                    return rest.error();
            }
            break;
        }
        std::optional<Error> stop;
        if (qint64(record->text.size()) > collector.maxRecordBytes()) {
            stop = collector.addProblem(QStringLiteral("record too long (%1 bytes; a record may have at most %2)")
                                            .arg(record->text.size())
                                            .arg(collector.maxRecordBytes()),
                record->line);
        } else {
            stop = collector.add(LogRecord::headerFromJson(record->text, window.paddedFrom(record->text.data()),
                                     collector.mapping(), collector.usedSlot()),
                record->line, window.offsetOf(record->text.data()), record->text);
        }
        if (stop)
            return *stop;
        if (++count % 65536 == 0 && !collector.progress(window.offsetOf(record->text.data()), size))
            return collector.cancelled();
    }
    // The structure is broken: nothing after this point can be read, even when counting.
    if (problem) {
        if (auto stop = collector.addProblem(problem->message, problem->line))
            return *stop;
    }
    if (!collector.progress(size, size))
        return collector.cancelled();
    return collector.finish();
}

} // namespace Rewind
