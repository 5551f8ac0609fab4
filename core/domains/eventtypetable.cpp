#include "domains/eventtypetable.h"

namespace Rewind {

EventTypeTable::EventTypeTable(std::initializer_list<Type> types)
{
    // The nested lists live only as long as the expression that built the table: copied here.
    for (const Type& type : types) {
        const int index = int(m_canonical.size());
        m_canonical.append(type.canonical);
        m_names.append({ type.canonical, index });
        for (const QLatin1String alias : type.aliases)
            m_names.append({ alias, index });
    }
}

QStringList EventTypeTable::names() const
{
    QStringList names;
    names.reserve(m_canonical.size());
    for (const QLatin1String name : m_canonical)
        names.append(name);
    return names;
}

int EventTypeTable::indexOf(const QString& type) const
{
    for (const Name& name : m_names) {
        if (type == name.name)
            return name.index;
    }
    return -1;
}

QString EventTypeTable::canonical(const QString& type) const
{
    const int index = indexOf(type);
    return index < 0 ? QString() : QString(m_canonical.at(index));
}

} // namespace Rewind
