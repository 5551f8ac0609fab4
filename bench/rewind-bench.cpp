// rewind-bench: generates histories of 10,000 / 100,000 / 1,000,000 events and measures what
// docs/performance.md sets as targets, each figure beside its target and beside the raw limit
// measured in the same run. Not a test: it judges nothing and exits non-zero only when it cannot
// run. See README.md ("Benchmark").

#include "benchtable.h"
#include "domains/domainregistry.h"
#include "emmettbench.h"
#include "historygenerator.h"
#include "postgresbench.h"
#include "replay/history.h"
#include "replay/replayer.h"
#include "scripts/scriptdomain.h"
#include "sources/sourceopener.h"
#include "store/eventstore.h"

#ifdef REWIND_BENCH_WINDOW
#include "loading/backgroundpool.h"
#include "loading/historyloader.h"
#include "panes/eventspane.h"
#include "panes/inspector.h"
#include "playback/playhead.h"
#include "timeline/timelinewidget.h"
#include "window/mainwindow.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QImage>
#include <QPainter>
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <simdjson.h>
#include <sqlite3.h>

using namespace Rewind;

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] void cannotRun(const QString& why)
{
    QTextStream(stderr) << "rewind-bench: " << why << Qt::endl;
    std::exit(1);
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(values.size()))) - 1;
    return values.at(std::clamp<qsizetype>(rank, 0, values.size() - 1));
}

double seconds(const QElapsedTimer& timer) { return double(timer.nsecsElapsed()) / 1e9; }

/// "VmRSS" or "VmHWM" of this process, in KiB.
qint64 procStatus(const char* field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

QString systemLoad()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromUtf8(file.readAll().split(' ').mid(0, 3).join(' '));
}

QString grouped(double value)
{
    QLocale locale(QLocale::English);
    return locale.toString(qint64(std::llround(value)));
}

// ---- the raw limits: SQLite alone, on the same rows and the same schema ----

