#include "replay/verifier.h"

#include <QSet>

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

namespace Rewind {

namespace {
/// A hash of a name's UTF-16 units for the maps a pass looks a stream up in for every event:
/// cheaper than qHash's SipHash, which was a tenth of a pass over a million events.
struct QuickStringHash {
    size_t operator()(const QString& text) const noexcept
    {
        size_t hash = size_t(text.size()) * 0x9E3779B97F4A7C15ULL;
        for (const QChar c : text)
            hash = (hash ^ c.unicode()) * 0x100000001B3ULL;
        return hash ^ (hash >> 29);
    }
};

/// The types met in one stream, in the order met: a list while they are few (a stream has a
/// handful), a set beside it once they are many.
class StreamTypes {
public:
    void add(const QString& type)
    {
        if (m_list.size() <= 16 ? m_list.contains(type) : m_set.contains(type))
            return;
        m_list.append(type);
        if (m_list.size() > 16)
            m_set = QSet<QString>(m_list.cbegin(), m_list.cend());
    }
    const QStringList& list() const { return m_list; }

private:
    QStringList m_list;
    QSet<QString> m_set;
};
}

bool Analysis::clean() const
{
    return anomalies.isEmpty()
        && std::all_of(snapshots.cbegin(), snapshots.cend(), [](const SnapshotCheck& c) { return c.matches; });
}

const StreamAnalysis* Analysis::stream(const QString& id) const
{
    const auto it = std::find_if(streams.cbegin(), streams.cend(), [&](const StreamAnalysis& s) { return s.id == id; });
    return it == streams.cend() ? nullptr : &*it;
}

Result<QHash<QString, const Domain*>> Verifier::chooseDomains(
    const EventSource& source, const DomainRegistry& domains, const Options& options)
{
    QHash<QString, const Domain*> chosen;
    if (options.domain) {
        // Forced: the list of streams says everything, no event needs reading.
        auto listed = options.streams ? Result<QList<StreamInfo>>(*options.streams) : source.streams();
        if (!listed)
            return listed.error();
        for (const StreamInfo& info : std::as_const(*listed)) {
            if (options.stream.isEmpty() || info.id == options.stream)
                chosen.insert(info.id, options.domain);
        }
        return chosen;
    }
    std::unordered_map<QString, StreamTypes, QuickStringHash> typesOf; // nodes stay put as it grows
    EventFilter filter { options.stream };
    filter.withMetadata = false; // the types are all it looks at
    filter.withData = false;
    filter.withTimes = false;
    // Runs of one stream skip the lookup; a stream's few types are compared, not hashed.
    const QString* lastStream = nullptr;
    StreamTypes* types = nullptr;
    const Status status = source.readEvents(filter, [&](const Event& event) {
        if (!lastStream || event.stream != *lastStream) {
            const auto it = typesOf.try_emplace(event.stream).first;
            lastStream = &it->first;
            types = &it->second;
        }
        types->add(event.type);
        return true;
    });
    if (!status)
        return status.error();
    for (const auto& [stream, met] : typesOf)
        chosen.insert(stream, &domains.chooseFor(met.list()));
    return chosen;
}

namespace {
/// What the pass keeps for each stream while it walks the log.
struct Fold {
    StreamAnalysis* analysis = nullptr;
    std::unique_ptr<State> state;
    QList<Snapshot> pendingSnapshots; ///< by version, ascending
};

/// "/balance is 2500 in the snapshot, 2079.25 in the replay", or the paths when there are many.
QString describeDifferences(const QList<Change>& differences)
{
    if (differences.size() == 1) {
        const Change& change = differences.first();
        const auto text = [](const JsonValue& v) {
            return v.isUndefined() ? QStringLiteral("missing") : QString::fromUtf8(v.toJson());
        };
        return QStringLiteral("%1 is %2 in the snapshot, %3 in the replay")
            .arg(change.path, text(change.value), text(change.old));
    }
    QStringList paths;
    for (const Change& change : differences.mid(0, 3))
        paths.append(change.path);
    if (differences.size() > 3)
        paths.append(QStringLiteral("%1 more").arg(differences.size() - 3));
    return QStringLiteral("%1 fields differ (%2)").arg(differences.size()).arg(paths.join(QLatin1String(", ")));
}
}

Result<Analysis> Verifier::analyze(const EventSource& source, const DomainRegistry& domains, const Options& options)
{
    auto domainOf = options.domains ? Result<QHash<QString, const Domain*>>(*options.domains)
                                    : chooseDomains(source, domains, options);
    if (!domainOf)
        return domainOf.error();

    auto listed = options.streams ? Result<QList<StreamInfo>>(*options.streams) : source.streams();
    if (!listed)
        return listed.error();
    Analysis analysis;
    qint64 total = 0;
    EventFilter filter { options.stream };
    filter.toPosition = 0;
    for (const StreamInfo& info : std::as_const(*listed)) {
        if (!options.stream.isEmpty() && info.id != options.stream)
            continue;
        analysis.streams.append(
            { info.id, domainOf->value(info.id, &domains.generic()), 0, 0, info.firstPosition, info.lastPosition, 0 });
        total += info.eventCount;
        filter.toPosition = std::max(filter.toPosition, info.lastPosition);
    }
    filter.toPosition = std::min(filter.toPosition, options.through);
    std::unordered_map<QString, Fold, QuickStringHash> folds;
    for (StreamAnalysis& stream : analysis.streams) {
        auto snapshots = source.snapshots(stream.id);
        if (!snapshots)
            return snapshots.error();
        folds.emplace(stream.id, Fold { &stream, stream.domain->initialState(), std::move(snapshots).value() });
    }

    qint64 done = 0;
    bool cancelled = false;
    std::optional<Error> unlisted;
    filter.withMetadata = bool(options.onEvent); // domains fold data only
    // The pass covers the events the streams were listed with: those a writer appends meanwhile
    // are left to the next one, so an event of a stream the list lacks means the source
    // contradicts itself.
    qint64 lastPosition = 0;
    const Status status = source.readEvents(filter, [&](const Event& event) {
        const auto found = folds.find(event.stream);
        if (found == folds.end()) {
            unlisted = Error::failure(
                QStringLiteral("the event at position %1 is in stream %2, which the list of streams does not have")
                    .arg(event.position)
                    .arg(event.stream),
                source.path());
            return false;
        }
        // Reads come in position order: a position seen just before belongs to two events.
        if (event.position == lastPosition)
            analysis.anomalies.append(Anomaly::at(event, AnomalyKind::PositionDuplicate,
                QStringLiteral("global position %1 is held by another event too").arg(event.position)));
        lastPosition = event.position;
        Fold& fold = found->second;
        StreamAnalysis& stream = *fold.analysis;
        const qint64 expected = stream.lastVersion + 1;
        if (stream.eventCount > 0 && event.version == stream.lastVersion)
            analysis.anomalies.append(Anomaly::at(
                event, AnomalyKind::VersionDuplicate, QStringLiteral("version %1 appears twice").arg(event.version)));
        else if (event.version < expected)
            analysis.anomalies.append(Anomaly::at(event, AnomalyKind::OutOfOrder,
                QStringLiteral("version %1 comes after version %2").arg(event.version).arg(stream.lastVersion)));
        else if (event.version > expected)
            analysis.anomalies.append(Anomaly::at(event, AnomalyKind::VersionGap,
                event.version == expected + 1
                    ? QStringLiteral("version %1 is missing").arg(expected)
                    : QStringLiteral("versions %1 to %2 are missing").arg(expected).arg(event.version - 1)));

        stream.domain->evolve(*fold.state, event, analysis.anomalies);
        ++stream.eventCount;
        if (options.onFolded)
            options.onFolded(event, *fold.state, stream.eventCount);
        stream.lastVersion = std::max(stream.lastVersion, event.version);

        while (!fold.pendingSnapshots.isEmpty() && fold.pendingSnapshots.first().version <= event.version) {
            Snapshot snapshot = fold.pendingSnapshots.takeFirst();
            SnapshotCheck check { snapshot, true, snapshot.version == event.version, {} };
            if (check.found) {
                check.differences = StateDiff::between(fold.state->toJson(), snapshot.state);
                check.matches = check.differences.isEmpty();
            } else {
                check.matches = false;
            }
            if (!check.matches) {
                const QString what = check.found
                    ? QStringLiteral("snapshot at version %1 differs from the replay: %2")
                          .arg(snapshot.version)
                          .arg(describeDifferences(check.differences))
                    : QStringLiteral("snapshot at version %1 names a version the stream does not have")
                          .arg(snapshot.version);
                analysis.anomalies.append(Anomaly::at(event, AnomalyKind::SnapshotMismatch, what));
            }
            analysis.snapshots.append(std::move(check));
        }

        if (options.onEvent)
            options.onEvent(event);
        ++done;
        if (options.progress && done % 16384 == 0 && !options.progress(done, total)) {
            cancelled = true;
            return false;
        }
        return true;
    });
    if (!status)
        return status.error();
    if (unlisted)
        return *unlisted;
    if (cancelled)
        return Error::cancelled(source.path());

    for (const auto& [id, fold] : folds) {
        if (options.onStreamFolded)
            options.onStreamFolded(id, *fold.state);
    }
    // Snapshots beyond the last event of their stream (a pass that stopped early has not seen it).
    if (options.through == std::numeric_limits<qint64>::max()) {
        for (auto& [id, fold] : folds) {
            for (Snapshot& snapshot : fold.pendingSnapshots) {
                analysis.anomalies.append({ QLatin1String(AnomalyKind::SnapshotMismatch), snapshot.stream,
                    snapshot.version, snapshot.position,
                    QStringLiteral("snapshot at version %1 names a version the stream does not have")
                        .arg(snapshot.version) });
                analysis.snapshots.append({ std::move(snapshot), false, false, {} });
            }
        }
    }

    std::stable_sort(analysis.anomalies.begin(), analysis.anomalies.end(),
        [](const Anomaly& a, const Anomaly& b) { return a.position < b.position; });
    for (const Anomaly& anomaly : std::as_const(analysis.anomalies)) {
        if (auto it = folds.find(anomaly.stream); it != folds.end())
            ++it->second.analysis->anomalyCount;
    }
    return analysis;
}

} // namespace Rewind
