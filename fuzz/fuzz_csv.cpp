// CSV exports: CsvReader, which splits rows with CsvRowParser and turns each into a record for
// LogRecord.

#include "fuzzinput.h"
#include "sources/csvreader.h"

using namespace Rewind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = RewindFuzz::writeInput(data, size, "log.csv");
    ReadOptions options;
    options.keepProblems = 4; // past bad rows, so every row is split and parsed
    ReadReport report;
    if (auto source = CsvReader::read(path, options, &report))
        RewindFuzz::walk(**source);

    // A mapping names columns in CSV: the header is matched against it before the aliases.
    options.mapping.setPath(FieldMapping::Stream, QStringLiteral("entity"));
    options.mapping.setPath(FieldMapping::Type, QStringLiteral("what"));
    options.mapping.setPath(FieldMapping::Position, QString());
    options.mapping.setTimeFormat(FieldMapping::TimeFormat::EpochSeconds);
    if (auto source = CsvReader::read(path, options, &report))
        RewindFuzz::walk(**source);
    return 0;
}