/// Inserts the rows with one prepared statement in one transaction into a new store (the store's
/// own schema, indexes and pragmas, the same page cache as an import): what SQLite itself
/// can do, with no parsing and no checks.
double rawInsert(const HistoryGenerator& history, const QString& path)
{
    QFile::remove(path);
    auto store = EventStore::create(path);
    if (!store)
        cannotRun(store.error().toString());
    sqlite3* db = (*store)->handle();
    sqlite3_exec(db, "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr);
    QElapsedTimer timer;
    timer.start();
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
        "INSERT INTO events (stream, version, type, data, metadata, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &insert,
        nullptr);
    for (const HistoryGenerator::Row& row : history.rows()) {
        sqlite3_reset(insert);
        sqlite3_bind_text(insert, 1, row.stream.data(), int(row.stream.size()), SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, row.version);
        sqlite3_bind_text(insert, 3, row.type.data(), int(row.type.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert, 4, row.data.data(), int(row.data.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert, 5, row.metadata.data(), int(row.metadata.size()), SQLITE_STATIC);
        sqlite3_bind_int64(insert, 6, row.at);
        if (sqlite3_step(insert) != SQLITE_DONE)
            cannotRun(QStringLiteral("raw insert: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double elapsed = seconds(timer);
    store->reset();
    QFile::remove(path);
    return double(history.rows().size()) / elapsed;
}

/// Reads every column of every row in position order, touching the text: SQLite's sequential read.
double rawRead(const QString& path, qint64 expected)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        cannotRun(QStringLiteral("raw read: cannot open %1").arg(path));
    sqlite3_stmt* select = nullptr;
    sqlite3_prepare_v2(db, "SELECT position, stream, version, type, data, metadata, at FROM events ORDER BY position",
        -1, &select, nullptr);
    QElapsedTimer timer;
    timer.start();
    qint64 rows = 0;
    quint64 sum = 0;
    while (sqlite3_step(select) == SQLITE_ROW) {
        sum += quint64(sqlite3_column_int64(select, 0));
        for (int column : { 1, 3, 4, 5 }) {
            const unsigned char* text = sqlite3_column_text(select, column);
            sum += quint64(sqlite3_column_bytes(select, column)) + (text ? text[0] : 0);
        }
        sum += quint64(sqlite3_column_int64(select, 2) + sqlite3_column_int64(select, 6));
        ++rows;
    }
    const double elapsed = seconds(timer);
    sqlite3_finalize(select);
    sqlite3_close(db);
    if (rows != expected || sum == 0)
        cannotRun(QStringLiteral("raw read: %1 rows instead of %2").arg(rows).arg(expected));
    return double(rows) / elapsed;
}

// ---- what Rewind does ----

/// `rewind-cli import` without the terminal: parse the JSON Lines file, write a new store.
double importJsonLines(const QString& jsonl, const QString& store, qint64 expected)
{
    QFile::remove(store);
    QElapsedTimer timer;
    timer.start();
    auto source = SourceOpener::open(jsonl);
    if (!source)
        cannotRun(source.error().toString());
    auto target = EventStore::create(store);
    if (!target)
        cannotRun(target.error().toString());
    if (const Status imported = (*target)->import(**source); !imported)
        cannotRun(imported.error().toString());
    const double elapsed = seconds(timer);
    const auto written = (*target)->eventCount();
    if (!written)
        cannotRun(written.error().toString());
    if (*written != expected)
        cannotRun(QStringLiteral("import wrote %1 events instead of %2").arg(*written).arg(expected));
    return double(expected) / elapsed;
}

/// Whole-process times of the real rewind-cli (start to exit, ms), beside the floors measured
/// in the same run: a bare start and the sqlite3 shell reading the same rows' data.
struct CommandLineFigures {
    bool measured = false;
    double versionMs = 0; ///< `rewind-cli --version`
    double sqliteMs = -1; ///< `sqlite3 STORE 'select sum(length(data)) from events'`; -1: no sqlite3
    double infoMs = 0;
    double stateColdMs = 0; ///< the long stream at its head, no snapshots, nothing cached yet
    double stateNoCacheMs = 0; ///< the same with --no-cache
    double stateWarmMs = 0; ///< the same once the analysis is cached
    double atVersionFirstMs = 0; ///< the first `state --at-version N` after `snapshot --every 1000`
    double atVersionP50 = 0; ///< then 20 random N, the analysis cached
    double atVersionP99 = 0;
    double verifyMs = 0;
    double stateLogColdMs = 0; ///< the long stream at its head, the JSON Lines file opened directly
    double stateLogWarmMs = 0; ///< the same once the analysis is cached
    double parseLogMs = 0; ///< simdjson reading and parsing every line of that file, in process
    double queryChangesMs = 0; ///< `query --stream LONG --changes /balance`
    double queryExpressionMs = 0; ///< `query --stream LONG --all EXPR`, EXPR never true: one whole pass
    double queryAllStreamsMs = 0; ///< the same over every stream
};

struct Figures {
    qint64 events = 0;
    double rawInsert = 0;
    double import = 0;
    double rawRead = 0;
    double replay = 0; ///< Replayer::replay of the long stream, events/s
    qint64 replayed = 0;
    double jumpP50 = 0; ///< ms
    double jumpP99 = 0;
    double jumpMax = 0;
    qint64 jumps = 0;
    QString jumpHow;
    double fullReplayJump = 0; ///< ms: a full replay of the long stream, the "no cache" peer
    double scriptReplay = 0; ///< the same replay with resources/scripts/bank.js, events/s
    double indexMs = 0; ///< History::openIndex, in this process
    double analysisMs = 0; ///< History::completeAnalysis (anomalies, snapshot checks, checkpoints)
    qsizetype checkpoints = 0;
    double openMs = 0;
    double settledMs = 0;
    double rssMb = 0;
    double hwmMb = 0;
    double repaintMs = 0;
    double firstPaintMs = 0;
    QString openWhat;
    CommandLineFigures cli;
};

/// A full replay of the long stream through Replayer (store → domain), median over `runs`.
void measureReplay(const QString& store, Figures& figures, int runs)
{
    auto source = EventStore::open(store);
    if (!source)
        cannotRun(source.error().toString());
    const DomainRegistry domains;
    const Domain& bank = *domains.find(QStringLiteral("bank"));
    const Replayer replayer(**source, bank);
    QList<double> rates;
    QList<double> times;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const auto state = replayer.replay(HistoryGenerator::hotStream(), std::numeric_limits<qint64>::max());
        const double elapsed = seconds(timer);
        if (!state)
            cannotRun(state.error().toString());
        figures.replayed = state->eventsApplied;
        rates.append(double(state->eventsApplied) / elapsed);
        times.append(elapsed * 1000);
    }
    figures.replay = median(rates);
    figures.fullReplayJump = median(times);
}

/// Jumps to random positions through History::stateAt, once the history is opened and its
/// background work (analysis, checkpoints) is done.
/// The same full replay with the bank domain written in JavaScript (resources/scripts/bank.js).
void measureScriptReplay(const QString& store, Figures& figures, int runs)
{
    auto source = EventStore::open(store);
    if (!source)
        cannotRun(source.error().toString());
    const auto bank = ScriptDomain::load(QStringLiteral(REWIND_SCRIPTS_DIR "/bank.js"));
    if (!bank)
        cannotRun(bank.error().toString());
    const Replayer replayer(**source, **bank);
    QList<double> rates;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const auto state = replayer.replay(HistoryGenerator::hotStream(), std::numeric_limits<qint64>::max());
        const double elapsed = seconds(timer);
        if (!state)
            cannotRun(state.error().toString());
        rates.append(double(state->eventsApplied) / elapsed);
    }
    figures.scriptReplay = median(rates);
}

void measureJumps(const QString& store, Figures& figures, int count)
{
    const DomainRegistry domains;
    QElapsedTimer phase;
    phase.start();
    auto source = SourceOpener::open(store);
    if (!source)
        cannotRun(source.error().toString());
    auto opened = History::openIndex(std::move(source).value(), domains);
    if (!opened)
        cannotRun(opened.error().toString());
    figures.indexMs = double(phase.nsecsElapsed()) / 1e6;
    phase.restart();
    if (const Status analysed = (*opened)->completeAnalysis(); !analysed)
        cannotRun(analysed.error().toString());
    figures.analysisMs = double(phase.nsecsElapsed()) / 1e6;
    figures.checkpoints = (*opened)->checkpoints().checkpointCount();
    const History& history = **opened;
    const HistoryIndex& index = history.index();
    std::mt19937_64 random(42);
    std::uniform_int_distribution<qsizetype> row(0, index.size() - 1);
    QList<double> latencies;
    QElapsedTimer budget;
    budget.start();
    QString how;
    for (int i = 0; i < count && (i < 20 || budget.elapsed() < 20000); ++i) {
        const HistoryIndex::Entry& entry = index.entry(row(random));
        const QString& stream = index.streamNames().at(entry.stream);
        QElapsedTimer timer;
        timer.start();
        const auto state = history.stateAt(stream, entry.position);
        latencies.append(double(timer.nsecsElapsed()) / 1e6);
        if (!state)
            cannotRun(state.error().toString());
        if (stream == HistoryGenerator::hotStream() && how.isEmpty() && state->eventsApplied > 0)
            how = state->howComputed();
    }
    figures.jumps = latencies.size();
    figures.jumpP50 = median(latencies);
    figures.jumpP99 = percentile(latencies, 99);
    figures.jumpMax = percentile(latencies, 100);
    figures.jumpHow = how;
}

/// Opens the store in a fresh process (so its memory is the store's, not the generator's) and
/// reads back what that process measured.
void measureOpen(const QString& store, Figures& figures, int runs)
{
    QList<double> open;
    QList<double> settled;
    QList<double> rss;
    QList<double> hwm;
    QList<double> repaint;
    QList<double> firstPaint;
    for (int run = 0; run < runs; ++run) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qt.qpa.*=false"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("--open"), store });
        if (!child.waitForFinished(300000) || child.exitCode() != 0)
            cannotRun(
                QStringLiteral("the open measurement failed: %1").arg(QString::fromUtf8(child.readAllStandardError())));
        const QList<QByteArray> fields = child.readAllStandardOutput().trimmed().split(' ');
        QHash<QByteArray, QByteArray> values;
        for (const QByteArray& field : fields) {
            const qsizetype eq = field.indexOf('=');
            if (eq > 0)
                values.insert(field.left(eq), field.mid(eq + 1));
        }
        open.append(values.value("open_ms").toDouble());
        settled.append(values.value("settled_ms").toDouble());
        rss.append(values.value("rss_kb").toDouble() / 1024);
        hwm.append(values.value("hwm_kb").toDouble() / 1024);
        repaint.append(values.value("repaint_ms").toDouble());
        firstPaint.append(values.value("first_paint_ms").toDouble());
        figures.openWhat = QString::fromUtf8(values.value("what"));
    }
    figures.openMs = median(open);
    figures.settledMs = median(settled);
    figures.rssMb = median(rss);
    figures.hwmMb = median(hwm);
    figures.repaintMs = median(repaint);
    figures.firstPaintMs = median(firstPaint);
}

/// One whole process, start to exit, in ms; the benchmark cannot run when it fails.
double timeProcess(const QString& program, const QStringList& args, const QProcessEnvironment& environment = {})
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(program, args);
    if (!process.waitForFinished(600000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        cannotRun(QStringLiteral("%1 %2 failed: %3")
                      .arg(program, args.join(QLatin1Char(' ')), QString::fromUtf8(process.readAllStandardError())));
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

/// The median of `runs` whole-process times; `before` runs before each (not timed).
double medianProcess(const QString& program, const QStringList& args, int runs,
    const QProcessEnvironment& environment = {}, const std::function<void()>& before = {})
{
    QList<double> times;
    for (int run = 0; run < runs; ++run) {
        if (before)
            before();
        times.append(timeProcess(program, args, environment));
    }
    return median(times);
}

/// simdjson loading a JSON Lines file and parsing every line, in process (ms): the floor of any
/// reading of the file.
double parseJsonLines(const QString& path, int runs)
{
    QList<double> times;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        simdjson::padded_string text;
        simdjson::dom::parser parser;
        simdjson::dom::document_stream records;
        if (simdjson::padded_string::load(path.toStdString()).get(text) || parser.parse_many(text).get(records))
            cannotRun(QStringLiteral("simdjson cannot read %1").arg(path));
        for (auto record : records) {
            if (record.error())
                cannotRun(QStringLiteral("simdjson cannot parse %1").arg(path));
        }
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    return median(times);
}

/// What a person at a terminal meets: rewind-cli started afresh for every question.
void measureCommandLine(
    const QString& store, const QString& jsonl, const QString& base, qint64 hotLength, Figures& figures, int runs)
{
    CommandLineFigures& f = figures.cli;
    const QString cli = QStringLiteral(REWIND_CLI_PATH);
    const QString hot = HistoryGenerator::hotStream();
    f.versionMs = medianProcess(cli, { QStringLiteral("--version") }, std::max(runs, 5));
    if (!QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty()) {
        f.sqliteMs = medianProcess(
            QStringLiteral("sqlite3"), { store, QStringLiteral("select sum(length(data)) from events") }, runs);
    }
    // An analysis cache of the benchmark's own, emptied where a figure is for a first question.
    const QString cacheHome = base + QStringLiteral("/cli-cache");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    const auto emptyCache = [&cacheHome] { QDir(cacheHome).removeRecursively(); };
    f.infoMs = medianProcess(cli, { QStringLiteral("info"), store }, runs, env);
    const QStringList head { QStringLiteral("state"), store, QStringLiteral("--stream"), hot };
    f.stateNoCacheMs = medianProcess(cli, head + QStringList { QStringLiteral("--no-cache") }, runs, env);
    f.stateColdMs = medianProcess(cli, head, runs, env, emptyCache);
    f.stateWarmMs = medianProcess(cli, head, runs, env);
    f.verifyMs = medianProcess(cli, { QStringLiteral("verify"), store }, runs, env);
    // The JSON Lines file the store was imported from, opened directly: a first question and
    // a later one.
    const QStringList logHead { QStringLiteral("state"), jsonl, QStringLiteral("--stream"), hot };
    f.stateLogColdMs = medianProcess(cli, logHead, runs, env, emptyCache);
    f.stateLogWarmMs = medianProcess(cli, logHead, runs, env);
    f.parseLogMs = parseJsonLines(jsonl, runs);
    f.queryChangesMs = medianProcess(cli,
        { QStringLiteral("query"), store, QStringLiteral("--stream"), hot, QStringLiteral("--changes"),
            QStringLiteral("/balance") },
        runs, env);
    // Never true, so every event is asked about and nothing is printed.
    const QString never = QStringLiteral("state.balance < -1e15 && event.version < 0");
    f.queryExpressionMs = medianProcess(cli,
        { QStringLiteral("query"), store, QStringLiteral("--stream"), hot, QStringLiteral("--all"), never }, runs, env);
    f.queryAllStreamsMs =
        medianProcess(cli, { QStringLiteral("query"), store, QStringLiteral("--all"), never }, runs, env);

    // Point queries on a copy with a snapshot every 1,000 events of every stream.
    const QString snapshotted = base + QStringLiteral("/snapshotted-%1.rwd").arg(figures.events);
    QFile::remove(snapshotted);
    if (!QFile::copy(store, snapshotted))
        cannotRun(QStringLiteral("cannot copy %1").arg(store));
    timeProcess(cli, { QStringLiteral("snapshot"), snapshotted, QStringLiteral("--every"), QStringLiteral("1000") });
    std::mt19937_64 random(7);
    std::uniform_int_distribution<qint64> version(1, std::max<qint64>(1, hotLength));
    const auto atVersion = [&] {
        return QStringList { QStringLiteral("state"), snapshotted, QStringLiteral("--stream"), hot,
            QStringLiteral("--at-version"), QString::number(version(random)) };
    };
    f.atVersionFirstMs = timeProcess(cli, atVersion(), env); // analyses and keeps
    QList<double> queries;
    for (int i = 0; i < 20; ++i)
        queries.append(timeProcess(cli, atVersion(), env));
    emptyCache();
    f.atVersionP50 = median(queries);
    f.atVersionP99 = percentile(queries, 99);
    QFile::remove(snapshotted);
    f.measured = true;
}

QString verdict(bool met) { return met ? QStringLiteral("met") : QStringLiteral("NOT met"); }

BenchTable table(const Figures& f, bool judged)
{
    BenchTable t;
    t.setTitle(QStringLiteral("%1 events (load average at the end: %2)").arg(grouped(double(f.events)), systemLoad()));
    const auto judge = [judged](bool met) { return judged ? verdict(met) : QString(); };
    t.add({ QStringLiteral("import JSON Lines into the store"), grouped(f.import) + QStringLiteral(" events/s"),
        QStringLiteral(">= 85 % of raw (%1)").arg(grouped(0.85 * f.rawInsert)),
        QStringLiteral("raw SQLite insert, one transaction: %1 rows/s").arg(grouped(f.rawInsert)),
        judge(f.import >= 0.85 * f.rawInsert) });
    t.add({ QStringLiteral("full replay from the store, bank domain (%1 events)").arg(grouped(double(f.replayed))),
        grouped(f.replay) + QStringLiteral(" events/s"), QStringLiteral(">= 1,500,000 events/s"),
        QStringLiteral("raw SQLite sequential read: %1 rows/s").arg(grouped(f.rawRead)), judge(f.replay >= 1500000) });
    t.add({ QStringLiteral("jump to a random position (%1 jumps), p50 / p99").arg(f.jumps),
        QStringLiteral("%1 / %2 ms (max %3)")
            .arg(f.jumpP50, 0, 'f', 3)
            .arg(f.jumpP99, 0, 'f', 3)
            .arg(f.jumpMax, 0, 'f', 3),
        QStringLiteral("p99 <= 2 ms"), QStringLiteral("a full replay per jump: %1 ms").arg(f.fullReplayJump, 0, 'f', 1),
        judge(f.jumpP99 <= 2) });
    t.add({ QStringLiteral("open until the window is usable (%1)").arg(f.openWhat),
        QStringLiteral("%1 ms (background work done at %2 ms)").arg(f.openMs, 0, 'f', 1).arg(f.settledMs, 0, 'f', 0),
        QStringLiteral("<= 300 ms"), QStringLiteral("-"), judge(f.openMs <= 300) });
    t.add({ QStringLiteral("  of which: core index phase (History::openIndex)"),
        QStringLiteral("%1 ms").arg(f.indexMs, 0, 'f', 1), QString(), QString(), QString() });
    t.add({ QStringLiteral("  background: analysis + %1 checkpoints (completeAnalysis)").arg(f.checkpoints),
        QStringLiteral("%1 ms").arg(f.analysisMs, 0, 'f', 0), QString(), QString(), QString() });
    t.add({ QStringLiteral("resident memory with the store open (VmRSS; VmHWM)"),
        QStringLiteral("%1 MB; %2 MB").arg(f.rssMb, 0, 'f', 1).arg(f.hwmMb, 0, 'f', 1), QStringLiteral("<= 150 MB"),
        QStringLiteral("1M events as QJsonObject: ~900 MB"), judge(f.rssMb <= 150) });
    if (f.cli.measured) {
        const CommandLineFigures& c = f.cli;
        const QString sqlite = c.sqliteMs < 0
            ? QStringLiteral("sqlite3 not installed")
            : QStringLiteral("sqlite3 reading the rows' data: %1 ms").arg(c.sqliteMs, 0, 'f', 0);
        const QString bare = QStringLiteral("rewind-cli --version: %1 ms").arg(c.versionMs, 0, 'f', 1);
        t.add({ QStringLiteral("rewind-cli info, whole process"), QStringLiteral("%1 ms").arg(c.infoMs, 0, 'f', 0),
            QString(), bare, QString() });
        t.add({ QStringLiteral("rewind-cli state, long stream at its head, cold cache (analyses and keeps)"),
            QStringLiteral("%1 ms").arg(c.stateColdMs, 0, 'f', 0), QStringLiteral("<= 3 x sqlite3"), sqlite,
            c.sqliteMs < 0 ? QString() : judge(c.stateColdMs <= 3 * c.sqliteMs) });
        t.add({ QStringLiteral("  the same with --no-cache (one pass over the stream)"),
            QStringLiteral("%1 ms").arg(c.stateNoCacheMs, 0, 'f', 0), QString(), sqlite, QString() });
        t.add({ QStringLiteral("  the same, warm cache"), QStringLiteral("%1 ms").arg(c.stateWarmMs, 0, 'f', 0),
            QString(), bare, QString() });
        t.add({ QStringLiteral("rewind-cli state --at-version N, 20 random N, warm cache, snapshots every 1,000, p50 / "
                               "p99 (first question)"),
            QStringLiteral("%1 / %2 ms (%3 ms)")
                .arg(c.atVersionP50, 0, 'f', 0)
                .arg(c.atVersionP99, 0, 'f', 0)
                .arg(c.atVersionFirstMs, 0, 'f', 0),
            QStringLiteral("p99 <= 5 x --version"), bare, judge(c.atVersionP99 <= 5 * c.versionMs) });
        t.add({ QStringLiteral("rewind-cli verify, whole process"), QStringLiteral("%1 ms").arg(c.verifyMs, 0, 'f', 0),
            QString(), sqlite, QString() });
        const QString parse = QStringLiteral("simdjson parsing the file: %1 ms").arg(c.parseLogMs, 0, 'f', 0);
        const auto rate = [&f](double ms) { return double(f.events) / (ms / 1000); };
        t.add({ QStringLiteral("rewind-cli state on the JSON Lines file opened directly, long stream at its head, "
                               "cold cache"),
            QStringLiteral("%1 events/s (%2 ms)").arg(grouped(rate(c.stateLogColdMs))).arg(c.stateLogColdMs, 0, 'f', 0),
            QStringLiteral(">= 1,000,000 events/s"), parse, judge(rate(c.stateLogColdMs) >= 1000000) });
        t.add({ QStringLiteral("  the same, warm cache"),
            QStringLiteral("%1 events/s (%2 ms)").arg(grouped(rate(c.stateLogWarmMs))).arg(c.stateLogWarmMs, 0, 'f', 0),
            QString(), parse, QString() });
        const auto streamRate = [&f](double ms) { return double(f.replayed) / (ms / 1000); };
        t.add({ QStringLiteral("rewind-cli query --changes /balance, long stream (%1 events), whole process")
                    .arg(grouped(double(f.replayed))),
            QStringLiteral("%1 events/s (%2 ms)")
                .arg(grouped(streamRate(c.queryChangesMs)))
                .arg(c.queryChangesMs, 0, 'f', 0),
            QStringLiteral(">= 1,000,000 events/s"), bare, judge(streamRate(c.queryChangesMs) >= 1000000) });
        t.add({ QStringLiteral("rewind-cli query --all EXPR (JavaScript), the same stream"),
            QStringLiteral("%1 events/s (%2 ms)")
                .arg(grouped(streamRate(c.queryExpressionMs)))
                .arg(c.queryExpressionMs, 0, 'f', 0),
            QString(), bare, QString() });
        t.add({ QStringLiteral("  the same over every stream (%1 events)").arg(grouped(double(f.events))),
            QStringLiteral("%1 events/s (%2 ms)")
                .arg(grouped(rate(c.queryAllStreamsMs)))
                .arg(c.queryAllStreamsMs, 0, 'f', 0),
            QString(), bare, QString() });
    }
    if (f.scriptReplay > 0) {
        t.add({ QStringLiteral("full replay, bank domain as JavaScript (bank.js) against the native one"),
            QStringLiteral("%1 events/s: %2 x slower")
                .arg(grouped(f.scriptReplay))
                .arg(f.replay / f.scriptReplay, 0, 'f', 1),
            QStringLiteral("<= 20 x slower"), QStringLiteral("native: %1 events/s").arg(grouped(f.replay)),
            judge(f.replay / f.scriptReplay <= 20) });
    }
    if (f.openWhat.contains(QLatin1String("window"))) {
        t.add({ QStringLiteral("timeline repaint, %1 events, 1,000 markers (median; first paint)")
                    .arg(grouped(double(f.events))),
            QStringLiteral("%1 ms; %2 ms").arg(f.repaintMs, 0, 'f', 2).arg(f.firstPaintMs, 0, 'f', 2),
            QStringLiteral("<= 8 ms"), QStringLiteral("one 60 Hz frame: 16.7 ms"), judge(f.repaintMs <= 8) });
    } else {
        t.add({ QStringLiteral("timeline repaint"), QStringLiteral("not measured (built without the window)"),
            QStringLiteral("<= 8 ms"), QStringLiteral("one 60 Hz frame: 16.7 ms"), QString() });
    }
    return t;
}

// ---- the child process: open, measure time and memory (and the window, when built in) ----

int openChild(const QString& store, int repaintCount)
{
    QElapsedTimer timer;
    timer.start();
#ifdef REWIND_BENCH_WINDOW
    // As a person does it: the window appears, the file is opened in the background, and the
    // window is usable once the events table has rows, the timeline has the history and the
    // inspector has the state at the playhead.
    MainWindow window(MainWindow::Memory::Forget);
    window.resize(1400, 900);
    window.show();
    QString failure;
    QObject::connect(window.loader(), &HistoryLoader::failed, &window,
        [&failure](int, const QString&, const Error& error) { failure = error.toString(); });
    window.openFile(store);
    const auto* table = window.eventsPane()->findChild<QAbstractItemView*>();
    const auto waitFor = [&](const std::function<bool()>& done) {
        while (!done()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (!failure.isEmpty() || timer.elapsed() > 120000)
                return false;
        }
        return true;
    };
    if (!waitFor([&] {
            return window.playhead()->history() && table && table->model() && table->model()->rowCount() > 0
                && window.inspector()->details().isValid();
        })) {
        QTextStream(stderr) << "the window did not become usable: " << failure << Qt::endl;
        return 1;
    }
    QCoreApplication::processEvents();
    const double openMs = double(timer.nsecsElapsed()) / 1e6;
    // What still runs in the background (the analysis and checkpoints, the panes' own jobs).
    waitFor([&] { return !window.loader()->isBusy(); });
    backgroundPool()->waitForDone();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    const double settledMs = double(timer.nsecsElapsed()) / 1e6;
    const qint64 rss = procStatus("VmRSS");
    const qint64 hwm = procStatus("VmHWM");

    TimelineWidget* timeline = window.timeline();
    QImage image(timeline->size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer paint;
    paint.start();
    timeline->render(&image);
    const double firstPaintMs = double(paint.nsecsElapsed()) / 1e6;
    QList<double> repaints;
    for (int i = 0; i < repaintCount; ++i) {
        paint.restart();
        timeline->render(&image);
        repaints.append(double(paint.nsecsElapsed()) / 1e6);
    }
    out() << "what=window open_ms=" << openMs << " settled_ms=" << settledMs << " rss_kb=" << rss << " hwm_kb=" << hwm
          << " repaint_ms=" << median(repaints) << " first_paint_ms=" << firstPaintMs
          << " timeline_width=" << timeline->width() << Qt::endl;
#else
    Q_UNUSED(repaintCount)
    // Without the window: what it would wait for (the index, the state at the last event), then
    // the background phase.
    const DomainRegistry domains;
    auto source = SourceOpener::open(store);
    if (!source) {
        QTextStream(stderr) << source.error().toString() << Qt::endl;
        return 1;
    }
    auto history = History::openIndex(std::move(source).value(), domains);
    if (!history) {
        QTextStream(stderr) << history.error().toString() << Qt::endl;
        return 1;
    }
    const HistoryIndex& index = (*history)->index();
    const auto& last = index.entry(index.size() - 1);
    if (!(*history)->stateAt(index.streamNames().at(last.stream), last.position))
        return 1;
    const double openMs = double(timer.nsecsElapsed()) / 1e6;
    if (!(*history)->completeAnalysis())
        return 1;
    const double settledMs = double(timer.nsecsElapsed()) / 1e6;
    out() << "what=core open_ms=" << openMs << " settled_ms=" << settledMs << " rss_kb=" << procStatus("VmRSS")
          << " hwm_kb=" << procStatus("VmHWM") << Qt::endl;
#endif
    return 0;
}

} // namespace

// NOLINTNEXTLINE(bugprone-exception-escape): an exception here ends the benchmark, as it should
int main(int argc, char** argv)
{
    // The child that measures the window needs a QApplication; everything else only QtCore.
    const bool child = argc >= 2 && qstrcmp(argv[1], "--open") == 0;
#ifdef REWIND_BENCH_WINDOW
    std::unique_ptr<QCoreApplication> app =
        child ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
#else
    auto app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("rewind-bench"));
    if (child)
        return openChild(QCoreApplication::arguments().value(2),
            QCoreApplication::arguments().value(3, QStringLiteral("30")).toInt());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Generates histories and measures import, replay, jumps, opening, memory and the timeline "
                       "against the targets in docs/performance.md."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("Only 10,000 events, one run (for CI)."));
    const QCommandLineOption sizes(QStringLiteral("sizes"),
        QStringLiteral("Comma-separated event counts (default 10000,100000,1000000)."), QStringLiteral("list"));
    const QCommandLineOption runs(QStringLiteral("runs"),
        QStringLiteral("Runs per figure; medians are printed (default 3)."), QStringLiteral("n"));
    const QCommandLineOption jumps(
        QStringLiteral("jumps"), QStringLiteral("Random jumps measured (default 2000)."), QStringLiteral("n"));
    const QCommandLineOption dir(QStringLiteral("dir"),
        QStringLiteral("Where to write the generated files (default: a temporary directory)."), QStringLiteral("path"));
    const QCommandLineOption existing(QStringLiteral("store"),
        QStringLiteral("Measure only replay, jumps and opening on an existing store made by this benchmark."),
        QStringLiteral("path"));
    const QCommandLineOption only(QStringLiteral("only"),
        QStringLiteral("With --store: measure only this (replay, jumps, open), e.g. under a profiler."),
        QStringLiteral("figure"));
    const QCommandLineOption emmettOnly(
        QStringLiteral("emmett-only"), QStringLiteral("Only the Emmett store row (needs node and npm)."));
    const QCommandLineOption postgresOnly(QStringLiteral("postgres-only"),
        QStringLiteral("Only the PostgreSQL rows (need the postgresql package, node and npm)."));
    parser.addOptions({ quick, sizes, runs, jumps, dir, existing, only, emmettOnly, postgresOnly });
    parser.process(*app);

    QList<qint64> counts { 10000, 100000, 1000000 };
    if (parser.isSet(quick))
        counts = { 10000 };
    if (parser.isSet(emmettOnly) || parser.isSet(postgresOnly))
        counts.clear();
    if (parser.isSet(sizes) && !parser.isSet(emmettOnly) && !parser.isSet(postgresOnly)) {
        counts.clear();
        for (const QString& size : parser.value(sizes).split(QLatin1Char(','))) {
            bool ok = false;
            const qint64 n = size.trimmed().toLongLong(&ok);
            if (!ok || n < 10)
                cannotRun(QStringLiteral("bad size '%1'").arg(size));
            counts.append(n);
        }
    }
    const int runCount = parser.isSet(runs) ? std::max(1, parser.value(runs).toInt()) : (parser.isSet(quick) ? 1 : 3);
    const int jumpCount =
        parser.isSet(jumps) ? std::max(1, parser.value(jumps).toInt()) : (parser.isSet(quick) ? 200 : 2000);

    QTemporaryDir temporary;
    const QString base = parser.isSet(dir) ? parser.value(dir) : temporary.path();
    if (base.isEmpty())
        cannotRun(QStringLiteral("no temporary directory"));

    if (parser.isSet(existing)) {
        Figures figures;
        const QString store = parser.value(existing);
        auto opened = EventStore::open(store);
        if (!opened)
            cannotRun(opened.error().toString());
        const auto events = (*opened)->eventCount();
        if (!events)
            cannotRun(events.error().toString());
        figures.events = *events;
        opened->reset();
        const QString what = parser.value(only);
        if (what.isEmpty() || what == QLatin1String("replay")) {
            measureReplay(store, figures, runCount);
            measureScriptReplay(store, figures, runCount);
        }
        if (what.isEmpty() || what == QLatin1String("jumps"))
            measureJumps(store, figures, jumpCount);
        if (what.isEmpty() || what == QLatin1String("open"))
            measureOpen(store, figures, runCount);
        out() << table(figures, false).toText() << Qt::flush;
        return 0;
    }

    out() << "rewind-bench: " << runCount << " run(s) per figure, medians; " << QThread::idealThreadCount()
          << " cores; load average " << systemLoad() << Qt::endl;
    for (const qint64 count : std::as_const(counts)) {
        Figures figures;
        figures.events = count;
        out() << "\n== " << grouped(double(count)) << " events: generating …" << Qt::endl;
        const HistoryGenerator history(count);
        const QString jsonl = base + QStringLiteral("/history-%1.jsonl").arg(count);
        const QString store = base + QStringLiteral("/history-%1.rwd").arg(count);
        const QString raw = base + QStringLiteral("/raw-%1.rwd").arg(count);
        if (!history.writeJsonLines(jsonl))
            cannotRun(QStringLiteral("cannot write %1").arg(jsonl));

        QList<double> rawInserts;
        QList<double> imports;
        QList<double> rawReads;
        for (int run = 0; run < runCount; ++run) {
            rawInserts.append(rawInsert(history, raw));
            imports.append(importJsonLines(jsonl, store, count));
            rawReads.append(rawRead(store, count));
        }
        figures.rawInsert = median(rawInserts);
        figures.import = median(imports);
        figures.rawRead = median(rawReads);
        out() << "   import and raw SQLite done" << Qt::endl;
        measureReplay(store, figures, runCount);
        measureScriptReplay(store, figures, runCount);
        out() << "   replay done" << Qt::endl;
        measureJumps(store, figures, jumpCount);
        out() << "   jumps done" << Qt::endl;
        measureOpen(store, figures, runCount);
        out() << "   opening done" << Qt::endl;
        measureCommandLine(store, jsonl, base, history.hotStreamLength(), figures, runCount);
        out() << '\n' << table(figures, count == 1000000).toText() << Qt::flush;
        if (!parser.isSet(dir)) {
            QFile::remove(jsonl);
            QFile::remove(store);
        }
    }
    // Emmett's store beside Emmett itself: an npm install and 200,000 events written through
    // Emmett take minutes the first time, too long for CI's --quick run.
    if (parser.isSet(quick)) {
        out() << "\nEmmett store row: skipped in --quick mode (it installs Emmett from npm and has it write "
                 "200,000 events); run rewind-bench without --quick for it."
              << Qt::endl;
    } else if (!parser.isSet(postgresOnly)) {
        out() << "\n== Emmett store: 200,000 events in one stream" << Qt::endl;
        EmmettBench::Options options;
        options.workDir = QStringLiteral(REWIND_BENCH_EMMETT_DIR);
        options.scriptsDir = QStringLiteral(REWIND_EMMETT_SCRIPTS_DIR);
        options.cli = QStringLiteral(REWIND_CLI_PATH);
        options.runs = std::max(runCount, 3);
        BenchTable emmett;
        emmett.add(EmmettBench::measure(options, out()));
        emmett.setTitle(QStringLiteral("Emmett store (load average at the end: %1)").arg(systemLoad()));
        out() << '\n' << emmett.toText() << Qt::flush;
    }
    // A PostgreSQL server on this machine, with Emmett's store in it: the same minutes of npm
    // and appends, so not in --quick either.
    if (parser.isSet(quick)) {
        out() << "PostgreSQL rows: skipped in --quick mode (they start a server, install Emmett from npm and have "
                 "it write 200,000 events); run rewind-bench without --quick for them."
              << Qt::endl;
    } else if (!parser.isSet(emmettOnly)) {
        out() << "\n== PostgreSQL store: 200,000 events in one stream" << Qt::endl;
        PostgresBench::Options options;
        options.workDir = QStringLiteral(REWIND_BENCH_POSTGRES_DIR);
        options.scriptsDir = QStringLiteral(REWIND_POSTGRES_SCRIPTS_DIR);
        options.cli = QStringLiteral(REWIND_CLI_PATH);
        options.runs = std::max(runCount, 3);
        BenchTable postgres;
        for (BenchTable::Row& row : PostgresBench::measure(options, out()))
            postgres.add(std::move(row));
        postgres.setTitle(QStringLiteral("PostgreSQL store (load average at the end: %1)").arg(systemLoad()));
        out() << '\n' << postgres.toText() << Qt::flush;
    }
    out() << "\nTargets are judged at 1,000,000 events (docs/performance.md, \"Targets\")." << Qt::endl;
    return 0;
}
