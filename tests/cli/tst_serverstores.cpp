// rewind-cli against real PostgreSQL stores on a throw-away server (tests/data/postgres/server.sh,
// the CTest fixture `postgres`): Emmett's store written by Emmett, Message DB's by its own
// write_message, Marten's tables as Marten creates them. States are checked at every version
// against folds made elsewhere: Emmett's own aggregateStream, and sums the server itself computes
// over the rows. Every command is checked to leave the server's contents as they were. Without a
// server the tests skip, saying why; with CI=true they fail instead.

#include "clirun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <libpq-fe.h>
#include <sys/resource.h>

using namespace RewindTest;
using namespace Qt::StringLiterals;

namespace {

QString work() { return QStringLiteral(REWIND_PG_DIR); }

QString readText(const QString& name)
{
    QFile file(work() + QLatin1Char('/') + name);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

/// The server's answers to one query, as the superuser: every row's columns joined by `|`.
QStringList query(const QString& database, const QString& sql)
{
    const QByteArray url = (readText(QStringLiteral("superuser-url")) + QLatin1Char('/') + database).toUtf8();
    PGconn* conn = PQconnectdb(url.constData());
    QStringList rows;
    if (PQstatus(conn) == CONNECTION_OK) {
        PGresult* result = PQexec(conn, sql.toUtf8().constData());
        if (PQresultStatus(result) == PGRES_TUPLES_OK) {
            for (int r = 0; r < PQntuples(result); ++r) {
                QStringList columns;
                for (int c = 0; c < PQnfields(result); ++c)
                    columns.append(QString::fromUtf8(PQgetvalue(result, r, c)));
                rows.append(columns.join(QLatin1Char('|')));
            }
        } else {
            rows.append(QStringLiteral("ERROR ") + QString::fromUtf8(PQresultErrorMessage(result)));
        }
        PQclear(result);
    } else {
        rows.append(QStringLiteral("ERROR ") + QString::fromUtf8(PQerrorMessage(conn)));
    }
    PQfinish(conn);
    return rows;
}

const QStringList Databases = { QStringLiteral("emmett"), QStringLiteral("marten"), QStringLiteral("message_store"),
    QStringLiteral("big") };

/// A checksum of every row of every table of every fixture database, with the tables' sizes:
/// what a command that wrote anything, anywhere, would change.
QStringList serverContents()
{
    QStringList contents;
    for (const QString& db : Databases) {
        const QStringList tables = query(db,
            QStringLiteral("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN "
                           "('pg_catalog', 'information_schema') ORDER BY 1"));
        for (const QString& table : tables) {
            contents += query(db,
                QStringLiteral("SELECT '%1.%2', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                               "FROM %2 t")
                    .arg(db, table));
        }
        // No temporary table or other object was left behind, and no sequence moved.
        contents += query(db, QStringLiteral("SELECT count(*) FROM pg_class"));
        contents += query(db,
            QStringLiteral("SELECT string_agg(format('%s=%s', sequencename, last_value), ',' ORDER BY sequencename) "
                           "FROM pg_sequences"));
    }
    return contents;
}

QProcessEnvironment withPassword()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), readText(QStringLiteral("password")));
    return env;
}

QString url(const QString& database) { return readText(QStringLiteral("url")) + QLatin1Char('/') + database; }

CliRun cli(const QStringList& args) { return runCli(args, withPassword()); }

QJsonObject stateAt(const QString& source, const QString& stream, qint64 version)
{
    const CliRun run = cli({ QStringLiteral("state"), source, QStringLiteral("--stream"), stream,
        QStringLiteral("--at-version"), QString::number(version) });
    return QJsonDocument::fromJson(run.out).object();
}

QList<QJsonObject> events(const QString& source)
{
    QList<QJsonObject> result;
    const CliRun run = cli({ QStringLiteral("events"), source });
    for (const QByteArray& line : run.out.split('\n')) {
        if (!line.isEmpty())
            result.append(QJsonDocument::fromJson(line).object());
    }
    return result;
}

} // namespace

