#pragma once

#include "domains/domainregistry.h"
#include "model/analysis.h"
#include "model/eventsource.h"
#include "model/historyindex.h"
#include "replay/checkpointcache.h"
#include "replay/replayer.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace Rewind {

/// How History opens a source.
struct HistoryOptions {
    const Domain* forcedDomain = nullptr; ///< applies one domain to every stream
    /// A person's choice for some streams (the window's domain menu); wins over both the
    /// automatic choice and forcedDomain.
    QHash<QString, const Domain*> domainOf;
    qint64 checkpointInterval = CheckpointCache::DefaultInterval;
};

/// An opened history as the debugger sees it: the source, the compact index, one analysis pass
/// (domains, anomalies, snapshot checks) with the checkpoint cache it builds, and the state of
/// any stream at any position.
///
/// Opening has two phases, so a window is usable long before a million events are analysed:
/// `openIndex` reads only what the index needs (the window can show the events, the timeline and
/// states at once), then `completeAnalysis` folds every event once, on a worker thread, while
/// other threads keep reading; its results (anomalies, snapshot checks, checkpoints) appear
/// together when it is done. `open` and `analyze` do both phases in one call.
class History {
public:
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    using Options = HistoryOptions;

    ~History();

    /// Opens `path` with SourceOpener and analyses it.
    static Result<std::unique_ptr<History>> open(
        const QString& path, const DomainRegistry& domains, const Progress& progress = {});
    /// Indexes and analyses an already opened source. `forcedDomain` applies one domain to every stream.
    static Result<std::unique_ptr<History>> analyze(std::unique_ptr<EventSource> source, const DomainRegistry& domains,
        const Progress& progress = {}, const Domain* forcedDomain = nullptr);
    static Result<std::unique_ptr<History>> analyze(std::unique_ptr<EventSource> source, const DomainRegistry& domains,
        const Options& options, const Progress& progress = {});
    /// The fast phase: the index, the streams and their domains, the snapshots' places; no
    /// analysis and no checkpoints yet (states are full replays until completeAnalysis is done).
    static Result<std::unique_ptr<History>> openIndex(
        std::unique_ptr<EventSource> source, const DomainRegistry& domains, const Options& options = {});

    /// The slow phase: one pass over every event finds anomalies, checks snapshots and keeps
    /// checkpoints, then publishes them all at once. Safe to run on a worker thread while other
    /// threads read this history; runs at most once (later calls return at once).
    Status completeAnalysis(const Progress& progress = {}) const;
    /// True once completeAnalysis has published its results.
    bool isAnalyzed() const { return m_late.load(std::memory_order_acquire) != nullptr; }

    const EventSource& source() const { return *m_source; }
    /// The analysis; until isAnalyzed(), only its streams (with their domains and counts).
    const Analysis& analysis() const;
    const HistoryIndex& index() const { return m_index; }
    /// The checkpoints; empty until isAnalyzed().
    const CheckpointCache& checkpoints() const;

    /// The domains this history was opened with: those a new stream can be given.
    const DomainRegistry& domains() const { return *m_domains; }
    /// The domain chosen for a stream (generic when the stream is unknown).
    const Domain& domainOf(const QString& stream) const;
    /// The event at a global position, read from the source.
    Result<Event> eventAt(qint64 position) const { return m_source->eventAt(position); }
    /// The anomalies reported at one event.
    Anomalies anomaliesAt(qint64 position) const;
    /// The snapshot taken right after the event at `position`, if any (once analysed).
    const SnapshotCheck* snapshotAt(qint64 position) const;

    /// The state of `stream` after every one of its events with position ≤ `position`, loaded
    /// the fastest way known: the latest checkpoint or snapshot that matches the replay before
    /// it, then at most a checkpoint interval of events. A snapshot that differs from the replay
    /// (or is not checked yet) is never used: the window shows the truth.
    Result<StateAt> stateAt(const QString& stream, qint64 position) const;
    /// The state just before the event at `position` and just after it, for diffs.
    Result<std::pair<JsonValue, JsonValue>> beforeAndAfter(qint64 position) const;

private:
    /// What the analysis pass produces, published once.
    struct Late {
        Analysis analysis;
        CheckpointCache checkpoints;
        QHash<QString, QList<Snapshot>> matchingSnapshots; ///< the ones a load may start from
    };

    History() = default;
    const Late* late() const { return m_late.load(std::memory_order_acquire); }

    std::unique_ptr<EventSource> m_source;
    const DomainRegistry* m_domains = nullptr;
    Options m_options;
    /// Flags are marked by completeAnalysis after publication; HistoryIndex makes that safe.
    mutable HistoryIndex m_index;
    QHash<QString, const Domain*> m_domainOf;
    Analysis m_early; ///< the streams only, until the analysis is done
    CheckpointCache m_noCheckpoints;
    mutable std::mutex m_analyzing;
    mutable std::atomic<const Late*> m_late = nullptr;
};

} // namespace Rewind
