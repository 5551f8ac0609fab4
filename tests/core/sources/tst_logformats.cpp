// The log formats users have: JSON Lines with their own field names, JSON, CSV, Emmett's SQLite
// store, several files merged, and every kind of broken file. Each case checks the states and
// events that come out, in process (SourceOpener) and through the real rewind-cli.

#include "domains/domainregistry.h"
#include "model/eventtime.h"
#include "model/state.h"
#include "replay/replayer.h"
#include "sources/emmettstore.h"
#include "sources/fieldmapping.h"
#include "sources/sourceopener.h"
#include "store/eventstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sqlite3.h>
#include <unistd.h>

using namespace Rewind;

namespace {

QString formats(const QString& name) { return QStringLiteral(REWIND_TEST_DATA_DIR "/formats/") + name; }
QString emmettFixture() { return QStringLiteral(REWIND_TEST_DATA_DIR "/emmett/bank-and-cart.sqlite"); }

QJsonObject json(const char* text) { return QJsonDocument::fromJson(QByteArray(text)).object(); }

struct Run {
    int status = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run cli(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(REWIND_CLI_PATH), args);
    process.waitForFinished(120000);
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
}

std::unique_ptr<EventSource> openOrFail(const QStringList& paths, const FieldMapping& mapping = {})
{
    ReadOptions options;
    options.mapping = mapping;
    auto source = SourceOpener::open(paths, options);
    if (!source) {
        qWarning("%s", qPrintable(source.error().toString()));
        return {};
    }
    return std::move(source).value();
}

// These tests are about formats, not digits: Qt's form is easier to write rows with.
QJsonObject stateOf(const EventSource& source, const QString& stream, const char* domainName)
{
    static const DomainRegistry domains;
    const Replayer replayer(source, *domains.find(QLatin1String(domainName)));
    auto state = replayer.load(stream, std::numeric_limits<qint64>::max());
    return state ? state->state->toJson().toQt().toObject()
                 : QJsonObject { { QStringLiteral("error"), state.error().toString() } };
}

QByteArray checksum(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

QStringList listing(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

/// Leaves a committed event in the store's write-ahead log, not yet in the file: what a live or
/// killed Emmett leaves behind.
bool appendToWal(const QString& path)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    const int rc = sqlite3_exec(db,
        "INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind, message_data, "
        "message_metadata, message_schema_version, message_type, message_id, is_archived) VALUES "
        "('account-1', 4, 'global', 'E', '{\"amount\":0.5}', '{\"occurredAt\":\"2026-08-05T13:00:00Z\"}', '0', "
        "'Deposited', 'm-wal', 0)",
        nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

} // namespace

class TestLogFormats : public QObject {
    Q_OBJECT

private slots:
    void eventTime_data();
    void eventTime();
    void fieldDetection_data();
    void fieldDetection();
    void shapes_data();
    void shapes();
    void cliState_data();
    void cliState();
    void nestedAndEpochTimes();
    void csvQuoting();
    void mappingFile();
    void mappingFileErrors_data();
    void mappingFileErrors();
    void mergedFiles();
    void importSeveralFiles();
    void emmettStore();
    void emmettReadOnlyFolderWithWal();
    void emmettLookalikeIsNotEmmett();
    void brokenFiles_data();
    void brokenFiles();
    void errorsSayWhetherAMappingCanFixThem_data();
    void errorsSayWhetherAMappingCanFixThem();
    void infoCountsBadRecords();
    void csvRowAndLineDiffer();
    void hugeLine();
    void importCancelledWritesNothing();
};

void TestLogFormats::eventTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: not a time
    const qint64 nine = 1785920400000; // 2026-08-05T09:00:00Z
    QTest::newRow("Z") << QStringLiteral("2026-08-05T09:00:00Z") << nine;
    QTest::newRow("offset") << QStringLiteral("2026-08-05T11:00:00+02:00") << nine;
    QTest::newRow("negative offset") << QStringLiteral("2026-08-05T04:00:00-05:00") << nine;
    QTest::newRow("no offset means UTC") << QStringLiteral("2026-08-05T09:00:00") << nine;
    QTest::newRow("space") << QStringLiteral("2026-08-05 09:00:00") << nine;
    QTest::newRow("milliseconds") << QStringLiteral("2026-08-05T09:00:00.250Z") << nine + 250;
    QTest::newRow("epoch ms") << QStringLiteral("1785920400000") << nine;
    QTest::newRow("words") << QStringLiteral("yesterday") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
}

void TestLogFormats::eventTime()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    QCOMPARE(parseEventTime(text).value_or(-1), expected);
}

void TestLogFormats::fieldDetection_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("field"); // -1: none
    const auto row = [](const char* key, int field) { QTest::newRow(key) << QString::fromLatin1(key) << field; };
    row("stream", FieldMapping::Stream);
    row("streamId", FieldMapping::Stream);
    row("stream_id", FieldMapping::Stream);
    row("STREAMID", FieldMapping::Stream);
    row("aggregateUuid", FieldMapping::Stream);
    row("originator_id", FieldMapping::Stream);
    row("event_type", FieldMapping::Type);
    row("MessageType", FieldMapping::Type);
    row("aggregateVersion", FieldMapping::Version);
    row("seq", FieldMapping::Version);
    row("log_position", FieldMapping::Position);
    row("occurred_at", FieldMapping::At);
    row("RecordedAt", FieldMapping::At);
    row("eventData", FieldMapping::Data);
    row("headers", FieldMapping::Metadata);
    row("amount", -1);
    row("aggregate", -1);
}

