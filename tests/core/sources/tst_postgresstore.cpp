// PostgresStore in process, against the throw-away server of the CTest fixture `postgres`
// (tests/data/postgres/server.sh): reads nested inside a read, reads from several threads at
// once, a read stopped early, and the URL shown without its password. Without a server the
// server tests skip, saying why; with CI=true they fail instead.

#include "sources/postgresstore.h"
#include "sources/sourceopener.h"

#include <QFile>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Rewind;
using namespace Qt::StringLiterals;

namespace {

QString readText(const QString& name)
{
    QFile file(QStringLiteral(REWIND_PG_DIR "/") + name);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

/// The reader's URL of a database, its password in it (as a person may write one).
QString url(const QString& database)
{
    QString text = readText(QStringLiteral("url"));
    text.replace(u"rewind@"_s, u"rewind:"_s + readText(QStringLiteral("password")) + u"@"_s);
    return text + QLatin1Char('/') + database;
}

constexpr qint64 BigEvents = 300000;

} // namespace

class TestPostgresStore : public QObject {
    Q_OBJECT

private slots:
    void redactsPasswords_data();
    void redactsPasswords();
    void tellsUrlsFromFiles();
    void initTestCase();
    void readsInsideARead();
    void readsFromThreadsAtOnce();
    void stopsEarly();
    void countsAndStreams();
};

void TestPostgresStore::redactsPasswords_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("shown");
    QTest::newRow("none") << u"postgresql://me@host/db"_s << u"postgresql://me@host/db"_s;
    QTest::newRow("in the user part") << u"postgresql://me:secret@host:5432/db"_s << u"postgresql://me@host:5432/db"_s;
    QTest::newRow("a parameter") << u"postgres://me@host/db?sslmode=require&password=secret&schema=s"_s
                                 << u"postgres://me@host/db?sslmode=require&schema=s"_s;
    QTest::newRow("an @ in the password") << u"postgresql://me:p@ss@host/db"_s << u"postgresql://me@host/db"_s;
    QTest::newRow("no user") << u"postgresql://host:5432/db"_s << u"postgresql://host:5432/db"_s;
    QTest::newRow("several hosts") << u"postgresql://me:pw@h1:5432,h2:5433/db"_s
                                   << u"postgresql://me@h1:5432,h2:5433/db"_s;
}

void TestPostgresStore::redactsPasswords()
{
    QFETCH(QString, url);
    QFETCH(QString, shown);
    QCOMPARE(PostgresStore::redacted(url), shown);
}

void TestPostgresStore::tellsUrlsFromFiles()
{
    QVERIFY(SourceOpener::isServer(u"postgresql://host/db"_s));
    QVERIFY(SourceOpener::isServer(u"postgres://host/db"_s));
    QVERIFY(!SourceOpener::isServer(u"postgresql.jsonl"_s));
    QVERIFY(!SourceOpener::isServer(u"/tmp/postgres://x"_s));
}

void TestPostgresStore::initTestCase()
{
    const QString unavailable = readText(QStringLiteral("unavailable"));
    if (!unavailable.isEmpty()) {
        if (qEnvironmentVariable("CI") == QLatin1String("true"))
            QFAIL(qPrintable(QStringLiteral("no PostgreSQL server in CI: ") + unavailable));
        QSKIP(qPrintable(QStringLiteral("no PostgreSQL server could be started here: ") + unavailable));
    }
    QVERIFY2(!readText(QStringLiteral("url")).isEmpty(),
        "the fixture postgres/start did not run (run the tests through ctest)");
}

void TestPostgresStore::readsInsideARead()
{
    auto store = PostgresStore::open(url(QStringLiteral("big")));
    QVERIFY2(store, qPrintable(store.ok() ? QString() : store.error().toString()));
    QVERIFY(!(*store)->path().contains(readText(QStringLiteral("password"))));
    // The visitor asks for other events while the outer read's cursor is open: each answer is
    // its own cursor on the same connection and transaction.
    qint64 seen = 0;
    qint64 checked = 0;
    QString mismatch;
    const Status read = (*store)->readEvents({}, [&](const Event& event) {
        ++seen;
        if (event.position % 25000 == 0) {
            const auto again = (*store)->eventAt(event.position / 2);
            if (!again || again->position != event.position / 2 || again->version != event.position / 2)
                mismatch = QStringLiteral("at %1").arg(event.position);
            ++checked;
        }
        return true;
    });
    QVERIFY2(read, qPrintable(read.ok() ? QString() : read.error().toString()));
    QCOMPARE(seen, BigEvents);
    QCOMPARE(checked, BigEvents / 25000);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestPostgresStore::readsFromThreadsAtOnce()
{
    auto store = PostgresStore::open(url(QStringLiteral("big")));
    QVERIFY(store);
    const PostgresStore& shared = **store;
    // As the window does: one thread replays while another answers questions.
    std::atomic<qint64> counts[2] = { 0, 0 };
    std::atomic<qint64> versionSums[2] = { 0, 0 };
    std::atomic<bool> failed = false;
    std::vector<std::thread> threads;
    threads.reserve(2);
    for (int t = 0; t < 2; ++t) {
        threads.emplace_back([&, t] {
            EventFilter filter;
            filter.withData = t == 0;
            const Status read = shared.readEvents(filter, [&](const Event& event) {
                ++counts[t];
                versionSums[t] += event.version;
                return true;
            });
            if (!read)
                failed = true;
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    QVERIFY(!failed);
    for (int t = 0; t < 2; ++t) {
        QCOMPARE(counts[t].load(), BigEvents);
        QCOMPARE(versionSums[t].load(), BigEvents * (BigEvents + 1) / 2);
    }
}

void TestPostgresStore::stopsEarly()
{
    auto store = PostgresStore::open(url(QStringLiteral("big")));
    QVERIFY(store);
    // A read stopped after a few events closes its cursor; the store reads on afterwards.
    for (int i = 0; i < 3; ++i) {
        qint64 seen = 0;
        const Status read = (*store)->readEvents({}, [&](const Event&) { return ++seen < 10; });
        QVERIFY(read);
        QCOMPARE(seen, 10);
    }
    const auto last = (*store)->eventAt(BigEvents);
    QVERIFY(last);
    QCOMPARE(last->version, BigEvents);
    QCOMPARE(last->type, u"Deposited"_s);
    // jsonb's own key order (shorter keys first), without its blanks.
    QCOMPARE(last->data, "{\"by\":\"alice\",\"note\":\"" + QByteArray(200, 'x') + "\",\"amount\":1.25}");
}

void TestPostgresStore::countsAndStreams()
{
    auto store = PostgresStore::open(url(QStringLiteral("emmett")));
    QVERIFY(store);
    QCOMPARE((*store)->kind(), u"emmett-postgresql"_s);
    QCOMPARE((*store)->flavor(), PostgresStore::Flavor::Emmett);
    const auto streams = (*store)->streams();
    QVERIFY(streams);
    QCOMPARE(streams->size(), 3);
    QCOMPARE(streams->at(0).id, u"account-1"_s);
    QCOMPARE(streams->at(0).eventCount, 3);
    QCOMPARE(streams->at(0).lastPosition, 13);
    const auto count = (*store)->eventCount();
    QVERIFY(count);
    QCOMPARE(*count, 10);
    const auto events = (*store)->events(EventFilter { u"cart-7"_s });
    QVERIFY(events);
    QCOMPARE(events->size(), 4);
    QCOMPARE(events->at(3).type, u"CheckedOut"_s);
}

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "tst_postgresstore.moc"
