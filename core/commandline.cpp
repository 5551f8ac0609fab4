#include "commandline.h"

#include "demohistory.h"
#include "eventstore.h"
#include "eventtime.h"
#include "fieldmapping.h"
#include "replayer.h"
#include "snapshotter.h"
#include "sourceopener.h"
#include "statediff.h"
#include "terminalprogress.h"
#include "verifier.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <memory>

namespace Rewind {

namespace {
    QCommandLineOption valueOption(const char* name, const char* valueName)
    {
        return { QString::fromLatin1(name), QString(), QString::fromLatin1(valueName) };
    }
    QCommandLineOption flag(const char* name) { return QCommandLineOption(QString::fromLatin1(name)); }

    /// A subcommand's arguments, parsed by QCommandLineParser with that subcommand's options.
    class Arguments {
    public:
        Arguments(const QStringList& args, const QList<QCommandLineOption>& options)
        {
            m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
            m_parser.addOptions(options);
            m_ok = m_parser.parse(QStringList { QStringLiteral("rewind-cli") } + args);
        }
        bool ok() const { return m_ok; }
        QString errorText() const { return m_parser.errorText(); }
        QStringList positional() const { return m_parser.positionalArguments(); }
        bool isSet(const char* name) const { return m_parser.isSet(QString::fromLatin1(name)); }
        QString value(const char* name) const { return m_parser.value(QString::fromLatin1(name)); }

    private:
        QCommandLineParser m_parser;
        bool m_ok = false;
    };

    std::optional<qint64> positiveNumber(const QString& text)
    {
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        return ok && n >= 0 ? std::optional<qint64>(n) : std::nullopt;
    }

    QList<JsonWriter> toJsonWriters(const Anomalies& anomalies)
    {
        QList<JsonWriter> list;
        for (const Anomaly& anomaly : anomalies)
            list.append(anomaly.toJsonWriter());
        return list;
    }

