#include "command.h"

namespace Rewind {

QString Command::normalizedName(const QString& name)
{
    // People type `add-item`, `add_item` or `AddItem`; all of them mean the same command.
    QString normalized;
    normalized.reserve(name.size());
    for (const QChar c : name) {
        if (c != QLatin1Char('-') && c != QLatin1Char('_'))
            normalized += c.toLower();
    }
    return normalized;
}

} // namespace Rewind