class TestServerStores : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void emmettStatesEqualAggregateStream();
    void emmettSkipsCommandsAndArchived();
    void martenReadsSnakeCaseTypesAndMetadata();
    void martenSchemasAndTenants();
    void messageDbVersionsAndCategory();
    void bankStatesEqualTheServersOwnSums_data();
    void bankStatesEqualTheServersOwnSums();
    void everyReadCommandWorks_data();
    void everyReadCommandWorks();
    void passwordFromPgpass();
    void clearErrors_data();
    void clearErrors();
    void bigStreamInBoundedMemory();
    void connectionLostMidway();
    void nothingIsWritten();

private:
    QStringList m_before;
};

void TestServerStores::initTestCase()
{
    const QString unavailable = readText(QStringLiteral("unavailable"));
    if (!unavailable.isEmpty()) {
        if (qEnvironmentVariable("CI") == QLatin1String("true"))
            QFAIL(qPrintable(QStringLiteral("no PostgreSQL server in CI: ") + unavailable));
        QSKIP(qPrintable(QStringLiteral("no PostgreSQL server could be started here: ") + unavailable));
    }
    QVERIFY2(!readText(QStringLiteral("url")).isEmpty(),
        "the fixture postgres/start did not run (run the tests through ctest)");
    m_before = serverContents();
    QVERIFY(!m_before.isEmpty());
}