    QString noStream(const QString& stream) { return QStringLiteral("no stream '%1'").arg(stream); }
}

CommandLine::CommandLine(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{
}

QString CommandLine::usage()
{
    return QStringLiteral(R"(usage:
  rewind-cli info     SOURCE... [--json] [--mapping FILE]
  rewind-cli events   SOURCE [--stream ID]
  rewind-cli state    SOURCE --stream ID [--at-version N | --at-position P | --at-time T] [--domain D]
  rewind-cli diff     SOURCE --stream ID --version N [--domain D]
  rewind-cli verify   SOURCE [--domain D] [--json]
  rewind-cli import   SOURCE... --out STORE [--mapping FILE]
  rewind-cli export   SOURCE --out FILE.jsonl [--stream ID]
  rewind-cli snapshot STORE --every N [--stream ID]
  rewind-cli command  STORE --stream ID NAME [key=value ...]
  rewind-cli demo     --out STORE

SOURCE is a Rewind or Emmett SQLite store, or a JSON Lines, JSON or CSV log (its kind is
detected from its content, its field names from SPEC.md's aliases); several SOURCEs are merged
by time. --mapping FILE names the fields detection cannot guess: {"stream": "aggregate.id",
"at": "meta.when", "timeFormat": "epoch-s"}. D is bank, cart or generic.
Exit status: 0 ok, 2 bad usage or input, 3 verify found problems or the command was refused, 1 other errors.
)");
}

int CommandLine::run(const QStringList& arguments)
{
    if (arguments.isEmpty())
        return usageError(QStringLiteral("no subcommand given"));
    const QString name = arguments.first();
    const QStringList args = arguments.mid(1);
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
        m_out << usage();
        return Ok;
    }
    using Handler = int (CommandLine::*)(const QStringList&);
    static const QList<QPair<QLatin1String, Handler>> subcommands = {
        { QLatin1String("info"), &CommandLine::info },
        { QLatin1String("events"), &CommandLine::events },
        { QLatin1String("state"), &CommandLine::state },
        { QLatin1String("diff"), &CommandLine::diff },
        { QLatin1String("verify"), &CommandLine::verify },
        { QLatin1String("import"), &CommandLine::importSources },
        { QLatin1String("export"), &CommandLine::exportSource },
        { QLatin1String("snapshot"), &CommandLine::snapshot },
        { QLatin1String("command"), &CommandLine::command },
        { QLatin1String("demo"), &CommandLine::demo },
    };
    for (const auto& [subcommand, handler] : subcommands) {
        if (name == subcommand)
            return (this->*handler)(args);
    }
    return usageError(QStringLiteral("unknown subcommand '%1'").arg(name));
}

int CommandLine::fail(const Error& error)
{
    m_err << "rewind-cli: " << error.toString() << Qt::endl;
    return error.kind == Error::Kind::BadInput ? BadInput : Failure;
}

int CommandLine::usageError(const QString& message)
{
    m_err << "rewind-cli: " << message << "\n\n" << usage() << Qt::flush;
    return BadInput;
}

void CommandLine::printJson(const JsonWriter& object) { m_out << QString::fromUtf8(object.toJson()) << '\n'; }

namespace {
    /// What most subcommands share: one SOURCE opened, an optional --domain resolved, an
    /// optional --mapping FILE applied, and what the reader detected (for `info`).
    struct Opened {
        std::unique_ptr<EventSource> source;
        const Domain* forcedDomain = nullptr;
        ReadReport report;
    };

    /// `paths`: one SOURCE, or several merged by time. `keepProblems` > 0 reads past bad
    /// records, counting them (`info`). Reading shows progress on a terminal and Ctrl+C cancels.
    Result<Opened> openSource(const QStringList& paths, const QString& domainName, const DomainRegistry& domains,
        const QString& mappingPath = {}, int keepProblems = 0, TerminalProgress* progress = nullptr)
    {
        Opened opened;
        if (!domainName.isEmpty()) {
            auto domain = domains.resolve(domainName);
            if (!domain)
                return domain.error();
            opened.forcedDomain = *domain;
        }
        ReadOptions options;
        options.keepProblems = keepProblems;
        if (!mappingPath.isEmpty()) {
            auto mapping = FieldMapping::load(mappingPath);
            if (!mapping)
                return mapping.error();
            options.mapping = *mapping;
        }
        if (progress) {
            options.progress = [progress](qint64 done, qint64 total) {
                return progress->update(QStringLiteral("reading"), done, total, "bytes");
            };
        }
        auto source = SourceOpener::open(paths, options, &opened.report);
        if (progress)
            progress->clear();
        if (!source)
            return source.error();
        opened.source = std::move(source).value();
        return opened;
    }

    Result<Opened> openSource(
        const QString& path, const QString& domainName, const DomainRegistry& domains, const QString& mappingPath = {})
    {
        return openSource(QStringList { path }, domainName, domains, mappingPath);
    }

    /// The domain of one stream: forced, or chosen from its event types.
    Result<const Domain*> domainOfStream(
        const EventSource& source, const DomainRegistry& domains, const QString& stream, const Domain* forced);

    /// What `state` and `diff` share: a SOURCE opened and one of its streams with its domain.
    struct OpenedStream {
        Opened opened;
        QString id;
        const Domain* domain = nullptr;
        const EventSource& source() const { return *opened.source; }
    };

    Result<OpenedStream> openStream(const QString& path, const QString& stream, const QString& domainName,
        const QString& mappingPath, const DomainRegistry& domains)
    {
        auto opened = openSource(path, domainName, domains, mappingPath);
        if (!opened)
            return opened.error();
        const auto domain = domainOfStream(*opened->source, domains, stream, opened->forcedDomain);
        if (!domain)
            return domain.error();
        return OpenedStream { std::move(opened).value(), stream, *domain };
    }

    /// The domain of one stream: forced, or chosen from its event types.
    Result<const Domain*> domainOfStream(
        const EventSource& source, const DomainRegistry& domains, const QString& stream, const Domain* forced)
    {
        Verifier::Options options;
        options.stream = stream;
        options.domain = forced;
        auto chosen = Verifier::chooseDomains(source, domains, options);
        if (!chosen)
            return chosen.error();
        if (!chosen->contains(stream))
            return Error::badInput(noStream(stream), source.path());
        return chosen->value(stream);
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
    source.readEvents({}, [&](const Event& event) {
        if (firstAt == 0 || event.at < firstAt)
            firstAt = event.at;
        lastAt = std::max(lastAt, event.at);
        return true;
    });
    const qint64 snapshotCount = source.snapshots().size();

    const ReadReport& report = opened->report;
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
            .add("events", source.eventCount())
            .add("streams", streams)
            .add("snapshots", snapshotCount)
            .add("anomalies", analysis->anomalies.size())
            .add("from", source.eventCount() ? QJsonValue(formatTime(firstAt)) : QJsonValue())
            .add("to", source.eventCount() ? QJsonValue(formatTime(lastAt)) : QJsonValue())
            .add("detected", QJsonArray::fromStringList(report.notes))
            .add("badRecords", report.badRecords)
            .add("problems", problems);
        printJson(json);
        return report.badRecords > 0 ? BadInput : Ok;
    }
    m_out << source.path() << ": " << source.kind() << ", " << source.eventCount() << " events in "
          << analysis->streams.size() << " streams, " << snapshotCount << " snapshots, " << analysis->anomalies.size()
          << " anomalies\n";
    if (source.eventCount() > 0 && lastAt != 0)
        m_out << "from " << formatTime(firstAt) << " to " << formatTime(lastAt) << '\n';
    else if (source.eventCount() > 0)
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
        // One line on stderr, as for every bad input: the first bad record, and how many.
        m_err << "rewind-cli: " << report.problems.first().toString() << " (" << report.badRecords
              << (report.badRecords == 1 ? " bad record" : " bad records in all") << ')' << Qt::endl;
        return BadInput;
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
    auto opened = openSource(a.positional().first(), {}, m_domains, a.value("mapping"));
    if (!opened)
        return fail(opened.error());
    const Status status = opened->source->readEvents({ a.value("stream") }, [&](const Event& event) {
        printJson(event.toJsonWriter());
        return true;
    });
    return status ? Ok : fail(status.error());
}

int CommandLine::state(const QStringList& args)
{
    const Arguments a(args,
        { valueOption("stream", "ID"), valueOption("at-version", "N"), valueOption("at-position", "P"),
            valueOption("at-time", "T"), valueOption("domain", "D"), valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().size() != 1)
        return usageError(QStringLiteral("state takes one SOURCE"));
    if (!a.isSet("stream"))
        return usageError(QStringLiteral("state needs --stream ID"));
    const int targets = int(a.isSet("at-version")) + int(a.isSet("at-position")) + int(a.isSet("at-time"));
    if (targets > 1)
        return usageError(QStringLiteral("give at most one of --at-version, --at-position, --at-time"));

    const auto opened
        = openStream(a.positional().first(), a.value("stream"), a.value("domain"), a.value("mapping"), m_domains);
    if (!opened)
        return fail(opened.error());
    const EventSource& source = opened->source();
    const QString& stream = opened->id;
    const Domain* domain = opened->domain;
    const Replayer replayer(source, *domain);

    qint64 position = std::numeric_limits<qint64>::max();
    if (a.isSet("at-version")) {
        const auto version = positiveNumber(a.value("at-version"));
        if (!version)
            return usageError(QStringLiteral("--at-version needs a number"));
        const auto found = replayer.positionOfVersion(stream, *version);
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

    const auto result = replayer.load(stream, position);
    if (!result)
        return fail(result.error());
    // The anomalies of the whole stream up to that point, not only of the events folded since a
    // snapshot: a snapshot must not hide what happened before it.
    Verifier::Options options;
    options.stream = stream;
    options.domain = domain;
    const auto analysis = Verifier::analyze(source, m_domains, options);
    if (!analysis)
        return fail(analysis.error());
    Anomalies upToHere;
    for (const Anomaly& anomaly : analysis->anomalies) {
        if (anomaly.position <= result->position)
            upToHere.append(anomaly);
    }
    JsonWriter json;
    json.add("stream", stream)
        .add("version", result->version)
        .add("position", result->position)
        .add("at", result->position > 0 ? QJsonValue(formatTime(result->at)) : QJsonValue())
        .add("state", result->state->toJson())
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

    const auto opened
        = openStream(a.positional().first(), a.value("stream"), a.value("domain"), a.value("mapping"), m_domains);
    if (!opened)
        return fail(opened.error());
    const EventSource& source = opened->source();
    const QString& stream = opened->id;
    const Domain* domain = opened->domain;

    // One pass: the state before the event and after it.
    std::unique_ptr<State> state = domain->initialState();
    Anomalies ignored;
    std::optional<Event> target;
    QJsonObject before;
    const Status status = source.readEvents({ stream }, [&](const Event& event) {
        if (event.version == *version) {
            before = state->toJson();
            target = event;
            target->data.detach();
        }
        domain->evolve(*state, event, ignored);
        return !target;
    });
    if (!status)
        return fail(status.error());
    if (!target)
        return fail(
            Error::badInput(QStringLiteral("stream '%1' has no version %2").arg(stream).arg(*version), source.path()));
    JsonWriter json;
    json.add("stream", stream)
        .add("version", *version)
        .add("type", target->type)
        .add("changes", StateDiff::toJsonWriters(StateDiff::between(before, state->toJson())));
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
    auto opened = openSource(a.positional().first(), a.value("domain"), m_domains, a.value("mapping"));
    if (!opened)
        return fail(opened.error());
    Verifier::Options options;
    options.domain = opened->forcedDomain;
    const auto analysis = Verifier::analyze(*opened->source, m_domains, options);
    if (!analysis)
        return fail(analysis.error());

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
            .add("events", opened->source->eventCount())
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
        m_out << opened->source->eventCount() << " events, " << analysis->snapshots.size()
              << " snapshots checked: " << analysis->anomalies.size() << " anomalies, " << differing.size()
              << " snapshots differ\n";
    }
    return analysis->clean() ? Ok : Problems;
}

int CommandLine::importSources(const QStringList& args)
{
    const Arguments a(args, { valueOption("out", "STORE"), valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().isEmpty() || !a.isSet("out"))
        return usageError(QStringLiteral("import needs SOURCE... and --out STORE"));
    const QString out = a.value("out");
    for (const QString& path : a.positional()) {
        if (QFileInfo(path) == QFileInfo(out))
            return fail(Error::badInput(QStringLiteral("a store cannot be imported into itself"), path));
    }

    // Every source is read (several merged by time into one history) before the store is
    // touched: a bad record anywhere writes nothing. Ctrl+C, while reading or writing, too.
    TerminalProgress progress;
    auto opened = openSource(a.positional(), {}, m_domains, a.value("mapping"), 0, &progress);
    if (!opened)
        return fail(opened.error().message == QLatin1String("cancelled")
                ? Error::failure(QStringLiteral("import cancelled: nothing was written"), out)
                : opened.error());
    const EventSource& source = *opened->source;
    const bool existed = QFileInfo::exists(out);
    auto store = EventStore::create(out);
    if (!store)
        return fail(store.error());
    const qint64 total = source.eventCount();
    const Status imported = (*store)->import(
        source, [&](qint64 done) { return progress.update(QStringLiteral("importing"), done, total, " events"); });
    progress.clear();
    if (!imported) {
        store->reset();
        if (!existed) {
            for (const char* suffix : { "", "-wal", "-shm", "-journal" })
                QFile::remove(out + QLatin1String(suffix));
        }
        return fail(imported.error());
    }
    m_out << "imported " << source.eventCount() << " events, " << source.snapshots().size() << " snapshots from "
          << source.path() << '\n';
    m_out << out << ": " << (*store)->eventCount() << " events in total\n";
    return Ok;
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
    if (QFileInfo(out) == QFileInfo(a.positional().first()))
        return fail(Error::badInput(QStringLiteral("refusing to overwrite the source"), out));
    auto opened = openSource(a.positional().first(), {}, m_domains, a.value("mapping"));
    if (!opened)
        return fail(opened.error());

    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Error::failure(file.errorString(), out));
    const QString stream = a.value("stream");
    qint64 count = 0;
    const Status status = opened->source->readEvents({ stream }, [&](const Event& event) {
        file.write(event.toJsonWriter().toJson());
        file.write("\n");
        ++count;
        return true;
    });
    if (!status)
        return fail(status.error());
    const QList<Snapshot> snapshots = opened->source->snapshots(stream);
    for (const Snapshot& snapshot : snapshots) {
        file.write(snapshot.toJsonWriter().toJson());
        file.write("\n");
    }
    if (!file.commit())
        return fail(Error::failure(file.errorString(), out));
    m_out << "exported " << count << " events and " << snapshots.size() << " snapshots to " << out << '\n';
    return Ok;
}

int CommandLine::snapshot(const QStringList& args)
{
    const Arguments a(args, { valueOption("every", "N"), valueOption("stream", "ID"), valueOption("domain", "D") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().size() != 1 || !a.isSet("every"))
        return usageError(QStringLiteral("snapshot needs one STORE and --every N"));
    const auto every = positiveNumber(a.value("every"));
    if (!every || *every < 1)
        return usageError(QStringLiteral("--every needs a positive number"));
    const Domain* forced = nullptr;
    if (a.isSet("domain")) {
        const auto domain = m_domains.resolve(a.value("domain"));
        if (!domain)
            return fail(domain.error());
        forced = *domain;
    }
    const QString path = a.positional().first();
    if (SourceOpener::detect(path) != SourceOpener::Kind::RewindStore)
        return fail(Error::badInput(QStringLiteral("snapshots are written to a Rewind store only; "
                                                   "import this file first"),
            path));
    auto store = EventStore::open(path, EventStore::Mode::ReadWrite);
    if (!store)
        return fail(store.error());
    const auto taken = Snapshotter::takeEvery(**store, m_domains, *every, a.value("stream"), forced);
    if (!taken)
        return fail(taken.error());
    m_out << "wrote " << *taken << " snapshots\n";
    return Ok;
}

int CommandLine::command(const QStringList& args)
{
    const Arguments a(args, { valueOption("stream", "ID"), valueOption("domain", "D") });
    if (!a.ok())
        return usageError(a.errorText());
    const QStringList positional = a.positional();
    if (positional.size() < 2 || !a.isSet("stream"))
        return usageError(QStringLiteral("command needs STORE, --stream ID and a command NAME"));
    const QString path = positional.at(0);
    Command cmd;
    cmd.name = positional.at(1);
    for (const QString& pair : positional.mid(2)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return usageError(QStringLiteral("command arguments are key=value, not '%1'").arg(pair));
        cmd.args.insert(pair.left(equals), pair.mid(equals + 1));
    }
    if (QFileInfo::exists(path) && SourceOpener::detect(path) != SourceOpener::Kind::RewindStore)
        return fail(Error::badInput(QStringLiteral("commands append to a Rewind store only"), path));
    auto store = EventStore::create(path);
    if (!store)
        return fail(store.error());
    const QString stream = a.value("stream");

    // The domain: forced, else the stream's, else the one that understands this command.
    const Domain* domain = nullptr;
    if (a.isSet("domain")) {
        const auto resolved = m_domains.resolve(a.value("domain"));
        if (!resolved)
            return fail(resolved.error());
        domain = *resolved;
    } else if ((*store)->streamVersion(stream) > 0) {
        const auto chosen = domainOfStream(**store, m_domains, stream, nullptr);
        if (!chosen)
            return fail(chosen.error());
        domain = *chosen;
    } else {
        for (const QString& name : m_domains.names()) {
            const Domain* candidate = m_domains.find(name);
            for (const QString& known : candidate->commandNames()) {
                if (Command::normalizedName(known) == Command::normalizedName(cmd.name))
                    domain = candidate;
            }
        }
        if (!domain)
            return fail(Error::badInput(QStringLiteral("no domain knows the command '%1'").arg(cmd.name)));
    }

    const qint64 expectedVersion = (*store)->streamVersion(stream);
    const Replayer replayer(**store, *domain);
    const auto current = replayer.load(stream, std::numeric_limits<qint64>::max());
    if (!current)
        return fail(current.error());
    const Decision decision = domain->decide(cmd, *current->state);
    if (decision.refused()) {
        JsonWriter json;
        json.add("stream", stream).add("command", cmd.name).add("refused", decision.refusal);
        printJson(json);
        return Problems;
    }
    const auto appended = (*store)->append(stream, expectedVersion, decision.events);
    if (!appended)
        return fail(appended.error());
    for (const Event& event : *appended)
        printJson(event.toJsonWriter());
    return Ok;
}

int CommandLine::demo(const QStringList& args)
{
    const Arguments a(args, { valueOption("out", "STORE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (!a.positional().isEmpty() || !a.isSet("out"))
        return usageError(QStringLiteral("demo needs --out STORE"));
    if (const Status written = DemoHistory::write(a.value("out")); !written)
        return fail(written.error());
    m_out << "wrote the demo to " << a.value("out") << '\n';
    return Ok;
}

} // namespace Rewind
