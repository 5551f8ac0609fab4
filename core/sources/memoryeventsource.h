#pragma once

#include "model/eventsource.h"

#include <QHash>

#include <optional>

namespace Rewind {

/// A history held in memory: what a parsed log file becomes. Readers append events in file order
/// and call `finish()`, which fills in what the file left out (versions per stream in file order,
/// positions in line order) and sorts by position.
class MemoryEventSource : public EventSource {
public:
    MemoryEventSource(QString path, QString kind);

    QString path() const override { return m_path; }
    QString kind() const override { return m_kind; }
    Result<qint64> eventCount() const override { return qint64(m_events.size()); }
    Result<QList<StreamInfo>> streams() const override;
    Result<QList<Snapshot>> snapshots(const QString& stream = {}) const override;
    Status readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const override;
    Result<Event> eventAt(qint64 position) const override;

    /// `event.version` or `event.position` 0 means "not given in the file".
    void addEvent(Event event);
    void reserve(qint64 events) { m_events.reserve(qsizetype(events)); }
    void addSnapshot(Snapshot snapshot);
    void finish();
    /// False when the file gave no version at all and finish() numbered them: a merge of several
    /// such files numbers a stream's events across the files instead.
    bool versionsGiven() const { return m_versionsGiven; }
    /// Why finish() could not number an event, if it could not: after version or position
    /// 9223372036854775807 there is no next one. Readers report it as the file's error.
    const std::optional<QString>& numberingProblem() const { return m_numberingProblem; }

    /// Lines the reader describes for `info` (the field mapping it detected, …).
    QStringList notes() const { return m_notes; }
    void addNote(const QString& note) { m_notes.append(note); }

private:
    QString m_path;
    QString m_kind;
    QList<Event> m_events;
    QList<Snapshot> m_snapshots;
    QStringList m_notes;
    bool m_versionsGiven = false;
    std::optional<QString> m_numberingProblem;
};

} // namespace Rewind