void TestLogFormats::fieldDetection()
{
    QFETCH(QString, key);
    QFETCH(int, field);
    const auto detected = FieldMapping::detect(key);
    QCOMPARE(detected ? int(*detected) : -1, field);
}

void TestLogFormats::shapes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("stream");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QJsonObject>("state");
    QTest::addColumn<qint64>("events");
    QTest::addColumn<QString>("lastAt");

    QTest::newRow("camelCase aliases") << "aliases.jsonl"
                                       << "jsonl"
                                       << "account-1"
                                       << "bank" << json(R"({"balance":687.78,"closed":false,"owner":"alice"})")
                                       << qint64(4) << "2026-08-05T09:30:00Z";
    QTest::newRow("snake_case aliases, text versions")
        << "snake-case.jsonl"
        << "jsonl"
        << "account-7"
        << "bank" << json(R"({"balance":0.3,"closed":false,"owner":"carol"})") << qint64(3) << "2026-08-05T11:00:00Z";
    QTest::newRow("nested metadata times")
        << "nested-time.jsonl"
        << "jsonl"
        << "cart-3"
        << "cart" << json(R"({"checkedOut":true,"items":{"CUP":{"name":null,"quantity":1,
                                                  "unitPrice":9.99},"TEA":{"name":null,"quantity":3,"unitPrice":4.2}},
                                                  "total":22.59})")
        << qint64(4) << "2026-08-05T09:15:00.500Z";
    QTest::newRow("epoch milliseconds") << "epoch.jsonl"
                                        << "jsonl"
                                        << "account-3"
                                        << "bank" << json(R"({"balance":-30,"closed":false,"owner":"dave"})")
                                        << qint64(3) << "2026-08-05T09:02:00Z";
    QTest::newRow("upper case, data as JSON text")
        << "upper-case.jsonl"
        << "jsonl"
        << "account-4"
        << "bank" << json(R"({"balance":70,"closed":false,"owner":"erin"})") << qint64(2) << "2026-08-05T09:01:00Z";
    QTest::newRow("JSON array") << "events-array.json"
                                << "json"
                                << "account-5"
                                << "bank" << json(R"({"balance":20,"closed":false,"owner":"frank"})") << qint64(2)
                                << "2026-08-05T09:01:00Z";
    QTest::newRow("JSON object with events")
        << "events-object.json"
        << "json"
        << "account-6"
        << "bank" << json(R"({"balance":10,"closed":false,"owner":"gina"})") << qint64(3) << "2026-08-05T09:03:00Z";
    QTest::newRow("JSON object on one line")
        << "events-object-one-line.json"
        << "json"
        << "account-8"
        << "bank" << json(R"({"balance":12.5,"closed":false,"owner":"hal"})") << qint64(2) << "2026-08-05T09:01:00Z";
    QTest::newRow("CSV with quoting") << "quoted.csv"
                                      << "csv"
                                      << "account-1"
                                      << "bank" << json(R"({"balance":750.5,"closed":false,"owner":"alice"})")
                                      << qint64(4) << "2026-08-05T09:30:00Z";
    QTest::newRow("CSV with ; and a data column") << "semicolon.csv"
                                                  << "csv"
                                                  << "cart-9"
                                                  << "cart" << json(R"({"checkedOut":true,"items":{"INK":{"name":null,
                                                         "quantity":1,"unitPrice":3},"PEN":{"name":null,
                                                         "quantity":2,"unitPrice":1.5}},"total":6})")
                                                  << qint64(3) << "2026-08-05T12:02:00Z";
}

