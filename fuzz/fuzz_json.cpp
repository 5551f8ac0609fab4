// JSON documents: JsonReader, which finds the records with JsonScanner and parses each with
// LogRecord.

#include "fuzzinput.h"
#include "sources/jsonreader.h"

using namespace Rewind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = RewindFuzz::writeInput(data, size, "log.json");
    ReadOptions options;
    options.keepProblems = 4; // past bad records, so every record of the array is parsed
    ReadReport report;
    if (auto source = JsonReader::read(path, options, &report))
        RewindFuzz::walk(**source);
    return 0;
}
