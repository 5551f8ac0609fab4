// The opened history the window works from: its compact index and the analysis behind it.

#include "demo/demohistory.h"
#include "domains/domainregistry.h"
#include "replay/history.h"
#include "sources/memoryeventsource.h"
#include "sources/sourceopener.h"

#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Rewind;

class TestHistory : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    DomainRegistry m_domains;
    std::unique_ptr<History> m_demo;

private slots:
    void initTestCase()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo.db"));
        QVERIFY(DemoHistory::write(path));
        auto history = History::open(path, m_domains);
        QVERIFY2(history, qPrintable(history ? QString() : history.error().toString()));
        m_demo = std::move(history).value();
    }

    void indexHoldsEveryEventInOrder()
    {
        const HistoryIndex& index = m_demo->index();
        const QList<Event> events = DemoHistory::events();
        QCOMPARE(index.size(), events.size());
        for (qsizetype row = 0; row < index.size(); ++row) {
            const HistoryIndex::Entry& entry = index.entry(row);
            QCOMPARE(entry.position, events.at(row).position);
            QCOMPARE(entry.at, events.at(row).at);
            QCOMPARE(entry.version, events.at(row).version);
            QCOMPARE(index.streamNames().at(entry.stream), events.at(row).stream);
            QCOMPARE(index.typeNames().at(entry.type), events.at(row).type);
        }
        QCOMPARE(index.streamNames().size(), 5);
        QCOMPARE(index.rowsOfStream(index.streamIndex(QStringLiteral("cart-1"))).size(), 6);
        QCOMPARE(index.streamIndex(QStringLiteral("nobody")), -1);
    }

    void flagsMarkSnapshotsAndAnomalies()
    {
        const HistoryIndex& index = m_demo->index();
        int snapshots = 0;
        int anomalies = 0;
        int differing = 0;
        for (const HistoryIndex::Entry& entry : index.entries()) {
            snapshots += (entry.flags & HistoryIndex::HasSnapshot) ? 1 : 0;
            anomalies += (entry.flags & HistoryIndex::HasAnomaly) ? 1 : 0;
            differing += (entry.flags & HistoryIndex::SnapshotDiffers) ? 1 : 0;
        }
        QCOMPARE(snapshots, 7);
        QCOMPARE(differing, 1); // account-2 v3, the stale one
        QCOMPARE(anomalies, 3);
        const qsizetype overdraft = index.rowOf(23);
        QVERIFY(index.entry(overdraft).flags & HistoryIndex::HasAnomaly);
        QCOMPARE(m_demo->anomaliesAt(23).size(), 1);
        QCOMPARE(m_demo->anomaliesAt(23).at(0).kind, QStringLiteral("overdraft"));
        QVERIFY(m_demo->anomaliesAt(22).isEmpty());
        QVERIFY(m_demo->snapshotAt(10));
        QVERIFY(!m_demo->snapshotAt(10)->matches);
    }

    void rowLookups_data()
    {
        QTest::addColumn<qint64>("position");
        QTest::addColumn<qsizetype>("atOrBefore");
        QTest::addColumn<qsizetype>("exact");
        QTest::newRow("before everything") << qint64(0) << qsizetype(-1) << qsizetype(-1);
        QTest::newRow("first") << qint64(1) << qsizetype(0) << qsizetype(0);
        QTest::newRow("middle") << qint64(17) << qsizetype(16) << qsizetype(16);
        QTest::newRow("last") << qint64(38) << qsizetype(37) << qsizetype(37);
        QTest::newRow("past the end") << qint64(1000) << qsizetype(37) << qsizetype(-1);
    }
    void rowLookups()
    {
        QFETCH(qint64, position);
        QFETCH(qsizetype, atOrBefore);
        QFETCH(qsizetype, exact);
        QCOMPARE(m_demo->index().rowAtOrBefore(position), atOrBefore);
        QCOMPARE(m_demo->index().rowOf(position), exact);
    }

    void statesAndDiffs()
    {
        // account-1: Opened, Deposited 1000, Withdrawn 100 at positions 1, 2, 7.
        const auto state = m_demo->stateAt(QStringLiteral("account-1"), 7);
        QVERIFY(state);
        QCOMPARE(state->state->toJson().value(QLatin1String("balance")).toDouble(), 900.0);
        QCOMPARE(state->version, 3);
        const auto diff = m_demo->beforeAndAfter(7);
        QVERIFY(diff);
        QCOMPARE(diff->first.value(QLatin1String("balance")).toDouble(), 1000.0);
        QCOMPARE(diff->second.value(QLatin1String("balance")).toDouble(), 900.0);
        QCOMPARE(m_demo->domainOf(QStringLiteral("cart-2")).name(), QStringLiteral("cart"));
        QCOMPARE(m_demo->domainOf(QStringLiteral("unknown")).name(), QStringLiteral("generic"));
        QVERIFY(!m_demo->beforeAndAfter(999));
    }

    void readersDuringTheAnalysis()
    {
        // The window shows an indexed history while a worker completes its analysis: states,
        // flags and the analysis so far are read meanwhile. Run under ThreadSanitizer (the tsan
        // preset), a race between the two threads shows here.
        auto source = SourceOpener::open(m_dir.filePath(QStringLiteral("demo.db")));
        QVERIFY(source);
        auto opened = History::openIndex(std::move(source).value(), m_domains);
        QVERIFY(opened);
        const History& history = **opened;
        Status analysed;
        std::thread worker([&history, &analysed] { analysed = history.completeAnalysis(); });
        int wrongStates = 0;
        quint32 flags = 0;
        do {
            const auto state = history.stateAt(QStringLiteral("account-1"), 7);
            if (!state || state->state->toJson().value(QLatin1String("balance")).toDouble() != 900.0)
                ++wrongStates;
            for (qsizetype row = 0; row < history.index().size(); ++row)
                flags |= history.index().flags(row);
            // Empty or complete, never half-published.
            const qsizetype anomalies = history.anomaliesAt(23).size();
            if (anomalies != 0 && anomalies != 1)
                ++wrongStates;
            if (history.analysis().streams.size() != 5 || !history.beforeAndAfter(7))
                ++wrongStates;
        } while (!history.isAnalyzed());
        worker.join();
        QVERIFY2(analysed, analysed ? "" : qPrintable(analysed.error().toString()));
        QCOMPARE(wrongStates, 0);
        QVERIFY(flags & HistoryIndex::HasSnapshot);
        QCOMPARE(history.anomaliesAt(23).size(), 1);
    }

    void forcedDomainAppliesToEveryStream()
    {
        auto source = std::make_unique<MemoryEventSource>(QStringLiteral("mem"), QStringLiteral("memory"));
        for (const Event& event : DemoHistory::events())
            source->addEvent(event);
        source->finish();
        const auto history =
            History::analyze(std::move(source), m_domains, {}, m_domains.find(QStringLiteral("generic")));
        QVERIFY(history);
        for (const StreamAnalysis& stream : (*history)->analysis().streams)
            QCOMPARE(stream.domain->name(), QStringLiteral("generic"));
        QVERIFY((*history)->analysis().anomalies.isEmpty());
    }

    void cancelledAnalysisIsAnError()
    {
        auto source = std::make_unique<MemoryEventSource>(QStringLiteral("big"), QStringLiteral("memory"));
        for (int i = 0; i < 40000; ++i) {
            Event event;
            event.stream = QStringLiteral("account-1");
            event.type = QStringLiteral("Deposited");
            event.data = QByteArrayLiteral(R"({"amount":1})");
            source->addEvent(event);
        }
        source->finish();
        const auto history = History::analyze(std::move(source), m_domains, [](qint64, qint64) { return false; });
        QVERIFY(!history);
        QVERIFY(history.error().message.contains(QLatin1String("cancelled")));
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
