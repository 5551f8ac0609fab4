// EmmettStore's direct reader against the generic one: each row of an Emmett store read by
// Emmett's known columns must give exactly the event (or the error) that the row gives when
// read as the JSON record a log would hold, as every text format is read. Checked on the store
// Emmett wrote (tests/data/emmett) and on stores made here with Emmett's own schema and rows of
// every shape: numbers of every form, escapes, nesting, white space, every spelling of the time
// members, broken rows.

#include "model/eventtime.h"
#include "sources/emmettstore.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sqlite3.h>

using namespace Rewind;

namespace {

QString fixture() { return QStringLiteral(REWIND_TEST_DATA_DIR "/emmett/bank-and-cart.sqlite"); }

/// One row of emt_messages as a test writes it. An empty `created` is NULL.
struct Row {
    QByteArray stream = "account-1";
    qint64 version = 0; ///< 0: the next of its stream
    QByteArray type = "Deposited";
    QByteArray data = R"({"amount":1})";
    QByteArray metadata = "{}";
    QByteArray created = "2026-11-29 16:26:20";
    QByteArray kind = "E";
    bool archived = false;
};

/// Emmett's schema, as Emmett created it in the fixture: the same tables, columns and indexes.
QStringList emmettSchema()
{
    sqlite3* db = nullptr;
    const QByteArray uri = "file:" + fixture().toUtf8() + "?immutable=1";
    QStringList statements;
    if (sqlite3_open_v2(uri.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK) {
        sqlite3_stmt* query = nullptr;
        sqlite3_prepare_v2(
            db, "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name LIKE 'emt_%'", -1, &query, nullptr);
        while (sqlite3_step(query) == SQLITE_ROW)
            statements.append(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(query, 0))));
        sqlite3_finalize(query);
    }
    sqlite3_close(db);
    return statements;
}

/// Writes an Emmett store of `rows` at `path`; empty on success, else SQLite's message.
QString writeStore(const QString& path, const QList<Row>& rows)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return QStringLiteral("cannot create ") + path;
    QString error;
    const auto fail = [&] {
        if (error.isEmpty())
            error = QString::fromUtf8(sqlite3_errmsg(db));
    };
    for (const QString& statement : emmettSchema()) {
        if (sqlite3_exec(db, statement.toUtf8().constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
            fail();
    }
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
        "INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind, message_data, "
        "message_metadata, message_schema_version, message_type, message_id, is_archived, created) "
        "VALUES (?1, ?2, 'emt:default', ?3, ?4, ?5, '0', ?6, 'id-' || ?2 || ?1, ?7, ?8)",
        -1, &insert, nullptr);
    QHash<QByteArray, qint64> versions;
    // Text as it is, bytes and all: a test may write what is not UTF-8.
    const auto text = [&](int index, const QByteArray& value) {
        sqlite3_bind_text(insert, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
    };
    for (const Row& row : rows) {
        const qint64 version = row.version != 0 ? row.version : versions.value(row.stream) + 1;
        versions[row.stream] = version;
        text(1, row.stream);
        sqlite3_bind_int64(insert, 2, version);
        text(3, row.kind);
        text(4, row.data);
        text(5, row.metadata);
        text(6, row.type);
        sqlite3_bind_int(insert, 7, row.archived ? 1 : 0);
        if (row.created.isEmpty())
            sqlite3_bind_null(insert, 8);
        else
            text(8, row.created);
        if (sqlite3_step(insert) != SQLITE_DONE)
            fail();
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        fail();
    sqlite3_close(db);
    return error;
}

/// What a read gives: the events, or the error's text.
struct Read {
    QList<Event> events;
    QString error;
};

Read readStore(const QString& path, EmmettStore::RowReading reading, const EventFilter& filter = {})
{
    auto store = EmmettStore::open(path);
    if (!store)
        return { {}, store.error().toString() };
    (*store)->setRowReading(reading);
    auto events = (*store)->events(filter);
    if (!events)
        return { {}, events.error().toString() };
    return { *events, {} };
}

QString describe(const Event& e)
{
    return QStringLiteral("%1 v%2 @%3 %4 at %5 data %6 metadata %7")
        .arg(e.stream)
        .arg(e.version)
        .arg(e.position)
        .arg(e.type)
        .arg(e.at)
        .arg(QString::fromUtf8(e.data), QString::fromUtf8(e.metadata));
}

/// The direct reader and the generic one read `path` alike, with `filter`.
void compareReaders(const QString& path, const EventFilter& filter = {})
{
    const Read direct = readStore(path, EmmettStore::RowReading::Direct, filter);
    const Read generic = readStore(path, EmmettStore::RowReading::AsLogRecord, filter);
    QCOMPARE(direct.error, generic.error);
    QCOMPARE(direct.events.size(), generic.events.size());
    for (qsizetype i = 0; i < direct.events.size(); ++i) {
        const Event& d = direct.events.at(i);
        const Event& g = generic.events.at(i);
        // Every field, data and metadata as text: the same bytes, every digit of every number.
        QCOMPARE(describe(d), describe(g));
        QCOMPARE(d.data, g.data);
        QCOMPARE(d.metadata, g.metadata);
    }
}

/// Filters a reader must honour alike: everything, one stream, a range, fewer columns.
QList<EventFilter> filtersFor(const QStringList& streams)
{
    QList<EventFilter> filters { EventFilter {} };
    for (const QString& stream : streams)
        filters.append(EventFilter { stream });
    filters.append(EventFilter { {}, 3, 7 });
    EventFilter typesOnly;
    typesOnly.withData = false;
    typesOnly.withMetadata = false;
    filters.append(typesOnly);
    EventFilter noMetadata { streams.value(0) };
    noMetadata.withMetadata = false;
    filters.append(noMetadata);
    return filters;
}

/// A time as JavaScript's Date.toISOString() writes it, with or without its milliseconds.
QByteArray isoTime(qint64 ms, bool withMilliseconds)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    return time
        .toString(
            withMilliseconds ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ") : QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"))
        .toUtf8();
}

} // namespace

