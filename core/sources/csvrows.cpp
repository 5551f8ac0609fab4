#include "sources/csvrows.h"

namespace Rewind {

char detectCsvSeparator(QByteArrayView firstLine)
{
    qsizetype counts[3] = { 0, 0, 0 };
    bool quoted = false;
    for (const char c : firstLine) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == ',')
            ++counts[0];
        else if (!quoted && c == ';')
            ++counts[1];
        else if (!quoted && c == '\t')
            ++counts[2];
    }
    if (counts[1] > counts[0] && counts[1] >= counts[2])
        return ';';
    if (counts[2] > counts[0])
        return '\t';
    return ',';
}

} // namespace Rewind
