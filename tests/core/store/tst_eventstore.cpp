#include "model/historyindex.h"
#include "store/eventstore.h"
#include "store/sqlitestatement.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <array>
#include <sqlite3.h>
#include <thread>
#include <vector>

using namespace Rewind;

namespace {

// When set, this executable is not a test run but the writer that the crash test kills.
constexpr const char* WriterVariable = "REWIND_TST_EVENTSTORE_WRITER";
constexpr int WriterBatch = 5;
constexpr int WriterStreams = 7;

template <typename Outcome> QString describe(const Outcome& outcome)
{
    // QVERIFY2 builds its message even when the check passes.
    return outcome ? QString() : outcome.error().toString();
}

/// A plain sqlite3 connection, to look at the file the way any other program would.
class RawDb {
public:
    explicit RawDb(const QString& path, int flags = SQLITE_OPEN_READWRITE)
    {
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, flags, nullptr) != SQLITE_OK)
            qWarning("cannot open %s: %s", qPrintable(path), sqlite3_errmsg(m_db));
        sqlite3_busy_timeout(m_db, 5000);
    }
    ~RawDb() { sqlite3_close_v2(m_db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    /// Empty on success, else SQLite's message.
    QString exec(const char* sql) { return sqliteExec(m_db, sql); }
    qint64 integer(const char* sql)
    {
        SqliteStatement query(m_db, sql);
        const Result<qint64> value = query.singleInt64();
        return value ? *value : -1;
    }
    QString text(const char* sql)
    {
        SqliteStatement query(m_db, sql);
        return query.step() == SQLITE_ROW ? query.columnString(0) : query.errorMessage();
    }
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

/// A history held in a list, to import from.
class ListSource : public EventSource {
public:
    QList<Event> m_events;
    QList<Snapshot> m_snapshots;

    QString path() const override { return QStringLiteral("list.jsonl"); }
    QString kind() const override { return QStringLiteral("list"); }
    Result<qint64> eventCount() const override { return qint64(m_events.size()); }
    Result<QList<StreamInfo>> streams() const override { return QList<StreamInfo>(); }
    Result<QList<Snapshot>> snapshots(const QString& = {}) const override { return m_snapshots; }
    Status readEvents(const EventFilter&, const std::function<bool(const Event&)>& visit) const override
    {
        for (const Event& event : m_events) {
            if (!visit(event))
                break;
        }
        return {};
    }
};

Event makeEvent(const QString& stream, qint64 version, const QString& type, qint64 at = 1000)
{
    Event event;
    event.stream = stream;
    event.version = version;
    event.type = type;
    event.data = QByteArrayLiteral("{\"amount\":") + QByteArray::number(version) + '}';
    event.metadata = QByteArrayLiteral("{\"by\":\"alice\"}");
    event.at = at;
    return event;
}

NewEvent deposit(int amount)
{
    return { QStringLiteral("Deposited"), QJsonObject { { QStringLiteral("amount"), amount } },
        QJsonObject { { QStringLiteral("by"), QStringLiteral("alice") } } };
}

QList<NewEvent> deposits(int count)
{
    QList<NewEvent> events;
    for (int i = 1; i <= count; ++i)
        events.append(deposit(i * 10));
    return events;
}

QByteArray checksum(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

std::unique_ptr<EventStore> createStore(const QString& path)
{
    auto created = EventStore::create(path);
    if (!created) {
        qWarning("%s", qPrintable(describe(created)));
        return {};
    }
    return std::move(created.value());
}

/// The crash test's child: appends batches to a few streams until it is killed.
int runWriter(const QString& path)
{
    auto created = EventStore::create(path);
    if (!created) {
        fprintf(stderr, "%s\n", qPrintable(describe(created)));
        return 1;
    }
    EventStore& store = *created.value();
    const QList<NewEvent> batch = deposits(WriterBatch);
    for (qint64 i = 0;; ++i) {
        const QString stream = QStringLiteral("account-%1").arg(i % WriterStreams);
        const auto appended = store.append(stream, store.streamVersion(stream).value(), batch);
        if (!appended) {
            fprintf(stderr, "%s\n", qPrintable(describe(appended)));
            return 1;
        }
    }
}

} // namespace

/// The store: its format on disk, its guarantees (append-only, unique versions, optimistic
/// concurrency, atomic writes, read-only opens) and its errors.
class TestEventStore : public QObject {
    Q_OBJECT

private slots:
    void init();
    void createAndReopen();
    void pragmas();
    void updateAndDeleteAreRefused();
    void versionsAreUniquePerStream();
    void appendChecksTheExpectedVersion();
    void appendRefusesBadInput();
    void staleWriterGetsConflict();
    void appendIsAtomic();
    void writersWaitForEachOther();
    void readEventsFilters();
    void readEventsCopiesStayValid();
    void readsOnSeveralThreadsAtOnce();
    void importAppendsAfterExisting();
    void importIsAllOrNothing();
    void importCanBeCancelled();
    void snapshotsSaveReplaceList();
    void openErrors_data();
    void openErrors();
    void createRefusesForeignFiles();
    void newerSchemaIsRefused();
    void olderSchemaIsMigrated();
    void failedMigrationChangesNothing();
    void readOnlyOpenChangesNothing();
    void damagedPagesAreErrors();
    void positionsBelowOneAreRefused_data();
    void positionsBelowOneAreRefused();
    void handEditedJsonIsNeverReplaced();
    void killedWriterLeavesStoreConsistent();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestEventStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("store.rwd"));
}

void TestEventStore::createAndReopen()
{
    {
        auto store = createStore(m_path);
        QVERIFY(store);
        QCOMPARE(store->kind(), QStringLiteral("rewind-store"));
        QCOMPARE(store->eventCount().value(), 0);
        QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(2), 5000));
        QVERIFY(store->append(QStringLiteral("cart-7"), 0, deposits(1), 6000));
        QVERIFY(store->append(QStringLiteral("account-1"), 2, deposits(1), 7000));
    }
    QVERIFY(EventStore::looksLikeStore(m_path));

    auto opened = EventStore::open(m_path);
    QVERIFY2(opened, qPrintable(describe(opened)));
    const EventStore& store = *opened.value();
    QCOMPARE(store.path(), m_path);
    QCOMPARE(store.eventCount().value(), 4);
    QCOMPARE(store.streamVersion(QStringLiteral("account-1")).value(), 3);
    QCOMPARE(store.streamVersion(QStringLiteral("cart-7")).value(), 1);
    QCOMPARE(store.streamVersion(QStringLiteral("nobody")).value(), 0);

    const QList<StreamInfo> streams = store.streams().value();
    QCOMPARE(streams.size(), 2);
    QCOMPARE(streams[0].id, QStringLiteral("account-1"));
    QCOMPARE(streams[0].eventCount, 3);
    QCOMPARE(streams[0].firstPosition, 1);
    QCOMPARE(streams[0].lastPosition, 4);
    QCOMPARE(streams[0].lastVersion, 3);
    QCOMPARE(streams[1].id, QStringLiteral("cart-7"));
    QCOMPARE(streams[1].firstPosition, 3);

    const Event third = *store.eventAt(3);
    QCOMPARE(third.stream, QStringLiteral("cart-7"));
    QCOMPARE(third.version, 1);
    QCOMPARE(third.position, 3);
    QCOMPARE(third.type, QStringLiteral("Deposited"));
    QCOMPARE(third.data, QByteArrayLiteral("{\"amount\":10}"));
    QCOMPARE(third.metadata, QByteArrayLiteral("{\"by\":\"alice\"}"));
    QCOMPARE(third.at, 6000);
    QCOMPARE(store.eventAt(5)->position, 0);
    QCOMPARE(store.eventAt(0)->position, 0);

    // create() on an existing store opens it and keeps what it holds.
    opened.value().reset();
    auto again = createStore(m_path);
    QVERIFY(again);
    QCOMPARE(again->eventCount().value(), 4);
}

