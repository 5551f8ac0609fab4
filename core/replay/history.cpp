#include "replay/history.h"

#include "replay/verifier.h"
#include "sources/sourceopener.h"

#include <algorithm>

namespace Rewind {

History::~History() { delete m_late.load(std::memory_order_acquire); }

Result<std::unique_ptr<History>> History::open(
    const QString& path, const DomainRegistry& domains, const Progress& progress)
{
    auto source = SourceOpener::open(path);
    if (!source)
        return source.error();
    return analyze(std::move(source).value(), domains, progress);
}

Result<std::unique_ptr<History>> History::analyze(std::unique_ptr<EventSource> source, const DomainRegistry& domains,
    const Progress& progress, const Domain* forcedDomain)
{
    Options options;
    options.forcedDomain = forcedDomain;
    return analyze(std::move(source), domains, options, progress);
}

Result<std::unique_ptr<History>> History::analyze(std::unique_ptr<EventSource> source, const DomainRegistry& domains,
    const Options& options, const Progress& progress)
{
    auto history = openIndex(std::move(source), domains, options);
    if (!history)
        return history.error();
    if (const Status analysed = (*history)->completeAnalysis(progress); !analysed)
        return analysed.error();
    return history;
}

Result<std::unique_ptr<History>> History::openIndex(
    std::unique_ptr<EventSource> source, const DomainRegistry& domains, const Options& options)
{
    std::unique_ptr<History> history(new History);
    history->m_source = std::move(source);
    history->m_domains = &domains;
    history->m_options = options;
    HistoryIndex& index = history->m_index;
    if (const Status read = history->m_source->readIndex(index); !read)
        return read.error();

    // The streams and the types each one uses, from the index: no second pass over the events.
    const QStringList& streamNames = index.streamNames();
    QList<StreamInfo> streams(streamNames.size());
    std::vector<std::vector<qint32>> typesOf(size_t(streamNames.size()));
    QList<qint32> order; // streams by first appearance
    for (const HistoryIndex::Entry& entry : index.entries()) {
        StreamInfo& info = streams[entry.stream];
        if (info.eventCount++ == 0) {
            info.firstPosition = entry.position;
            order.append(entry.stream);
        }
        info.lastPosition = entry.position;
        info.lastVersion = std::max(info.lastVersion, entry.version);
        std::vector<qint32>& types = typesOf[size_t(entry.stream)];
        if (std::find(types.cbegin(), types.cend(), entry.type) == types.cend())
            types.push_back(entry.type);
    }
    for (qint32 stream : std::as_const(order)) {
        StreamInfo& info = streams[stream];
        info.id = streamNames.at(stream);
        const Domain* domain = options.domainOf.value(info.id, options.forcedDomain);
        if (!domain) {
            QStringList types;
            for (qint32 type : typesOf[size_t(stream)])
                types.append(index.typeNames().at(type));
            domain = &domains.chooseFor(types);
        }
        history->m_domainOf.insert(info.id, domain);
        history->m_early.streams.append(
            { info.id, domain, info.eventCount, info.lastVersion, info.firstPosition, info.lastPosition, 0 });
    }
    // Snapshot markers show at once; whether they match the replay is the analysis' business.
    const auto snapshots = history->m_source->snapshots();
    if (!snapshots)
        return snapshots.error();
    for (const Snapshot& snapshot : *snapshots)
        index.markSnapshot(snapshot.position);
    return history;
}

Status History::completeAnalysis(const Progress& progress) const
{
    const std::lock_guard<std::mutex> once(m_analyzing);
    if (late())
        return {};
    auto result = std::make_unique<Late>();
    result->checkpoints = CheckpointCache(m_options.checkpointInterval);
    Verifier::Options options;
    options.domain = m_options.forcedDomain;
    options.progress = progress;
    options.domains = m_domainOf;
    QList<StreamInfo> streams;
    for (const StreamAnalysis& stream : m_early.streams)
        streams.append({ stream.id, stream.eventCount, stream.firstPosition, stream.lastPosition, stream.lastVersion });
    options.streams = streams;
    CheckpointCache& checkpoints = result->checkpoints;
    options.onFolded = [&](const Event& event, const State& state, qint64 eventsInStream) {
        if (checkpoints.wants(eventsInStream))
            checkpoints.add(event.stream, domainOf(event.stream), event.position, event.version, event.at, state);
    };
    auto analysis = Verifier::analyze(*m_source, *m_domains, options);
    if (!analysis)
        return analysis.error();
    result->analysis = std::move(analysis).value();
    for (const SnapshotCheck& check : result->analysis.snapshots) {
        if (check.matches)
            result->matchingSnapshots[check.snapshot.stream].append(check.snapshot);
    }
    m_index.markAnalysis(result->analysis);
    m_late.store(result.release(), std::memory_order_release);
    return {};
}

const Analysis& History::analysis() const
{
    const Late* done = late();
    return done ? done->analysis : m_early;
}

const CheckpointCache& History::checkpoints() const
{
    const Late* done = late();
    return done ? done->checkpoints : m_noCheckpoints;
}

const Domain& History::domainOf(const QString& stream) const
{
    const Domain* domain = m_domainOf.value(stream);
    return domain ? *domain : m_domains->generic();
}

Anomalies History::anomaliesAt(qint64 position) const
{
    Anomalies found;
    const Anomalies& all = analysis().anomalies;
    auto it =
        std::lower_bound(all.cbegin(), all.cend(), position, [](const Anomaly& a, qint64 p) { return a.position < p; });
    for (; it != all.cend() && it->position == position; ++it)
        found.append(*it);
    return found;
}

const SnapshotCheck* History::snapshotAt(qint64 position) const
{
    for (const SnapshotCheck& check : analysis().snapshots) {
        if (check.snapshot.position == position)
            return &check;
    }
    return nullptr;
}

Result<StateAt> History::stateAt(const QString& stream, qint64 position) const
{
    const Replayer replayer(*m_source, domainOf(stream));
    const Late* done = late();
    if (!done)
        return replayer.replay(stream, position);
    return replayer.loadFrom(stream, position, done->matchingSnapshots.value(stream), &done->checkpoints);
}

Result<std::pair<JsonValue, JsonValue>> History::beforeAndAfter(qint64 position) const
{
    const auto read = eventAt(position);
    if (!read)
        return read.error();
    const Event& event = *read;
    if (event.position == 0)
        return Error::badInput(QStringLiteral("no event at position %1").arg(position), m_source->path());
    // Checkpoints are the replay's own states, so they are safe here; snapshots are not used: a
    // diff must show what the event did, even when a stale snapshot sits between the two points.
    const Replayer replayer(*m_source, domainOf(event.stream));
    const Late* done = late();
    const CheckpointCache* checkpoints = done ? &done->checkpoints : nullptr;
    const auto before = replayer.loadFrom(event.stream, position - 1, {}, checkpoints);
    if (!before)
        return before.error();
    const auto after = replayer.loadFrom(event.stream, position, {}, checkpoints);
    if (!after)
        return after.error();
    return std::pair { before->state->toJson(), after->state->toJson() };
}

} // namespace Rewind
