// The compact index inside Rewind's store (schema 2): written by every write, read back on open,
// filled in when a schema 1 store is upgraded, and never missing rows a foreign writer added.

#include "model/historyindex.h"
#include "sources/memoryeventsource.h"
#include "store/eventstore.h"
#include "store/sqlitestatement.h"
#include "store/storeindex.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Rewind;

namespace {

std::unique_ptr<MemoryEventSource> history(int count, int firstVersion = 1)
{
    auto source = std::make_unique<MemoryEventSource>(QStringLiteral("mem"), QStringLiteral("memory"));
    for (int i = 0; i < count; ++i) {
        Event event;
        event.stream = QStringLiteral("stream-%1").arg(i % 7);
        event.version = firstVersion + i / 7;
        event.type = i % 3 ? QStringLiteral("Deposited") : QStringLiteral("Withdrawn");
        event.data = QByteArrayLiteral(R"({"amount":1})");
        event.at = 1767225600000 + i;
        source->addEvent(event);
    }
    source->finish();
    return source;
}

/// The index the slow way: every event read from the `events` table.
HistoryIndex scanned(const EventSource& source)
{
    HistoryIndex index;
    const Status read = source.readEvents({}, [&index](const Event& event) {
        index.append(event);
        return true;
    });
    if (!read)
        qFatal("cannot read %s: %s", qPrintable(source.path()), qPrintable(read.error().toString()));
    return index;
}

void compareIndexes(const HistoryIndex& actual, const HistoryIndex& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype row = 0; row < actual.size(); ++row) {
        const HistoryIndex::Entry& a = actual.entry(row);
        const HistoryIndex::Entry& e = expected.entry(row);
        QCOMPARE(a.position, e.position);
        QCOMPARE(a.at, e.at);
        QCOMPARE(a.version, e.version);
        QCOMPARE(actual.streamNames().at(a.stream), expected.streamNames().at(e.stream));
        QCOMPARE(actual.typeNames().at(a.type), expected.typeNames().at(e.type));
    }
}

qint64 integer(sqlite3* db, const char* sql)
{
    SqliteStatement query(db, sql);
    const Result<qint64> value = query.singleInt64();
    return value ? *value : -1;
}

} // namespace

class TestStoreIndex : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void importAndAppendKeepTheIndexComplete()
    {
        const QString path = m_dir.filePath(QStringLiteral("written.rwd"));
        auto store = EventStore::create(path);
        QVERIFY(store);
        // Across block boundaries, then appends that complete the last block and start another.
        QVERIFY((*store)->import(*history(StoreIndex::BlockSize * 2 + 100)));
        for (int i = 0; i < 3; ++i) {
            QList<NewEvent> events;
            for (int k = 0; k < StoreIndex::BlockSize / 2; ++k)
                events.append({ QStringLiteral("Opened"), {}, {} });
            const QString stream = QStringLiteral("new-%1").arg(i);
            QVERIFY((*store)->append(stream, 0, events, 1767225600000));
        }
        QCOMPARE(integer((*store)->handle(), "SELECT sum(count) FROM event_index"), (*store)->eventCount().value());
        HistoryIndex fast;
        QVERIFY((*store)->readIndex(fast));
        compareIndexes(fast, scanned(**store));
        QCOMPARE(fast.streamNames().size(), 10);
    }

    void foreignRowsAreReadAndIndexedAtTheNextWrite()
    {
        const QString path = m_dir.filePath(QStringLiteral("foreign.rwd"));
        auto store = EventStore::create(path);
        QVERIFY(store);
        QVERIFY((*store)->import(*history(50)));
        // Another program writes a row with plain SQL: the index does not know it.
        QCOMPARE(sqliteExec((*store)->handle(),
                     "INSERT INTO events (stream, version, type, data, metadata, at) "
                     "VALUES ('by-hand', 1, 'Noted', '{}', '{}', 5)"),
            QString());
        HistoryIndex withForeign;
        QVERIFY((*store)->readIndex(withForeign));
        compareIndexes(withForeign, scanned(**store));
        QCOMPARE(withForeign.streamNames().last(), QStringLiteral("by-hand"));
        QCOMPARE(integer((*store)->handle(), "SELECT sum(count) FROM event_index"), 50);

        QVERIFY((*store)->append(QStringLiteral("by-hand"), 1, { { QStringLiteral("Noted"), {}, {} } }));
        QCOMPARE(integer((*store)->handle(), "SELECT sum(count) FROM event_index"), 52);
        HistoryIndex after;
        QVERIFY((*store)->readIndex(after));
        compareIndexes(after, scanned(**store));
    }

    void aSchemaOneStoreIsReadAndUpgraded()
    {
        // A store as schema 1 left it: events, no index tables.
        const QString path = m_dir.filePath(QStringLiteral("old.rwd"));
        {
            auto store = EventStore::create(path);
            QVERIFY(store);
            QVERIFY((*store)->import(*history(StoreIndex::BlockSize + 10)));
            QCOMPARE(sqliteExec((*store)->handle(),
                         "DROP TABLE event_index; DROP TABLE index_streams; DROP TABLE index_types; "
                         "PRAGMA user_version = 1"),
                QString());
        }
        {
            // Read-only: taken as it is, indexed from the events, nothing written.
            const QByteArray before = [&] {
                QFile file(path);
                return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            }();
            auto old = EventStore::open(path);
            QVERIFY2(old, qPrintable(old ? QString() : old.error().toString()));
            HistoryIndex index;
            QVERIFY((*old)->readIndex(index));
            QCOMPARE(index.size(), StoreIndex::BlockSize + 10);
            compareIndexes(index, scanned(**old));
            old->reset();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), before);
        }
        // Opened for writing: upgraded to schema 2, with the index of every event already there.
        auto upgraded = EventStore::open(path, EventStore::Mode::ReadWrite);
        QVERIFY(upgraded);
        QCOMPARE(integer((*upgraded)->handle(), "PRAGMA user_version"), 2);
        QCOMPARE(integer((*upgraded)->handle(), "SELECT sum(count) FROM event_index"), StoreIndex::BlockSize + 10);
        HistoryIndex index;
        QVERIFY((*upgraded)->readIndex(index));
        compareIndexes(index, scanned(**upgraded));
    }

    void aDamagedIndexIsIgnored()
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged.rwd"));
        auto store = EventStore::create(path);
        QVERIFY(store);
        QVERIFY((*store)->import(*history(20)));
        QCOMPARE(sqliteExec((*store)->handle(), "INSERT OR REPLACE INTO event_index VALUES (1, 20, x'00')"), QString());
        HistoryIndex index;
        QVERIFY((*store)->readIndex(index));
        compareIndexes(index, scanned(**store));
    }
};

QTEST_GUILESS_MAIN(TestStoreIndex)
#include "tst_storeindex.moc"
