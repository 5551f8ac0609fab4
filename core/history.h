#pragma once

#include "analysis.h"
#include "domainregistry.h"
#include "eventsource.h"
#include "historyindex.h"
#include "replayer.h"

#include <functional>
#include <memory>

namespace Rewind {

/// An opened history as the debugger sees it: the source, one analysis pass (domains, anomalies,
/// snapshot checks), the compact index, and the state of any stream at any position.
/// Built once (in the background, by the window) and then only read, so it can be shared
/// with worker threads.
class History {
public:
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    /// Opens `path` with SourceOpener and analyses it.
    static Result<std::unique_ptr<History>> open(
        const QString& path, const DomainRegistry& domains, const Progress& progress = {});
    /// Analyses an already opened source. `forcedDomain` applies one domain to every stream.
    static Result<std::unique_ptr<History>> analyze(std::unique_ptr<EventSource> source,
        const DomainRegistry& domains, const Progress& progress = {}, const Domain* forcedDomain = nullptr);

    const EventSource& source() const { return *m_source; }
    const Analysis& analysis() const { return m_analysis; }
    const HistoryIndex& index() const { return m_index; }

    /// The domain chosen for a stream (generic when the stream is unknown).
    const Domain& domainOf(const QString& stream) const;
    /// The event at a global position, read from the source.
    Event eventAt(qint64 position) const { return m_source->eventAt(position); }
    /// The anomalies reported at one event.
    Anomalies anomaliesAt(qint64 position) const;
    /// The snapshot taken right after the event at `position`, if any.
    const SnapshotCheck* snapshotAt(qint64 position) const;

    /// The state of `stream` after every one of its events with position ≤ `position`, loaded
    /// the fastest way known (a snapshot that matches the replay, then the events after it).
    /// A snapshot that differs from the replay is never used: the window shows the truth.
    Result<StateAt> stateAt(const QString& stream, qint64 position) const;
    /// The state just before the event at `position` and just after it, for diffs.
    Result<std::pair<QJsonObject, QJsonObject>> beforeAndAfter(qint64 position) const;

private:
    History() = default;

    std::unique_ptr<EventSource> m_source;
    const DomainRegistry* m_domains = nullptr;
    Analysis m_analysis;
    HistoryIndex m_index;
    QHash<QString, const Domain*> m_domainOf;
    QHash<QString, QList<Snapshot>> m_matchingSnapshots; ///< the ones a load may start from
};

} // namespace Rewind