void TestServerStores::emmettStatesEqualAggregateStream()
{
    QFile file(work() + QStringLiteral("/emmett-states.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(expected.keys(), (QStringList { u"account-1"_s, u"account-2"_s, u"cart-7"_s }));
    for (const QString& stream : expected.keys()) {
        const QJsonArray states = expected.value(stream).toArray();
        QVERIFY(!states.isEmpty());
        for (qsizetype v = 0; v < states.size(); ++v) {
            const QJsonObject answer = stateAt(url(QStringLiteral("emmett")), stream, v + 1);
            QCOMPARE(answer.value(u"version"_s).toInteger(), v + 1);
            QCOMPARE(answer.value(u"state"_s).toObject(), states.at(v).toObject());
            // Marten's cart-7 holds the same events: the same states, folded from snake_case types.
            if (stream == QLatin1String("cart-7")) {
                QCOMPARE(stateAt(url(QStringLiteral("marten")), stream, v + 1).value(u"state"_s).toObject(),
                    states.at(v).toObject());
            }
        }
    }
}

void TestServerStores::emmettSkipsCommandsAndArchived()
{
    const QList<QJsonObject> all = events(url(QStringLiteral("emmett")));
    QCOMPARE(all.size(), 10);
    QSet<QString> streams;
    for (const QJsonObject& event : all)
        streams.insert(event.value(u"stream"_s).toString());
    QCOMPARE(streams, (QSet<QString> { u"account-1"_s, u"account-2"_s, u"cart-7"_s }));
    // The time: metadata.occurredAt (with its offset), metadata.timestamp in epoch ms, else created.
    QCOMPARE(all.at(0).value(u"at"_s).toString(), u"2026-08-05T09:00:00Z"_s);
    QCOMPARE(all.at(4).value(u"at"_s).toString(), u"2026-08-05T09:05:00Z"_s);
    QCOMPARE(all.last().value(u"at"_s).toString(), u"2026-08-05T12:00:00Z"_s);
    const QString created = query(QStringLiteral("emmett"),
        QStringLiteral("SELECT to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM "
                       "emt_messages WHERE stream_id = 'account-2' AND stream_position = 1"))
                                .value(0);
    QCOMPARE(all.at(1).value(u"at"_s).toString(), created);
    // jsonb's spacing is gone: the data is the compact object the native format holds.
    const CliRun raw = cli({ QStringLiteral("events"), url(QStringLiteral("emmett")), QStringLiteral("--stream"),
        QStringLiteral("cart-7") });
    QVERIFY(raw.out.contains(R"("data":{"sku":"A1","name":"Pen","quantity":2,"unitPrice":1.25})"));
}

void TestServerStores::martenReadsSnakeCaseTypesAndMetadata()
{
    const QList<QJsonObject> all = events(url(QStringLiteral("marten")));
    QCOMPARE(all.size(), 7); // the default tenant; the archived stream skipped
    const QJsonObject& withdrawn = all.at(5);
    QCOMPARE(withdrawn.value(u"type"_s).toString(), u"money_withdrawn"_s);
    QCOMPARE(withdrawn.value(u"position"_s).toInteger(), 9);
    const QJsonObject metadata = withdrawn.value(u"metadata"_s).toObject();
    QCOMPARE(metadata.value(u"tenantId"_s).toString(), u"*DEFAULT*"_s);
    QCOMPARE(metadata.value(u"correlationId"_s).toString(), u"req-5"_s);
    QCOMPARE(metadata.value(u"userName"_s).toString(), u"alice"_s);
    QCOMPARE(metadata.value(u"headers"_s).toObject().value(u"atm"_s).toInt(), 7);
    QVERIFY(!metadata.contains(u"causationId"_s)); // NULL in that row
    QCOMPARE(all.at(2).value(u"metadata"_s).toObject().value(u"causationId"_s).toString(), u"req-1"_s);
    QCOMPARE(all.at(2).value(u"at"_s).toString(), u"2026-08-05T09:05:00.250Z"_s);

    const CliRun info = cli({ QStringLiteral("info"), url(QStringLiteral("marten")) });
    QCOMPARE(info.status, 0);
    QVERIFY2(info.out.contains("account-1  bank  3 events"), info.out.constData());
    QVERIFY2(info.out.contains("cart-7  cart  4 events"), info.out.constData());
}

void TestServerStores::martenSchemasAndTenants()
{
    // info lists the other tenants and schemas, with the parameter that reads them.
    const CliRun info = cli({ QStringLiteral("info"), url(QStringLiteral("marten")) });
    QVERIFY2(
        info.out.contains("tenants: *DEFAULT* (7 events), blue (2 events); reading *DEFAULT*"), info.out.constData());
    QVERIFY2(info.out.contains("also in this database: billing.mt_events (Marten), read with ?schema=billing"),
        info.out.constData());

    const QList<QJsonObject> blue = events(url(QStringLiteral("marten?tenant=blue")));
    QCOMPARE(blue.size(), 2);
    QCOMPARE(blue.at(0).value(u"data"_s).toObject().value(u"owner"_s).toString(), u"bob"_s);
    QCOMPARE(blue.at(0).value(u"metadata"_s).toObject().value(u"tenantId"_s).toString(), u"blue"_s);
    QCOMPARE(blue.at(0).value(u"at"_s).toString(), u"2026-08-05T07:10:00Z"_s); // +02 in the row
    QCOMPARE(stateAt(url(QStringLiteral("marten?tenant=blue")), u"account-1"_s, 2)
                 .value(u"state"_s)
                 .toObject()
                 .value(u"balance"_s)
                 .toDouble(),
        20.0);

    const QList<QJsonObject> billing = events(url(QStringLiteral("marten?schema=billing")));
    QCOMPARE(billing.size(), 2);
    QCOMPARE(billing.at(0).value(u"stream"_s).toString(), u"0b7c2d34-5e6f-4a1b-8c9d-0e1f2a3b4c5d"_s);
    QCOMPARE(billing.at(1).value(u"metadata"_s).toObject(), (QJsonObject { { u"tenantId"_s, u"*DEFAULT*"_s } }));
}

void TestServerStores::messageDbVersionsAndCategory()
{
    const QList<QJsonObject> all = events(url(QStringLiteral("message_store")));
    QCOMPARE(all.size(), 7);
    const QStringList rows = query(QStringLiteral("message_store"),
        QStringLiteral("SELECT global_position, position, stream_name, to_char(time, "
                       "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM message_store.messages ORDER BY global_position"));
    QCOMPARE(rows.size(), all.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QStringList row = rows.at(i).split(QLatin1Char('|'));
        QCOMPARE(all.at(i).value(u"position"_s).toInteger(), row.at(0).toLongLong());
        QCOMPARE(all.at(i).value(u"version"_s).toInteger(), row.at(1).toLongLong() + 1);
        QCOMPARE(all.at(i).value(u"stream"_s).toString(), row.at(2));
        QCOMPARE(all.at(i).value(u"at"_s).toString(), row.at(3));
        QCOMPARE(all.at(i).value(u"metadata"_s).toObject().value(u"category"_s).toString(),
            row.at(2).section(QLatin1Char('-'), 0, 0));
    }
    QCOMPARE(all.at(0).value(u"metadata"_s).toObject().value(u"by"_s).toString(), u"alice"_s);
    // The overdraft Message DB let through is shown, not refused.
    const CliRun verify = cli({ QStringLiteral("verify"), url(QStringLiteral("message_store")) });
    QCOMPARE(verify.status, 3);
    QVERIFY2(verify.out.contains("account-2 v2 (position 5) overdraft"), verify.out.constData());
}

void TestServerStores::bankStatesEqualTheServersOwnSums_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("sql"); ///< version, owner, balance of each version of each bank stream
    QTest::addColumn<QString>("source");
    // The server folds each account with its own exact numeric sums, independently of Rewind.
    QTest::newRow("Marten") << u"marten"_s << uR"(SELECT stream_id, version,
            max(data->>'owner') OVER w, sum(CASE WHEN type = 'money_deposited' THEN (data->>'amount')::numeric
                WHEN type = 'money_withdrawn' THEN -(data->>'amount')::numeric ELSE 0 END) OVER w
        FROM public.mt_events WHERE NOT is_archived AND tenant_id = '*DEFAULT*' AND stream_id LIKE 'account-%'
        WINDOW w AS (PARTITION BY stream_id ORDER BY version) ORDER BY stream_id, version)"_s
                            << u"marten"_s;
    QTest::newRow("Marten, tenant blue") << u"marten"_s << uR"(SELECT stream_id, version,
            max(data->>'owner') OVER w, sum(CASE WHEN type = 'money_deposited' THEN (data->>'amount')::numeric
                WHEN type = 'money_withdrawn' THEN -(data->>'amount')::numeric ELSE 0 END) OVER w
        FROM public.mt_events WHERE tenant_id = 'blue'
        WINDOW w AS (PARTITION BY stream_id ORDER BY version) ORDER BY stream_id, version)"_s
                                         << u"marten?tenant=blue"_s;
    QTest::newRow("Message DB") << u"message_store"_s << uR"(SELECT stream_name, position + 1,
            max(data->>'owner') OVER w, sum(CASE WHEN type = 'Deposited' THEN (data->>'amount')::numeric
                WHEN type = 'Withdrawn' THEN -(data->>'amount')::numeric ELSE 0 END) OVER w
        FROM message_store.messages WHERE stream_name LIKE 'account-%'
        WINDOW w AS (PARTITION BY stream_name ORDER BY position) ORDER BY stream_name, position)"_s
                                << u"message_store"_s;
}