void TestLogFormats::shapes()
{
    QFETCH(QString, file);
    QFETCH(QString, kind);
    QFETCH(QString, stream);
    QFETCH(QString, domain);
    QFETCH(QJsonObject, state);
    QFETCH(qint64, events);
    QFETCH(QString, lastAt);

    const auto source = openOrFail({ formats(file) });
    QVERIFY(source);
    QCOMPARE(source->kind(), kind);
    QCOMPARE(source->eventCount().value(), events);
    QCOMPARE(stateOf(*source, stream, domain.toLatin1().constData()), state);
    const auto all = source->events({ stream });
    QVERIFY(all.ok());
    qint64 expectedVersion = 0;
    for (const Event& event : *all)
        QCOMPARE(event.version, ++expectedVersion); // filled in where the file has none
    QCOMPARE(formatTime(all->last().at), lastAt);
}

void TestLogFormats::cliState_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QJsonObject>("state");
    QTest::addColumn<qint64>("version");

    QTest::newRow("JSON Lines aliases") << QStringList { formats(QStringLiteral("aliases.jsonl")),
        QStringLiteral("--stream"), QStringLiteral("account-1") }
                                        << json(R"({"balance":687.78,"closed":false,"owner":"alice"})") << qint64(3);
    QTest::newRow("JSON object, at a time")
        << QStringList { formats(QStringLiteral("events-object.json")), QStringLiteral("--stream"),
               QStringLiteral("account-6"), QStringLiteral("--at-time"), QStringLiteral("2026-08-05T09:02:30Z") }
        << json(R"({"balance":15,"closed":false,"owner":"gina"})") << qint64(2);
    QTest::newRow("CSV at a version") << QStringList { formats(QStringLiteral("quoted.csv")),
        QStringLiteral("--stream"), QStringLiteral("account-1"), QStringLiteral("--at-version"), QStringLiteral("3") }
                                      << json(R"({"balance":749.5,"closed":false,"owner":"alice"})") << qint64(3);
    QTest::newRow("Emmett store") << QStringList { emmettFixture(), QStringLiteral("--stream"),
        QStringLiteral("cart-7") } << json(R"({"checkedOut":true,"items":{"A1":{"name":"Pen","quantity":3,
                                         "unitPrice":1.25},"B2":{"name":"Notebook – A5","quantity":1,
                                         "unitPrice":4.5}},"total":8.25})")
                                  << qint64(4);
}

void TestLogFormats::cliState()
{
    QFETCH(QStringList, args);
    QFETCH(QJsonObject, state);
    QFETCH(qint64, version);
    const Run run = cli(QStringList { QStringLiteral("state") } + args);
    QVERIFY2(run.status == 0, qPrintable(run.err));
    QCOMPARE(run.json().value(QStringLiteral("state")).toObject(), state);
    QCOMPARE(run.json().value(QStringLiteral("version")).toInteger(), version);
}

void TestLogFormats::nestedAndEpochTimes()
{
    // The time rule: the record's time field, else metadata.occurredAt / timestamp / time, in
    // any spelling, ISO 8601 with or without an offset or epoch milliseconds.
    const auto source = openOrFail({ formats(QStringLiteral("nested-time.jsonl")) });
    QVERIFY(source);
    const auto events = source->events();
    QVERIFY(events.ok());
    QStringList times;
    for (const Event& event : *events)
        times.append(formatTime(event.at));
    QCOMPARE(times,
        QStringList({ QStringLiteral("2026-08-05T09:00:00Z"), QStringLiteral("2026-08-05T09:05:00Z"),
            QStringLiteral("2026-08-05T09:05:00Z"), QStringLiteral("2026-08-05T09:15:00.500Z") }));

    ReadReport report;
    QVERIFY(SourceOpener::open(formats(QStringLiteral("nested-time.jsonl")), ReadOptions {}, &report).ok());
    QVERIFY2(report.notes.join(QLatin1Char('\n')).contains(QStringLiteral("at ← metadata.occurredAt")),
        qPrintable(report.notes.join(QLatin1Char('\n'))));
}

