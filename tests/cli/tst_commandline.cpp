// End-to-end tests of rewind-cli: the real binary, real files, real exit codes, as a user runs it.

#include "clirun.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int status = -1;
    QString out;
    QString err;

    QList<QJsonObject> jsonLines() const
    {
        QList<QJsonObject> lines;
        for (const QString& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            lines.append(QJsonDocument::fromJson(line.toUtf8()).object());
        return lines;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run cli(const QStringList& args)
{
    const RewindTest::CliRun run = RewindTest::runCli(args);
    return { run.status, QString::fromUtf8(run.out), run.err };
}

QString data(const char* name) { return QStringLiteral(REWIND_TEST_DATA_DIR "/logs/") + QLatin1String(name); }

QByteArray checksum(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo;

    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demo = path("demo.db");
        const Run run = cli({ QStringLiteral("demo"), QStringLiteral("--out"), m_demo });
        QCOMPARE(run.status, 0);
        QVERIFY(QFile::exists(m_demo));
    }

    void versionAndHelp()
    {
        const Run version = cli({ QStringLiteral("--version") });
        QCOMPARE(version.status, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^rewind-cli \\d+\\.\\d+\\.\\d+\n$")).match(version.out).hasMatch(),
            qPrintable(version.out));
        const Run help = cli({ QStringLiteral("--help") });
        QCOMPARE(help.status, 0);
        QVERIFY(help.out.contains(QLatin1String("rewind-cli --version")));
        QVERIFY(help.out.contains(QLatin1String("rewind-cli state")));
    }

    void textbookExample()
    {
        // Deposited 1000 then Withdrawn 100: the balance is 900, and at version 1 it was 1000.
        const QString log = data("textbook.jsonl");
        Run now = cli({ QStringLiteral("state"), log, QStringLiteral("--stream"), QStringLiteral("account-42") });
        QCOMPARE(now.status, 0);
        QCOMPARE(now.out.trimmed(),
            QStringLiteral(R"({"stream":"account-42","version":2,"position":2,"at":"2026-08-05T14:00:00Z",)"
                           R"("state":{"balance":900,"closed":false,"owner":null},"anomalies":[]})"));
        Run then = cli({ QStringLiteral("state"), log, QStringLiteral("--stream"), QStringLiteral("account-42"),
            QStringLiteral("--at-version"), QStringLiteral("1") });
        QCOMPARE(then.status, 0);
        QCOMPARE(
            then.json().value(QLatin1String("state")).toObject().value(QLatin1String("balance")).toDouble(), 1000.0);
        QCOMPARE(then.json().value(QLatin1String("version")).toInt(), 1);
    }

    void stateAtTimeAndPosition_data()
    {
        QTest::addColumn<QStringList>("target");
        QTest::addColumn<int>("version");
        QTest::addColumn<double>("balance");
        QTest::newRow("before everything")
            << QStringList { QStringLiteral("--at-position"), QStringLiteral("0") } << 0 << 0.0;
        QTest::newRow("position 1") << QStringList { QStringLiteral("--at-position"), QStringLiteral("1") } << 1
                                    << 1000.0;
        QTest::newRow("13:59") << QStringList { QStringLiteral("--at-time"), QStringLiteral("2026-08-05T13:59:00Z") }
                               << 1 << 1000.0;
        QTest::newRow("14:00") << QStringList { QStringLiteral("--at-time"), QStringLiteral("2026-08-05T14:00:00Z") }
                               << 2 << 900.0;
        QTest::newRow("offset") << QStringList { QStringLiteral("--at-time"),
            QStringLiteral("2026-08-05T15:30:00+02:00") }
                                << 1 << 1000.0;
        QTest::newRow("no offset is UTC")
            << QStringList { QStringLiteral("--at-time"), QStringLiteral("2026-08-05T14:00:00") } << 2 << 900.0;
    }
    void stateAtTimeAndPosition()
    {
        QFETCH(QStringList, target);
        QFETCH(int, version);
        QFETCH(double, balance);
        const Run run = cli(QStringList { QStringLiteral("state"), data("textbook.jsonl"), QStringLiteral("--stream"),
                                QStringLiteral("account-42") }
            + target);
        QCOMPARE(run.status, 0);
        QCOMPARE(run.json().value(QLatin1String("version")).toInt(), version);
        QCOMPARE(
            run.json().value(QLatin1String("state")).toObject().value(QLatin1String("balance")).toDouble(), balance);
    }

    void diffShowsOldAndNewValues()
    {
        const Run run = cli({ QStringLiteral("diff"), data("textbook.jsonl"), QStringLiteral("--stream"),
            QStringLiteral("account-42"), QStringLiteral("--version"), QStringLiteral("2") });
        QCOMPARE(run.status, 0);
        QCOMPARE(run.out.trimmed(),
            QStringLiteral(R"({"stream":"account-42","version":2,"type":"Withdrawn","changes":)"
                           R"([{"op":"replace","path":"/balance","value":900,"old":1000}]})"));
    }

    void eventsAreNormalizedJsonLines()
    {
        const Run run = cli({ QStringLiteral("events"), data("mixed.jsonl") });
        QCOMPARE(run.status, 0);
        const QList<QJsonObject> events = run.jsonLines();
        QCOMPARE(events.size(), 6);
        // Every field filled in: versions per stream in file order, positions in line order.
        QCOMPARE(events.at(2).value(QLatin1String("stream")).toString(), QStringLiteral("cart-7"));
        QCOMPARE(events.at(2).value(QLatin1String("version")).toInt(), 2);
        QCOMPARE(events.at(2).value(QLatin1String("position")).toInt(), 3);
        QCOMPARE(events.at(1).value(QLatin1String("metadata")).toObject(), QJsonObject());
        QVERIFY(run.out.startsWith(QLatin1String(R"({"stream":"cart-7","version":1,"position":1,"type":"ItemAdded",)"
                                                 R"("at":"2026-08-05T09:00:00Z","data":)")));

        const Run one = cli(
            { QStringLiteral("events"), data("mixed.jsonl"), QStringLiteral("--stream"), QStringLiteral("profile-1") });
        QCOMPARE(one.jsonLines().size(), 2);
    }

    void domainsAreChosenByEventTypes()
    {
        const Run run = cli({ QStringLiteral("info"), data("mixed.jsonl"), QStringLiteral("--json") });
        QCOMPARE(run.status, 0);
        const QJsonArray streams = run.json().value(QLatin1String("streams")).toArray();
        QCOMPARE(streams.size(), 2);
        QCOMPARE(streams.at(0).toObject().value(QLatin1String("domain")).toString(), QStringLiteral("cart"));
        QCOMPARE(streams.at(1).toObject().value(QLatin1String("domain")).toString(), QStringLiteral("generic"));

        // generic: a deep, last-write-wins merge of the data objects
        const Run profile = cli(
            { QStringLiteral("state"), data("mixed.jsonl"), QStringLiteral("--stream"), QStringLiteral("profile-1") });
        QCOMPARE(profile.json().value(QLatin1String("state")).toObject(),
            QJsonDocument::fromJson(R"({"name":"Ada","address":{"city":"Leeds","zip":"N1"}})").object());
        // cart: exact money, 3 × 4.2 + 9.99 = 22.59
        const Run cart =
            cli({ QStringLiteral("state"), data("mixed.jsonl"), QStringLiteral("--stream"), QStringLiteral("cart-7") });
        QVERIFY2(cart.out.contains(QLatin1String(R"("total":22.59)")), qPrintable(cart.out));
        QVERIFY(cart.out.contains(QLatin1String(R"("anomalies":[])")));
    }

    void forcedDomain()
    {
        const Run run = cli({ QStringLiteral("state"), data("mixed.jsonl"), QStringLiteral("--stream"),
            QStringLiteral("cart-7"), QStringLiteral("--domain"), QStringLiteral("generic") });
        QCOMPARE(run.status, 0);
        QCOMPARE(run.json().value(QLatin1String("state")).toObject().value(QLatin1String("total")).toDouble(), 22.59);
        QVERIFY(!run.json().value(QLatin1String("state")).toObject().contains(QLatin1String("items")));

        const Run bad = cli({ QStringLiteral("state"), data("mixed.jsonl"), QStringLiteral("--stream"),
            QStringLiteral("cart-7"), QStringLiteral("--domain"), QStringLiteral("chess") });
        QCOMPARE(bad.status, 2);
        QVERIFY(bad.err.contains(QLatin1String("chess")));
    }

    void verifyReportsEveryKindOfProblem()
    {
        const Run run = cli({ QStringLiteral("verify"), data("broken-history.jsonl"), QStringLiteral("--json") });
        QCOMPARE(run.status, 3);
        QStringList kinds;
        for (const auto& anomaly : run.json().value(QLatin1String("anomalies")).toArray())
            kinds.append(anomaly.toObject().value(QLatin1String("kind")).toString());
        QCOMPARE(kinds,
            (QStringList { QStringLiteral("version-gap"), QStringLiteral("overdraft"),
                QStringLiteral("version-duplicate"), QStringLiteral("bad-amount"), QStringLiteral("snapshot-mismatch"),
                QStringLiteral("after-close"), QStringLiteral("unknown-type") }));
        const QJsonArray differing = run.json().value(QLatin1String("differingSnapshots")).toArray();
        QCOMPARE(differing.size(), 1);
        const QJsonObject snapshot = differing.at(0).toObject();
        QCOMPARE(snapshot.value(QLatin1String("version")).toInt(), 5);
        // Replay: 50 − 80 − 5 = −35; the snapshot says 99.
        QCOMPARE(snapshot.value(QLatin1String("differences")).toArray().at(0).toObject(),
            QJsonDocument::fromJson(R"({"op":"replace","path":"/balance","value":99,"old":-35})").object());

        const Run text = cli({ QStringLiteral("verify"), data("broken-history.jsonl") });
        QCOMPARE(text.status, 3);
        QVERIFY(text.out.contains(QLatin1String("account-7 v4 (position 3) version-gap: version 3 is missing")));

        const Run clean = cli({ QStringLiteral("verify"), data("textbook.jsonl") });
        QCOMPARE(clean.status, 0);
    }

    void stateUsesSnapshotsButKeepsEarlierAnomalies()
    {
        // The state loads through the (wrong) snapshot at version 5, as a system would; the
        // anomalies before it are still reported.
        const Run run = cli({ QStringLiteral("state"), data("broken-history.jsonl"), QStringLiteral("--stream"),
            QStringLiteral("account-7"), QStringLiteral("--at-version"), QStringLiteral("5") });
        QCOMPARE(run.status, 0);
        QCOMPARE(run.json().value(QLatin1String("state")).toObject().value(QLatin1String("balance")).toInt(), 99);
        QVERIFY(run.json().value(QLatin1String("anomalies")).toArray().size() >= 4);
    }

    void demoIsARealHistory()
    {
        const Run info = cli({ QStringLiteral("info"), m_demo, QStringLiteral("--json") });
        QCOMPARE(info.status, 0);
        const QJsonObject json = info.json();
        QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("rewind-store"));
        QCOMPARE(json.value(QLatin1String("streams")).toArray().size(), 5);
        QVERIFY(json.value(QLatin1String("snapshots")).toInt() >= 3);
        QVERIFY(json.value(QLatin1String("anomalies")).toInt() >= 1);
        QSet<QString> domains;
        for (const auto& stream : json.value(QLatin1String("streams")).toArray())
            domains.insert(stream.toObject().value(QLatin1String("domain")).toString());
        QCOMPARE(domains, (QSet<QString> { QStringLiteral("bank"), QStringLiteral("cart") }));

        const Run again = cli({ QStringLiteral("demo"), QStringLiteral("--out"), m_demo });
        QCOMPARE(again.status, 2);
        QVERIFY(again.err.contains(QLatin1String("already exists")));
    }

    void anEmptyFileBecomesAStoreOnTheFirstCommand()
    {
        // What a store whose creation was killed leaves: a file of 0 bytes. The next command
        // completes it instead of refusing it for good.
        const QString store = path("empty.db");
        {
            QFile file(store);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        const Run deposit =
            cli({ QStringLiteral("command"), store, QStringLiteral("--stream"), QStringLiteral("account-1"),
                QStringLiteral("deposit"), QStringLiteral("amount=25"), QStringLiteral("by=alice") });
        QVERIFY2(deposit.status == 0, qPrintable(deposit.err));
        QCOMPARE(deposit.jsonLines().size(), 1);
        const Run state =
            cli({ QStringLiteral("state"), store, QStringLiteral("--stream"), QStringLiteral("account-1") });
        QCOMPARE(state.status, 0);
        QCOMPARE(state.json().value(QLatin1String("version")).toInteger(), 1);
        QCOMPARE(state.json().value(QLatin1String("state")).toObject().value(QLatin1String("balance")).toInt(), 25);

        // A file with something else in it is still nobody's store but its owner's.
        const QString notes = path("notes.db");
        {
            QFile file(notes);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("shopping list\n");
        }
        const QByteArray before = checksum(notes);
        const Run refused = cli({ QStringLiteral("command"), notes, QStringLiteral("--stream"),
            QStringLiteral("account-1"), QStringLiteral("deposit"), QStringLiteral("amount=25") });
        QCOMPARE(refused.status, 2);
        QVERIFY(refused.err.contains(QLatin1String("commands append to a Rewind store only")));
        QCOMPARE(checksum(notes), before);
    }

    void commandsAppendOrAreRefused()
    {
        const QString store = path("commands.db");
        const QString account = QStringLiteral("account-9");
        const auto command = [&](const QStringList& words) {
            return cli(QStringList { QStringLiteral("command"), store, QStringLiteral("--stream"), account } + words);
        };
        Run opened = command({ QStringLiteral("open"), QStringLiteral("owner=ines") });
        QCOMPARE(opened.status, 0);
        QCOMPARE(opened.jsonLines().at(0).value(QLatin1String("type")).toString(), QStringLiteral("Opened"));
        QCOMPARE(
            command({ QStringLiteral("deposit"), QStringLiteral("amount=1000"), QStringLiteral("by=ines") }).status, 0);

        const Run refused =
            command({ QStringLiteral("withdraw"), QStringLiteral("amount=1000.01"), QStringLiteral("by=ines") });
        QCOMPARE(refused.status, 3);
        QCOMPARE(refused.json().value(QLatin1String("refused")).toString(), QStringLiteral("insufficient funds"));

        const Run withdrawn =
            command({ QStringLiteral("withdraw"), QStringLiteral("amount=100"), QStringLiteral("by=ines") });
        QCOMPARE(withdrawn.status, 0);
        const QJsonObject event = withdrawn.jsonLines().at(0);
        QCOMPARE(event.value(QLatin1String("version")).toInt(), 3);
        QCOMPARE(event.value(QLatin1String("data")).toObject().value(QLatin1String("amount")).toInt(), 100);
        QCOMPARE(event.value(QLatin1String("metadata")).toObject().value(QLatin1String("by")).toString(),
            QStringLiteral("ines"));

        QCOMPARE(command({ QStringLiteral("open"), QStringLiteral("owner=ines") })
                     .json()
                     .value(QLatin1String("refused"))
                     .toString(),
            QStringLiteral("already open"));
        QCOMPARE(command({ QStringLiteral("deposit"), QStringLiteral("amount=-5") })
                     .json()
                     .value(QLatin1String("refused"))
                     .toString(),
            QStringLiteral("amount must be positive"));
        QCOMPARE(command({ QStringLiteral("close"), QStringLiteral("by=ines") }).status, 0);
        QCOMPARE(command({ QStringLiteral("deposit"), QStringLiteral("amount=5") })
                     .json()
                     .value(QLatin1String("refused"))
                     .toString(),
            QStringLiteral("account is closed"));

        // A refusal appends nothing.
        const Run state = cli({ QStringLiteral("state"), store, QStringLiteral("--stream"), account });
        QCOMPARE(state.json().value(QLatin1String("version")).toInt(), 4);
        QCOMPARE(state.json().value(QLatin1String("state")).toObject().value(QLatin1String("balance")).toInt(), 900);
        QCOMPARE(command({ QStringLiteral("fly"), QStringLiteral("to=moon") }).status, 3);
    }

    void cartCommands()
    {
        const QString store = path("cart.db");
        const auto command = [&](const QStringList& words) {
            return cli(
                QStringList { QStringLiteral("command"), store, QStringLiteral("--stream"), QStringLiteral("cart-1") }
                + words);
        };
        QCOMPARE(command({ QStringLiteral("check-out") }).status, 3); // empty, and no domain yet: refused
        QCOMPARE(command({ QStringLiteral("add-item"), QStringLiteral("sku=TEA"), QStringLiteral("quantity=3"),
                             QStringLiteral("unit-price=0.1") })
                     .status,
            0);
        QCOMPARE(command({ QStringLiteral("remove-item"), QStringLiteral("sku=NOPE") })
                     .json()
                     .value(QLatin1String("refused"))
                     .toString(),
            QStringLiteral("item not in cart"));
        const Run checkedOut = command({ QStringLiteral("check-out") });
        QCOMPARE(checkedOut.status, 0);
        QVERIFY2(checkedOut.out.contains(QLatin1String(R"("total":0.3)")), qPrintable(checkedOut.out));
    }

    void snapshotEveryN()
    {
        const QString store = path("snap.db");
        QCOMPARE(cli({ QStringLiteral("import"), data("textbook.jsonl"), data("mixed.jsonl"), QStringLiteral("--out"),
                         store })
                     .status,
            0);
        const Run taken = cli({ QStringLiteral("snapshot"), store, QStringLiteral("--every"), QStringLiteral("2") });
        QCOMPARE(taken.status, 0);
        // account-42 v2, cart-7 v2 and v4, profile-1 v2
        QVERIFY2(taken.out.contains(QLatin1String("wrote 4 snapshots")), qPrintable(taken.out));
        const Run verify = cli({ QStringLiteral("verify"), store, QStringLiteral("--json") });
        QCOMPARE(verify.status, 0);
        QCOMPARE(verify.json().value(QLatin1String("snapshotsChecked")).toInt(), 4);
        // Taking them again writes none: they exist.
        QVERIFY(cli({ QStringLiteral("snapshot"), store, QStringLiteral("--every"), QStringLiteral("2") })
                    .out.contains(QLatin1String("wrote 0 snapshots")));
        const Run oneStream = cli({ QStringLiteral("snapshot"), store, QStringLiteral("--every"), QStringLiteral("1"),
            QStringLiteral("--stream"), QStringLiteral("account-42") });
        QVERIFY2(oneStream.out.contains(QLatin1String("wrote 1 snapshots")), qPrintable(oneStream.out));
        // Snapshots are written to stores only; a log file is never modified.
        const QByteArray before = checksum(data("textbook.jsonl"));
        QCOMPARE(
            cli({ QStringLiteral("snapshot"), data("textbook.jsonl"), QStringLiteral("--every"), QStringLiteral("1") })
                .status,
            2);
        QCOMPARE(checksum(data("textbook.jsonl")), before);
    }

    void importThenExportRoundTrips()
    {
        const QString store = path("roundtrip.db");
        const Run imported =
            cli({ QStringLiteral("import"), data("broken-history.jsonl"), QStringLiteral("--out"), store });
        QVERIFY2(
            imported.status == 2, qPrintable(imported.out + imported.err)); // a duplicate version cannot enter a store
        QVERIFY(imported.err.contains(QLatin1String("account-7")));
        QVERIFY(!QFile::exists(store));

        QCOMPARE(cli({ QStringLiteral("import"), data("mixed.jsonl"), QStringLiteral("--out"), store }).status, 0);
        const QString exported = path("exported.jsonl");
        QCOMPARE(cli({ QStringLiteral("export"), store, QStringLiteral("--out"), exported }).status, 0);
        const Run fromStore = cli({ QStringLiteral("events"), store });
        const Run fromExport = cli({ QStringLiteral("events"), exported });
        QCOMPARE(fromExport.out, fromStore.out);
        QCOMPARE(fromStore.out, cli({ QStringLiteral("events"), data("mixed.jsonl") }).out);
    }

    void malformedLineWritesNothing()
    {
        const QString store = path("malformed.db");
        const Run run = cli({ QStringLiteral("import"), data("textbook.jsonl"), data("malformed.jsonl"),
            QStringLiteral("--out"), store });
        QCOMPARE(run.status, 2);
        QCOMPARE(run.err.trimmed(),
            QStringLiteral("rewind-cli: ") + data("malformed.jsonl")
                + QStringLiteral(":3: invalid JSON: unterminated object or array"));
        QVERIFY(!QFile::exists(store));

        // Into an existing store: it keeps exactly what it had.
        QCOMPARE(cli({ QStringLiteral("import"), data("textbook.jsonl"), QStringLiteral("--out"), store }).status, 0);
        const QByteArray events = cli({ QStringLiteral("events"), store }).out.toUtf8();
        QCOMPARE(cli({ QStringLiteral("import"), data("mixed.jsonl"), data("missing-type.jsonl"),
                         QStringLiteral("--out"), store })
                     .status,
            2);
        QCOMPARE(cli({ QStringLiteral("events"), store }).out.toUtf8(), events);
    }

    void badInputNamesFileAndLine_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("unterminated") << data("malformed.jsonl")
                                      << QStringLiteral(":3: invalid JSON: unterminated object or array");
        QTest::newRow("missing type") << data("missing-type.jsonl") << QStringLiteral(":3: missing field \"type\"");
        QTest::newRow("not a log") << data("not-a-log.txt") << QStringLiteral(": not an event log");
        QTest::newRow("empty") << data("empty.jsonl") << QStringLiteral(": the file is empty");
        QTest::newRow("binary") << data("binary.bin") << QStringLiteral(": not an event log (binary data)");
        QTest::newRow("missing") << data("no-such-file.jsonl") << QStringLiteral(": no such file");
    }
    void badInputNamesFileAndLine()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        const Run run = cli({ QStringLiteral("events"), file });
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.startsWith(QStringLiteral("rewind-cli: ") + file + message), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1); // one line
        QVERIFY(run.out.isEmpty());
    }

    void badUsagePrintsUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nothing") << QStringList {};
        QTest::newRow("unknown subcommand") << QStringList { QStringLiteral("rewrite") };
        QTest::newRow("unknown flag") << QStringList { QStringLiteral("info"), data("textbook.jsonl"),
            QStringLiteral("--colour") };
        QTest::newRow("state without stream") << QStringList { QStringLiteral("state"), data("textbook.jsonl") };
        QTest::newRow("two targets") << QStringList { QStringLiteral("state"), data("textbook.jsonl"),
            QStringLiteral("--stream"), QStringLiteral("a"), QStringLiteral("--at-version"), QStringLiteral("1"),
            QStringLiteral("--at-position"), QStringLiteral("1") };
        QTest::newRow("diff without version") << QStringList { QStringLiteral("diff"), data("textbook.jsonl"),
            QStringLiteral("--stream"), QStringLiteral("a") };
        QTest::newRow("import without out") << QStringList { QStringLiteral("import"), data("textbook.jsonl") };
        QTest::newRow("snapshot every zero") << QStringList { QStringLiteral("snapshot"), QStringLiteral("x.db"),
            QStringLiteral("--every"), QStringLiteral("0") };
        QTest::newRow("command arg") << QStringList { QStringLiteral("command"), QStringLiteral("x.db"),
            QStringLiteral("--stream"), QStringLiteral("a"), QStringLiteral("deposit"), QStringLiteral("100") };
    }
    void badUsagePrintsUsage()
    {
        QFETCH(QStringList, args);
        const Run run = cli(args);
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(QLatin1String("usage:")), qPrintable(run.err));
    }

    void unknownStreamIsBadInput()
    {
        const Run run = cli({ QStringLiteral("state"), data("textbook.jsonl"), QStringLiteral("--stream"),
            QStringLiteral("account-1") });
        QCOMPARE(run.status, 2);
        QVERIFY(run.err.contains(QLatin1String("no stream 'account-1'")));
    }

    void readingNeverModifiesTheSource()
    {
        const QByteArray before = checksum(m_demo);
        for (const QStringList& args : { QStringList { QStringLiteral("info"), m_demo },
                 QStringList { QStringLiteral("verify"), m_demo }, QStringList { QStringLiteral("events"), m_demo },
                 QStringList {
                     QStringLiteral("state"), m_demo, QStringLiteral("--stream"), QStringLiteral("account-1") } })
            cli(args);
        QCOMPARE(checksum(m_demo), before);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