void TestEventStore::pragmas()
{
    {
        auto store = createStore(m_path);
        QVERIFY(store);
        SqliteStatement synchronous(store->handle(), "PRAGMA synchronous");
        QCOMPARE(synchronous.singleInt64().value(), 1); // NORMAL
        SqliteStatement timeout(store->handle(), "PRAGMA busy_timeout");
        QVERIFY(timeout.singleInt64().value() >= 1000);
    }
    RawDb db(m_path, SQLITE_OPEN_READONLY);
    QCOMPARE(db.integer("PRAGMA application_id"), EventStore::ApplicationId);
    QCOMPARE(db.integer("PRAGMA application_id"), 0x52574E44);
    QCOMPARE(db.integer("PRAGMA user_version"), EventStore::SchemaVersion);
    QCOMPARE(db.text("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(
        db.integer("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'events_stream_position'"), 1);
}

void TestEventStore::updateAndDeleteAreRefused()
{
    {
        auto store = createStore(m_path);
        QVERIFY(store);
        QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(2)));
    }
    RawDb db(m_path);
    QCOMPARE(
        db.exec("UPDATE events SET type = 'Withdrawn' WHERE position = 1"), QStringLiteral("events are append-only"));
    QCOMPARE(db.exec("DELETE FROM events WHERE position = 2"), QStringLiteral("events are append-only"));
    QCOMPARE(db.exec("DELETE FROM events"), QStringLiteral("events are append-only"));
    QCOMPARE(db.integer("SELECT count(*) FROM events"), 2);
    QCOMPARE(db.text("SELECT type FROM events WHERE position = 1"), QStringLiteral("Deposited"));
}

void TestEventStore::versionsAreUniquePerStream()
{
    {
        auto store = createStore(m_path);
        QVERIFY(store);
        QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(1)));
    }
    RawDb db(m_path);
    QCOMPARE(db.exec("INSERT INTO events (stream, version, type, data, metadata, at) "
                     "VALUES ('account-1', 1, 'Deposited', '{}', '{}', 0)"),
        QStringLiteral("UNIQUE constraint failed: events.stream, events.version"));
    QCOMPARE(db.exec("INSERT INTO events (stream, version, type, data, metadata, at) "
                     "VALUES ('account-2', 1, 'Deposited', '{}', '{}', 0)"),
        QString());
}

void TestEventStore::appendChecksTheExpectedVersion()
{
    auto store = createStore(m_path);
    QVERIFY(store);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    auto first = store->append(QStringLiteral("account-42"), 0, deposits(3));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(first, qPrintable(describe(first)));
    QCOMPARE(first->size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(first->at(i).stream, QStringLiteral("account-42"));
        QCOMPARE(first->at(i).version, i + 1);
        QCOMPARE(first->at(i).position, i + 1);
        QVERIFY(first->at(i).at >= before && first->at(i).at <= after);
    }
    QCOMPARE(first->at(1).data, QByteArrayLiteral("{\"amount\":20}"));

    auto second = store->append(QStringLiteral("account-42"), 3, { deposit(5) }, 123456);
    QVERIFY(second);
    QCOMPARE(second->at(0).version, 4);
    QCOMPARE(second->at(0).position, 4);
    QCOMPARE(store->eventAt(4)->at, 123456);
    QCOMPARE(store->streamVersion(QStringLiteral("account-42")).value(), 4);

    auto stale = store->append(QStringLiteral("account-42"), 3, { deposit(5) });
    QVERIFY(!stale);
    QCOMPARE(stale.error().kind, Error::Kind::Conflict);
    QCOMPARE(stale.error().file, m_path);
    QCOMPARE(stale.error().message,
        QStringLiteral("version conflict on stream account-42: expected version 3, but it is at version 4"));
    QCOMPARE(store->eventCount().value(), 4);
}

