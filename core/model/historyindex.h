#pragma once

#include "model/analysis.h"
#include "model/event.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace Rewind {

/// A compact table of every event of a history, in global order: what the timeline and the
/// events table need to draw a million events without holding them (about 40 bytes an event).
/// The full event is read from the source on demand, by position.
class HistoryIndex {
public:
    enum Flag : quint32 {
        HasSnapshot = 1, ///< a snapshot was taken right after this event
        HasAnomaly = 2, ///< at least one anomaly is reported at this event
        SnapshotDiffers = 4, ///< that snapshot differs from the replay
    };

    struct Entry {
        qint64 position = 0;
        qint64 at = 0;
        qint64 version = 0;
        qint32 stream = 0; ///< index into streamNames()
        qint32 type = 0; ///< index into typeNames()
        quint32 flags = 0;
    };

    void append(const Event& event);
    /// For readers that intern names themselves: the ids are those streamId/typeId returned.
    void append(const Entry& entry) { m_entries.append(entry); }
    /// Many entries at once, taken over without a copy when the index is empty.
    void append(QList<Entry>&& entries);
    qint32 streamId(const QString& stream) { return intern(m_streams, m_streamIndex, stream); }
    qint32 typeId(const QString& type) { return intern(m_types, m_typeIndex, type); }
    void reserve(qsizetype size) { m_entries.reserve(size); }

    /// Marks the event a snapshot was taken after (before the snapshot is checked).
    void markSnapshot(qint64 position);
    /// Marks snapshots and anomalies from a finished analysis. Other threads may read flags()
    /// meanwhile: flags are written and read atomically.
    void markAnalysis(const Analysis& analysis);
    /// The row's flags, safe to read while markAnalysis runs on another thread.
    quint32 flags(qsizetype row) const;

    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    const Entry& entry(qsizetype row) const { return m_entries.at(row); }
    const QList<Entry>& entries() const { return m_entries; }

    const QStringList& streamNames() const { return m_streams; }
    const QStringList& typeNames() const { return m_types; }
    qint32 streamIndex(const QString& stream) const { return m_streamIndex.value(stream, -1); }

    /// The row of the event at `position`, or of the last one before it; -1 when none.
    qsizetype rowAtOrBefore(qint64 position) const;
    /// The row of the event at `position` exactly, or -1.
    qsizetype rowOf(qint64 position) const;
    /// The rows of one stream, in global order.
    QList<qsizetype> rowsOfStream(qint32 stream) const;

private:
    static qint32 intern(QStringList& names, QHash<QString, qint32>& index, const QString& name);
    void setFlags(qsizetype row, quint32 flags);

    QList<Entry> m_entries;
    QStringList m_streams;
    QStringList m_types;
    QHash<QString, qint32> m_streamIndex;
    QHash<QString, qint32> m_typeIndex;
};

} // namespace Rewind
