#pragma once

#include "model/anomaly.h"
#include "model/command.h"
#include "model/event.h"
#include "model/state.h"

#include <QStringList>

#include <memory>

namespace Rewind {

/// How the events of one kind of aggregate fold into state (`evolve`), and how commands are
/// decided against that state (`decide`). Events are facts: `evolve` applies every event it
/// knows, and reports a broken rule as an anomaly instead of refusing it.
class Domain {
public:
    virtual ~Domain() = default;

    virtual QString name() const = 0;
    /// What tells this domain apart from another of the same name, for the analysis cache's key:
    /// the name for a built-in domain, the name and the file's contents for a script.
    virtual QByteArray identity() const { return name().toUtf8(); }
    /// The canonical event types, in the order a person would read them.
    virtual QStringList eventTypes() const = 0;
    /// The canonical name of `type` (`AccountOpened` → `Opened`), or an empty string when this
    /// domain does not know it.
    virtual QString canonicalType(const QString& type) const = 0;
    bool knows(const QString& type) const { return !canonicalType(type).isEmpty(); }

    virtual std::unique_ptr<State> initialState() const = 0;
    /// A state from its JSON form, for snapshots. Missing fields take their initial values.
    virtual std::unique_ptr<State> stateFromJson(const JsonValue& json) const = 0;
    /// Applies `event` to `state`. Broken rules are appended to `found`; an event of an unknown
    /// type leaves the state as it was and is reported as `unknown-type`.
    virtual void evolve(State& state, const Event& event, Anomalies& found) const = 0;

    /// The commands `decide` understands, canonical names (`withdraw`, `add-item`).
    virtual QStringList commandNames() const { return {}; }
    virtual Decision decide(const Command& command, const State& state) const;
    /// The arguments `command` reads, in the order a person fills them in; empty when the domain
    /// does not say (a script's commands take whatever `key=value` pairs they read).
    virtual QList<CommandArgument> commandArguments(const QString& command) const;
    /// What `evolve` does with an event of this canonical type, in one line a class can read
    /// beside the fold (`balance += amount`); empty when the domain does not say.
    virtual QString handlerText(const QString& type) const;

    /// The JSON Pointer of the number worth charting over time (`/balance`), or empty.
    virtual QString chartPath() const { return {}; }

    /// One line that says what the event did, for the events table: `+1,000.00 by alice`. The
    /// default, for types the domain does not describe, is the event's data in one line.
    virtual QString summary(const Event& event) const;
    /// Whether a field of this name, in the state or in event data, holds money (`balance`,
    /// `unitPrice`): the window shows it as `1,000.00`.
    virtual bool isMoney(const QString& field) const;

protected:
    Domain() = default;
};

} // namespace Rewind