void TestEventStore::appendRefusesBadInput()
{
    auto store = createStore(m_path);
    QVERIFY(store);
    auto noStream = store->append(QString(), 0, deposits(1));
    QVERIFY(!noStream);
    QCOMPARE(noStream.error().kind, Error::Kind::BadInput);
    QList<NewEvent> events = deposits(2);
    events[1].type.clear();
    auto noType = store->append(QStringLiteral("account-1"), 0, events);
    QVERIFY(!noType);
    QCOMPARE(noType.error().message, QStringLiteral("cannot append to stream account-1: event 2 has no type"));
    QCOMPARE(store->eventCount().value(), 0);
}

void TestEventStore::staleWriterGetsConflict()
{
    auto first = createStore(m_path);
    auto opened = EventStore::open(m_path, EventStore::Mode::ReadWrite);
    QVERIFY(first);
    QVERIFY2(opened, qPrintable(describe(opened)));
    EventStore& second = *opened.value();
    const QString stream = QStringLiteral("account-42");

    // Both decide against version 0; the first to append wins.
    const qint64 seenByFirst = first->streamVersion(stream).value();
    const qint64 seenBySecond = second.streamVersion(stream).value();
    QCOMPARE(seenByFirst, 0);
    QCOMPARE(seenBySecond, 0);
    QVERIFY(first->append(stream, seenByFirst, deposits(2)));

    auto stale = second.append(stream, seenBySecond, deposits(1));
    QVERIFY(!stale);
    QCOMPARE(stale.error().kind, Error::Kind::Conflict);
    QCOMPARE(stale.error().toString(),
        m_path + QStringLiteral(": version conflict on stream account-42: expected version 0, but it is at version 2"));
    QCOMPARE(second.eventCount().value(), 2);
    QCOMPARE(first->eventCount().value(), 2);

    // Having read again, it succeeds.
    auto retried = second.append(stream, second.streamVersion(stream).value(), deposits(1));
    QVERIFY(retried);
    QCOMPARE(retried->at(0).version, 3);
}

void TestEventStore::appendIsAtomic()
{
    auto store = createStore(m_path);
    QVERIFY(store);
    QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(2)));
    {
        // Another program makes the third insert of the next append fail, half-way through it.
        RawDb db(m_path);
        QCOMPARE(db.exec("CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.version = 5 "
                         "BEGIN SELECT RAISE(ABORT, 'boom'); END"),
            QString());
    }
    auto failed = store->append(QStringLiteral("account-1"), 2, deposits(4));
    QVERIFY(!failed);
    QCOMPARE(failed.error().kind, Error::Kind::Failure);
    QVERIFY2(failed.error().message.contains(QStringLiteral("boom")), qPrintable(failed.error().message));
    QCOMPARE(store->eventCount().value(), 2);
    QCOMPARE(store->streamVersion(QStringLiteral("account-1")).value(), 2);

    // Nothing was left half-open: the next append works and continues at version 3.
    auto next = store->append(QStringLiteral("account-1"), 2, deposits(2));
    QVERIFY2(next, qPrintable(describe(next)));
    QCOMPARE(next->at(0).position, 3);
    QCOMPARE(store->eventCount().value(), 4);
}

void TestEventStore::writersWaitForEachOther()
{
    auto store = createStore(m_path);
    QVERIFY(store);
    RawDb other(m_path);
    QCOMPARE(other.exec("BEGIN IMMEDIATE"), QString());
    QElapsedTimer timer;
    timer.start();
    std::thread holder([&other] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        other.exec("COMMIT");
    });
    // Blocks on the other connection's write lock instead of failing with "database is locked".
    auto appended = store->append(QStringLiteral("account-1"), 0, deposits(1));
    holder.join();
    QVERIFY2(appended, qPrintable(describe(appended)));
    QVERIFY(timer.elapsed() >= 250);
}

void TestEventStore::readEventsFilters()
{
    auto store = createStore(m_path);
    QVERIFY(store);
    for (int i = 0; i < 4; ++i) {
        QVERIFY(store->append(QStringLiteral("a"), i, deposits(1)));
        QVERIFY(store->append(QStringLiteral("b"), i, deposits(1)));
    }
    const auto positions = [&](const EventFilter& filter, int stopAfter = 100) {
        QList<qint64> seen;
        const Status status = store->readEvents(filter, [&](const Event& event) {
            seen.append(event.position);
            return seen.size() < stopAfter;
        });
        return status ? seen : QList<qint64> { -1 };
    };
    QCOMPARE(positions({}), (QList<qint64> { 1, 2, 3, 4, 5, 6, 7, 8 }));
    QCOMPARE(positions({ QStringLiteral("b") }), (QList<qint64> { 2, 4, 6, 8 }));
    QCOMPARE(positions({ QStringLiteral("a"), 3, 5 }), (QList<qint64> { 3, 5 }));
    QCOMPARE(positions({ {}, 6 }), (QList<qint64> { 6, 7, 8 }));
    QCOMPARE(positions({}, 3), (QList<qint64> { 1, 2, 3 }));
    QCOMPARE(positions({ QStringLiteral("nobody") }), QList<qint64>());

    // A stream's read walks the (stream, position) index, not the whole table.
    SqliteStatement plan(store->handle(),
        "EXPLAIN QUERY PLAN SELECT position, stream, version, type, data, metadata, at FROM events "
        "WHERE stream = 'a' AND position BETWEEN 1 AND 100 ORDER BY position");
    QCOMPARE(plan.step(), SQLITE_ROW);
    QVERIFY2(plan.columnString(3).contains(QStringLiteral("USING INDEX events_stream_position")),
        qPrintable(plan.columnString(3)));
}