void TestLogFormats::csvQuoting()
{
    const auto source = openOrFail({ formats(QStringLiteral("quoted.csv")) });
    QVERIFY(source);
    const auto events = source->events();
    QVERIFY(events.ok());
    QCOMPARE(events->size(), 4);
    QCOMPARE(
        events->at(0).dataObject().value(QStringLiteral("note")).toString(), QStringLiteral("first, with a comma"));
    QCOMPARE(events->at(1).dataObject().value(QStringLiteral("note")).toString(), QStringLiteral("she said \"hi\""));
    QCOMPARE(events->at(1).dataObject().value(QStringLiteral("amount")).toDouble(), 1000.0); // a number, not text
    QCOMPARE(events->at(1).metadataObject().value(QStringLiteral("channel")).toString(), QStringLiteral("web"));
    QCOMPARE(events->at(2).dataObject().value(QStringLiteral("note")).toString(), QStringLiteral("two\r\nlines"));
    QCOMPARE(
        events->at(3).dataObject().value(QStringLiteral("note")).toString(), QStringLiteral("007")); // kept as text
    QVERIFY(!events->at(0).dataObject().contains(QStringLiteral("amount"))); // empty cells are absent
}

void TestLogFormats::mappingFile()
{
    auto mapping = FieldMapping::load(formats(QStringLiteral("custom-mapping.json")));
    QVERIFY2(mapping.ok(), mapping.ok() ? "" : qPrintable(mapping.error().toString()));
    QCOMPARE(mapping->path(FieldMapping::Stream), QStringLiteral("entity.key"));

    // Without the mapping the file cannot be read; with it, it can.
    QVERIFY(!SourceOpener::open(formats(QStringLiteral("custom.jsonl"))).ok());
    const auto source = openOrFail({ formats(QStringLiteral("custom.jsonl")) }, *mapping);
    QVERIFY(source);
    QCOMPARE(
        stateOf(*source, QStringLiteral("acct-100"), "bank"), json(R"({"balance":25,"closed":false,"owner":"ivan"})"));
    QCOMPARE(formatTime(source->eventAt(3)->at), QStringLiteral("2026-08-05T10:00:00Z"));

    // The same through the command line; and a mapping round-trips through its JSON.
    const Run run = cli({ QStringLiteral("info"), formats(QStringLiteral("custom.jsonl")), QStringLiteral("--mapping"),
        formats(QStringLiteral("custom-mapping.json")) });
    QVERIFY2(run.status == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(QStringLiteral("stream ← entity.key")));
    QCOMPARE(*FieldMapping::fromJson(mapping->toJson()), *mapping);
}

void TestLogFormats::mappingFileErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << QByteArray("{") << QStringLiteral("invalid mapping file: unterminated object");
    QTest::newRow("unknown field") << QByteArray(R"({"aggregate":"x"})")
                                   << QStringLiteral("unknown field \"aggregate\" in the mapping (expected stream, "
                                                     "type, version, position, at, data, metadata, kind, state, "
                                                     "timeFormat)");
    QTest::newRow("bad time format") << QByteArray(R"({"timeFormat":"unix"})")
                                     << QStringLiteral("unknown timeFormat \"unix\" (expected auto, iso8601, "
                                                       "epoch-ms, epoch-s or a pattern such as dd.MM.yyyy HH:mm:ss)");
    QTest::newRow("number path") << QByteArray(R"({"stream":3})")
                                 << QStringLiteral("the mapping of \"stream\" must be a field path (text) or null");
}

void TestLogFormats::mappingFileErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const auto mapping = FieldMapping::fromJson(text, QStringLiteral("m.json"));
    QVERIFY(!mapping.ok());
    QCOMPARE(mapping.error().message, message);
    QCOMPARE(mapping.error().file, QStringLiteral("m.json"));
}