Q_DECLARE_METATYPE(Row)

class TestEmmettStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_stores = 0;

    QString newStore(const QList<Row>& rows)
    {
        const QString path = m_dir.filePath(QStringLiteral("store-%1.sqlite").arg(++m_stores));
        const QString error = writeStore(path, rows);
        return error.isEmpty() ? path : QString();
    }

private slots:
    void fixtureReadsAlikeBothWays()
    {
        for (const EventFilter& filter :
            filtersFor({ QStringLiteral("account-1"), QStringLiteral("account-2"), QStringLiteral("cart-7") }))
            compareReaders(fixture(), filter);
        // Every event of the fixture is read directly: it is what Emmett writes.
        QCOMPARE(readStore(fixture(), EmmettStore::RowReading::Direct).events.size(), 10);
    }

    void rowsOfEveryShapeReadAlike()
    {
        // Data and metadata in the forms Emmett writes and in every other form an edited or
        // foreign store could hold; each row is valid, so the whole store reads.
        const QList<QByteArray> data = {
            R"({"amount":12.5})",
            R"({"amount":1234567890123.4567,"fee":0.1})",
            R"({"id":123456789012345678901234,"big":1e400,"tiny":1e-400})",
            R"({"x":-0,"y":1.5E+3,"z":-12e-3,"w":0.000001})",
            R"({})",
            R"({"name":"Notebook – A5","emoji":"😀"})",
            "{\"s\":\"a\\\"b\\\\c\\/d\\u00e9\\n\\t\\b\\f\\r\"}",
            "{\"pair\":\"\\ud83d\\ude00\"}",
            R"({"nested":{"a":[1,2,{"b":null}],"t":true,"f":false,"e":[],"o":{}}})",
            R"({ "spaced" : 1, "list": [ 1, 2 ] })",
            "{\"lines\":\n1}",
            "\"{\\\"as\\\":\\\"a string\\\"}\"",
            "null",
            R"({"amount":"12.50"})",
        };
        const QList<QByteArray> metadata = {
            "{}",
            R"({"streamName":"account-1","messageId":"0b6c8c44-6a1f-4f57-9df8-7f8d8b1e0f11","streamPosition":"3","occurredAt":"2026-08-05T09:00:00Z"})",
            R"({"occurredAt":"2026-08-05T09:00:00.250Z"})",
            R"({"occurredAt":"2026-08-05T11:00:00+02:00"})",
            R"({"occurredAt":"2026-08-05 09:00:00"})",
            R"({"occurredAt":"2026-08-05T09:00:00.25Z"})",
            R"({"timestamp":1785931200000})",
            R"({"Timestamp":"1785931200000"})",
            R"({"time":"2026-02-28T23:59:59.999Z"})",
            R"({"occurred_at":"2024-02-29T00:00:00Z"})",
            R"({"ocCurred-At":"2026-08-05T09:00:00Z"})",
            R"({"time":"not the best member","occurredAt":"2026-01-01T00:00:00Z"})",
            R"({"TIME":"2026-08-05T09:00:00Z","timestamp":1785931200001})",
            R"({"occurredAt":"2026-01-01T00:00:00Z","occurred_at":"2027-01-01T00:00:00Z"})",
            R"({"inner":{"occurredAt":"2000-01-01T00:00:00Z"},"list":[{"time":1}]})",
            R"({"occurredAt":"1970-01-01T00:00:00Z"})",
            R"({"timestamp":0})",
            "{\"\\u0074ime\":\"2026-08-05T09:00:00Z\"}",
            R"({"zeit":"x","é":"y","occurredAt":"2026-08-05T09:00:00Z"})",
            R"({"occurredAt":"1000-01-01T00:00:00Z"})",
            R"({"occurredAt":"9999-12-31T23:59:59.999Z"})",
            R"({"occurredAt":"1900-03-01T00:00:00Z"})",
            R"({"occurredAt":"2100-02-28T12:00:00.001Z"})",
            R"({"timestamp":-1000})",
            R"({"by":"alice", "occurredAt" : "2026-08-05T09:00:00Z"})",
            R"({"occurredAtLater":"x","timestamps":[1],"timed":true})",
        };
        const QList<QByteArray> created = { "2026-11-29 16:26:20", "2026-11-29T16:26:20Z", "", "not a time",
            "2026-11-29 16:26:21" };
        QList<Row> rows;
        // Every data beside every metadata, the created times in turn.
        for (qsizetype d = 0; d < data.size(); ++d) {
            for (qsizetype m = 0; m < metadata.size(); ++m) {
                Row row;
                row.stream = (d + m) % 3 == 0 ? "cart-1" : "account-1";
                row.type = m % 2 ? "Withdrawn" : "Deposited";
                row.data = data.at(d);
                row.metadata = metadata.at(m);
                row.created = created.at((d * metadata.size() + m) % created.size());
                rows.append(row);
            }
        }
        // Random times in every year Rewind shows, as JavaScript writes them.
        auto* random = QRandomGenerator::global();
        const qint64 first = *parseEventTime(QStringLiteral("1000-01-01T00:00:00Z"));
        const qint64 last = *parseEventTime(QStringLiteral("9999-12-31T23:59:59Z"));
        for (int i = 0; i < 2000; ++i) {
            Row row;
            row.stream = i % 7 == 0 ? "cart-2" : "account-2";
            const qint64 at = first + qint64(random->bounded(double(last - first)));
            row.metadata = "{\"occurredAt\":\"" + isoTime(at, i % 2) + "\"}";
            row.data = R"({"amount":)" + QByteArray::number(random->bounded(100000)) + '.'
                + QByteArray::number(random->bounded(100)) + '}';
            rows.append(row);
        }
        // Messages that are not part of the history, between the events.
        rows.insert(5, Row { "commands-1", 0, "Withdraw", R"({"amount":1})", "{}", "", "C", false });
        rows.insert(9, Row { "account-9", 0, "Opened", R"({"owner":"x"})", "{}", "", "E", true });

        const QString path = newStore(rows);
        QVERIFY(!path.isEmpty());
        for (const EventFilter& filter : filtersFor({ QStringLiteral("account-1"), QStringLiteral("cart-1"),
                 QStringLiteral("account-2"), QStringLiteral("cart-2"), QStringLiteral("account-9") }))
            compareReaders(path, filter);
        const Read all = readStore(path, EmmettStore::RowReading::Direct);
        QCOMPARE(all.error, QString());
        QCOMPARE(all.events.size(), rows.size() - 2);
    }

    void brokenRowsFailAlike_data()
    {
        QTest::addColumn<Row>("row");
        const auto add = [](const char* name, const Row& row) { QTest::newRow(name) << row; };
        const auto withData = [](const QByteArray& data) {
            Row row;
            row.data = data;
            return row;
        };
        const auto withMetadata = [](const QByteArray& metadata) {
            Row row;
            row.metadata = metadata;
            return row;
        };
        add("data: a value missing", withData(R"({"amount":})"));
        add("data: an array", withData("[1,2]"));
        add("data: a number", withData("42"));
        add("data: text after the object", withData(R"({"a":1}x)"));
        add("data: empty", withData(""));
        add("data: a broken literal", withData(R"({"a":tru})"));
        add("data: a control character", withData("{\"a\":\"\x01\"}"));
        add("data: not UTF-8", withData("{\"a\":\"\xff\xfe\"}"));
        add("data: a leading zero", withData(R"({"a":01})"));
        add("data: a lone surrogate", withData("{\"a\":\"\\ud800\"}"));
        add("data: unterminated", withData("{\"a\":\"b"));
        add("data: a bad escape", withData("{\"a\":\"\\q\"}"));
        add("metadata: no time", withMetadata(R"({"occurredAt":"yesterday"})"));
        add("metadata: a boolean time", withMetadata(R"({"occurredAt":true})"));
        add("metadata: the 30th of February", withMetadata(R"({"occurredAt":"2026-02-30T00:00:00Z"})"));
        add("metadata: hour 24", withMetadata(R"({"occurredAt":"2026-08-05T24:00:00Z"})"));
        add("metadata: second 60", withMetadata(R"({"occurredAt":"2026-08-05T23:59:60Z"})"));
        add("metadata: beyond the year 9999", withMetadata(R"({"timestamp":1e20})"));
        add("metadata: a fraction of a millisecond", withMetadata(R"({"timestamp":1785931200000.5})"));
        add("metadata: not JSON", withMetadata("not json"));
        add("metadata: an escaped time", withMetadata("{\"time\":\"2026-08-05T09:00:00\\u005a\"}"));
        Row emptyStream;
        emptyStream.stream = "";
        add("an empty stream", emptyStream);
        Row emptyType;
        emptyType.type = "";
        add("an empty type", emptyType);
        Row versionZero;
        versionZero.version = -1;
        add("a negative version", versionZero);
    }

    void brokenRowsFailAlike()
    {
        QFETCH(Row, row);
        // Between good rows, so that a read gets to it after reading some.
        const QString path = newStore({ Row {}, Row {}, row, Row {} });
        QVERIFY(!path.isEmpty());
        for (const EventFilter& filter : filtersFor({ QString::fromUtf8(row.stream) }))
            compareReaders(path, filter);
    }

    void timesFromMetadata()
    {
        const QList<Row> rows = {
            Row { "a", 0, "Deposited", "{}", R"({"occurredAt":"2026-08-05T09:00:00.250Z"})" },
            Row { "a", 0, "Deposited", "{}", R"({"occurredAt":"2026-08-05T11:00:00+02:00"})" },
            Row { "a", 0, "Deposited", "{}", R"({"timestamp":1785931200000})" },
            Row { "a", 0, "Deposited", "{}", R"({"time":"2026-08-05T09:00:00Z","timestamp":1785931200000})" },
            Row { "a", 0, "Deposited", "{}", R"({"Occurred_At":"2024-02-29T23:59:59Z","timestamp":1})" },
            Row { "a", 0, "Deposited", "{}", R"({"inner":{"occurredAt":"2000-01-01T00:00:00Z"}})",
                "2026-11-29 16:26:20" },
            Row { "a", 0, "Deposited", "{}", R"({"occurredAt":"1970-01-01T00:00:00Z"})", "2026-11-29 16:26:21" },
            Row { "a", 0, "Deposited", "{}", "{}", "" },
        };
        const QString path = newStore(rows);
        QVERIFY(!path.isEmpty());
        const Read read = readStore(path, EmmettStore::RowReading::Direct);
        QCOMPARE(read.error, QString());
        QStringList times;
        for (const Event& event : read.events)
            times.append(event.at == 0 ? QStringLiteral("none") : formatTime(event.at));
        QCOMPARE(times,
            QStringList({
                QStringLiteral("2026-08-05T09:00:00.250Z"), // occurredAt, JavaScript's form
                QStringLiteral("2026-08-05T09:00:00Z"), // with an offset
                QStringLiteral("2026-08-05T12:00:00Z"), // epoch milliseconds
                QStringLiteral("2026-08-05T12:00:00Z"), // timestamp is preferred to time
                QStringLiteral("2024-02-29T23:59:59Z"), // any spelling of occurredAt, first
                QStringLiteral("2026-11-29T16:26:20Z"), // none at the top: the insert time
                QStringLiteral("2026-11-29T16:26:21Z"), // the epoch itself counts as none
                QStringLiteral("none"), // neither
            }));
    }

    void wideAndNarrowStreamsReadInOrder()
    {
        // One stream holds most of the table (read in the table's order), the other a few rows
        // (read through the index): both come in position order, all of them.
        QList<Row> rows;
        for (int i = 0; i < 400; ++i) {
            Row row;
            row.stream = i % 50 == 7 ? "narrow" : "wide";
            rows.append(row);
        }
        const QString path = newStore(rows);
        QVERIFY(!path.isEmpty());
        for (const char* stream : { "wide", "narrow" }) {
            const Read read =
                readStore(path, EmmettStore::RowReading::Direct, EventFilter { QString::fromLatin1(stream) });
            QCOMPARE(read.error, QString());
            QCOMPARE(read.events.size(), qstrcmp(stream, "wide") == 0 ? 392 : 8);
            for (qsizetype i = 0; i < read.events.size(); ++i) {
                QCOMPARE(read.events.at(i).stream, QString::fromLatin1(stream));
                QCOMPARE(read.events.at(i).version, i + 1);
                if (i > 0)
                    QVERIFY(read.events.at(i).position > read.events.at(i - 1).position);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestEmmettStore)
#include "tst_emmettstore.moc"
