#pragma once

#include "model/jsonwriter.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <initializer_list>

namespace Rewind {

/// A request to change an aggregate, decided against its current state. Unlike an event it can
/// be refused. Arguments arrive as text (`amount=100 by=alice`); the domain parses them.
struct Command {
    QString name; ///< `withdraw`, `add-item`, `AddItem` … matched without case, `-` or `_`
    QMap<QString, QString> args;

    QString arg(const QString& key) const { return args.value(key); }
    /// The first argument whose key matches one of `keys` (normalized names: `unitprice`) the
    /// way command names match, so `unit-price`, `unitPrice` and `unit_price` are one key.
    /// Trimmed; empty when there is none.
    QString argument(std::initializer_list<QLatin1String> keys) const;
    /// `AddItem`, `add-item`, `add_item` → `additem`
    static QString normalizedName(const QString& name);
};

/// One argument a command takes, for a form that asks for it (the window's command panel) and
/// for help texts. The key is what `Command::args` is filled under.
struct CommandArgument {
    QString key; ///< `amount`, `sku`, `unitPrice`
    QString hint; ///< what to type: `100.00`, `a person's name`
    bool required = false;
};

/// An event a command decided on, before the store gives it a version and a position.
struct NewEvent {
    QString type;
    JsonWriter data; ///< written as it is: amounts keep every digit the command decided on
    JsonWriter metadata;
};

/// What a command yields: events (facts to append), or a refusal with its reason and nothing else.
struct Decision {
    QList<NewEvent> events;
    QString refusal; ///< empty when accepted

    bool refused() const { return !refusal.isEmpty(); }
    static Decision refuse(QString reason)
    {
        Decision d;
        d.refusal = std::move(reason);
        return d;
    }
    static Decision accept(QList<NewEvent> events)
    {
        Decision d;
        d.events = std::move(events);
        return d;
    }
};

} // namespace Rewind