void TestServerStores::bankStatesEqualTheServersOwnSums()
{
    QFETCH(QString, database);
    QFETCH(QString, sql);
    QFETCH(QString, source);
    const QStringList rows = query(database, sql);
    QVERIFY(rows.size() >= 2);
    for (const QString& line : rows) {
        const QStringList row = line.split(QLatin1Char('|'));
        QCOMPARE(row.size(), 4);
        const QJsonObject answer = stateAt(url(source), row.at(0), row.at(1).toLongLong());
        const QJsonObject state = answer.value(u"state"_s).toObject();
        QCOMPARE(state.value(u"owner"_s).toString(), row.at(2));
        // Exact decimals on both sides: the server's numeric sum and Rewind's balance.
        QCOMPARE(state.value(u"balance"_s).toDouble(), row.at(3).toDouble());
    }
}

void TestServerStores::everyReadCommandWorks_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("output");
    const QString emmett = url(QStringLiteral("emmett"));
    QTest::newRow("info --json") << QStringList { u"info"_s, emmett, u"--json"_s } << 0
                                 << QByteArray(R"("kind":"emmett-postgresql")");
    QTest::newRow("diff") << QStringList { u"diff"_s, emmett, u"--stream"_s, u"account-1"_s, u"--version"_s, u"3"_s }
                          << 0 << QByteArray(R"({"op":"replace","path":"/balance","value":749.5,"old":1000})");
    QTest::newRow("state --at-time") << QStringList { u"state"_s, emmett, u"--stream"_s, u"account-1"_s, u"--at-time"_s,
        u"2026-08-05T10:00:00Z"_s } << 0
                                     << QByteArray(R"("version":2)");
    QTest::newRow("verify") << QStringList { u"verify"_s, emmett } << 3 << QByteArray("overdraft");
    QTest::newRow("verify a tenant") << QStringList { u"verify"_s, url(QStringLiteral("marten?tenant=blue")) } << 0
                                     << QByteArray("0 anomalies");
    QTest::newRow("events --stream") << QStringList { u"events"_s, url(QStringLiteral("message_store")), u"--stream"_s,
        u"cart-7"_s } << 0 << QByteArray(R"("type":"CheckedOut")");
    QTest::newRow("a server and a file merged")
        << QStringList { u"info"_s, emmett, QStringLiteral(REWIND_TEST_DATA_DIR "/emmett/bank-and-cart.sqlite") } << 0
        << QByteArray("20 events");
}

