#pragma once

#include <QLatin1String>
#include <QList>
#include <QStringList>

#include <initializer_list>

namespace Rewind {

/// A domain's event types: each canonical name with the other names that mean the same
/// (`Deposited` ← `MoneyDeposited`). One table feeds the list a person reads (`eventTypes`), the
/// alias lookup (`canonicalType`) and the switch in `evolve` (`indexOf`, in table order), so a
/// type cannot be known to one and missing from another. Names match as field names do, case
/// and `_` set aside: `deposited`, `money_deposited` (Marten's spelling) are the bank's.
class EventTypeTable {
public:
    struct Type {
        QLatin1String canonical;
        std::initializer_list<QLatin1String> aliases;
    };

    EventTypeTable(std::initializer_list<Type> types);

    /// The canonical names, in table order.
    QStringList names() const;
    /// The position in the table of the type `type` names, or -1 when the domain does not know it.
    int indexOf(const QString& type) const;
    /// The canonical name of `type`, or an empty string when the domain does not know it.
    QString canonical(const QString& type) const;

private:
    struct Name {
        QLatin1String name;
        int index;
    };
    QList<QLatin1String> m_canonical;
    QList<Name> m_names; ///< every canonical name and alias with its entry; a handful, so a scan
};

} // namespace Rewind