void TestEventStore::readEventsCopiesStayValid()
{
    // readEvents reuses one Event; a visitor that keeps copies must still see each row's values.
    auto store = createStore(m_path);
    QVERIFY(store);
    QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(3)));
    QVERIFY(store->append(QStringLiteral("cart-1"), 0, { { QStringLiteral("ItemAdded"), {}, {} } }));
    QList<Event> kept;
    QVERIFY(store->readEvents({}, [&](const Event& event) {
        kept.append(event);
        return true;
    }));
    QCOMPARE(kept.size(), 4);
    QCOMPARE(kept[0].data, QByteArrayLiteral("{\"amount\":10}"));
    QCOMPARE(kept[2].data, QByteArrayLiteral("{\"amount\":30}"));
    QCOMPARE(kept[3].data, QByteArrayLiteral("{}"));
    QCOMPARE(kept[1].stream, QStringLiteral("account-1"));
    QCOMPARE(kept[3].stream, QStringLiteral("cart-1"));
    QCOMPARE(kept[3].type, QStringLiteral("ItemAdded"));
}

void TestEventStore::readsOnSeveralThreadsAtOnce()
{
    // The window reads while workers analyse, scan and chart the same store: each thread gets a
    // connection of its own (EventStore::reader), opened the first time it reads. Run under
    // ThreadSanitizer (the tsan preset) this is where a race between them would show.
    auto store = createStore(m_path);
    QVERIFY(store);
    constexpr int Streams = 4;
    constexpr int PerStream = 60;
    for (int s = 0; s < Streams; ++s) {
        for (int i = 0; i < PerStream; i += 10)
            QVERIFY(store->append(QStringLiteral("account-%1").arg(s), i, deposits(10)));
    }
    struct Seen {
        qint64 events = 0;
        qint64 positions = 0; ///< their sum: every row read once
        qint64 found = 0; ///< eventAt reads that found their event
        qsizetype indexed = 0;
    };
    const auto readAll = [&store](int rounds) {
        Seen seen;
        for (int round = 0; round < rounds; ++round) {
            const Status read = store->readEvents({}, [&](const Event& event) {
                ++seen.events;
                seen.positions += event.position;
                return true;
            });
            if (!read)
                return Seen {};
            for (qint64 position = 1; position <= Streams * PerStream; position += 7) {
                const auto event = store->eventAt(position);
                seen.found += event && event->position == position ? 1 : 0;
            }
            HistoryIndex index;
            if (store->readIndex(index))
                seen.indexed += index.size();
        }
        return seen;
    };
    constexpr int Rounds = 5;
    std::array<Seen, 4> results;
    std::vector<std::thread> readers;
    for (size_t t = 1; t < results.size(); ++t)
        readers.emplace_back([&result = results[t], &readAll] { result = readAll(Rounds); });
    results[0] = readAll(Rounds); // the owner's own connection, meanwhile
    for (std::thread& reader : readers)
        reader.join();

    constexpr qint64 Total = Streams * PerStream;
    for (const Seen& seen : results) {
        QCOMPARE(seen.events, Rounds * Total);
        QCOMPARE(seen.positions, Rounds * Total * (Total + 1) / 2);
        QCOMPARE(seen.found, Rounds * ((Total - 1) / 7 + 1));
        QCOMPARE(seen.indexed, Rounds * Total);
    }
}

void TestEventStore::importAppendsAfterExisting()
{
    auto store = createStore(m_path);
    QVERIFY(store);
    QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(2), 500));

    ListSource source;
    source.m_events = { makeEvent(QStringLiteral("account-2"), 1, QStringLiteral("Opened"), 1000),
        makeEvent(QStringLiteral("account-1"), 3, QStringLiteral("Deposited"), 2000),
        makeEvent(QStringLiteral("account-2"), 2, QStringLiteral("Deposited"), 3000) };
    source.m_events[0].position = 40; // the source's own positions are not kept
    source.m_events[0].data.clear(); // an empty data field is stored as {}
    const auto snapshot = [](const QString& stream, qint64 version, qint64 position) {
        return Snapshot { stream, version, position, JsonValue::object({ { QStringLiteral("balance"), 7 } }), 9000 };
    };
    source.m_snapshots = { snapshot(QStringLiteral("account-2"), 2, 42), // imported: remapped
        snapshot(QStringLiteral("account-1"), 1, 17) }; // already in the store: looked up

    QList<qint64> progress;
    const Status imported = store->import(source, [&](qint64 done) {
        progress.append(done);
        return true;
    });
    QVERIFY2(imported, qPrintable(describe(imported)));
    QCOMPARE(progress, QList<qint64> { 3 });
    QCOMPARE(store->eventCount().value(), 5);

    const auto events = store->events();
    QVERIFY(events);
    QCOMPARE(events->at(2).stream, QStringLiteral("account-2"));
    QCOMPARE(events->at(2).position, 3);
    QCOMPARE(events->at(2).version, 1);
    QCOMPARE(events->at(2).type, QStringLiteral("Opened"));
    QCOMPARE(events->at(2).data, QByteArrayLiteral("{}"));
    QCOMPARE(events->at(2).at, 1000);
    QCOMPARE(events->at(3).stream, QStringLiteral("account-1"));
    QCOMPARE(events->at(3).version, 3);
    QCOMPARE(events->at(3).data, QByteArrayLiteral("{\"amount\":3}"));
    QCOMPARE(events->at(3).metadata, QByteArrayLiteral("{\"by\":\"alice\"}"));
    QCOMPARE(events->at(4).position, 5);

    const QList<Snapshot> snapshots = store->snapshots().value();
    QCOMPARE(snapshots.size(), 2);
    QCOMPARE(snapshots[0].stream, QStringLiteral("account-1"));
    QCOMPARE(snapshots[0].position, 1);
    QCOMPARE(snapshots[1].stream, QStringLiteral("account-2"));
    QCOMPARE(snapshots[1].position, 5);
    QCOMPARE(snapshots[1].at, 9000);
    QCOMPARE(snapshots[1].state.value(QStringLiteral("balance")).toInteger(), 7);

    QVERIFY(!store->import(*store));
}