void TestLogFormats::mergedFiles()
{
    // January's log and February's CSV: merged by time, ties in the order the files were named,
    // positions numbered anew, versions (given by neither file) numbered across both.
    const auto source =
        openOrFail({ formats(QStringLiteral("merge-january.jsonl")), formats(QStringLiteral("merge-february.csv")) });
    QVERIFY(source);
    const auto events = source->events();
    QVERIFY(events.ok());
    QStringList order;
    for (const Event& event : *events) {
        order.append(
            QStringLiteral("%1 %2 v%3 p%4").arg(event.stream, event.type).arg(event.version).arg(event.position));
    }
    QCOMPARE(order,
        QStringList({ QStringLiteral("account-1 Opened v1 p1"), QStringLiteral("account-1 Deposited v2 p2"),
            QStringLiteral("account-1 Deposited v3 p3"), QStringLiteral("account-1 Withdrawn v4 p4"),
            QStringLiteral("account-2 Opened v1 p5"), QStringLiteral("account-2 Deposited v2 p6") }));
    QCOMPARE(stateOf(*source, QStringLiteral("account-1"), "bank"),
        json(R"({"balance":75,"closed":false,"owner":"alice"})"));
    QCOMPARE(
        stateOf(*source, QStringLiteral("account-2"), "bank"), json(R"({"balance":7,"closed":false,"owner":"bob"})"));
}

void TestLogFormats::importSeveralFiles()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("store.sqlite"));
    Run run = cli({ QStringLiteral("import"), formats(QStringLiteral("merge-january.jsonl")),
        formats(QStringLiteral("merge-february.csv")), formats(QStringLiteral("nested-time.jsonl")),
        QStringLiteral("--out"), store });
    QVERIFY2(run.status == 0, qPrintable(run.err));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err)); // no progress line when stderr is no terminal
    run = cli({ QStringLiteral("state"), store, QStringLiteral("--stream"), QStringLiteral("account-1") });
    QVERIFY2(run.status == 0, qPrintable(run.err));
    QCOMPARE(run.json().value(QStringLiteral("version")).toInteger(), 4);
    QCOMPARE(
        run.json().value(QStringLiteral("state")).toObject(), json(R"({"balance":75,"closed":false,"owner":"alice"})"));
    run = cli({ QStringLiteral("state"), store, QStringLiteral("--stream"), QStringLiteral("cart-3") });
    QCOMPARE(run.json().value(QStringLiteral("state")).toObject().value(QStringLiteral("total")).toDouble(), 22.59);

    // Emmett's store into Rewind's: the same states, the times kept.
    const QString fromEmmett = dir.filePath(QStringLiteral("emmett.sqlite"));
    run = cli({ QStringLiteral("import"), emmettFixture(), QStringLiteral("--out"), fromEmmett });
    QVERIFY2(run.status == 0, qPrintable(run.err));
    run = cli({ QStringLiteral("state"), fromEmmett, QStringLiteral("--stream"), QStringLiteral("account-1") });
    QCOMPARE(run.json().value(QStringLiteral("state")).toObject(),
        json(R"({"balance":749.5,"closed":false,"owner":"alice"})"));
    QCOMPARE(run.json().value(QStringLiteral("at")).toString(), QStringLiteral("2026-08-05T12:00:00Z"));

    // A bad record in any file: nothing is written, and the message names file and line.
    const QString other = dir.filePath(QStringLiteral("other.sqlite"));
    run = cli({ QStringLiteral("import"), formats(QStringLiteral("aliases.jsonl")),
        formats(QStringLiteral("broken/unterminated-string.jsonl")), QStringLiteral("--out"), other });
    QCOMPARE(run.status, 2);
    QVERIFY(run.err.contains(QStringLiteral("unterminated-string.jsonl:2: invalid JSON: unterminated string")));
    QVERIFY(!QFile::exists(other));
}

