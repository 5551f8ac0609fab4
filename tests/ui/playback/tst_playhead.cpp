#include "playback/playhead.h"
#include "uitesthelpers.h"

#include <QSignalSpy>
#include <QTest>

using namespace Rewind;

class TestPlayhead : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void startsOnTheLastEvent();
    void stepsAndStopsAtTheEnds();
    void jumpsBetweenSnapshotsAndAnomalies();
    void narrowsToAStream();
    void goesToAVersion();
    void goesToATime();

private:
    std::shared_ptr<const History> m_demo;
};

void TestPlayhead::initTestCase()
{
    RewindTest::setUpApplication();
    m_demo = RewindTest::openDemo();
    QVERIFY(m_demo->index().size() > 30);
}

void TestPlayhead::startsOnTheLastEvent()
{
    Playhead playhead;
    QSignalSpy history(&playhead, &Playhead::historyChanged);
    QSignalSpy moved(&playhead, &Playhead::positionChanged);
    playhead.setHistory(m_demo);
    QCOMPARE(history.count(), 1);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(playhead.position(), m_demo->index().entries().last().position);
    QCOMPARE(playhead.axisCount(), m_demo->index().size());
    QVERIFY(playhead.stream().isEmpty());
}

void TestPlayhead::stepsAndStopsAtTheEnds()
{
    Playhead playhead;
    playhead.setHistory(m_demo);
    QSignalSpy moved(&playhead, &Playhead::positionChanged);
    playhead.goToFirst();
    QCOMPARE(playhead.position(), 1);
    playhead.stepBack();
    QCOMPARE(playhead.position(), 1);
    QCOMPARE(moved.count(), 1); // no signal when nothing moved
    playhead.stepForward();
    playhead.step(2);
    QCOMPARE(playhead.position(), 4);
    QCOMPARE(moved.last().first().toLongLong(), 4);
    playhead.goToLast();
    playhead.stepForward();
    QCOMPARE(playhead.position(), m_demo->index().size());
}

void TestPlayhead::jumpsBetweenSnapshotsAndAnomalies()
{
    Playhead playhead;
    playhead.setHistory(m_demo);
    playhead.goToFirst();
    QVERIFY(playhead.goToNextSnapshot());
    QVERIFY(m_demo->index().entry(playhead.row()).flags & HistoryIndex::HasSnapshot);
    QVERIFY(m_demo->snapshotAt(playhead.position()));
    const qint64 firstSnapshot = playhead.position();
    QVERIFY(playhead.goToNextSnapshot());
    QVERIFY(playhead.position() > firstSnapshot);
    QVERIFY(playhead.goToPreviousSnapshot());
    QCOMPARE(playhead.position(), firstSnapshot);

    playhead.goToFirst();
    QVERIFY(playhead.goToNextAnomaly());
    QCOMPARE(playhead.position(), m_demo->analysis().anomalies.first().position);
    playhead.goToLast();
    QVERIFY(playhead.goToPreviousAnomaly());
    QCOMPARE(playhead.position(), m_demo->analysis().anomalies.last().position);
    playhead.goToFirst();
    QVERIFY(!playhead.goToPreviousAnomaly());
}

void TestPlayhead::narrowsToAStream()
{
    Playhead playhead;
    playhead.setHistory(m_demo);
    const qint64 cartEvent = RewindTest::positionOf(*m_demo, QStringLiteral("cart-1"), 4);
    playhead.setPosition(RewindTest::positionOf(*m_demo, QStringLiteral("account-1"), 4)); // just after it
    QSignalSpy stream(&playhead, &Playhead::streamChanged);
    playhead.setStream(QStringLiteral("cart-1"));
    QCOMPARE(stream.count(), 1);
    QCOMPARE(playhead.axisCount(), m_demo->analysis().stream(QStringLiteral("cart-1"))->eventCount);
    // The playhead lands on the stream's event at or before where it was.
    QCOMPARE(playhead.position(), cartEvent);
    playhead.stepForward();
    QCOMPARE(playhead.currentStream(), QStringLiteral("cart-1"));
    QCOMPARE(m_demo->index().entry(playhead.row()).version, 5);
    playhead.setStream(QStringLiteral("no-such-stream"));
    QCOMPARE(playhead.stream(), QStringLiteral("cart-1"));
    playhead.setStream({});
    QCOMPARE(playhead.axisCount(), m_demo->index().size());
}

void TestPlayhead::goesToAVersion()
{
    Playhead playhead;
    playhead.setHistory(m_demo);
    QVERIFY(playhead.goToVersion(3, QStringLiteral("account-2")));
    QCOMPARE(playhead.position(), RewindTest::positionOf(*m_demo, QStringLiteral("account-2"), 3));
    QVERIFY(playhead.goToVersion(1)); // the current stream
    QCOMPARE(playhead.currentStream(), QStringLiteral("account-2"));
    QCOMPARE(m_demo->index().entry(playhead.row()).version, 1);
    QVERIFY(!playhead.goToVersion(0));
}

void TestPlayhead::goesToATime()
{
    Playhead playhead;
    playhead.setHistory(m_demo);
    const auto& entries = m_demo->index().entries();
    // A minute after event 10: the playhead lands on event 10, "what had happened by then".
    QVERIFY(playhead.goToTime(entries.at(9).at + 60 * 1000));
    QCOMPARE(playhead.position(), entries.at(9).position);
    QVERIFY(!playhead.goToTime(entries.first().at - 1));
    QCOMPARE(playhead.axisIndexAtTime(entries.last().at + 1), entries.size() - 1);
}

QTEST_MAIN(TestPlayhead)
#include "tst_playhead.moc"
