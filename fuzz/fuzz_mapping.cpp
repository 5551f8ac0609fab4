// Mapping files (--mapping, the mapping dialog's saved files): FieldMapping::load, then the
// mapping at work on a record and on times, since a path or a time pattern is only used there.

#include "fuzzinput.h"
#include "sources/fieldmapping.h"
#include "sources/logrecord.h"

#include <string_view>

using namespace Rewind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = RewindFuzz::writeInput(data, size, "mapping.json");
    const Result<FieldMapping> mapping = FieldMapping::load(path);
    if (!mapping)
        return 0;
    (void)mapping->describe(true);

    // The dialog saves what it loaded: a mapping written out must read back as itself. Except
    // for a path that starts with U+FEFF: Qt 6.4's JSON parser drops a U+FEFF written as UTF-8
    // at the start of any string (docs/fuzzing.md), so each read takes one off, and a path of
    // U+FEFF alone comes back empty, which a mapping refuses.
    bool qtDropsAChar = false;
    for (int field = 0; field < FieldMapping::FieldCount; ++field)
        qtDropsAChar = qtDropsAChar || mapping->path(FieldMapping::Field(field)).startsWith(QChar(0xFEFF));
    const Result<FieldMapping> again = FieldMapping::fromJson(mapping->toJson());
    if ((!again || !(*again == *mapping)) && !qtDropsAChar)
        __builtin_trap();

    constexpr std::string_view record = R"({"entity":{"key":"acct-1"},"what":"Opened","n":1,"at":1785920400000,)"
                                        R"("when":"05.08.2026 09:00:00","args":{"amount":40},)"
                                        R"("meta":{"when":"2026-08-05T09:00:00Z"},"metadata":{"time":"3"}})";
    FieldMapping used;
    (void)LogRecord::fromJson(record, 0, *mapping, &used);
    (void)mapping->parseTime(QStringLiteral("05.08.2026 09:00:00"));
    (void)mapping->parseTime(QStringLiteral("1785920400"));
    (void)mapping->parseTime(1785920400.0);
    return 0;
}
