#include "model/command.h"

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

QString Command::argument(std::initializer_list<QLatin1String> keys) const
{
    for (auto it = args.cbegin(); it != args.cend(); ++it) {
        const QString key = normalizedName(it.key());
        for (const QLatin1String wanted : keys) {
            if (key == wanted)
                return it.value().trimmed();
        }
    }
    return {};
}

} // namespace Rewind
