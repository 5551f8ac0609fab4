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

namespace {
/// Whether two type names are the same when case and underscores are set aside: Marten writes
/// `item_added` for `ItemAdded`, other stores `MONEY_DEPOSITED`.
bool sameLoosely(QStringView type, QLatin1String name)
{
    qsizetype i = 0;
    qsizetype j = 0;
    for (;;) {
        while (i < type.size() && type[i] == u'_')
            ++i;
        while (j < name.size() && name[j] == '_')
            ++j;
        if (i == type.size() || j == name.size())
            return i == type.size() && j == name.size();
        if (type[i].toCaseFolded() != QChar(name[j]).toCaseFolded())
            return false;
        ++i;
        ++j;
    }
}
}

int EventTypeTable::indexOf(const QString& type) const
{
    // The exact spelling first: what almost every log writes, and the cheapest to compare.
    for (const Name& name : m_names) {
        if (type == name.name)
            return name.index;
    }
    for (const Name& name : m_names) {
        if (sameLoosely(type, name.name))
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
