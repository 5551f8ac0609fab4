#include "sources/mergedsource.h"

#include "sources/logsource.h"
#include "sources/memoryeventsource.h"

#include <QHash>

namespace Rewind {

Result<std::unique_ptr<EventSource>> MergedSource::merge(std::vector<std::unique_ptr<EventSource>> sources)
{
    const bool allLogs = std::all_of(sources.cbegin(), sources.cend(),
        [](const auto& source) { return dynamic_cast<const LogSource*>(source.get()) != nullptr; });
    const auto upcast = [](auto merged) -> Result<std::unique_ptr<EventSource>> {
        if (!merged)
            return merged.error();
        return std::unique_ptr<EventSource>(std::move(merged).value());
    };
    if (!allLogs)
        return upcast(mergeInMemory(std::move(sources)));
    std::vector<std::unique_ptr<LogSource>> logs;
    logs.reserve(sources.size());
    for (auto& source : sources)
        logs.emplace_back(static_cast<LogSource*>(source.release()));
    return upcast(LogSource::merge(std::move(logs)));
}

Result<std::unique_ptr<MemoryEventSource>> MergedSource::mergeInMemory(
    std::vector<std::unique_ptr<EventSource>> sources)
{
    QStringList paths;
    QStringList kinds;
    std::vector<QList<Event>> events;
    std::vector<bool> keepVersions;
    for (const auto& source : sources) {
        paths.append(source->path());
        if (!kinds.contains(source->kind()))
            kinds.append(source->kind());
        auto read = source->events();
        if (!read)
            return read.error();
        events.push_back(std::move(read).value());
        const auto* memory = dynamic_cast<const MemoryEventSource*>(source.get());
        const auto* log = dynamic_cast<const LogSource*>(source.get());
        keepVersions.push_back(memory ? memory->versionsGiven() : !log || log->versionsGiven());
    }

    auto merged = std::make_unique<MemoryEventSource>(
        paths.join(QStringLiteral(" + ")), QStringLiteral("merged (%1)").arg(kinds.join(QStringLiteral(", "))));
    std::vector<qsizetype> next(sources.size(), 0);
    std::vector<QHash<qint64, qint64>> newPosition(sources.size());
    qint64 position = 0;
    for (;;) {
        // A k-way merge: k is the number of files the user named, so a scan beats a heap.
        std::optional<size_t> pick;
        for (size_t i = 0; i < sources.size(); ++i) {
            if (next[i] < events[i].size() && (!pick || events[i].at(next[i]).at < events[*pick].at(next[*pick]).at))
                pick = i;
        }
        if (!pick)
            break;
        Event event = events[*pick].at(next[*pick]++);
        newPosition[*pick].insert(event.position, ++position);
        event.position = position;
        if (!keepVersions[*pick])
            event.version = 0;
        merged->addEvent(std::move(event));
    }
    for (size_t i = 0; i < sources.size(); ++i) {
        auto snapshots = sources[i]->snapshots();
        if (!snapshots)
            return snapshots.error();
        for (Snapshot& snapshot : *snapshots) {
            snapshot.position = newPosition[i].value(snapshot.position, 0);
            merged->addSnapshot(std::move(snapshot));
        }
    }
    merged->finish();
    if (const auto& problem = merged->numberingProblem())
        return Error::badInput(*problem, merged->path());
    return merged;
}

} // namespace Rewind
