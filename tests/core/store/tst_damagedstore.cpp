// Stores that SQLite still reads but that break what the schema promises, as a damaged file or
// another tool's edits leave them. Rewind opens them read-only and must read every row without
// undefined behaviour. Each case here is a file fuzz_store (fuzz/, docs/fuzzing.md) made; they
// fail in the sanitized build (the asan preset) when the fix is taken out.

#include "model/historyindex.h"
#include "store/eventstore.h"
#include "store/sqlitestatement.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Rewind;

namespace {

/// Runs SQL on the file through a connection of its own, as another program would.
QString execRaw(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    QString error;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        error = QString::fromUtf8(sqlite3_errmsg(db));
    else
        error = sqliteExec(db, sql);
    sqlite3_close_v2(db);
    return error;
}

} // namespace

class TestDamagedStore : public QObject {
    Q_OBJECT

private slots:
    void nullTextColumnsAreRead();
    void damagedIndexCountIsRefused_data();
    void damagedIndexCountIsRefused();
};

void TestDamagedStore::nullTextColumnsAreRead()
{
    // The events table without its NOT NULL constraints, and a first row whose stream and type
    // are NULL: SQLite hands such a column over as no buffer at all, not as an empty one, and
    // the first row is compared with nothing read before it.
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.rwd"));
    QVERIFY(EventStore::create(path));
    QCOMPARE(execRaw(path,
                 "PRAGMA writable_schema = ON; "
                 "UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'events'; "
                 "PRAGMA writable_schema = OFF"),
        QString());
    QCOMPARE(execRaw(path,
                 "INSERT INTO events (stream, version, type, data, metadata, at) VALUES "
                 "(NULL, 1, NULL, '{}', '{}', 0), ('account-1', 1, 'Opened', '{}', '{}', 0)"),
        QString());

    auto store = EventStore::open(path);
    QVERIFY(store);
    QStringList streams;
    QStringList types;
    const Status read = store.value()->readEvents({}, [&](const Event& event) {
        streams.append(event.stream);
        types.append(event.type);
        return true;
    });
    QVERIFY(read);
    QCOMPARE(streams, QStringList({ QString(), QStringLiteral("account-1") }));
    QCOMPARE(types, QStringList({ QString(), QStringLiteral("Opened") }));

    HistoryIndex index;
    QVERIFY(store.value()->readIndex(index));
    QCOMPARE(index.size(), 2);
}

void TestDamagedStore::damagedIndexCountIsRefused_data()
{
    QTest::addColumn<QByteArray>("count");
    // Reserving that many entries asked for 40 TB, and the allocation failed.
    QTest::newRow("huge") << QByteArray("1000000000000");
    // 2^59 + 3: times 32 bytes an entry it wraps around to the blob's real 96 bytes, so the
    // block passed the check, and the next write read its last entry far outside the blob.
    QTest::newRow("wraps to the blob's size") << QByteArray("576460752303423491");
}

void TestDamagedStore::damagedIndexCountIsRefused()
{
    // A block of the packed index (StoreIndex) whose count disagrees with its blob: the index is
    // a cache gone bad, so readers fall back to the events table and the next write rebuilds it.
    QFETCH(QByteArray, count);
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.rwd"));
    {
        auto store = EventStore::create(path);
        QVERIFY(store);
        QVERIFY(store.value()->append(QStringLiteral("account-1"), 0,
            { { QStringLiteral("Opened"), {}, {} }, { QStringLiteral("Deposited"), {}, {} },
                { QStringLiteral("Deposited"), {}, {} } }));
    }
    QCOMPARE(execRaw(path, QByteArray("UPDATE event_index SET count = " + count).constData()), QString());

    {
        auto store = EventStore::open(path);
        QVERIFY(store);
        HistoryIndex index;
        QVERIFY(store.value()->readIndex(index));
        QCOMPARE(index.size(), 3);
        QCOMPARE(index.entry(2).position, 3);
        QCOMPARE(index.typeNames().at(index.entry(2).type), QStringLiteral("Deposited"));
    }
    auto store = EventStore::open(path, EventStore::Mode::ReadWrite);
    QVERIFY(store);
    QVERIFY(store.value()->append(QStringLiteral("account-1"), 3, { { QStringLiteral("Closed"), {}, {} } }));
    HistoryIndex index;
    QVERIFY(store.value()->readIndex(index));
    QCOMPARE(index.size(), 4);
    QCOMPARE(index.typeNames().at(index.entry(3).type), QStringLiteral("Closed"));
}

QTEST_GUILESS_MAIN(TestDamagedStore)
#include "tst_damagedstore.moc"
