// Loading through snapshots must give exactly what a full replay gives: a property checked on
// randomly generated histories, in memory and in a real store.

#include "domains/domainregistry.h"
#include "replay/history.h"
#include "replay/replayer.h"
#include "replay/snapshotter.h"
#include "sources/memoryeventsource.h"
#include "store/eventstore.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Rewind;

namespace {

QByteArray json(const QJsonObject& object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

/// A random, plausible-but-messy history: bank accounts and carts interleaved, with overdrafts,
/// events after close and check-out, and money with up to 2 decimals.
MemoryEventSource randomHistory(quint32 seed, int eventCount)
{
    QRandomGenerator random(seed);
    MemoryEventSource source(QStringLiteral("random-%1").arg(seed), QStringLiteral("memory"));
    const QStringList streams { QStringLiteral("account-1"), QStringLiteral("account-2"), QStringLiteral("cart-1"),
        QStringLiteral("cart-2") };
    const QStringList skus { QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C") };
    for (int i = 0; i < eventCount; ++i) {
        Event event;
        event.stream = streams.at(random.bounded(int(streams.size())));
        event.at = 1785000000000 + i * 60000;
        const double amount = random.bounded(100000) / 100.0;
        if (event.stream.startsWith(QLatin1String("account"))) {
            const int pick = random.bounded(20);
            event.type = pick < 9 ? QStringLiteral("Deposited")
                : pick < 18       ? QStringLiteral("Withdrawn")
                : pick < 19       ? QStringLiteral("Opened")
                                  : QStringLiteral("Closed");
            event.data = event.type == QLatin1String("Opened")
                ? json({ { QLatin1String("owner"), QStringLiteral("o%1").arg(i) } })
                : json({ { QLatin1String("amount"), amount } });
        } else {
            const int pick = random.bounded(20);
            const QString& sku = skus.at(random.bounded(int(skus.size())));
            if (pick < 10) {
                event.type = QStringLiteral("ItemAdded");
                event.data = json({ { QLatin1String("sku"), sku }, { QLatin1String("quantity"), random.bounded(1, 4) },
                    { QLatin1String("unitPrice"), amount / 10 } });
            } else if (pick < 14) {
                event.type = QStringLiteral("ItemRemoved");
                event.data = json({ { QLatin1String("sku"), sku } });
            } else if (pick < 19) {
                event.type = QStringLiteral("QuantityChanged");
                event.data =
                    json({ { QLatin1String("sku"), sku }, { QLatin1String("quantity"), random.bounded(0, 5) } });
            } else {
                event.type = QStringLiteral("CheckedOut");
            }
        }
        source.addEvent(event);
    }
    source.finish();
    return source;
}

} // namespace

class TestReplayer : public QObject {
    Q_OBJECT

private slots:
    void snapshotLoadEqualsFullReplay_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed : { 1U, 7U, 42U, 2026U, 31337U })
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }
    void snapshotLoadEqualsFullReplay()
    {
        QFETCH(quint32, seed);
        MemoryEventSource generated = randomHistory(seed, 300);
        QTemporaryDir dir;
        auto store = EventStore::create(dir.filePath(QStringLiteral("random.db")));
        QVERIFY(store);
        QVERIFY((*store)->import(generated));
        const DomainRegistry domains;
        const qint64 every = 1 + QRandomGenerator(seed).bounded(9);
        const auto taken = Snapshotter::takeEvery(**store, domains, every);
        QVERIFY(taken);
        QVERIFY(*taken > 0);

        // At every position of the history, for every stream.
        const auto streams = (*store)->streams();
        QVERIFY(streams);
        for (const StreamInfo& stream : *streams) {
            const Domain& domain =
                *(stream.id.startsWith(QLatin1String("account")) ? domains.find(QStringLiteral("bank"))
                                                                 : domains.find(QStringLiteral("cart")));
            const Replayer replayer(**store, domain);
            qint64 fromSnapshot = 0;
            for (qint64 position = 0; position <= (*store)->eventCount().value(); ++position) {
                const auto loaded = replayer.load(stream.id, position);
                const auto replayed = replayer.replay(stream.id, position);
                QVERIFY(loaded && replayed);
                QCOMPARE(loaded->state->toJson().toJson(), replayed->state->toJson().toJson());
                QCOMPARE(loaded->version, replayed->version);
                QCOMPARE(loaded->position, replayed->position);
                QVERIFY(loaded->eventsApplied <= replayed->eventsApplied);
                if (loaded->fromSnapshot) {
                    QVERIFY(loaded->eventsApplied < every);
                    ++fromSnapshot;
                }
            }
            QVERIFY2(fromSnapshot > 0 || stream.lastVersion < every, "snapshots were used");
        }
    }

    void staleSnapshotIsUsedByLoadButNotByTheWindow()
    {
        MemoryEventSource source(QStringLiteral("stale"), QStringLiteral("memory"));
        for (const char* amount : { "1000", "250.5" }) {
            Event event;
            event.stream = QStringLiteral("account-1");
            event.type = QStringLiteral("Deposited");
            event.data = QByteArray(R"({"amount":)") + amount + '}';
            source.addEvent(event);
        }
        source.addSnapshot({ QStringLiteral("account-1"), 1, 0,
            JsonValue::object({ { QStringLiteral("balance"), 7 }, { QStringLiteral("closed"), false },
                { QStringLiteral("owner"), JsonValue::null() } }),
            0 });
        source.finish();
        const DomainRegistry domains;
        const Replayer replayer(source, *domains.find(QStringLiteral("bank")));
        const auto loaded = replayer.load(QStringLiteral("account-1"), 2);
        QVERIFY(loaded);
        QCOMPARE(loaded->state->toJson().value(QLatin1String("balance")).toDouble(), 257.5);
        QCOMPARE(loaded->howComputed(), QStringLiteral("from snapshot v1 + 1 event"));

        auto copy = std::make_unique<MemoryEventSource>(source);
        const auto history = History::analyze(std::move(copy), domains);
        QVERIFY(history);
        const auto truth = (*history)->stateAt(QStringLiteral("account-1"), 2);
        QCOMPARE(truth->state->toJson().value(QLatin1String("balance")).toDouble(), 1250.5);
        QCOMPARE(truth->howComputed(), QStringLiteral("replayed 2 events"));
        QCOMPARE((*history)->analysis().anomalies.size(), 1);
        QCOMPARE((*history)->analysis().anomalies.at(0).kind, QStringLiteral("snapshot-mismatch"));
    }

    void positionsOfVersionsAndTimes()
    {
        MemoryEventSource source = randomHistory(5, 50);
        const DomainRegistry domains;
        const Replayer replayer(source, *domains.find(QStringLiteral("bank")));
        const QList<Event> events = *source.events({ QStringLiteral("account-1") });
        QVERIFY(events.size() > 3);
        for (const Event& event : events) {
            QCOMPARE(*replayer.positionOfVersion(event.stream, event.version), event.position);
            QCOMPARE(*replayer.positionAtTime(event.stream, event.at), event.position);
            QCOMPARE(*replayer.positionAtTime(event.stream, event.at + 1), event.position);
        }
        QCOMPARE(*replayer.positionOfVersion(QStringLiteral("account-1"), 0), 0);
        QCOMPARE(*replayer.positionAtTime(QStringLiteral("account-1"), events.first().at - 1), 0);
    }
};

QTEST_GUILESS_MAIN(TestReplayer)
#include "tst_replayer.moc"
