#include "sources/jsonreader.h"

#include "sources/fieldmapping.h"
#include "sources/jsonscanner.h"
#include "sources/logrecord.h"
#include "sources/recordcollector.h"

#include <simdjson.h>

namespace Rewind {

Result<std::unique_ptr<MemoryEventSource>> JsonReader::read(
    const QString& path, const ReadOptions& options, ReadReport* report)
{
    auto buffer = RecordCollector::readFile(path);
    if (!buffer)
        return buffer.error();
    RecordCollector collector(path, QStringLiteral("json"), options, report);
    const char* const begin = buffer->constData();
    const char* const end = begin + buffer->size();
    JsonScanner scanner(buffer->startsWith("\xEF\xBB\xBF") ? begin + 3 : begin, end);

    // The records one by one; a structural problem ends the whole read.
    std::optional<JsonScanner::Problem> problem = scanner.enterRecords();
    qint64 count = 0;
    while (!problem) {
        const auto record = scanner.nextRecord(&problem);
        if (!record) {
            if (!problem)
                problem = scanner.leaveRecords();
            break;
        }
        std::optional<Error> stop;
        if (qint64(record->text.size()) > collector.maxRecordBytes()) {
            stop = collector.addProblem(QStringLiteral("record too long (%1 bytes; a record may have at most %2)")
                                            .arg(record->text.size())
                                            .arg(collector.maxRecordBytes()),
                record->line);
        } else {
            const size_t available = size_t(end - record->text.data()) + simdjson::SIMDJSON_PADDING;
            stop = collector.add(
                LogRecord::fromJson(record->text, available, collector.mapping(), collector.usedSlot()), record->line);
        }
        if (stop)
            return *stop;
        if (++count % 65536 == 0 && !collector.progress(record->text.data() - begin, end - begin))
            return collector.cancelled();
    }
    // The structure is broken: nothing after this point can be read, even when counting.
    if (problem) {
        if (auto stop = collector.addProblem(problem->message, problem->line))
            return *stop;
    }
    if (!collector.progress(end - begin, end - begin))
        return collector.cancelled();
    return collector.finish();
}

} // namespace Rewind