void TestLogFormats::emmettStore()
{
    const QByteArray before = checksum(emmettFixture());
    const QStringList filesBefore = listing(QFileInfo(emmettFixture()).path());
    QCOMPARE(SourceOpener::detect(emmettFixture()), SourceOpener::Kind::EmmettStore);
    {
        const auto source = openOrFail({ emmettFixture() });
        QVERIFY(source);
        QCOMPARE(source->kind(), QStringLiteral("emmett-sqlite"));
        // 13 messages: one command and two archived events are not part of the history.
        QCOMPARE(source->eventCount().value(), 10);
        QStringList streams;
        const auto listed = source->streams();
        QVERIFY(listed);
        for (const StreamInfo& info : *listed)
            streams.append(info.id + QLatin1Char(':') + QString::number(info.lastVersion));
        QCOMPARE(streams,
            QStringList({ QStringLiteral("account-1:3"), QStringLiteral("account-2:3"), QStringLiteral("cart-7:4") }));
        QCOMPARE(stateOf(*source, QStringLiteral("account-1"), "bank"),
            json(R"({"balance":749.5,"closed":false,"owner":"alice"})"));
        QCOMPARE(stateOf(*source, QStringLiteral("account-2"), "bank"),
            json(R"({"balance":-200,"closed":false,"owner":"bob"})"));

        const auto account1 = source->events({ QStringLiteral("account-1") });
        QVERIFY(account1.ok());
        QCOMPARE(account1->size(), 3);
        QCOMPARE(account1->at(1).position, 5); // global_position
        QCOMPARE(formatTime(account1->at(0).at), QStringLiteral("2026-08-05T09:00:00Z")); // metadata.occurredAt
        QCOMPARE(formatTime(account1->at(1).at), QStringLiteral("2026-08-05T09:05:00Z")); // with an offset
        QCOMPARE(formatTime(account1->at(2).at), QStringLiteral("2026-08-05T12:00:00Z")); // metadata.timestamp, ms
        QCOMPARE(account1->at(1).metadataObject().value(QStringLiteral("streamName")).toString(),
            QStringLiteral("account-1"));

        // No time in the metadata: the store's insert time, the `created` column.
        sqlite3* db = nullptr;
        const QByteArray uri = "file:" + emmettFixture().toUtf8() + "?immutable=1";
        QCOMPARE(sqlite3_open_v2(uri.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr), SQLITE_OK);
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(db, "SELECT created FROM emt_messages WHERE global_position = 2", -1, &statement, nullptr);
        QCOMPARE(sqlite3_step(statement), SQLITE_ROW);
        const QString created = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        sqlite3_finalize(statement);
        sqlite3_close(db);
        QCOMPARE(source->eventAt(2)->at, *parseEventTime(created));
        QCOMPARE(source->eventAt(8)->position, 0); // the command
    }
    // Opened and read, and nothing beside it or in it changed.
    QCOMPARE(checksum(emmettFixture()), before);
    QCOMPARE(listing(QFileInfo(emmettFixture()).path()), filesBefore);
}