void TestEventStore::importIsAllOrNothing()
{
    auto store = createStore(m_path);
    QVERIFY(store);
    QVERIFY(store->append(QStringLiteral("account-42"), 0, deposits(3)));

    ListSource source;
    for (int i = 1; i <= 100; ++i)
        source.m_events.append(makeEvent(QStringLiteral("account-7"), i, QStringLiteral("Deposited")));
    source.m_events.append(makeEvent(QStringLiteral("account-42"), 3, QStringLiteral("Deposited")));
    source.m_snapshots.append({ QStringLiteral("account-7"), 50, 0, {}, 0 });

    const Status imported = store->import(source);
    QVERIFY(!imported);
    QCOMPARE(imported.error().kind, Error::Kind::BadInput);
    QCOMPARE(imported.error().file, source.path());
    QCOMPARE(imported.error().message, QStringLiteral("stream account-42 already has version 3 in ") + m_path);
    QCOMPARE(store->eventCount().value(), 3);
    QCOMPARE(store->streamVersion(QStringLiteral("account-7")).value(), 0);
    QVERIFY(store->snapshots().value().isEmpty());

    // A duplicate inside the source itself is refused the same way.
    ListSource twice;
    twice.m_events = { makeEvent(QStringLiteral("cart-1"), 1, QStringLiteral("ItemAdded")),
        makeEvent(QStringLiteral("cart-1"), 1, QStringLiteral("ItemAdded")) };
    QVERIFY(!store->import(twice));
    QCOMPARE(store->eventCount().value(), 3);
}

void TestEventStore::importCanBeCancelled()
{
    auto store = createStore(m_path);
    QVERIFY(store);
    ListSource source;
    for (int i = 1; i <= 25000; ++i)
        source.m_events.append(
            makeEvent(QStringLiteral("account-%1").arg(i % 10), i / 10 + 1, QStringLiteral("Deposited")));

    QList<qint64> progress;
    const Status cancelled = store->import(source, [&](qint64 done) {
        progress.append(done);
        return done < 20000;
    });
    QVERIFY(!cancelled);
    QVERIFY2(cancelled.error().message.contains(QStringLiteral("cancelled")), qPrintable(cancelled.error().message));
    QCOMPARE(progress, (QList<qint64> { 10000, 20000 }));
    QCOMPARE(store->eventCount().value(), 0);

    progress.clear();
    QVERIFY(store->import(source, [&](qint64 done) {
        progress.append(done);
        return true;
    }));
    QCOMPARE(progress, (QList<qint64> { 10000, 20000, 25000 }));
    QCOMPARE(store->eventCount().value(), 25000);
}

void TestEventStore::snapshotsSaveReplaceList()
{
    auto store = createStore(m_path);
    QVERIFY(store);
    QVERIFY(store->append(QStringLiteral("b"), 0, deposits(3)));
    QVERIFY(store->append(QStringLiteral("a"), 0, deposits(2)));
    const auto state = [](int balance) { return JsonValue::object({ { QStringLiteral("balance"), balance } }); };

    QVERIFY(store->saveSnapshot({ QStringLiteral("b"), 2, 0, state(30), 100 }));
    QVERIFY(store->saveSnapshot({ QStringLiteral("a"), 2, 0, state(30), 0 }));
    QVERIFY(store->saveSnapshot({ QStringLiteral("b"), 1, 0, state(10), 100 }));
    QVERIFY(store->saveSnapshot({ QStringLiteral("b"), 2, 0, state(31), 200 })); // replaces
    QVERIFY(store->saveSnapshot({ QStringLiteral("b"), 9, 0, state(99), 100 })); // no such event yet
    QVERIFY(!store->saveSnapshot({ QString(), 1, 0, state(0), 100 }));

    const QList<Snapshot> all = store->snapshots().value();
    QCOMPARE(all.size(), 4);
    QCOMPARE(all[0].stream, QStringLiteral("a"));
    QCOMPARE(all[0].position, 5);
    QVERIFY(all[0].at > 0); // 0 means now
    QCOMPARE(all[1].stream, QStringLiteral("b"));
    QCOMPARE(all[1].version, 1);
    QCOMPARE(all[1].position, 1);
    QCOMPARE(all[2].version, 2);
    QCOMPARE(all[2].position, 2);
    QCOMPARE(all[2].state, state(31));
    QCOMPARE(all[2].at, 200);
    QCOMPARE(all[3].version, 9);
    QCOMPARE(all[3].position, 0);

    const QList<Snapshot> onlyB = store->snapshots(QStringLiteral("b")).value();
    QCOMPARE(onlyB.size(), 3);
    QCOMPARE(onlyB[0].version, 1);
    QCOMPARE(store->snapshots(QStringLiteral("nobody")).value().size(), 0);
}

