#pragma once

// What the domain tests share: events written as `Type {data}`, a fold that keeps the anomalies,
// and compact forms of states, anomalies and decided events to compare with literals.

#include "domains/domain.h"
#include "model/command.h"

#include <QJsonDocument>
#include <QStringList>

namespace RewindTest {

using namespace Rewind;

/// One event per line, versions 1, 2, 3 … in `stream`; the global position is ten times the
/// version, so a test can tell the two apart.
inline QList<Event> eventsFrom(const QString& stream, const QStringList& lines)
{
    QList<Event> events;
    for (const QString& line : lines) {
        Event event;
        event.stream = stream;
        event.version = events.size() + 1;
        event.position = event.version * 10;
        const qsizetype space = line.indexOf(QLatin1Char(' '));
        event.type = space < 0 ? line : line.left(space);
        event.data = space < 0 ? QByteArray("{}") : line.mid(space + 1).toUtf8();
        events.append(event);
    }
    return events;
}

struct Fold {
    std::unique_ptr<State> state;
    Anomalies anomalies;
};

inline Fold fold(const Domain& domain, const QList<Event>& events, std::unique_ptr<State> from = {})
{
    Fold result { from ? std::move(from) : domain.initialState(), {} };
    for (const Event& event : events)
        domain.evolve(*result.state, event, result.anomalies);
    return result;
}

inline QString compact(const QJsonObject& json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

inline QString compact(const JsonWriter& json) { return QString::fromUtf8(json.toJson()); }

inline QString compact(const JsonValue& json) { return QString::fromUtf8(json.toJson()); }

/// JSON text as an exact value (a test's literal: it must parse).
inline JsonValue json(const QString& text) { return JsonValue::parse(text.toUtf8()).value(); }

/// `kind@version`, what a person scanning the anomaly list sees first.
inline QStringList kinds(const Anomalies& anomalies)
{
    QStringList result;
    for (const Anomaly& anomaly : anomalies)
        result.append(anomaly.kind + QLatin1Char('@') + QString::number(anomaly.version));
    return result;
}

/// `withdraw` + `amount=100 by=alice`
inline Command commandFrom(const QString& name, const QString& args)
{
    Command command { name, {} };
    for (const QString& pair : args.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        command.args.insert(pair.left(equals), pair.mid(equals + 1));
    }
    return command;
}

/// `Type {data} {metadata}` for each event a command yields.
inline QStringList describe(const QList<NewEvent>& events)
{
    QStringList result;
    for (const NewEvent& event : events)
        result.append(event.type + QLatin1Char(' ') + compact(event.data) + QLatin1Char(' ') + compact(event.metadata));
    return result;
}

/// A stream driven by commands, as an application would: each accepted command's events are
/// folded into the state at once, with the next versions.
class CommandedStream {
public:
    CommandedStream(const Domain& domain, QString stream)
        : m_domain(domain)
        , m_stream(std::move(stream))
        , m_state(domain.initialState())
    {
    }

    /// The decision; when accepted, its events are already folded.
    Decision run(const QString& name, const QString& args)
    {
        Decision decision = m_domain.decide(commandFrom(name, args), *m_state);
        for (const NewEvent& decided : decision.events) {
            Event event;
            event.stream = m_stream;
            event.version = ++m_version;
            event.type = decided.type;
            event.data = decided.data.toJson();
            m_domain.evolve(*m_state, event, m_found);
        }
        return decision;
    }

    const State& state() const { return *m_state; }
    const Anomalies& anomalies() const { return m_found; }

private:
    const Domain& m_domain;
    QString m_stream;
    std::unique_ptr<State> m_state;
    Anomalies m_found;
    qint64 m_version = 0;
};

} // namespace RewindTest
