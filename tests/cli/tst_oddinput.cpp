#include "clirun.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Odd but possible input, each a finding of a hostile-input probe: a clear answer in one line
// (or an anomaly), never a silent wrong one. Run through the real rewind-cli.
namespace {

using Run = RewindTest::CliRun;

Run cli(const QStringList& args) { return RewindTest::runCli(args); }

} // namespace

class TestOddInput : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void answers_data()
    {
        QTest::addColumn<QByteArray>("log");
        QTest::addColumn<QString>("subcommand");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("out"); // a part of standard output
        QTest::addColumn<QString>("err"); // standard error after the file's name ("" for none)

        QTest::newRow("a time beyond the year 9999")
            << QByteArray(R"({"stream":"a","type":"Opened","at":"99999999999999999","data":{}})"
                          "\n")
            << QStringLiteral("events") << 2 << QByteArray()
            << QStringLiteral(
                   ":1: field \"at\" must be an ISO 8601 time or epoch milliseconds, not \"99999999999999999\"\n");
        QTest::newRow("the largest version, printed exactly")
            << QByteArray(R"({"stream":"a","type":"Opened","version":9223372036854775807,"data":{}})"
                          "\n")
            << QStringLiteral("events") << 0 << QByteArray(R"("version":9223372036854775807,)") << QString();
        QTest::newRow("no version after the largest")
            << QByteArray(R"({"stream":"a","type":"Opened","version":9223372036854775807,"data":{}})"
                          "\n"
                          R"({"stream":"a","type":"Closed","data":{}})"
                          "\n")
            << QStringLiteral("events") << 2 << QByteArray()
            << QStringLiteral(": stream 'a' reaches version 9223372036854775807, so its next event has no version "
                              "to take\n");
        QTest::newRow("a control byte in a line of text")
            << QByteArray("{\"stream\":\"a\",\"type\":\"Opened\",\"data\":{}}\n"
                          "{\"stream\":\"a\",\"type\":\"Clo\x01sed\",\"data\":{}}\n")
            << QStringLiteral("events") << 2 << QByteArray()
            << QStringLiteral(":2: not an event log: a control byte (0x01) in what is otherwise text\n");
        QTest::newRow("numbers beyond a double are valid JSON")
            << QByteArray(R"({"stream":"a","type":"Opened","data":{"x":1e400},"metadata":{"n":123456789012345678901}})"
                          "\n")
            << QStringLiteral("events") << 0
            << QByteArray(R"("data":{"x":1e400},"metadata":{"n":123456789012345678901})") << QString();
        QTest::newRow("two events at one position")
            << QByteArray(R"({"stream":"a","type":"Opened","position":1,"data":{"owner":"x"}})"
                          "\n"
                          R"({"stream":"b","type":"Opened","position":1,"data":{"owner":"y"}})"
                          "\n")
            << QStringLiteral("verify") << 3 << QByteArray("position-duplicate: global position 1") << QString();
    }

    void answers()
    {
        QFETCH(QByteArray, log);
        QFETCH(QString, subcommand);
        QFETCH(int, status);
        QFETCH(QByteArray, out);
        QFETCH(QString, err);
        const QString path = m_dir.filePath(QStringLiteral("odd.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(log);
        file.close();
        const Run run = cli({ subcommand, path });
        QCOMPARE(run.status, status);
        QVERIFY2(run.out.contains(out), run.out.constData());
        QCOMPARE(run.err, err.isEmpty() ? QString() : QStringLiteral("rewind-cli: ") + path + err);
    }

    void infoAsJsonStillSaysWhatIsWrong()
    {
        // The JSON describes the bad records; standard error says so in one line too.
        const QString path = QStringLiteral(REWIND_TEST_DATA_DIR "/formats/broken/many-bad.jsonl");
        const Run run = cli({ QStringLiteral("info"), QStringLiteral("--json"), path });
        QCOMPARE(run.status, 2);
        QVERIFY(run.out.contains(R"("badRecords":5)"));
        QCOMPARE(run.err,
            QStringLiteral("rewind-cli: ") + path
                + QStringLiteral(":2: expected a JSON object (5 bad records in all)\n"));
    }
};

QTEST_GUILESS_MAIN(TestOddInput)
#include "tst_oddinput.moc"