void TestEventStore::openErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << QStringLiteral("missing.rwd") << QStringLiteral("no such file");
    QTest::newRow("text") << QStringLiteral("notes.txt")
                          << QStringLiteral("not a Rewind store (not an SQLite database)");
    QTest::newRow("empty file") << QStringLiteral("empty.rwd")
                                << QStringLiteral("not a Rewind store (not an SQLite database)");
    QTest::newRow("other application") << QStringLiteral("other.db")
                                       << QStringLiteral("not a Rewind store (no events table / wrong application id)");
    QTest::newRow("empty database") << QStringLiteral("blank.db")
                                    << QStringLiteral("not a Rewind store (no events table / wrong application id)");
    QTest::newRow("directory") << QStringLiteral("folder") << QStringLiteral("is a directory");
}

void TestEventStore::openErrors()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    const QString path = m_dir->filePath(name);
    if (name == QLatin1String("notes.txt")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArrayLiteral("this is not a database, it is a note\nwith two lines\n").repeated(10));
    } else if (name == QLatin1String("empty.rwd")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    } else if (name == QLatin1String("other.db")) {
        RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QCOMPARE(db.exec("PRAGMA application_id = 1234; CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)"),
            QString());
    } else if (name == QLatin1String("blank.db")) {
        RawDb db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QCOMPARE(db.exec("PRAGMA user_version = 0; VACUUM"), QString());
    } else if (name == QLatin1String("folder")) {
        QVERIFY(QDir(m_dir->path()).mkdir(name));
    }
    const QByteArray before = checksum(path);

    for (const auto mode : { EventStore::Mode::ReadOnly, EventStore::Mode::ReadWrite }) {
        auto opened = EventStore::open(path, mode);
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind, Error::Kind::BadInput);
        QCOMPARE(opened.error().file, path);
        QCOMPARE(opened.error().message, message);
        QVERIFY(!opened.error().toString().contains(QLatin1Char('\n')));
        QCOMPARE(opened.error().toString(), path + QStringLiteral(": ") + message);
    }
    QVERIFY(!EventStore::looksLikeStore(path));
    QCOMPARE(checksum(path), before);
    QCOMPARE(QFile::exists(path), name != QLatin1String("missing.rwd"));
}