void TestServerStores::everyReadCommandWorks()
{
    QFETCH(QStringList, args);
    QFETCH(int, status);
    QFETCH(QByteArray, output);
    const CliRun run = cli(args);
    QVERIFY2(run.status == status, qPrintable(run.err));
    QVERIFY2(run.out.contains(output), run.out.constData());

    // export and import write files here, never to the server.
    QTemporaryDir dir;
    const CliRun exported = cli({ QStringLiteral("export"), url(QStringLiteral("marten")), QStringLiteral("--out"),
        dir.filePath(QStringLiteral("marten.jsonl")) });
    QCOMPARE(exported.status, 0);
    const CliRun imported = cli({ QStringLiteral("import"), url(QStringLiteral("message_store")),
        QStringLiteral("--out"), dir.filePath(QStringLiteral("store.sqlite")) });
    QVERIFY2(imported.status == 0, qPrintable(imported.err));
    const CliRun fromStore = cli({ QStringLiteral("events"), dir.filePath(QStringLiteral("store.sqlite")) });
    QCOMPARE(fromStore.out, cli({ QStringLiteral("events"), url(QStringLiteral("message_store")) }).out);
}

void TestServerStores::connectionLostMidway()
{
    QProcess process;
    process.setProcessEnvironment(withPassword());
    process.start(QStringLiteral(REWIND_CLI_PATH), { QStringLiteral("events"), url(QStringLiteral("big")) });
    // The first events are out: the read is under way (and waits for its output to be read).
    QVERIFY(process.waitForReadyRead(60000));
    const QStringList ended = query(QStringLiteral("postgres"),
        QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'rewind' AND datname "
                       "= 'big'"));
    QCOMPARE(ended, QStringList { u"t"_s });
    while (process.state() != QProcess::NotRunning) {
        process.readAllStandardOutput();
        process.waitForFinished(100);
    }
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(
        err.startsWith(u"rewind-cli: "_s + url(QStringLiteral("big")) + u": the connection to the server was lost"_s),
        qPrintable(err));
    QCOMPARE(err.trimmed().count(QLatin1Char('\n')), 0);
}

void TestServerStores::nothingIsWritten()
{
    // Every command of the tests above (the last slot) ran against the server: its contents are as
    // they were.
    QCOMPARE(serverContents(), m_before);
}

void TestServerStores::passwordFromPgpass()
{
    QTemporaryDir home;
    const QString pgpass = home.filePath(QStringLiteral(".pgpass"));
    QFile file(pgpass);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("127.0.0.1:%1:*:rewind:%2\n")
                   .arg(readText(QStringLiteral("port")), readText(QStringLiteral("password")))
                   .toUtf8());
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PGPASSWORD"));
    env.insert(QStringLiteral("PGPASSFILE"), pgpass);
    const CliRun run = runCli({ QStringLiteral("info"), url(QStringLiteral("emmett")) }, env);
    QVERIFY2(run.status == 0, qPrintable(run.err));
    QVERIFY(run.out.contains("10 events in 3 streams"));
}

