// Property tests of "what if": for random bank and cart histories (with checkpoints every few
// events and snapshots that match the replay, so a fold that wrongly started after a
// switched-off event would show) and random sets of switched-off events, the what-if state at
// every position is a full replay of the event list with those events removed.

#include "domains/domainregistry.h"
#include "replay/history.h"
#include "replay/whatif.h"
#include "sources/memoryeventsource.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Rewind;

namespace {

/// Random accounts and carts, with broken rules now and then (overdrafts, bad quantities).
QList<Event> randomEvents(QRandomGenerator& random, int eventCount)
{
    const int streams = 2 + int(random.bounded(4));
    QHash<QString, qint64> versions;
    QList<Event> events;
    for (int i = 0; i < eventCount; ++i) {
        const int s = int(random.bounded(streams));
        Event event;
        event.position = i + 1;
        event.at = 1767225600000 + i * 1000;
        if (s % 2 == 0) {
            event.stream = QStringLiteral("account-%1").arg(s);
            static const char* const types[] = { "Deposited", "Deposited", "Withdrawn", "Withdrawn", "Closed" };
            const char* type = versions.value(event.stream) == 0 ? "Opened" : types[random.bounded(5)];
            event.type = QString::fromLatin1(type);
            event.data = event.type == QLatin1String("Opened")
                ? QByteArrayLiteral(R"({"owner":"alice"})")
                : QByteArray(R"({"amount":)" + QByteArray::number(random.bounded(900)) + "."
                    + QByteArray::number(random.bounded(100)) + "}");
        } else {
            event.stream = QStringLiteral("cart-%1").arg(s);
            static const char* const types[] = { "ItemAdded", "ItemAdded", "ItemRemoved", "QuantityChanged",
                "CheckedOut" };
            event.type = QString::fromLatin1(types[random.bounded(random.bounded(20) == 0 ? 5 : 4)]);
            const QByteArray sku = "SKU-" + QByteArray::number(random.bounded(4));
            event.data = event.type == QLatin1String("CheckedOut")
                ? QByteArrayLiteral("{}")
                : QByteArray(R"({"sku":")" + sku + R"(","quantity":)" + QByteArray::number(random.bounded(4))
                    + R"(,"unitPrice":)" + QByteArray::number(1 + random.bounded(20)) + ".5}");
        }
        event.version = ++versions[event.stream];
        events.append(event);
    }
    return events;
}

std::unique_ptr<MemoryEventSource> sourceOf(const QList<Event>& events)
{
    auto source = std::make_unique<MemoryEventSource>(QStringLiteral("random"), QStringLiteral("memory"));
    for (const Event& event : events)
        source->addEvent(event);
    source->finish();
    return source;
}

/// The events with snapshots that match the replay at random places: loads may start from them.
std::unique_ptr<MemoryEventSource> withSnapshots(
    QRandomGenerator& random, const QList<Event>& events, const History& plain, int count)
{
    auto source = std::make_unique<MemoryEventSource>(QStringLiteral("random"), QStringLiteral("memory"));
    for (const Event& event : events)
        source->addEvent(event);
    for (int i = 0; i < count; ++i) {
        const Event& event = events.at(random.bounded(int(events.size())));
        const Replayer replayer(plain.source(), plain.domainOf(event.stream));
        const auto state = replayer.replay(event.stream, event.position);
        source->addSnapshot({ event.stream, event.version, event.position, state->state->toJson(), event.at });
    }
    source->finish();
    return source;
}

} // namespace