void TestEventStore::createRefusesForeignFiles()
{
    const QString text = m_dir->filePath(QStringLiteral("notes.txt"));
    {
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArrayLiteral("hello\n"));
    }
    auto overText = EventStore::create(text);
    QVERIFY(!overText);
    QCOMPARE(overText.error().message, QStringLiteral("not a Rewind store (not an SQLite database)"));
    QCOMPARE(checksum(text), QCryptographicHash::hash(QByteArrayLiteral("hello\n"), QCryptographicHash::Sha256));

    const QString other = m_dir->filePath(QStringLiteral("other.db"));
    {
        RawDb db(other, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QCOMPARE(db.exec("CREATE TABLE orders (id INTEGER PRIMARY KEY)"), QString());
    }
    const QByteArray before = checksum(other);
    auto overOther = EventStore::create(other);
    QVERIFY(!overOther);
    QCOMPARE(overOther.error().message, QStringLiteral("not a Rewind store (no events table / wrong application id)"));
    QCOMPARE(checksum(other), before);

    // An empty file, or an SQLite database with nothing in it, becomes a store.
    const QString empty = m_dir->filePath(QStringLiteral("empty.rwd"));
    {
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    auto overEmpty = EventStore::create(empty);
    QVERIFY2(overEmpty, qPrintable(describe(overEmpty)));
    QVERIFY(overEmpty.value()->append(QStringLiteral("a"), 0, deposits(1)));
    QVERIFY(EventStore::looksLikeStore(empty));
}

void TestEventStore::newerSchemaIsRefused()
{
    {
        auto store = createStore(m_path);
        QVERIFY(store);
    }
    {
        RawDb db(m_path);
        QCOMPARE(db.exec("PRAGMA user_version = 7"), QString());
    }
    const QString expected = m_path
        + QStringLiteral(": was written by a newer Rewind (schema 7; this build reads up to %1)")
              .arg(EventStore::SchemaVersion);
    auto readOnly = EventStore::open(m_path);
    QVERIFY(!readOnly);
    QCOMPARE(readOnly.error().toString(), expected);
    auto readWrite = EventStore::open(m_path, EventStore::Mode::ReadWrite);
    QVERIFY(!readWrite);
    QCOMPARE(readWrite.error().toString(), expected);
    auto created = EventStore::create(m_path);
    QVERIFY(!created);
    QCOMPARE(created.error().toString(), expected);
    RawDb db(m_path, SQLITE_OPEN_READONLY);
    QCOMPARE(db.integer("PRAGMA user_version"), 7);
}

void TestEventStore::olderSchemaIsMigrated()
{
    // Schema 0: a file that says it is Rewind's but holds no tables yet (what create() starts
    // from, and a store whose creation never committed).
    {
        RawDb db(m_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QCOMPARE(db.exec("PRAGMA application_id = 1381453380; PRAGMA user_version = 0; VACUUM"), QString());
    }
    QVERIFY(EventStore::looksLikeStore(m_path));
    const QByteArray before = checksum(m_path);

    auto readOnly = EventStore::open(m_path);
    QVERIFY(!readOnly);
    // Not "an older Rewind": no Rewind ever wrote a schema 0 store to the end.
    QCOMPARE(readOnly.error().message,
        QStringLiteral("is a Rewind store whose creation was cut short (it has no tables yet); the next command or "
                       "import into it completes it"));
    QCOMPARE(checksum(m_path), before);

    {
        auto upgraded = EventStore::open(m_path, EventStore::Mode::ReadWrite);
        QVERIFY2(upgraded, qPrintable(describe(upgraded)));
        QVERIFY(upgraded.value()->append(QStringLiteral("a"), 0, deposits(2)));
        QVERIFY(upgraded.value()->saveSnapshot({ QStringLiteral("a"), 2, 0, JsonValue::object({}), 0 }));
    }
    RawDb db(m_path, SQLITE_OPEN_READONLY);
    QCOMPARE(db.integer("PRAGMA user_version"), EventStore::SchemaVersion);
    QCOMPARE(db.text("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(db.integer("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), 2);
    QCOMPARE(db.integer("SELECT count(*) FROM events"), 2);
    auto reopened = EventStore::open(m_path);
    QVERIFY2(reopened, qPrintable(describe(reopened)));
}

void TestEventStore::failedMigrationChangesNothing()
{
    // Says schema 0, yet already has a table that step 0 → 1 creates: the step fails half-way.
    {
        RawDb db(m_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QCOMPARE(db.exec("PRAGMA application_id = 1381453380; CREATE TABLE snapshots (x)"), QString());
    }
    auto upgraded = EventStore::create(m_path);
    QVERIFY(!upgraded);
    QCOMPARE(upgraded.error().toString(),
        m_path + QStringLiteral(": cannot upgrade from schema 0: table snapshots already exists"));
    RawDb db(m_path, SQLITE_OPEN_READONLY);
    QCOMPARE(db.integer("PRAGMA user_version"), 0);
    QCOMPARE(db.integer("SELECT count(*) FROM sqlite_schema"), 1); // the events table was rolled back
}

void TestEventStore::readOnlyOpenChangesNothing()
{
    {
        auto store = createStore(m_path);
        QVERIFY(store);
        QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(3)));
        QVERIFY(store->saveSnapshot({ QStringLiteral("account-1"), 2, 0, JsonValue::object({}), 0 }));
    }
    const QByteArray before = checksum(m_path);
    QVERIFY(!before.isEmpty());
    QVERIFY(!QFile::exists(m_path + QStringLiteral("-wal")));
    {
        auto opened = EventStore::open(m_path);
        QVERIFY(opened);
        const EventStore& store = *opened.value();
        QCOMPARE(store.eventCount().value(), 3);
        QCOMPARE(store.streams().value().size(), 1);
        QCOMPARE(store.snapshots().value().size(), 1);
        QCOMPARE(store.eventAt(2)->version, 2);
        QVERIFY(store.events());
        // Even by hand, the connection cannot write.
        QCOMPARE(sqliteExec(store.handle(), "CREATE TABLE sneaky (x)"),
            QStringLiteral("attempt to write a readonly database"));
    }
    QCOMPARE(checksum(m_path), before);
    QVERIFY(EventStore::looksLikeStore(m_path));
    QCOMPARE(checksum(m_path), before);
}

void TestEventStore::killedWriterLeavesStoreConsistent()
{
    qint64 previous = 0;
    for (int round = 0; round < 4; ++round) {
        QProcess writer;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QLatin1String(WriterVariable), m_path);
        writer.setProcessEnvironment(environment);
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(writer.waitForStarted());

        // Wait for it to have written a few batches beyond the last round's, then kill it
        // at some moment inside its tight loop of appends.
        QElapsedTimer timer;
        timer.start();
        qint64 count = previous;
        while (count <= previous + 2 * WriterBatch && timer.elapsed() < 20000) {
            QThread::msleep(10);
            if (auto store = EventStore::open(m_path))
                count = store.value()->eventCount().value();
        }
        QVERIFY2(count > previous, "the writer wrote nothing");
        QThread::msleep(QRandomGenerator::global()->bounded(40));
        QCOMPARE(writer.state(), QProcess::Running);
        writer.kill(); // SIGKILL: no destructor, no rollback, no checkpoint
        QVERIFY(writer.waitForFinished());
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

        {
            // A reader comes first: it must cope with the WAL the killed writer left behind.
            auto afterCrash = EventStore::open(m_path);
            QVERIFY2(afterCrash, qPrintable(describe(afterCrash)));
            QCOMPARE(afterCrash.value()->eventCount().value() % WriterBatch, 0);
        }
        RawDb db(m_path);
        QCOMPARE(db.text("PRAGMA integrity_check"), QStringLiteral("ok"));
        const qint64 total = db.integer("SELECT count(*) FROM events");
        QVERIFY(total > previous);
        QCOMPARE(total % WriterBatch, 0); // every append whole, or not there
        QCOMPARE(db.integer("SELECT max(position) FROM events"), total);
        QCOMPARE(db.integer("SELECT count(*) FROM (SELECT stream FROM events GROUP BY stream "
                            "HAVING min(version) <> 1 OR max(version) <> count(*))"),
            0); // versions 1..n with no gap
        QVERIFY(db.integer("SELECT count(DISTINCT stream) FROM events") > 0);
        previous = total;
    }
    auto store = EventStore::open(m_path);
    QVERIFY2(store, qPrintable(describe(store)));
    QCOMPARE(store.value()->eventCount().value(), previous);
}