void TestServerStores::clearErrors_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QString right = readText(QStringLiteral("password"));
    // A port nothing listens on: the server's own port plus one is not certain to be free, so
    // port 1, which only root may listen on and nothing does here.
    QTest::newRow("unreachable") << u"postgresql://rewind@127.0.0.1:1/emmett"_s << right << 1
                                 << u"postgresql://rewind@127.0.0.1:1/emmett: cannot connect: connection to server at "
                                    "\"127.0.0.1\", port 1 failed: Connection refused"_s;
    QTest::newRow("bad password") << url(QStringLiteral("emmett")) << u"wrong"_s << 2
                                  << u"cannot connect: connection to server at \"127.0.0.1\", port %1 failed: FATAL: "
                                     "password authentication failed for user \"rewind\""_s.arg(
                                         readText(QStringLiteral("port")));
    QTest::newRow("no such database") << url(QStringLiteral("nothing")) << right << 2
                                      << u"FATAL: database \"nothing\" does not exist"_s;
    QTest::newRow("no event store") << url(QStringLiteral("empty")) << right << 2
                                    << u"/empty: no event store Rewind knows in this database"_s;
    QTest::newRow("permission denied")
        << url(QStringLiteral("locked")) << right << 2
        << u"/locked: permission denied for table mt_events (the role needs SELECT on public.mt_events)"_s;
    QTest::newRow("no such schema") << url(QStringLiteral("marten?schema=nope")) << right << 2
                                    << u"no event store in schema 'nope' (this database has: billing.mt_events "
                                       "(Marten), public.mt_events (Marten))"_s;
    QTest::newRow("no such tenant") << url(QStringLiteral("marten?tenant=red")) << right << 2
                                    << u"no tenant 'red' in public.mt_events (its tenants: *DEFAULT*, blue)"_s;
    QTest::newRow("a tenant of a store without")
        << url(QStringLiteral("emmett?tenant=red")) << right << 2 << u"?tenant= chooses a tenant of a Marten store"_s;
    QTest::newRow("a password never shown")
        << u"postgresql://rewind:%1@127.0.0.1:%2/empty"_s.arg(right, readText(QStringLiteral("port"))) << QString() << 2
        << u"postgresql://rewind@127.0.0.1:%1/empty: no event store"_s.arg(readText(QStringLiteral("port")));
}

void TestServerStores::clearErrors()
{
    QFETCH(QString, source);
    QFETCH(QString, password);
    QFETCH(int, status);
    QFETCH(QString, message);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSFILE"), QStringLiteral("/nonexistent"));
    if (password.isEmpty())
        env.remove(QStringLiteral("PGPASSWORD"));
    else
        env.insert(QStringLiteral("PGPASSWORD"), password);
    const CliRun run = runCli({ QStringLiteral("info"), source }, env);
    QCOMPARE(run.status, status);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0); // one line
    QVERIFY(!run.err.contains(readText(QStringLiteral("password"))));
}

void TestServerStores::bigStreamInBoundedMemory()
{
    // 300,000 events of about 250 bytes of data each (server.sh writes them): some 75 MB of JSON
    // on the server. Streamed
    // through a cursor, rewind-cli holds a batch at a time, whatever the table's length.
    const QString source = url(QStringLiteral("big"));
    QProcess process;
    process.setProcessEnvironment(withPassword());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(QStringLiteral(REWIND_CLI_PATH), { QStringLiteral("events"), source });
    QVERIFY(process.waitForFinished(300000));
    QCOMPARE(process.exitCode(), 0);
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    const qint64 peakMb = usage.ru_maxrss / 1024;
    qInfo("rewind-cli events over 300,000 server events: peak RSS %lld MB", peakMb);
#ifndef __SANITIZE_ADDRESS__ // AddressSanitizer keeps freed memory aside: its RSS says nothing here
    QVERIFY2(peakMb < 60, qPrintable(QStringLiteral("peak RSS %1 MB").arg(peakMb)));
#endif

    const CliRun state =
        cli({ QStringLiteral("state"), source, QStringLiteral("--stream"), QStringLiteral("account-1") });
    QCOMPARE(state.status, 0);
    const QJsonObject answer = QJsonDocument::fromJson(state.out).object();
    QCOMPARE(answer.value(u"version"_s).toInteger(), 300000);
    QCOMPARE(answer.value(u"state"_s).toObject().value(u"balance"_s).toDouble(), 299999 * 1.25);
}

QTEST_GUILESS_MAIN(TestServerStores)
#include "tst_serverstores.moc"
