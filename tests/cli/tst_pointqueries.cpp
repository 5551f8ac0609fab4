#include "clirun.h"
#include "domains/domainregistry.h"
#include "replay/replayer.h"
#include "replay/verifier.h"
#include "sources/sourceopener.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Rewind;

// `rewind-cli state` at any version, position or time answers exactly what loading the stream
// there and analysing its whole prefix answer in process: the oracle is the core's own Replayer
// and Verifier, each run on its own, the way the command worked before it folded in one pass.
namespace {

QByteArray record(
    const QByteArray& stream, qint64 version, const QByteArray& type, const QByteArray& data, qint64 minute)
{
    return R"({"stream":")" + stream + R"(","version":)" + QByteArray::number(version) + R"(,"type":")" + type
        + R"(","data":)" + data + R"(,"at":)" + QByteArray::number(1767225600000 + minute * 60000) + "}\n";
}

/// Two accounts, with anomalies (overdrafts, a version gap) and snapshots, some of them stale.
QByteArray randomHistory(QRandomGenerator& random)
{
    QByteArray log;
    QHash<QByteArray, qint64> versions;
    QHash<QByteArray, qint64> balances;
    for (int i = 0; i < 120; ++i) {
        const QByteArray stream = random.bounded(2) ? "account-1" : "account-2";
        qint64& version = versions[stream];
        version += random.bounded(30) == 0 ? 2 : 1; // now and then a gap
        const qint64 amount = random.bounded(1, 500);
        const bool deposit = random.bounded(3) != 0;
        log += record(stream, version, deposit ? "Deposited" : "Withdrawn",
            R"({"amount":)" + QByteArray::number(amount) + ".25}", i);
        balances[stream] += (deposit ? 1 : -1) * (amount * 100 + 25);
        if (random.bounded(10) == 0) {
            const qint64 claimed = balances[stream] + (random.bounded(3) == 0 ? 1 : 0); // stale now and then
            log += R"({"kind":"snapshot","stream":")" + stream + R"(","version":)" + QByteArray::number(version)
                + R"(,"state":{"balance":)" + QByteArray::number(double(claimed) / 100, 'f', 2)
                + R"(,"closed":false,"owner":null}})" + "\n";
        }
    }
    return log;
}

QJsonObject expected(const EventSource& source, const Domain& domain, const QString& stream, qint64 position)
{
    const Replayer replayer(source, domain);
    const auto loaded = replayer.load(stream, position);
    Verifier::Options options;
    options.stream = stream;
    options.domain = &domain;
    const DomainRegistry domains;
    const auto analysis = Verifier::analyze(source, domains, options);
    if (!loaded || !analysis)
        qFatal("the oracle cannot read the history");
    QJsonArray anomalies;
    for (const Anomaly& anomaly : analysis->anomalies) {
        if (anomaly.position <= loaded->position)
            anomalies.append(QJsonDocument::fromJson(anomaly.toJsonWriter().toJson()).object());
    }
    return { { QStringLiteral("version"), loaded->version }, { QStringLiteral("position"), loaded->position },
        { QStringLiteral("state"), QJsonDocument::fromJson(loaded->state->toJson().toJson()).object() },
        { QStringLiteral("anomalies"), anomalies } };
}

} // namespace

class TestPointQueries : public QObject {
    Q_OBJECT

private slots:
    void stateAnywhereEqualsLoadAndWholeAnalysis()
    {
        QTemporaryDir dir;
        const DomainRegistry domains;
        const Domain& bank = *domains.find(QStringLiteral("bank"));
        for (int history = 0; history < 4; ++history) {
            QRandomGenerator random(quint32(1000 + history));
            const QString path = dir.filePath(QStringLiteral("history-%1.jsonl").arg(history));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(randomHistory(random));
            file.close();
            const auto source = SourceOpener::open(path);
            QVERIFY(source);
            const qint64 events = (*source)->eventCount().value();
            for (int query = 0; query < 12; ++query) {
                const QString stream = random.bounded(2) ? QStringLiteral("account-1") : QStringLiteral("account-2");
                const qint64 position = query == 0 ? events : random.bounded(qint64(1), events + 1);
                const RewindTest::CliRun run = RewindTest::runCli({ QStringLiteral("state"), path,
                    QStringLiteral("--stream"), stream, QStringLiteral("--at-position"), QString::number(position) });
                QCOMPARE(run.status, 0);
                QJsonObject answered = QJsonDocument::fromJson(run.out).object();
                answered.remove(QStringLiteral("stream"));
                answered.remove(QStringLiteral("at"));
                const QJsonObject oracle = expected(**source, bank, stream, position);
                QVERIFY2(answered == oracle,
                    qPrintable(QStringLiteral("history %1, %2 at position %3:\n%4\n%5")
                                   .arg(history)
                                   .arg(stream)
                                   .arg(position)
                                   .arg(QString::fromUtf8(QJsonDocument(answered).toJson(QJsonDocument::Compact)),
                                       QString::fromUtf8(QJsonDocument(oracle).toJson(QJsonDocument::Compact)))));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPointQueries)
#include "tst_pointqueries.moc"
