// Property tests of the checkpoint cache: for random histories with random snapshot placements
// (some of them stale), a jump through checkpoints and snapshots gives the state a full replay
// gives, and never costs more than one checkpoint interval of events.

#include "domains/domainregistry.h"
#include "replay/checkpointcache.h"
#include "replay/history.h"
#include "sources/memoryeventsource.h"
#include "store/eventstore.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Rewind;

namespace {

/// A random history of bank accounts, carts and generic streams (with broken rules now and then),
/// and snapshots at random versions: most equal to the replay, some deliberately wrong.
std::unique_ptr<MemoryEventSource> randomHistory(quint32 seed, int eventCount, int snapshotCount)
{
    QRandomGenerator random(seed);
    auto source = std::make_unique<MemoryEventSource>(QStringLiteral("random-%1").arg(seed), QStringLiteral("memory"));
    const int streams = 2 + int(random.bounded(5));
    QHash<QString, qint64> versions;
    QList<Event> events;
    for (int i = 0; i < eventCount; ++i) {
        const int s = int(random.bounded(streams));
        Event event;
        event.position = i + 1;
        event.at = 1767225600000 + i * 1000;
        switch (s % 3) {
        case 0: {
            event.stream = QStringLiteral("account-%1").arg(s);
            static const char* const types[] = { "Opened", "Deposited", "Deposited", "Withdrawn", "Closed" };
            const char* type = versions.value(event.stream) == 0 ? "Opened" : types[1 + random.bounded(4)];
            if (random.bounded(50) == 0)
                type = "Closed";
            event.type = QString::fromLatin1(type);
            event.data = event.type == QLatin1String("Opened")
                ? QByteArrayLiteral(R"({"owner":"alice"})")
                : QByteArray(R"({"amount":)" + QByteArray::number(random.bounded(2000)) + "."
                    + QByteArray::number(random.bounded(100)) + "}");
            break;
        }
        case 1: {
            event.stream = QStringLiteral("cart-%1").arg(s);
            static const char* const types[] = { "ItemAdded", "ItemAdded", "ItemRemoved", "QuantityChanged",
                "CheckedOut" };
            event.type = QString::fromLatin1(types[random.bounded(random.bounded(30) == 0 ? 5 : 4)]);
            const QByteArray sku = "SKU-" + QByteArray::number(random.bounded(4));
            event.data = event.type == QLatin1String("CheckedOut")
                ? QByteArrayLiteral("{}")
                : QByteArray(R"({"sku":")" + sku + R"(","quantity":)" + QByteArray::number(random.bounded(4))
                    + R"(,"unitPrice":)" + QByteArray::number(1 + random.bounded(20)) + ".5}");
            break;
        }
        default:
            event.stream = QStringLiteral("thing-%1").arg(s);
            event.type = QStringLiteral("Changed");
            event.data = QByteArray(R"({"a":)" + QByteArray::number(random.bounded(100)) + R"(,"nested":{"b":)"
                + QByteArray::number(random.bounded(3)) + "}}");
            break;
        }
        event.version = ++versions[event.stream];
        events.append(event);
        source->addEvent(event);
    }

    // Snapshots: the replayed state at a random event, or a wrong one (which must never be used).
    const DomainRegistry domains;
    MemoryEventSource plain(QStringLiteral("plain"), QStringLiteral("memory"));
    for (const Event& event : std::as_const(events))
        plain.addEvent(event);
    plain.finish();
    const auto analysis = History::analyze(std::make_unique<MemoryEventSource>(plain), domains);
    for (int i = 0; i < snapshotCount && !events.isEmpty(); ++i) {
        const Event& event = events.at(random.bounded(int(events.size())));
        const Replayer replayer(plain, (*analysis)->domainOf(event.stream));
        JsonValue state = replayer.replay(event.stream, event.position)->state->toJson();
        if (random.bounded(4) == 0)
            state = state.merged(JsonValue::object({ { QStringLiteral("stale"), true } }));
        source->addSnapshot({ event.stream, event.version, event.position, state, event.at });
    }
    source->finish();
    return source;
}

struct Jumps {
    int checkpoints = 0;
    int snapshots = 0;
    qint64 mostApplied = 0;
};

/// Compares History::stateAt with a full replay of the same stream at `position`.
void compareWithReplay(const History& history, const QString& stream, qint64 position, Jumps& jumps)
{
    const Replayer replayer(history.source(), history.domainOf(stream));
    const auto full = replayer.replay(stream, position);
    const auto jump = history.stateAt(stream, position);
    QVERIFY(full);
    QVERIFY(jump);
    QCOMPARE(jump->state->toJson(), full->state->toJson());
    QCOMPARE(jump->version, full->version);
    QCOMPARE(jump->position, full->position);
    QCOMPARE(jump->at, full->at);
    jumps.checkpoints += jump->fromCheckpoint ? 1 : 0;
    jumps.snapshots += jump->fromSnapshot ? 1 : 0;
    jumps.mostApplied = std::max(jumps.mostApplied, jump->eventsApplied);
}

} // namespace

