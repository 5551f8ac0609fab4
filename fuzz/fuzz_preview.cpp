// The mapping dialog's preview: RecordPreview reads the head of any text log with the readers'
// own scanner and row parser, finds its keys, and parses its records under a mapping.

#include "fuzzinput.h"
#include "sources/recordpreview.h"

using namespace Rewind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = RewindFuzz::writeInput(data, size, "log");
    const Result<RecordPreview> preview = RecordPreview::load(path);
    if (!preview)
        return 0;
    (void)preview->apply(preview->detected());
    (void)preview->apply(FieldMapping());
    return 0;
}