void TestEventStore::damagedPagesAreErrors()
{
    // Garbage over every b-tree but the events table and the schema: the store still opens
    // (neither is damaged), and each read that meets a damaged page says so instead of
    // answering with a made-up count or an empty list.
    {
        auto store = createStore(m_path);
        QVERIFY(store);
        QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(3)));
        QVERIFY(store->saveSnapshot({ QStringLiteral("account-1"), 2, 0, JsonValue::object({}), 0 }));
    }
    QList<qint64> pages;
    qint64 pageSize = 0;
    {
        RawDb db(m_path, SQLITE_OPEN_READONLY);
        pageSize = db.integer("PRAGMA page_size");
        SqliteStatement roots(db.handle(),
            "SELECT rootpage FROM sqlite_schema WHERE rootpage > 1 AND name NOT IN ('events', 'index_streams', "
            "'index_types', 'sqlite_autoindex_index_streams_1', 'sqlite_autoindex_index_types_1')");
        while (roots.step() == SQLITE_ROW)
            pages.append(roots.columnInt64(0));
        // A handful of events: every b-tree is its root page alone (-1: this SQLite has no dbstat).
        QVERIFY(db.integer("SELECT count(*) FROM dbstat WHERE pageno > 1 AND pagetype <> 'leaf'") <= 0);
    }
    QCOMPARE(pages.size(), 5); // both indexes of events, snapshots and its index, event_index
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        for (const qint64 page : std::as_const(pages)) {
            QVERIFY(file.seek((page - 1) * pageSize));
            QCOMPARE(file.write(QByteArray(qsizetype(pageSize), char(0xA5))), pageSize);
        }
    }
    const QByteArray before = checksum(m_path);

    {
        auto opened = EventStore::open(m_path);
        QVERIFY2(opened, qPrintable(describe(opened)));
        const EventStore& store = *opened.value();
        const auto damaged = [&](const Error& error) {
            return error.file == m_path && error.message.endsWith(QLatin1String("database disk image is malformed"));
        };
        QVERIFY(!store.eventCount() && damaged(store.eventCount().error()));
        QVERIFY(!store.streams() && damaged(store.streams().error()));
        QVERIFY(!store.snapshots() && damaged(store.snapshots().error()));
        QVERIFY(!store.streamVersion(QStringLiteral("account-1"))
            && damaged(store.streamVersion(QStringLiteral("account-1")).error()));
        HistoryIndex index;
        const Status indexed = store.readIndex(index);
        QVERIFY(!indexed && damaged(indexed.error()));
        // What is not damaged still reads, whole.
        const auto events = store.events();
        QVERIFY2(events, qPrintable(describe(events)));
        QCOMPARE(events->size(), 3);
    }
    QCOMPARE(checksum(m_path), before);
}

void TestEventStore::positionsBelowOneAreRefused_data()
{
    QTest::addColumn<qint64>("position");
    QTest::newRow("0") << qint64(0);
    QTest::newRow("negative") << qint64(-7);
}

void TestEventStore::positionsBelowOneAreRefused()
{
    // Only a hand edit can put a row there (SQLite numbers positions from 1, the triggers forbid
    // changing one). Reads start at 1 and counts include every row, so such a row was once
    // passed over while counted: now the store is refused with the row named.
    QFETCH(qint64, position);
    {
        auto store = createStore(m_path);
        QVERIFY(store);
        QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(3)));
    }
    {
        RawDb db(m_path);
        const QByteArray insert = "INSERT INTO events (position, stream, version, type, data, metadata, at) "
                                  "VALUES ("
            + QByteArray::number(position) + ", 'account-1', 9, 'Deposited', '{}', '{}', 0)";
        QCOMPARE(db.exec(insert.constData()), QString());
    }
    const QByteArray before = checksum(m_path);
    const QString expected = m_path
        + QStringLiteral(": events has a row at position %1 (stream account-1, version 9), but positions start at 1: "
                         "the store was edited by hand")
              .arg(position);
    for (const EventStore::Mode mode : { EventStore::Mode::ReadOnly, EventStore::Mode::ReadWrite }) {
        const auto opened = EventStore::open(m_path, mode);
        QVERIFY(!opened);
        QVERIFY(opened.error().isBadInput());
        QCOMPARE(opened.error().toString(), expected);
    }
    const auto created = EventStore::create(m_path);
    QVERIFY(!created);
    QCOMPARE(created.error().toString(), expected);
    QCOMPARE(checksum(m_path), before);
}

void TestEventStore::handEditedJsonIsNeverReplaced()
{
    {
        auto store = createStore(m_path);
        QVERIFY(store);
        QVERIFY(store->append(QStringLiteral("account-1"), 0, deposits(1)));
    }
    {
        RawDb db(m_path);
        QCOMPARE(db.exec("INSERT INTO events (stream, version, type, data, metadata, at) "
                         "VALUES ('account-1', 2, 'Deposited', 'not json', '{}', 0);"
                         "INSERT INTO snapshots VALUES ('account-1', 2, 2, '{\"balance\":', 0)"),
            QString());
    }
    auto opened = EventStore::open(m_path);
    QVERIFY2(opened, qPrintable(describe(opened)));
    const EventStore& store = *opened.value();

    // The event reads as it is stored; only writing it as JSON fails, naming it.
    const auto event = store.eventAt(2);
    QVERIFY(event);
    QCOMPARE(event->data, QByteArrayLiteral("not json"));
    const auto json = event->toJsonWriter();
    QVERIFY(!json);
    QVERIFY(json.error().isBadInput());
    QCOMPARE(json.error().message,
        QStringLiteral(
            "the event at position 2 (stream account-1, version 2) has data that is not a JSON object: not json"));
    QVERIFY(store.eventAt(1)->toJsonWriter());

    // A snapshot's state becomes a QJsonObject at once: an Error rather than an empty one.
    const auto snapshots = store.snapshots();
    QVERIFY(!snapshots);
    QCOMPARE(snapshots.error().toString(),
        m_path
            + QStringLiteral(
                ": the snapshot of stream account-1 at version 2 holds a state that is not a JSON object"));
}

int main(int argc, char** argv)
{
    const QByteArray writerPath = qgetenv(WriterVariable);
    if (!writerPath.isEmpty())
        return runWriter(QFile::decodeName(writerPath));
    QCoreApplication app(argc, argv);
    TestEventStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_eventstore.moc"
