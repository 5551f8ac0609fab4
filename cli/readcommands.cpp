#include "cli/arguments.h"
#include "cli/commandline.h"
#include "cli/openedsource.h"
#include "model/eventtime.h"
#include "model/statediff.h"
#include "replay/analysiscache.h"
#include "replay/replayer.h"
#include "replay/verifier.h"
#include "sources/sourceopener.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

#include <optional>

namespace Rewind {

using namespace Cli;

namespace {
QList<JsonWriter> toJsonWriters(const Anomalies& anomalies)
{
    QList<JsonWriter> list;
    for (const Anomaly& anomaly : anomalies)
        list.append(anomaly.toJsonWriter());
    return list;
}

/// The state of `stream` at `position` as `state` shows it, and the stream's anomalies up to there.
using StateAnswer = std::pair<StateAt, Anomalies>;

/// A system that keeps snapshots loads the latest one and the events since: the state shown is
/// that load's, even from a snapshot that differs from the replay (its anomaly says so).
Result<std::optional<Snapshot>> latestSnapshot(const EventSource& source, const QString& stream, qint64 position)
{
    const auto snapshots = source.snapshots(stream);
    if (!snapshots)
        return snapshots.error();
    std::optional<Snapshot> latest;
    for (const Snapshot& snapshot : *snapshots) {
        if (snapshot.position > 0 && snapshot.position <= position && (!latest || snapshot.position > latest->position))
            latest = snapshot;
    }
    return latest;
}

/// Without the cache: one pass up to the point gives the anomalies of the stream so far (a
/// snapshot must not hide what happened before it) and the replayed state there.
Result<StateAnswer> stateInOnePass(const EventSource& source, const Replayer& replayer, const Domain& domain,
    const QString& stream, qint64 position, const DomainRegistry& domains)
{
    Verifier::Options options;
    options.stream = stream;
    options.domain = &domain;
    options.through = position;
    StateAt result;
    result.state = domain.initialState();
    options.onFolded = [&result](const Event& event, const State&, qint64) {
        result.version = event.version;
        result.position = event.position;
        result.at = event.at;
        result.eventsApplied += 1;
    };
    options.onStreamFolded = [&result](const QString&, const State& state) { result.state = state.clone(); };
    auto analysis = Verifier::analyze(source, domains, options);
    if (!analysis)
        return analysis.error();
    const auto snapshot = latestSnapshot(source, stream, position);
    if (!snapshot)
        return snapshot.error();
    if (*snapshot) {
        auto loaded = replayer.load(stream, position);
        if (!loaded)
            return loaded.error();
        result = std::move(loaded).value();
    }
    return StateAnswer { std::move(result), std::move(analysis->anomalies) };
}

/// With the cache: the latest checkpoint at or before the point and the events since, or the
/// latest snapshot where loading would start from it; the anomalies come from the cache.
Result<StateAnswer> stateFromCache(const EventSource& source, const Replayer& replayer, const Domain& domain,
    const AnalysisCache::Contents& cached, const QString& stream, qint64 position)
{
    const auto snapshot = latestSnapshot(source, stream, position);
    if (!snapshot)
        return snapshot.error();
    const AnalysisCache::Checkpoint* checkpoint = cached.checkpointBefore(stream, position);
    // A matching snapshot and the checkpoint hold the same state: the later one is the shorter
    // way. A stale snapshot is what a load would start from, so it is used whatever its place.
    const bool fromSnapshot = *snapshot
        && (!checkpoint || (*snapshot)->position >= checkpoint->position
            || !cached.snapshotMatches(stream, (*snapshot)->version));
    Result<StateAt> result = Error::failure({});
    if (fromSnapshot) {
        result = replayer.load(stream, position);
    } else if (checkpoint) {
        const auto state = JsonValue::parse(checkpoint->state);
        if (!state)
            return Error::failure(QStringLiteral("a damaged checkpoint in the analysis cache"), source.path());
        StateAt start;
        start.stream = stream;
        start.state = domain.stateFromJson(*state);
        start.version = checkpoint->version;
        start.position = checkpoint->position;
        start.at = checkpoint->at;
        start.fromCheckpoint = checkpoint->version;
        result = replayer.resume(std::move(start), position);
    } else {
        result = replayer.replay(stream, position);
    }
    if (!result)
        return result.error();
    Anomalies anomalies = cached.anomaliesOf(stream, result->position);
    return StateAnswer { std::move(result).value(), std::move(anomalies) };
}

/// Where version N of a stream whose versions only grow is: at most one checkpoint interval
/// after the latest checkpoint at or before N, so only that interval is read.
Result<qint64> positionOfVersion(
    const EventSource& source, const AnalysisCache::Contents& cached, const QString& stream, qint64 version)
{
    const AnalysisCache::Checkpoint* checkpoint = cached.checkpointBeforeVersion(stream, version);
    EventFilter filter = EventFilter::positionsOnly(stream);
    qint64 found = 0;
    if (checkpoint) {
        filter.fromPosition = checkpoint->position + 1;
        found = checkpoint->position;
    }
    const Status read = source.readEvents(filter, [&](const Event& event) {
        if (event.version > version)
            return false;
        found = event.position;
        return true;
    });
    if (!read)
        return read.error();
    return found;
}

/// An event's JSON, or the Error that names it, with the file it came from.
Result<JsonWriter> eventJson(const Event& event, const QString& file)
{
    auto json = event.toJsonWriter();
    if (!json)
        return Error { json.error().kind, file, 0, json.error().message };
    return json;
}
}

int CommandLine::info(const QStringList& args)
{
    const Arguments a(args, { flag("json"), valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().isEmpty())
        return usageError(QStringLiteral("info takes a SOURCE"));
    // A broken file is still described: its bad records are counted and the first few shown.
    constexpr int ProblemsShown = 5;
    auto opened = openSource(a.positional(), {}, m_domains, a.value("mapping"), ProblemsShown);
    if (!opened)
        return fail(opened.error());
    const EventSource& source = *opened->source;
    const auto analysis = Verifier::analyze(source, m_domains);
    if (!analysis)
        return fail(analysis.error());

    qint64 firstAt = 0;
    qint64 lastAt = 0;
    EventFilter times;
    times.withMetadata = false;
    times.withData = false;
    const Status timesRead = source.readEvents(times, [&](const Event& event) {
        if (firstAt == 0 || event.at < firstAt)
            firstAt = event.at;
        lastAt = std::max(lastAt, event.at);
        return true;
    });
    if (!timesRead)
        return fail(timesRead.error());
    const auto snapshots = source.snapshots();
    if (!snapshots)
        return fail(snapshots.error());
    const qint64 snapshotCount = snapshots->size();
    const auto counted = source.eventCount();
    if (!counted)
        return fail(counted.error());
    const qint64 eventCount = *counted;

    const ReadReport& report = opened->report;
    // One line on stderr, as for every bad input, whatever the output's form: the first bad
    // record, and how many.
    const auto reportBadRecords = [&] {
        m_err << "rewind-cli: " << report.problems.first().toString() << " (" << report.badRecords
              << (report.badRecords == 1 ? " bad record" : " bad records in all") << ')' << Qt::endl;
        return BadInput;
    };
    if (a.isSet("json")) {
        QList<JsonWriter> problems;
        for (const Error& problem : report.problems) {
            JsonWriter p;
            p.add("file", problem.file).add("line", problem.line).add("message", problem.message);
            problems.append(p);
        }
        QList<JsonWriter> streams;
        for (const StreamAnalysis& s : analysis->streams) {
            JsonWriter stream;
            stream.add("stream", s.id)
                .add("domain", s.domain->name())
                .add("events", s.eventCount)
                .add("version", s.lastVersion)
                .add("anomalies", s.anomalyCount);
            streams.append(stream);
        }
        JsonWriter json;
        json.add("path", source.path())
            .add("kind", source.kind())
            .add("events", eventCount)
            .add("streams", streams)
            .add("snapshots", snapshotCount)
            .add("anomalies", analysis->anomalies.size())
            .add("from", eventCount ? QJsonValue(formatTime(firstAt)) : QJsonValue())
            .add("to", eventCount ? QJsonValue(formatTime(lastAt)) : QJsonValue())
            .add("detected", QJsonArray::fromStringList(report.notes))
            .add("badRecords", report.badRecords)
            .add("problems", problems);
        printJson(json);
        return report.badRecords > 0 ? reportBadRecords() : Ok;
    }
    m_out << source.path() << ": " << source.kind() << ", " << eventCount << " events in " << analysis->streams.size()
          << " streams, " << snapshotCount << " snapshots, " << analysis->anomalies.size() << " anomalies\n";
    if (eventCount > 0 && lastAt != 0)
        m_out << "from " << formatTime(firstAt) << " to " << formatTime(lastAt) << '\n';
    else if (eventCount > 0)
        m_out << "no event times\n";
    for (const StreamAnalysis& s : analysis->streams) {
        m_out << "  " << s.id << "  " << s.domain->name() << "  " << s.eventCount << " events, version "
              << s.lastVersion;
        if (s.anomalyCount > 0)
            m_out << ", " << s.anomalyCount << " anomalies";
        m_out << '\n';
    }
    for (const QString& note : report.notes)
        m_out << note << '\n';
    if (report.badRecords > 0) {
        m_out << report.badRecords << (report.badRecords == 1 ? " bad record" : " bad records")
              << (report.badRecords > report.problems.size() ? ", the first ones:\n" : ":\n");
        for (const Error& problem : report.problems)
            m_out << "  " << problem.toString() << '\n';
        return reportBadRecords();
    }
    return Ok;
}

int CommandLine::events(const QStringList& args)
{
    const Arguments a(args, { valueOption("stream", "ID"), valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().size() != 1)
        return usageError(QStringLiteral("events takes one SOURCE"));
    auto opened = openSource(QStringList { a.positional().first() }, {}, m_domains, a.value("mapping"));
    if (!opened)
        return fail(opened.error());
    std::optional<Error> unwritable;
    const Status status = opened->source->readEvents({ a.value("stream") }, [&](const Event& event) {
        const auto json = eventJson(event, opened->source->path());
        if (!json) {
            unwritable = json.error();
            return false;
        }
        printJson(*json);
        return true;
    });
    if (!status)
        return fail(status.error());
    return unwritable ? fail(*unwritable) : Ok;
}

int CommandLine::state(const QStringList& args)
{
    const Arguments a(args,
        { valueOption("stream", "ID"), valueOption("at-version", "N"), valueOption("at-position", "P"),
            valueOption("at-time", "T"), valueOption("domain", "D"), valueOption("mapping", "FILE"),
            flag("no-cache") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().size() != 1)
        return usageError(QStringLiteral("state takes one SOURCE"));
    if (!a.isSet("stream"))
        return usageError(QStringLiteral("state needs --stream ID"));
    const int targets = int(a.isSet("at-version")) + int(a.isSet("at-position")) + int(a.isSet("at-time"));
    if (targets > 1)
        return usageError(QStringLiteral("give at most one of --at-version, --at-position, --at-time"));

    const auto opened = openSource({ a.positional().first() }, a.value("domain"), m_domains, a.value("mapping"));
    if (!opened)
        return fail(opened.error());
    const EventSource& source = *opened->source;
    const QString stream = a.value("stream");
    // The analysis kept from an earlier question about this source, or made now by one pass
    // and kept: it knows every stream's domain, anomalies and checkpoints.
    std::optional<AnalysisCache::Contents> cached;
    const Domain* domain = nullptr;
    // Not for a server store: checking that a kept analysis still holds would read its whole
    // history over the network, more than the answer itself needs.
    if (!a.isSet("no-cache") && !SourceOpener::isServer(a.positional().first())) {
        auto contents = AnalysisCache().contentsFor(source, m_domains, opened->forcedDomain);
        if (!contents)
            return fail(contents.error());
        const qsizetype index = contents->streams.indexOf(stream);
        if (index < 0)
            return fail(Error::badInput(QStringLiteral("no stream '%1'").arg(stream), source.path()));
        domain = m_domains.find(contents->domains.at(index));
        cached = std::move(contents).value();
    } else {
        const auto chosen = domainOfStream(source, m_domains, stream, opened->forcedDomain);
        if (!chosen)
            return fail(chosen.error());
        domain = *chosen;
    }
    if (!domain)
        return fail(Error::failure(QStringLiteral("no domain for stream '%1'").arg(stream), source.path()));
    const Replayer replayer(source, *domain);

    qint64 position = std::numeric_limits<qint64>::max();
    if (a.isSet("at-version")) {
        const auto version = positiveNumber(a.value("at-version"));
        if (!version)
            return usageError(QStringLiteral("--at-version needs a number"));
        const auto found = cached && cached->versionsGrow(stream) ? positionOfVersion(source, *cached, stream, *version)
                                                                  : replayer.positionOfVersion(stream, *version);
        if (!found)
            return fail(found.error());
        position = *found;
    } else if (a.isSet("at-position")) {
        const auto p = positiveNumber(a.value("at-position"));
        if (!p)
            return usageError(QStringLiteral("--at-position needs a number"));
        position = *p;
    } else if (a.isSet("at-time")) {
        const auto time = parseEventTime(a.value("at-time"));
        if (!time)
            return usageError(QStringLiteral("--at-time needs an ISO 8601 time or epoch milliseconds"));
        const auto found = replayer.positionAtTime(stream, *time);
        if (!found)
            return fail(found.error());
        position = *found;
    }

    const auto answer = cached ? stateFromCache(source, replayer, *domain, *cached, stream, position)
                               : stateInOnePass(source, replayer, *domain, stream, position, m_domains);
    if (!answer)
        return fail(answer.error());
    const StateAt& result = answer->first;
    const Anomalies& upToHere = answer->second;
    JsonWriter json;
    json.add("stream", stream)
        .add("version", result.version)
        .add("position", result.position)
        .add("at", result.position > 0 ? QJsonValue(formatTime(result.at)) : QJsonValue())
        .addJson("state", result.state->toJson().toJson())
        .add("anomalies", toJsonWriters(upToHere));
    printJson(json);
    return Ok;
}

int CommandLine::diff(const QStringList& args)
{
    const Arguments a(args,
        { valueOption("stream", "ID"), valueOption("version", "N"), valueOption("domain", "D"),
            valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().size() != 1)
        return usageError(QStringLiteral("diff takes one SOURCE"));
    if (!a.isSet("stream") || !a.isSet("version"))
        return usageError(QStringLiteral("diff needs --stream ID and --version N"));
    const auto version = positiveNumber(a.value("version"));
    if (!version || *version < 1)
        return usageError(QStringLiteral("--version needs a positive number"));

    const auto opened =
        openStream(a.positional().first(), a.value("stream"), a.value("domain"), a.value("mapping"), m_domains);
    if (!opened)
        return fail(opened.error());
    const EventSource& source = opened->source();
    const QString& stream = opened->id;
    const Domain* domain = opened->domain;

    // The state just before the event, then the same fold carried one event further.
    const Replayer replayer(source, *domain);
    const auto position = replayer.positionOfVersion(stream, *version);
    if (!position)
        return fail(position.error());
    const auto read = source.eventAt(*position);
    if (!read)
        return fail(read.error());
    const Event& target = *read;
    if (target.position == 0 || target.version != *version)
        return fail(
            Error::badInput(QStringLiteral("stream '%1' has no version %2").arg(stream).arg(*version), source.path()));
    auto before = replayer.replay(stream, *position - 1);
    if (!before)
        return fail(before.error());
    const JsonValue stateBefore = before->state->toJson();
    const auto after = replayer.resume(std::move(before).value(), *position);
    if (!after)
        return fail(after.error());
    JsonWriter json;
    json.add("stream", stream)
        .add("version", *version)
        .add("type", target.type)
        .add("changes", StateDiff::toJsonWriters(StateDiff::between(stateBefore, after->state->toJson())));
    printJson(json);
    return Ok;
}

int CommandLine::verify(const QStringList& args)
{
    const Arguments a(args, { valueOption("domain", "D"), flag("json"), valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().size() != 1)
        return usageError(QStringLiteral("verify takes one SOURCE"));
    auto opened = openSource(QStringList { a.positional().first() }, a.value("domain"), m_domains, a.value("mapping"));
    if (!opened)
        return fail(opened.error());
    Verifier::Options options;
    options.domain = opened->forcedDomain;
    const auto analysis = Verifier::analyze(*opened->source, m_domains, options);
    if (!analysis)
        return fail(analysis.error());
    const auto eventCount = opened->source->eventCount();
    if (!eventCount)
        return fail(eventCount.error());

    QList<const SnapshotCheck*> differing;
    for (const SnapshotCheck& check : analysis->snapshots) {
        if (!check.matches)
            differing.append(&check);
    }
    if (a.isSet("json")) {
        QList<JsonWriter> snapshots;
        for (const SnapshotCheck* check : std::as_const(differing)) {
            JsonWriter snapshot;
            snapshot.add("stream", check->snapshot.stream)
                .add("version", check->snapshot.version)
                .add("position", check->snapshot.position)
                .add("differences", StateDiff::toJsonWriters(check->differences));
            snapshots.append(snapshot);
        }
        JsonWriter json;
        json.add("source", opened->source->path())
            .add("events", *eventCount)
            .add("snapshotsChecked", analysis->snapshots.size())
            .add("anomalies", toJsonWriters(analysis->anomalies))
            .add("differingSnapshots", snapshots)
            .add("ok", analysis->clean());
        printJson(json);
    } else {
        for (const Anomaly& anomaly : analysis->anomalies) {
            m_out << anomaly.stream << " v" << anomaly.version << " (position " << anomaly.position << ") "
                  << anomaly.kind << ": " << anomaly.message << '\n';
        }
        for (const SnapshotCheck* check : std::as_const(differing)) {
            m_out << "snapshot " << check->snapshot.stream << " v" << check->snapshot.version
                  << " differs from the replay:\n";
            for (const Change& change : check->differences)
                m_out << "  " << QString::fromUtf8(change.toJsonWriter().toJson()) << '\n';
        }
        m_out << *eventCount << " events, " << analysis->snapshots.size()
              << " snapshots checked: " << analysis->anomalies.size() << " anomalies, " << differing.size()
              << " snapshots differ\n";
    }
    return analysis->clean() ? Ok : Problems;
}

int CommandLine::exportSource(const QStringList& args)
{
    const Arguments a(
        args, { valueOption("out", "FILE"), valueOption("stream", "ID"), valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().size() != 1 || !a.isSet("out"))
        return usageError(QStringLiteral("export needs one SOURCE and --out FILE.jsonl"));
    const QString out = a.value("out");
    if (!SourceOpener::isServer(a.positional().first()) && QFileInfo(out) == QFileInfo(a.positional().first()))
        return fail(Error::badInput(QStringLiteral("refusing to overwrite the source"), out));
    auto opened = openSource(QStringList { a.positional().first() }, {}, m_domains, a.value("mapping"));
    if (!opened)
        return fail(opened.error());

    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Error::failure(file.errorString(), out));
    const QString stream = a.value("stream");
    qint64 count = 0;
    // An export is complete or not written at all: the QSaveFile is committed only at the end.
    std::optional<Error> unwritable;
    const Status status = opened->source->readEvents({ stream }, [&](const Event& event) {
        const auto json = eventJson(event, opened->source->path());
        if (!json) {
            unwritable = json.error();
            return false;
        }
        file.write(json->toJson());
        file.write("\n");
        ++count;
        return true;
    });
    if (!status)
        return fail(status.error());
    if (unwritable)
        return fail(*unwritable);
    const auto snapshots = opened->source->snapshots(stream);
    if (!snapshots)
        return fail(snapshots.error());
    for (const Snapshot& snapshot : *snapshots) {
        file.write(snapshot.toJsonWriter().toJson());
        file.write("\n");
    }
    if (!file.commit())
        return fail(Error::failure(file.errorString(), out));
    m_out << "exported " << count << " events and " << snapshots->size() << " snapshots to " << out << '\n';
    return Ok;
}

} // namespace Rewind
