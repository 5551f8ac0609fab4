#include "postgresbench.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <tuple>

namespace Rewind {

namespace {

struct Timed {
    double elapsedMs = 0;
    QByteArray output;
    QString failure;
};

Timed run(const QString& program, const QStringList& args, const QProcessEnvironment& env, int timeoutMs,
    const QString& folder = {})
{
    Timed timed;
    QProcess process;
    process.setProcessEnvironment(env);
    if (!folder.isEmpty())
        process.setWorkingDirectory(folder);
    QElapsedTimer timer;
    timer.start();
    process.start(program, args);
    const bool finished = process.waitForFinished(timeoutMs);
    timed.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    timed.output = process.readAllStandardOutput();
    if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
        timed.failure = QStringLiteral("%1 failed%2")
                            .arg(QFileInfo(program).fileName(),
                                err.isEmpty() ? QString() : QStringLiteral(": ") + err.section(u'\n', -1));
        process.kill();
        process.waitForFinished();
    }
    return timed;
}

Timed fastest(const QList<Timed>& runs)
{
    return *std::min_element(
        runs.cbegin(), runs.cend(), [](const Timed& a, const Timed& b) { return a.elapsedMs < b.elapsedMs; });
}

QString readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

} // namespace

QList<BenchTable::Row> PostgresBench::measure(const Options& o, QTextStream& progress)
{
    const QString events = QLocale(QLocale::English).toString(o.events);
    const QString replayFigure =
        QStringLiteral("PostgreSQL store (Emmett), %1-event stream, full replay, rewind-cli state, whole process "
                       "(fastest of %2)")
            .arg(events)
            .arg(o.runs);
    const QString emmettFigure =
        QStringLiteral("PostgreSQL store (Emmett), %1-event stream, rewind-cli state against Emmett's aggregateStream")
            .arg(events);
    const QString replayTarget = QStringLiteral(">= 500,000 events/s");
    const QString emmettTarget = QStringLiteral(">= 10 x faster than aggregateStream");
    const auto skipped = [&](const QString& why) {
        return QList<BenchTable::Row> {
            { replayFigure, QStringLiteral("skipped: ") + why, replayTarget, QStringLiteral("-"), QString() },
            { emmettFigure, QStringLiteral("skipped: ") + why, emmettTarget, QStringLiteral("-"), QString() },
        };
    };
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString psql = QStandardPaths::findExecutable(QStringLiteral("psql"));
    if (node.isEmpty() || psql.isEmpty())
        return skipped(QStringLiteral("node or psql not found"));
    const QProcessEnvironment base = QProcessEnvironment::systemEnvironment();
    const QString server = QDir(o.scriptsDir).filePath(QStringLiteral("server.sh"));

    progress << "   starting a PostgreSQL server (" << server << ") …" << Qt::endl;
    QProcessEnvironment startEnv = base;
    startEnv.remove(QStringLiteral("CI")); // no server is a skipped row here, not a failure
    const Timed started =
        run(QStringLiteral("bash"), { server, QStringLiteral("start"), o.workDir }, startEnv, 15 * 60 * 1000);
    const QString unavailable = readText(o.workDir + QStringLiteral("/unavailable"));
    if (!started.failure.isEmpty() || !unavailable.isEmpty())
        return skipped(unavailable.isEmpty() ? started.failure : QStringLiteral("no server: ") + unavailable);
    const auto stop = [&] {
        std::ignore = run(QStringLiteral("bash"), { server, QStringLiteral("stop"), o.workDir }, base, 60000);
    };

    const QString superuser = readText(o.workDir + QStringLiteral("/superuser-url"));
    const QString reader = readText(o.workDir + QStringLiteral("/url")) + QStringLiteral("/bench");
    QProcessEnvironment readerEnv = base;
    readerEnv.insert(QStringLiteral("PGPASSWORD"), readText(o.workDir + QStringLiteral("/password")));
    const auto sql = [&](const QString& database, const QString& statement) {
        return run(psql,
            { QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                superuser + QLatin1Char('/') + database, QStringLiteral("-c"), statement },
            base, 60000);
    };
    for (const Timed& step : { sql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE bench")),
             sql(QStringLiteral("bench"), QStringLiteral("GRANT CONNECT ON DATABASE bench TO rewind")) }) {
        if (!step.failure.isEmpty()) {
            stop();
            return skipped(step.failure);
        }
    }
    progress << "   Emmett appends " << events << " events …" << Qt::endl;
    const Timed made = run(node,
        { QStringLiteral("make-bank-stream.mjs"), superuser + QStringLiteral("/bench"), QString::number(o.events),
            QStringLiteral("account-1") },
        base, 30 * 60 * 1000, o.workDir);
    const Timed granted =
        sql(QStringLiteral("bench"), QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA public TO rewind"));
    if (!made.failure.isEmpty() || !granted.failure.isEmpty()) {
        stop();
        return skipped(made.failure.isEmpty() ? granted.failure : made.failure);
    }

    // In turns, so that all three meet the same load.
    QList<Timed> rewind;
    QList<Timed> emmett;
    QList<Timed> copy;
    for (int i = 0; i < o.runs; ++i) {
        rewind.append(
            run(o.cli, { QStringLiteral("state"), reader, QStringLiteral("--stream"), QStringLiteral("account-1") },
                readerEnv, 600000));
        emmett.append(run(node, { QStringLiteral("aggregate-stream.mjs"), superuser + QStringLiteral("/bench") }, base,
            600000, o.workDir));
        copy.append(run(psql,
            { QStringLiteral("-X"), reader, QStringLiteral("-c"),
                QStringLiteral(
                    "COPY (SELECT message_data FROM emt_messages WHERE message_kind = 'E' AND NOT is_archived "
                    "ORDER BY global_position) TO STDOUT") },
            readerEnv, 600000));
        for (const QList<Timed>* runs : { &rewind, &emmett, &copy }) {
            if (!runs->last().failure.isEmpty()) {
                stop();
                return skipped(runs->last().failure);
            }
        }
    }
    stop();
    const Timed r = fastest(rewind);
    const Timed e = fastest(emmett);
    const Timed c = fastest(copy);

    // Both must have folded the same stream to the same balance, or the race means nothing.
    const QJsonObject emmettState = QJsonDocument::fromJson(e.output).object();
    const QJsonObject rewindAnswer = QJsonDocument::fromJson(r.output).object();
    const double rewindBalance =
        rewindAnswer.value(QStringLiteral("state")).toObject().value(QStringLiteral("balance")).toDouble();
    const bool same = emmettState.value(QStringLiteral("version")).toInteger() == o.events
        && rewindAnswer.value(QStringLiteral("version")).toInteger() == o.events
        && emmettState.value(QStringLiteral("balance")).toString() == QString::number(rewindBalance, 'f', 2);

    const double rate = double(o.events) / (std::max(r.elapsedMs, 0.001) / 1000);
    const double copyRate = double(o.events) / (std::max(c.elapsedMs, 0.001) / 1000);
    const double ratio = e.elapsedMs / std::max(r.elapsedMs, 0.001);
    const QString sameText = same ? QStringLiteral(", same balance") : QStringLiteral(", DIFFERENT RESULTS");
    return {
        { replayFigure, QStringLiteral("%1 events/s (%2 ms)").arg(rate, 0, 'f', 0).arg(r.elapsedMs, 0, 'f', 0),
            replayTarget,
            QStringLiteral("psql copy of the same rows' data: %1 rows/s (%2 ms)")
                .arg(copyRate, 0, 'f', 0)
                .arg(c.elapsedMs, 0, 'f', 0),
            same && rate >= 500000 ? QStringLiteral("met") : QStringLiteral("NOT met") },
        { emmettFigure, QStringLiteral("%1 x faster").arg(ratio, 0, 'f', 1), emmettTarget,
            QStringLiteral("Emmett aggregateStream, node, same stream: %1 ms%2")
                .arg(e.elapsedMs, 0, 'f', 0)
                .arg(sameText),
            same && ratio >= 10 ? QStringLiteral("met") : QStringLiteral("NOT met") },
    };
}

} // namespace Rewind
