#include "emmettbench.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <sys/resource.h>

namespace Rewind {

namespace {

/// One finished process: how long it took start to exit, the user CPU it used (its threads
/// together: node reads SQLite on a thread pool), what it printed, and why it failed if it did.
struct Timed {
    double elapsedMs = 0;
    double userMs = 0;
    QByteArray output;
    QString failure;
};

double childrenUserMs()
{
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_utime.tv_sec) * 1e3 + double(usage.ru_utime.tv_usec) / 1e3;
}

Timed run(const QString& program, const QStringList& args, const QString& folder, int timeoutMs,
    const QString& cacheHome = {})
{
    Timed timed;
    QProcess process;
    process.setWorkingDirectory(folder);
    if (!cacheHome.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
        process.setProcessEnvironment(env);
    }
    // The children's CPU time counts a child once it has been waited for: the difference is this one's.
    const double userBefore = childrenUserMs();
    QElapsedTimer timer;
    timer.start();
    process.start(program, args);
    const bool finished = process.waitForFinished(timeoutMs);
    timed.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    timed.userMs = childrenUserMs() - userBefore;
    timed.output = process.readAllStandardOutput();
    if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
        timed.failure = QStringLiteral("%1 %2 failed%3")
                            .arg(QFileInfo(program).fileName(), args.value(0),
                                err.isEmpty() ? QString() : QStringLiteral(": ") + err.section(QLatin1Char('\n'), -1));
        process.kill();
        process.waitForFinished();
    }
    return timed;
}

/// The fastest of several runs, by elapsed time (the machine may be shared).
Timed fastest(const QList<Timed>& runs)
{
    return *std::min_element(
        runs.cbegin(), runs.cend(), [](const Timed& a, const Timed& b) { return a.elapsedMs < b.elapsedMs; });
}

BenchTable::Row skipped(const QString& figure, const QString& why)
{
    return { figure, QStringLiteral("skipped: ") + why, QStringLiteral(">= 20 x faster than aggregateStream"),
        QStringLiteral("-"), QString() };
}

/// Copies a file over an older copy; false when it cannot.
bool refresh(const QString& from, const QString& to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

} // namespace

BenchTable::Row EmmettBench::measure(const Options& o, QTextStream& progress)
{
    const QString events = QLocale(QLocale::English).toString(o.events);
    const QString figure =
        QStringLiteral("Emmett store, %1-event stream, rewind-cli state, whole process, no analysis cached "
                       "(fastest of %2; user CPU)")
            .arg(events)
            .arg(o.runs);
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (node.isEmpty() || npm.isEmpty())
        return skipped(figure, QStringLiteral("node or npm not found (Emmett is a Node.js library)"));
    if (!QDir().mkpath(o.workDir))
        return skipped(figure, QStringLiteral("cannot create ") + o.workDir);

    // Emmett as tests/data/emmett pins it, installed once into the build folder.
    const QDir work(o.workDir);
    const QDir scripts(o.scriptsDir);
    const QString lock = QStringLiteral("package-lock.json");
    const bool lockChanged = !QFile::exists(work.filePath(lock))
        || QFileInfo(work.filePath(lock)).lastModified() < QFileInfo(scripts.filePath(lock)).lastModified();
    for (const char* name : { "package.json", "package-lock.json", "make-bank-stream.mjs", "aggregate-stream.mjs" }) {
        const QString file = QString::fromLatin1(name);
        if (!refresh(scripts.filePath(file), work.filePath(file)))
            return skipped(figure, QStringLiteral("cannot copy %1 into %2").arg(file, o.workDir));
    }
    if (lockChanged || !QFile::exists(work.filePath(QStringLiteral("node_modules/@event-driven-io/emmett-sqlite")))) {
        progress << "   installing Emmett from npm into " << o.workDir << " …" << Qt::endl;
        const Timed install =
            run(npm, { QStringLiteral("ci"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund") }, o.workDir,
                30 * 60 * 1000);
        if (!install.failure.isEmpty())
            return skipped(figure, install.failure);
    }

    // The store, written by Emmett itself; kept for the next run.
    const QString store = work.filePath(QStringLiteral("bank-stream-%1.sqlite").arg(o.events));
    if (!QFile::exists(store)) {
        progress << "   Emmett appends " << events << " events …" << Qt::endl;
        const Timed made = run(node,
            { QStringLiteral("make-bank-stream.mjs"), store, QString::number(o.events), QStringLiteral("account-1") },
            o.workDir, 30 * 60 * 1000);
        if (!made.failure.isEmpty()) {
            QFile::remove(store);
            return skipped(figure, made.failure);
        }
    }

    // In turns, so that both meet the same load.
    QList<Timed> emmett;
    QList<Timed> rewind;
    for (int i = 0; i < o.runs; ++i) {
        emmett.append(run(
            node, { QStringLiteral("aggregate-stream.mjs"), store, QStringLiteral("account-1") }, o.workDir, 600000));
        // A first question: no analysis kept from an earlier run (rewind-cli's cache starts
        // empty, in a folder of its own rather than the user's).
        const QTemporaryDir cache;
        rewind.append(
            run(o.cli, { QStringLiteral("state"), store, QStringLiteral("--stream"), QStringLiteral("account-1") },
                o.workDir, 600000, cache.path()));
        if (!emmett.last().failure.isEmpty())
            return skipped(figure, emmett.last().failure);
        if (!rewind.last().failure.isEmpty())
            return skipped(figure, rewind.last().failure);
    }
    const Timed e = fastest(emmett);
    const Timed r = fastest(rewind);

    // Both must have folded the same stream to the same balance, or the race means nothing.
    const QJsonObject emmettState = QJsonDocument::fromJson(e.output).object();
    const QJsonObject rewindAnswer = QJsonDocument::fromJson(r.output).object();
    const QString emmettBalance = emmettState.value(QStringLiteral("balance")).toString();
    const double rewindBalance =
        rewindAnswer.value(QStringLiteral("state")).toObject().value(QStringLiteral("balance")).toDouble();
    const bool same = emmettState.value(QStringLiteral("version")).toInteger() == o.events
        && rewindAnswer.value(QStringLiteral("version")).toInteger() == o.events
        && emmettBalance == QString::number(rewindBalance, 'f', 2);

    const double ratio = e.elapsedMs / std::max(r.elapsedMs, 0.001);
    return { figure,
        QStringLiteral("%1 ms (user %2 ms), %3 x faster")
            .arg(r.elapsedMs, 0, 'f', 0)
            .arg(r.userMs, 0, 'f', 0)
            .arg(ratio, 0, 'f', 1),
        QStringLiteral(">= 20 x faster than aggregateStream"),
        QStringLiteral("Emmett aggregateStream, node, same file: %1 ms (user %2 ms)%3")
            .arg(e.elapsedMs, 0, 'f', 0)
            .arg(e.userMs, 0, 'f', 0)
            .arg(same ? QStringLiteral(", same balance") : QStringLiteral(", DIFFERENT RESULTS")),
        same ? (ratio >= 20 ? QStringLiteral("met") : QStringLiteral("NOT met")) : QStringLiteral("NOT met") };
}

} // namespace Rewind
