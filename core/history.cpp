#include "history.h"

#include "sourceopener.h"
#include "verifier.h"

namespace Rewind {

Result<std::unique_ptr<History>> History::open(
    const QString& path, const DomainRegistry& domains, const Progress& progress)
{
    auto source = SourceOpener::open(path);
    if (!source)
        return source.error();
    return analyze(std::move(source).value(), domains, progress);
}

Result<std::unique_ptr<History>> History::analyze(std::unique_ptr<EventSource> source,
    const DomainRegistry& domains, const Progress& progress, const Domain* forcedDomain)
{
    std::unique_ptr<History> history(new History);
    history->m_source = std::move(source);
    history->m_domains = &domains;
    Verifier::Options options;
    options.domain = forcedDomain;
    options.progress = progress;
    options.onEvent = [&](const Event& event) { history->m_index.append(event); };
    auto analysis = Verifier::analyze(*history->m_source, domains, options);
    if (!analysis)
        return analysis.error();
    history->m_analysis = std::move(analysis).value();
    history->m_index.markAnalysis(history->m_analysis);
    for (const StreamAnalysis& stream : history->m_analysis.streams)
        history->m_domainOf.insert(stream.id, stream.domain);
    for (const SnapshotCheck& check : history->m_analysis.snapshots) {
        if (check.matches)
            history->m_matchingSnapshots[check.snapshot.stream].append(check.snapshot);
    }
    return history;
}

const Domain& History::domainOf(const QString& stream) const
{
    const Domain* domain = m_domainOf.value(stream);
    return domain ? *domain : m_domains->generic();
}

Anomalies History::anomaliesAt(qint64 position) const
{
    Anomalies found;
    const Anomalies& all = m_analysis.anomalies;
    auto it = std::lower_bound(
        all.cbegin(), all.cend(), position, [](const Anomaly& a, qint64 p) { return a.position < p; });
    for (; it != all.cend() && it->position == position; ++it)
        found.append(*it);
    return found;
}

const SnapshotCheck* History::snapshotAt(qint64 position) const
{
    for (const SnapshotCheck& check : m_analysis.snapshots) {
        if (check.snapshot.position == position)
            return &check;
    }
    return nullptr;
}

Result<StateAt> History::stateAt(const QString& stream, qint64 position) const
{
    const Replayer replayer(*m_source, domainOf(stream));
    return replayer.loadFrom(stream, position, m_matchingSnapshots.value(stream));
}

Result<std::pair<QJsonObject, QJsonObject>> History::beforeAndAfter(qint64 position) const
{
    const Event event = eventAt(position);
    if (event.position == 0)
        return Error::badInput(QStringLiteral("no event at position %1").arg(position), m_source->path());
    const Replayer replayer(*m_source, domainOf(event.stream));
    // Full replays here, not snapshot loads: a diff must show what the event did, even when a
    // stale snapshot sits between the two points.
    const auto before = replayer.replay(event.stream, position - 1);
    if (!before)
        return before.error();
    const auto after = replayer.replay(event.stream, position);
    if (!after)
        return after.error();
    return std::pair { before->state->toJson(), after->state->toJson() };
}

} // namespace Rewind