class TestCheckpoints : public QObject {
    Q_OBJECT

private:
    DomainRegistry m_domains;

private slots:
    void everyPositionOfASmallHistory_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<qint64>("interval");
        for (quint32 seed = 1; seed <= 12; ++seed)
            QTest::addRow("seed %u", seed) << seed << qint64(1 + seed % 5);
    }

    void everyPositionOfASmallHistory()
    {
        QFETCH(quint32, seed);
        QFETCH(qint64, interval);
        HistoryOptions options;
        options.checkpointInterval = interval;
        auto history = History::analyze(randomHistory(seed, 120, 12), m_domains, options);
        QVERIFY(history);
        QVERIFY((*history)->isAnalyzed());
        Jumps jumps;
        const QStringList streams = (*history)->index().streamNames();
        for (qint64 position = 0; position <= 121; ++position) {
            for (const QString& stream : streams) {
                compareWithReplay(**history, stream, position, jumps);
                if (QTest::currentTestFailed())
                    return;
            }
        }
        QVERIFY(jumps.checkpoints > 0);
        QVERIFY(jumps.mostApplied < interval);
    }

    void randomPositionsOfALargeHistoryInAStore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("large.rwd"));
        {
            auto store = EventStore::create(path);
            QVERIFY(store);
            QVERIFY((*store)->import(*randomHistory(99, 20000, 300)));
        }
        auto source = EventStore::open(path);
        QVERIFY(source);
        HistoryOptions options;
        options.checkpointInterval = 64;
        auto history = History::analyze(std::move(source).value(), m_domains, options);
        QVERIFY(history);
        QVERIFY((*history)->analysis().snapshots.size() > 200);
        QVERIFY(std::any_of((*history)->analysis().snapshots.cbegin(), (*history)->analysis().snapshots.cend(),
            [](const SnapshotCheck& check) { return !check.matches; }));

        QRandomGenerator random(7);
        Jumps jumps;
        const HistoryIndex& index = (*history)->index();
        for (int i = 0; i < 400; ++i) {
            const HistoryIndex::Entry& entry = index.entry(random.bounded(int(index.size())));
            compareWithReplay(**history, index.streamNames().at(entry.stream), entry.position, jumps);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(jumps.checkpoints > 0);
        QVERIFY(jumps.snapshots > 0);
        QVERIFY(jumps.mostApplied < 64);
    }

    void beforeTheAnalysisStatesAreFullReplays()
    {
        HistoryOptions options;
        options.checkpointInterval = 8;
        auto history = History::openIndex(randomHistory(5, 300, 10), m_domains, options);
        QVERIFY(history);
        QVERIFY(!(*history)->isAnalyzed());
        QCOMPARE((*history)->checkpoints().checkpointCount(), 0);
        QCOMPARE((*history)->index().size(), 300);
        const QString stream = (*history)->index().streamNames().first();
        const auto early = (*history)->stateAt(stream, 300);
        QVERIFY(early);
        QVERIFY(!early->fromCheckpoint && !early->fromSnapshot);
        QVERIFY(early->howComputed().startsWith(QLatin1String("replayed")));

        QVERIFY((*history)->completeAnalysis());
        QVERIFY((*history)->isAnalyzed());
        QVERIFY((*history)->checkpoints().checkpointCount() > 0);
        const auto late = (*history)->stateAt(stream, 300);
        QVERIFY(late);
        QCOMPARE(late->state->toJson(), early->state->toJson());
        QVERIFY(late->howComputed().startsWith(QLatin1String("from checkpoint v")));
        QVERIFY(late->eventsApplied < 8);
    }

    void theCacheFollowsTheDomain()
    {
        const Domain& bank = *m_domains.find(QStringLiteral("bank"));
        const Domain& generic = m_domains.generic();
        HistoryOptions options;
        options.checkpointInterval = 4;
        auto chosen = History::analyze(randomHistory(3, 200, 0), m_domains, options);
        options.forcedDomain = &generic;
        auto forced = History::analyze(randomHistory(3, 200, 0), m_domains, options);
        QVERIFY(chosen && forced);
        QString stream;
        for (const StreamAnalysis& s : (*chosen)->analysis().streams) {
            if (s.domain == &bank && s.eventCount > 8)
                stream = s.id;
        }
        QVERIFY(!stream.isEmpty());
        // Each history has checkpoints for its own domain only.
        QVERIFY((*chosen)->checkpoints().at(stream, bank, 1000));
        QVERIFY(!(*chosen)->checkpoints().at(stream, generic, 1000));
        QVERIFY((*forced)->checkpoints().at(stream, generic, 1000));
        QVERIFY(!(*forced)->checkpoints().at(stream, bank, 1000));
        // And the states they give are that domain's.
        Jumps jumps;
        compareWithReplay(**forced, stream, 1000, jumps);
        QCOMPARE(jumps.checkpoints, 1);
        const auto genericState = (*forced)->stateAt(stream, 1000);
        QVERIFY(genericState->state->toJson().contains(QLatin1String("amount")));

        // Adding a state of another domain drops what the stream had.
        CheckpointCache cache(2);
        const auto state = bank.initialState();
        cache.add(stream, bank, 2, 2, 0, *state);
        cache.add(stream, bank, 4, 4, 0, *state);
        QCOMPARE(cache.checkpointCount(), 2);
        cache.add(stream, generic, 6, 6, 0, *generic.initialState());
        QCOMPARE(cache.checkpointCount(), 1);
        QVERIFY(!cache.at(stream, bank, 10));
        QCOMPARE(cache.at(stream, generic, 10)->position, 6);
        QVERIFY(!cache.at(stream, generic, 5));
    }
};

QTEST_GUILESS_MAIN(TestCheckpoints)
#include "tst_checkpoints.moc"