void TestLogFormats::emmettReadOnlyFolderWithWal()
{
    // A store whose last append is still in its write-ahead log, in a folder nobody may write to.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("ro"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/store.sqlite");
    QVERIFY(QFile::copy(emmettFixture(), path));
    QFile(path).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    QVERIFY(appendToWal(path));
    QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 0);
    QFile::remove(path + QStringLiteral("-shm"));
    const QStringList before = listing(folder);
    const QByteArray walBefore = checksum(path + QStringLiteral("-wal"));
    QVERIFY(QFile::setPermissions(folder,
        QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther
            | QFileDevice::ReadGroup | QFileDevice::ExeGroup));
    QFile::setPermissions(dir.path(),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
            | QFileDevice::ExeOther);

    // Root ignores folder permissions: run the CLI as nobody then, as a user would be.
    QStringList args { QStringLiteral("state"), path, QStringLiteral("--stream"), QStringLiteral("account-1") };
    QString program = QStringLiteral(REWIND_CLI_PATH);
    if (geteuid() == 0) {
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("running as root without setpriv: a read-only folder cannot be made");
        args = QStringList {
            QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"), program
        } + args;
        program = QStringLiteral("setpriv");
    }
    QProcess process;
    process.start(program, args);
    QVERIFY(process.waitForFinished(60000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    if (err.contains(QStringLiteral("Permission denied")) && geteuid() == 0)
        QSKIP("nobody cannot reach the build directory here");
    QVERIFY2(process.exitCode() == 0, qPrintable(err));
    const QJsonObject result = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    // The event only the write-ahead log holds is there: 749.5 + 0.5.
    QCOMPARE(
        result.value(QStringLiteral("state")).toObject(), json(R"({"balance":750,"closed":false,"owner":"alice"})"));
    QCOMPARE(result.value(QStringLiteral("version")).toInteger(), 4);
    QCOMPARE(listing(folder), before);
    QCOMPARE(checksum(path + QStringLiteral("-wal")), walBefore);
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void TestLogFormats::emmettLookalikeIsNotEmmett()
{
    // Another product's table of the same name is not taken for Emmett's.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.sqlite"));
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db,
                 "CREATE TABLE emt_messages (id INTEGER PRIMARY KEY, stream_id TEXT, body TEXT);"
                 "INSERT INTO emt_messages (stream_id, body) VALUES ('a', 'hello');",
                 nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(db);
    QCOMPARE(SourceOpener::detect(path), SourceOpener::Kind::OtherSqlite);
    const auto source = SourceOpener::open(path);
    QVERIFY(!source.ok());
    QCOMPARE(source.error().toString(),
        path
            + QStringLiteral(": an SQLite database, but not an event store Rewind knows (its emt_messages table is "
                             "not Emmett's (no stream_position, global_position, message_kind, message_type, "
                             "message_data, message_metadata, is_archived))"));
}

void TestLogFormats::errorsSayWhetherAMappingCanFixThem_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("unmapped");
    // A field not found or not of the expected form: the window offers its mapping dialog.
    QTest::newRow("missing field") << QStringLiteral("missing-stream.jsonl") << true;
    QTest::newRow("time not a time") << QStringLiteral("bad-time.jsonl") << true;
    QTest::newRow("data not an object") << QStringLiteral("data-not-object.jsonl") << true;
    QTest::newRow("no stream column") << QStringLiteral("no-stream-column.csv") << true;
    // A broken file: no mapping reads it.
    QTest::newRow("invalid JSON") << QStringLiteral("unterminated-object.jsonl") << false;
    QTest::newRow("bad CSV quote") << QStringLiteral("unterminated-quote.csv") << false;
    QTest::newRow("not a log") << QStringLiteral("not-a-log.txt") << false;
}

void TestLogFormats::errorsSayWhetherAMappingCanFixThem()
{
    QFETCH(QString, file);
    QFETCH(bool, unmapped);
    const auto source = SourceOpener::open(formats(QStringLiteral("broken/") + file));
    QVERIFY(!source.ok());
    QCOMPARE(source.error().kind == Error::Kind::Unmapped, unmapped);
    QVERIFY(source.error().isBadInput());
}

void TestLogFormats::brokenFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error"); // after "path"

    const auto row = [](const char* file, const char* error) {
        QTest::newRow(file) << QString::fromLatin1(file) << QString::fromUtf8(error);
    };
    row("unterminated-object.jsonl", ":3: invalid JSON: unterminated object or array");
    row("unterminated-string.jsonl", ":2: invalid JSON: unterminated string");
    row("missing-stream.jsonl",
        ":2: missing field \"stream\" (looked for stream, streamId, streamName, aggregateId, aggregate_uuid, "
        "originator_id)");
    row("bad-time.jsonl",
        ":1: field \"occurredAt\" (at) must be an ISO 8601 time or epoch milliseconds, not \"yesterday\"");
    row("bad-version.jsonl", ":1: field \"seq\" (version) must be a positive integer, not \"first\"");
    row("data-not-object.jsonl", ":1: field \"data\" must be a JSON object, not [1,2]");
    row("many-bad.jsonl", ":2: expected a JSON object");
    row("unterminated-array.json", ":4: invalid JSON: the array of events is not closed");
    row("not-an-object.json", ":3: expected a JSON object");
    row("no-events-array.json", ":1: a JSON object without an \"events\" array");
    row("unterminated-quote.csv", ":3: unterminated quoted field");
    row("too-many-fields.csv", ":3: 4 fields, but the header has 3 columns");
    row("data-not-object.csv", ":3: column \"data\" must hold a JSON object");
    row("no-stream-column.csv",
        ": not an event log: no stream column in the CSV header (looked for stream, streamId, streamName, "
        "aggregateId, aggregate_uuid, originator_id; a --mapping file can name it)");
    row("not-a-log.txt", ": not an event log (expected JSON Lines, JSON, CSV or an event store)");
    row("empty.jsonl", ": the file is empty, not an event log");
    row("blank.jsonl", ": the file is empty, not an event log");
    row("random.bin", ": not an event log (binary data)");
    row("truncated-emmett.sqlite", ": a truncated SQLite file (12288 bytes; its header says 28672)");
}

void TestLogFormats::brokenFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, error);
    const QString path = formats(QStringLiteral("broken/") + file);
    const auto source = SourceOpener::open(path);
    QVERIFY(!source.ok());
    QCOMPARE(source.error().toString(), path + error);
    QVERIFY(source.error().isBadInput());

    // The command line says the same in one line and exits 2, for `state` as for `import`.
    const Run run = cli({ QStringLiteral("state"), path, QStringLiteral("--stream"), QStringLiteral("a-1") });
    QCOMPARE(run.status, 2);
    QCOMPARE(run.err, QStringLiteral("rewind-cli: ") + path + error + QLatin1Char('\n'));
}