class TestWhatIf : public QObject {
    Q_OBJECT

private:
    DomainRegistry m_domains;

private slots:
    void everyPositionEqualsAReplayWithoutTheSwitchedOffEvents_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 40; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }

    void everyPositionEqualsAReplayWithoutTheSwitchedOffEvents()
    {
        QFETCH(quint32, seed);
        QRandomGenerator random(seed);
        const int eventCount = 40 + int(random.bounded(120));
        const QList<Event> events = randomEvents(random, eventCount);
        auto plain = History::analyze(sourceOf(events), m_domains);
        QVERIFY(plain);
        HistoryOptions options;
        options.checkpointInterval = 2 + random.bounded(4);
        auto history =
            History::analyze(withSnapshots(random, events, **plain, 3 + int(random.bounded(10))), m_domains, options);
        QVERIFY(history);
        QVERIFY((*history)->checkpoints().checkpointCount() > 0);

        WhatIf whatIf;
        const int offCount = 1 + int(random.bounded(6));
        for (int i = 0; i < offCount; ++i) {
            const Event& event = events.at(random.bounded(int(events.size())));
            whatIf.switchOff(event.position, event.stream);
        }
        QList<Event> kept;
        for (const Event& event : events) {
            if (!whatIf.isOff(event.position))
                kept.append(event);
        }
        const auto removed = sourceOf(kept);

        const QStringList streams = (*history)->index().streamNames();
        for (const QString& stream : streams) {
            const Domain& domain = (*history)->domainOf(stream);
            WhatIfStream::Options runOptions;
            runOptions.interval = 1 + random.bounded(5);
            runOptions.chartPath = domain.chartPath();
            const auto run = WhatIfStream::build(**history, whatIf, stream, runOptions);
            QVERIFY(run);
            QCOMPARE(run->from(), whatIf.firstOffIn(stream));
            const Replayer oracle(*removed, domain);
            for (qint64 position = 0; position <= eventCount; ++position) {
                const auto expected = oracle.replay(stream, position);
                const auto asked = whatIf.stateAt(**history, stream, position);
                const auto fromRun = run->stateAt(**history, position);
                QVERIFY(expected && asked && fromRun);
                QCOMPARE(asked->state->toJson(), expected->state->toJson());
                QCOMPARE(asked->version, expected->version);
                QCOMPARE(asked->position, expected->position);
                QCOMPARE(fromRun->state->toJson(), expected->state->toJson());
                QCOMPARE(fromRun->position, expected->position);
                // The anomalies from the first switched-off event on are the replay's own there.
                if (whatIf.changes(stream, position)) {
                    Anomalies later;
                    for (const Anomaly& anomaly : expected->anomalies) {
                        if (anomaly.position >= run->from())
                            later.append(anomaly);
                    }
                    QCOMPARE(asked->anomalies, later);
                    QCOMPARE(fromRun->anomalies, later);
                }
                if (QTest::currentTestFailed())
                    return;
            }
            // The chart ends on the replay's last value, and marks every switched-off event.
            if (run->from() > 0 && !runOptions.chartPath.isEmpty()) {
                const auto last = oracle.replay(stream, eventCount);
                QVERIFY(!run->values().isEmpty());
                QCOMPARE(run->values().last().value, last->state->toJson().at(runOptions.chartPath).toDouble());
                qsizetype marked = 0;
                for (const WhatIfStream::Value& value : run->values())
                    marked += value.switchedOff ? 1 : 0;
                qsizetype offHere = 0;
                for (qint64 position : whatIf.positions())
                    offHere += events.at(position - 1).stream == stream ? 1 : 0;
                QCOMPARE(marked, offHere);
            }
        }
    }

    void nothingSwitchedOffIsTheRealHistory()
    {
        QRandomGenerator random(77);
        const QList<Event> events = randomEvents(random, 200);
        HistoryOptions options;
        options.checkpointInterval = 4;
        auto history = History::analyze(sourceOf(events), m_domains, options);
        QVERIFY(history);
        const WhatIf nothing;
        QVERIFY(nothing.isEmpty());
        for (const QString& stream : (*history)->index().streamNames()) {
            QCOMPARE(nothing.firstOffIn(stream), 0);
            const auto run = WhatIfStream::build(**history, nothing, stream, {});
            QVERIFY(run);
            QCOMPARE(run->from(), 0);
            for (qint64 position = 0; position <= 200; position += 7) {
                const auto real = (*history)->stateAt(stream, position);
                const auto asked = nothing.stateAt(**history, stream, position);
                const auto fromRun = run->stateAt(**history, position);
                QVERIFY(real && asked && fromRun);
                QCOMPARE(asked->state->toJson(), real->state->toJson());
                QCOMPARE(asked->howComputed(), real->howComputed());
                QCOMPARE(fromRun->state->toJson(), real->state->toJson());
            }
        }
    }

    void switchingOnAgainAndRestoreGiveTheRealStateBack()
    {
        QRandomGenerator random(5);
        const QList<Event> events = randomEvents(random, 120);
        auto history = History::analyze(sourceOf(events), m_domains);
        QVERIFY(history);
        const Event& chosen = events.at(10);
        WhatIf whatIf;
        whatIf.switchOff(chosen.position, chosen.stream);
        QCOMPARE(whatIf.count(), 1);
        QCOMPARE(whatIf.streams(), QStringList { chosen.stream });
        QVERIFY(whatIf.changes(chosen.stream, 120));
        QVERIFY(!whatIf.changes(chosen.stream, chosen.position - 1));
        const auto real = (*history)->stateAt(chosen.stream, 120);
        whatIf.switchOn(chosen.position);
        QVERIFY(whatIf.isEmpty());
        QCOMPARE(whatIf.stateAt(**history, chosen.stream, 120)->state->toJson(), real->state->toJson());
        whatIf.switchOff(chosen.position, chosen.stream);
        whatIf.switchOff(events.at(20).position, events.at(20).stream);
        whatIf.restore();
        QVERIFY(whatIf.isEmpty());
        QCOMPARE(whatIf.stateAt(**history, chosen.stream, 120)->state->toJson(), real->state->toJson());
    }

    void aWithdrawalSwitchedOffClearsTheOverdraftItCaused()
    {
        // The lesson's account: without the withdrawal of 700 the later balance is 700 higher,
        // and the overdraft at the next withdrawal is gone.
        QList<Event> events;
        const auto add = [&](const char* type, const QByteArray& data) {
            Event event;
            event.stream = QStringLiteral("account-42");
            event.position = events.size() + 1;
            event.version = event.position;
            event.at = 1785920400000 + event.position * 60000;
            event.type = QString::fromLatin1(type);
            event.data = data;
            events.append(event);
        };
        add("Opened", R"({"owner":"ada"})");
        add("Deposited", R"({"amount":1000})");
        add("Withdrawn", R"({"amount":700})");
        add("Withdrawn", R"({"amount":500})");
        auto history = History::analyze(sourceOf(events), m_domains);
        QVERIFY(history);
        QCOMPARE((*history)->anomaliesAt(4).size(), 1);
        QCOMPARE((*history)->anomaliesAt(4).first().kind, QString::fromLatin1(AnomalyKind::Overdraft));
        WhatIf whatIf;
        whatIf.switchOff(3, QStringLiteral("account-42"));
        const auto state = whatIf.stateAt(**history, QStringLiteral("account-42"), 4);
        QVERIFY(state);
        QCOMPARE(state->state->toJson().at(QStringLiteral("/balance")).toDouble(), 500.0);
        QVERIFY(state->anomalies.isEmpty());
        WhatIfStream::Options options;
        options.chartPath = QStringLiteral("/balance");
        const auto run = WhatIfStream::build(**history, whatIf, QStringLiteral("account-42"), options);
        QVERIFY(run);
        QVERIFY(run->anomaliesAt(4).isEmpty());
        QList<double> values;
        for (const WhatIfStream::Value& value : run->values())
            values.append(value.value);
        QCOMPARE(values, (QList<double> { 1000, 1000, 500 }));
        // The earlier state is the real one.
        QCOMPARE(whatIf.stateAt(**history, QStringLiteral("account-42"), 2)->state->toJson(),
            (*history)->stateAt(QStringLiteral("account-42"), 2)->state->toJson());
    }

    void aCancelledBuildSaysSo()
    {
        QRandomGenerator random(9);
        const QList<Event> events = randomEvents(random, 5000);
        auto history = History::analyze(sourceOf(events), m_domains);
        QVERIFY(history);
        WhatIf whatIf;
        whatIf.switchOff(events.first().position, events.first().stream);
        WhatIfStream::Options options;
        options.cancelled = [] { return true; };
        const auto run = WhatIfStream::build(**history, whatIf, events.first().stream, options);
        QVERIFY(!run);
        QCOMPARE(run.error().kind, Error::Kind::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
