// Rewind's own store, as a file someone handed over: EventStore opened read-only, then every read
// the window and the command line make, the packed index (StoreIndex) included.

#include "fuzzinput.h"
#include "store/eventstore.h"

using namespace Rewind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = RewindFuzz::writeInput(data, size, "store.rwd");
    if (auto store = EventStore::open(path, EventStore::Mode::ReadOnly)) {
        RewindFuzz::walk(**store);
        if (const auto streams = (*store)->streams()) {
            for (const StreamInfo& stream : *streams)
                (void)(*store)->streamVersion(stream.id);
        }
    }
    return 0;
}
