// JSON Lines logs: JsonLinesReader, and through it LogRecord on every line: the index's reading of
// it, then its data read back from the file when the walk visits the event.

#include "fuzzinput.h"
#include "sources/jsonlinesreader.h"

using namespace Rewind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = RewindFuzz::writeInput(data, size, "log.jsonl");

    // Counting bad lines, as `info` reads, so every line is parsed and not only those before the
    // first bad one.
    ReadOptions options;
    options.keepProblems = 4;
    ReadReport report;
    if (auto source = JsonLinesReader::read(path, options, &report))
        RewindFuzz::walk(**source);

    // Again under a mapping with nested paths, a missing field and a time pattern, the parts of
    // LogRecord that only a mapping reaches.
    options.mapping.setPath(FieldMapping::Stream, QStringLiteral("entity.key"));
    options.mapping.setPath(FieldMapping::Type, QStringLiteral("what"));
    options.mapping.setPath(FieldMapping::Version, QString());
    options.mapping.setPath(FieldMapping::At, QStringLiteral("when"));
    options.mapping.setTimeFormat(FieldMapping::TimeFormat::Pattern, QStringLiteral("dd.MM.yyyy HH:mm:ss"));
    if (auto source = JsonLinesReader::read(path, options, &report))
        RewindFuzz::walk(**source);
    return 0;
}
