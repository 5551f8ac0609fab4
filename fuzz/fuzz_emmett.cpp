// Emmett's SQLite store (emt_messages), opened the way a user opens any file: SourceOpener
// recognizes it by content and EmmettStore reads it in place.

#include "fuzzinput.h"
#include "sources/sourceopener.h"

using namespace Rewind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = RewindFuzz::writeInput(data, size, "emmett.sqlite");
    ReadReport report;
    if (auto source = SourceOpener::open(path, ReadOptions(), &report))
        RewindFuzz::walk(**source);
    return 0;
}
