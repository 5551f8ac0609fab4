#include "replay/snapshotter.h"

#include "replay/verifier.h"

#include <QSet>

#include <unordered_map>

namespace Rewind {

Result<qint64> Snapshotter::takeEvery(
    EventStore& store, const DomainRegistry& domains, qint64 every, const QString& stream, const Domain* forcedDomain)
{
    if (every < 1)
        return Error::badInput(QStringLiteral("--every must be a positive number of events"));
    Verifier::Options options;
    options.stream = stream;
    options.domain = forcedDomain;
    const auto domainOf = Verifier::chooseDomains(store, domains, options);
    if (!domainOf)
        return domainOf.error();
    if (!stream.isEmpty() && domainOf->isEmpty())
        return Error::badInput(QStringLiteral("no stream '%1'").arg(stream), store.path());

    const auto saved = store.snapshots(stream);
    if (!saved)
        return saved.error();
    QSet<QPair<QString, qint64>> existing;
    for (const Snapshot& snapshot : *saved)
        existing.insert({ snapshot.stream, snapshot.version });

    std::unordered_map<QString, std::unique_ptr<State>> states;
    QList<Snapshot> taken;
    Anomalies ignored; // verify reports them; a snapshot records the fold as it is
    const Status status = store.readEvents({ stream }, [&](const Event& event) {
        const Domain* domain = domainOf->value(event.stream);
        std::unique_ptr<State>& state = states[event.stream];
        if (!state)
            state = domain->initialState();
        domain->evolve(*state, event, ignored);
        ignored.clear();
        if (event.version % every == 0 && !existing.contains({ event.stream, event.version }))
            taken.append({ event.stream, event.version, event.position, state->toJson(), event.at });
        return true;
    });
    if (!status)
        return status.error();
    if (Status saved = store.saveSnapshots(taken); !saved)
        return saved.error();
    return qint64(taken.size());
}

} // namespace Rewind
