#include "clirun.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Numbers keep the text they were written with, from a log to every output and into the store,
// and money never wraps around or rounds: each row is a finding of a hostile-input probe, run
// through the real rewind-cli.
namespace {

using Run = RewindTest::CliRun;

Run cli(const QStringList& args) { return RewindTest::runCli(args); }

QJsonObject json(const QByteArray& line) { return QJsonDocument::fromJson(line).object(); }

QStringList anomalyKinds(const QJsonObject& state)
{
    QStringList kinds;
    for (const auto& anomaly : state.value(QLatin1String("anomalies")).toArray())
        kinds.append(anomaly.toObject().value(QLatin1String("kind")).toString());
    return kinds;
}

} // namespace

class TestExactNumbers : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& text)
    {
        QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void numbersKeepTheirText_data()
    {
        QTest::addColumn<QByteArray>("number");
        QTest::newRow("17 significant digits") << QByteArray("1234567890123.4567");
        QTest::newRow("an id above 2^53") << QByteArray("12345678901234567890");
        QTest::newRow("2^53 + 1") << QByteArray("9007199254740993");
        QTest::newRow("many decimals") << QByteArray("10.0000000000000001");
        QTest::newRow("an exponent") << QByteArray("2.5E-2");
        QTest::newRow("the largest amount") << QByteArray("922337203685477.5807");
    }

    void numbersKeepTheirText()
    {
        // In data and in metadata, through events, import, export and import again.
        QFETCH(QByteArray, number);
        const QString log = write(QStringLiteral("n.jsonl"),
            R"({"stream":"s-1","type":"Measured","data":{"value": )" + number + R"(, "n":[)" + number
                + R"(]},"metadata":{"trace":)" + number + "}}\n");
        const Run events = cli({ QStringLiteral("events"), log });
        QCOMPARE(events.status, 0);
        const QByteArray expected =
            R"("data":{"value":)" + number + R"(,"n":[)" + number + R"(]},"metadata":{"trace":)" + number + "}}";
        QVERIFY2(events.out.trimmed().endsWith(expected), events.out.constData());

        const QString store =
            m_dir.filePath(QStringLiteral("n-%1.db").arg(QString::fromLatin1(QTest::currentDataTag())));
        const QString exported = m_dir.filePath(QStringLiteral("n-out.jsonl"));
        const QString again =
            m_dir.filePath(QStringLiteral("n-again-%1.db").arg(QString::fromLatin1(QTest::currentDataTag())));
        const QString exportedAgain = m_dir.filePath(QStringLiteral("n-out-again.jsonl"));
        QCOMPARE(cli({ QStringLiteral("import"), log, QStringLiteral("--out"), store }).status, 0);
        QCOMPARE(cli({ QStringLiteral("export"), store, QStringLiteral("--out"), exported }).status, 0);
        QCOMPARE(cli({ QStringLiteral("import"), exported, QStringLiteral("--out"), again }).status, 0);
        QCOMPARE(cli({ QStringLiteral("export"), again, QStringLiteral("--out"), exportedAgain }).status, 0);
        QFile first(exported);
        QFile second(exportedAgain);
        QVERIFY(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
        const QByteArray firstText = first.readAll();
        QVERIFY2(firstText.contains(expected), firstText.constData());
        QCOMPARE(second.readAll(), firstText);
    }

    void moneyIsExactOrAnAnomaly_data()
    {
        QTest::addColumn<QByteArray>("log");
        QTest::addColumn<QString>("balance"); // the state's text
        QTest::addColumn<QStringList>("anomalies");
        const auto deposit = [](const char* amount) -> QByteArray {
            return QByteArray(R"({"stream":"a-1","type":"Deposited","data":{"amount":)") + amount + "}}\n";
        };
        QTest::newRow("17 significant digits")
            << deposit("1234567890123.4567") << QStringLiteral("1234567890123.4567") << QStringList();
        QTest::newRow("a ten-thousandth more")
            << deposit("99999999999999.9999") + deposit("0.0001") << QStringLiteral("100000000000000") << QStringList();
        QTest::newRow("two deposits that overflow")
            << deposit("900000000000000") + deposit("900000000000000") << QStringLiteral("900000000000000")
            << QStringList { QStringLiteral("overflow") };
        QTest::newRow("more than 4 decimals, whatever the digits")
            << deposit("10") + deposit("10.0000000000000001") << QStringLiteral("10")
            << QStringList { QStringLiteral("bad-amount") };
        QTest::newRow("an amount too large to hold")
            << deposit("922337203685477.5808") << QStringLiteral("0") << QStringList { QStringLiteral("bad-amount") };
    }

    void moneyIsExactOrAnAnomaly()
    {
        QFETCH(QByteArray, log);
        QFETCH(QString, balance);
        QFETCH(QStringList, anomalies);
        const QString path = write(QStringLiteral("money.jsonl"), log);
        const Run state = cli({ QStringLiteral("state"), path, QStringLiteral("--stream"), QStringLiteral("a-1") });
        QCOMPARE(state.status, 0);
        QVERIFY2(state.out.contains(QByteArray(R"("balance":)" + balance.toLatin1() + ",")), state.out.constData());
        QCOMPARE(anomalyKinds(json(state.out)), anomalies);
    }

    void aTooLargeAmountIsCalledThat()
    {
        const QString path = write(QStringLiteral("large.jsonl"),
            R"({"stream":"a-1","type":"Deposited","data":{"amount":1000000000000000}})"
            "\n");
        const Run state = cli({ QStringLiteral("state"), path, QStringLiteral("--stream"), QStringLiteral("a-1") });
        const QString message = json(state.out)
                                    .value(QLatin1String("anomalies"))
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value(QLatin1String("message"))
                                    .toString();
        QVERIFY2(message.contains(QLatin1String("too large")), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("decimal places")), qPrintable(message));
    }

    void aCartLineThatOverflowsIsNotApplied()
    {
        const QString path = write(QStringLiteral("cart.jsonl"),
            R"({"stream":"c-1","type":"ItemAdded","data":{"sku":"A","quantity":2,"unitPrice":1.5}})"
            "\n"
            R"({"stream":"c-1","type":"ItemAdded","data":{"sku":"B","quantity":1000000,"unitPrice":1000000000000}})"
            "\n");
        const Run state = cli({ QStringLiteral("state"), path, QStringLiteral("--stream"), QStringLiteral("c-1") });
        QCOMPARE(state.status, 0);
        QVERIFY2(state.out.contains(R"("total":3})"), state.out.constData());
        QVERIFY(!state.out.contains(R"("B")"));
        QCOMPARE(anomalyKinds(json(state.out)), QStringList { QStringLiteral("overflow") });
    }

    void commandsStoreTheAmountTheyDecidedOn()
    {
        const QString store = m_dir.filePath(QStringLiteral("commands.db"));
        const auto command = [&](const char* name, const char* amount) {
            return cli({ QStringLiteral("command"), store, QStringLiteral("--stream"), QStringLiteral("a-1"),
                QString::fromLatin1(name), QStringLiteral("amount=") + QLatin1String(amount) });
        };
        const Run first = command("deposit", "99999999999999.9999");
        QCOMPARE(first.status, 0);
        QVERIFY2(first.out.contains(R"("data":{"amount":99999999999999.9999})"), first.out.constData());
        QCOMPARE(command("deposit", "1").status, 0);
        const Run state = cli({ QStringLiteral("state"), store, QStringLiteral("--stream"), QStringLiteral("a-1") });
        QVERIFY2(state.out.contains(R"("balance":100000000000000.9999,)"), state.out.constData());

        // The largest amount once more would wrap the balance: refused, nothing appended.
        const Run tooMuch = command("deposit", "922337203685477.5807");
        QCOMPARE(tooMuch.status, 3);
        QVERIFY2(tooMuch.out.contains("the balance would overflow"), tooMuch.out.constData());
        const Run beyond = command("deposit", "922337203685477.5808");
        QCOMPARE(beyond.status, 3);
        QVERIFY2(beyond.out.contains("amount is too large"), beyond.out.constData());
        const Run events = cli({ QStringLiteral("events"), store });
        QCOMPARE(events.out.count('\n'), 2);
        // A withdrawal is still judged against the exact balance, not a wrapped one.
        QCOMPARE(command("withdraw", "1").status, 0);
    }

    void diffsSeeEveryTenThousandth()
    {
        const QString path = write(QStringLiteral("diff.jsonl"),
            R"({"stream":"a-1","type":"Deposited","data":{"amount":1234567890123.4567}})"
            "\n"
            R"({"stream":"a-1","type":"Withdrawn","data":{"amount":0.0001}})"
            "\n");
        const Run diff = cli({ QStringLiteral("diff"), path, QStringLiteral("--stream"), QStringLiteral("a-1"),
            QStringLiteral("--version"), QStringLiteral("2") });
        QCOMPARE(diff.status, 0);
        QVERIFY2(
            diff.out.contains(
                R"("changes":[{"op":"replace","path":"/balance","value":1234567890123.4566,"old":1234567890123.4567}])"),
            diff.out.constData());
    }

    void aSnapshotATenThousandthOffIsStale()
    {
        // The snapshot after version 2 claims 1234567890123.4567, as if the withdrawal never was.
        const QString path = write(QStringLiteral("snapshot.jsonl"),
            R"({"stream":"a-1","type":"Deposited","data":{"amount":1234567890123.4567}})"
            "\n"
            R"({"stream":"a-1","type":"Withdrawn","data":{"amount":0.0001}})"
            "\n"
            R"({"kind":"snapshot","stream":"a-1","version":2,"state":{"balance":1234567890123.4567,"closed":false,"owner":null}})"
            "\n");
        const Run verify = cli({ QStringLiteral("verify"), path });
        QCOMPARE(verify.status, 3); // verify found problems
        QVERIFY2(verify.out.contains("1234567890123.4567") && verify.out.contains("1234567890123.4566"),
            verify.out.constData());
        // and the state, loaded through it as the system under study would, says so
        const Run state = cli({ QStringLiteral("state"), path, QStringLiteral("--stream"), QStringLiteral("a-1") });
        QCOMPARE(anomalyKinds(json(state.out)), QStringList { QStringLiteral("snapshot-mismatch") });

        // The same snapshot written with other digits for the same number matches.
        const QString same = write(QStringLiteral("same.jsonl"),
            R"({"stream":"a-1","type":"Deposited","data":{"amount":1234567890123.4567}})"
            "\n"
            R"({"kind":"snapshot","stream":"a-1","version":1,"state":{"balance":1234567890123.45670,"closed":false,"owner":null}})"
            "\n");
        QCOMPARE(cli({ QStringLiteral("verify"), same }).status, 0);
    }

    void aStateOfAnyDomainKeepsItsDigits()
    {
        const QString path = write(QStringLiteral("generic.jsonl"),
            R"({"stream":"o-1","type":"Placed","data":{"id":12345678901234567890,"total":99999999999999.9999}})"
            "\n"
            R"({"stream":"o-1","type":"Noted","data":{"ratio":1e400}})"
            "\n");
        const Run state = cli({ QStringLiteral("state"), path, QStringLiteral("--stream"), QStringLiteral("o-1") });
        QCOMPARE(state.status, 0);
        QVERIFY2(state.out.contains(R"("state":{"id":12345678901234567890,"ratio":1e400,"total":99999999999999.9999})"),
            state.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestExactNumbers)
#include "tst_exactnumbers.moc"