void TestLogFormats::infoCountsBadRecords()
{
    const QString path = formats(QStringLiteral("broken/many-bad.jsonl"));
    const Run run = cli({ QStringLiteral("info"), path, QStringLiteral("--json") });
    QCOMPARE(run.status, 2);
    const QJsonObject info = run.json();
    QCOMPARE(info.value(QStringLiteral("events")).toInteger(), 3); // the good ones are still described
    QCOMPARE(info.value(QStringLiteral("badRecords")).toInteger(), 5);
    const QJsonArray problems = info.value(QStringLiteral("problems")).toArray();
    QCOMPARE(problems.size(), 5);
    QCOMPARE(problems.at(0).toObject().value(QStringLiteral("line")).toInteger(), 2);
    QCOMPARE(problems.at(4).toObject().value(QStringLiteral("message")).toString(),
        QStringLiteral("field \"version\" must be a positive integer, not 0"));

    const Run text = cli({ QStringLiteral("info"), path });
    QCOMPARE(text.status, 2);
    QVERIFY(
        text.out.contains(QStringLiteral("5 bad records:\n  ") + path + QStringLiteral(":2: expected a JSON object")));
}

void TestLogFormats::csvRowAndLineDiffer()
{
    // After a quoted line break, rows and lines part: the message gives both.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rows.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("stream,type,note\na-1,Opened,\"two\nlines\"\na-1,,x\n");
    file.close();
    const auto source = SourceOpener::open(path);
    QVERIFY(!source.ok());
    QCOMPARE(source.error().toString(), path + QStringLiteral(":4: row 3: the type column \"type\" is empty"));
}

void TestLogFormats::hugeLine()
{
    // A line of 100 MB: one clear line, never a crash or a hang.
    QTemporaryDir dir;
    const QString jsonl = dir.filePath(QStringLiteral("huge.jsonl"));
    const QString text = dir.filePath(QStringLiteral("huge.txt"));
    {
        QFile file(jsonl);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"stream":"a-1","type":"Opened","data":{"blob":")");
        file.write(QByteArray(100 * 1024 * 1024, 'x'));
        file.write("\"}}\n");
        QFile other(text);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write(QByteArray(100 * 1024 * 1024, 'y'));
    }
    const auto source = SourceOpener::open(jsonl);
    QVERIFY(!source.ok());
    QCOMPARE(source.error().toString(),
        jsonl + QStringLiteral(":1: line too long (104857651 bytes; a record may have at most 33554432)"));
    const auto notLog = SourceOpener::open(text);
    QVERIFY(!notLog.ok());
    QCOMPARE(
        notLog.error().message, QStringLiteral("not an event log (expected JSON Lines, JSON, CSV or an event store)"));
}

void TestLogFormats::importCancelledWritesNothing()
{
    // Ctrl+C during a large import: the process stops, and no store is left behind.
    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("large.jsonl"));
    {
        QFile file(log);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray chunk;
        for (int i = 1; i <= 400000; ++i) {
            chunk += R"({"stream":"account-)" + QByteArray::number(i % 1000)
                + R"(","type":"Deposited","data":{"amount":)" + QByteArray::number(i % 97 + 1) + "}}\n";
            if (chunk.size() > 1 << 20) {
                file.write(chunk);
                chunk.clear();
            }
        }
        file.write(chunk);
    }
    const QString store = dir.filePath(QStringLiteral("store.sqlite"));
    QProcess process;
    process.start(QStringLiteral(REWIND_CLI_PATH), { QStringLiteral("import"), log, QStringLiteral("--out"), store });
    QVERIFY(process.waitForStarted());
    // Ctrl+C once the store exists: the import is writing, in its transaction. (Writing 400,000
    // events takes far longer than this loop's few milliseconds between looks.)
    while (!QFile::exists(store) && process.state() == QProcess::Running)
        QTest::qWait(2);
    QVERIFY2(process.state() == QProcess::Running, "the import ended before it started writing");
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY(process.exitCode() != 0);
    QVERIFY2(!QFile::exists(store), qPrintable(QString::fromUtf8(process.readAllStandardError())));
}

QTEST_GUILESS_MAIN(TestLogFormats)
#include "tst_logformats.moc"
