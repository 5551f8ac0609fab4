#include "playback/playhead.h"
#include "sources/memoryeventsource.h"
#include "timeline/timelinewidget.h"
#include "uitesthelpers.h"

#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace Rewind;

class TestTimelineWidget : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void clickAndDragScrub();
    void keysStep();
    void wheelZooms();
    void followsTheStreamFilter();
    void paintsADensityStripForManyEvents();

private:
    std::shared_ptr<const History> m_demo;
};

void TestTimelineWidget::initTestCase()
{
    RewindTest::setUpApplication();
    m_demo = RewindTest::openDemo();
}

void TestTimelineWidget::clickAndDragScrub()
{
    Playhead playhead;
    TimelineWidget timeline(&playhead);
    timeline.resize(1000, timeline.sizeHint().height());
    playhead.setHistory(m_demo);
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    const int y = timeline.trackRect().center().y();
    QTest::mouseClick(&timeline, Qt::LeftButton, {}, QPoint(int(timeline.geometry().xOf(4)), y));
    QCOMPARE(playhead.position(), 5);
    QTest::mousePress(&timeline, Qt::LeftButton, {}, QPoint(int(timeline.geometry().xOf(10)), y));
    QCOMPARE(playhead.position(), 11);
    QTest::mouseMove(&timeline, QPoint(int(timeline.geometry().xOf(20)), y));
    QCOMPARE(playhead.position(), 21);
    QTest::mouseRelease(&timeline, Qt::LeftButton, {}, QPoint(int(timeline.geometry().xOf(20)), y));
    QTest::mouseMove(&timeline, QPoint(int(timeline.geometry().xOf(30)), y));
    QCOMPARE(playhead.position(), 21); // released: hovering does not scrub
}

void TestTimelineWidget::keysStep()
{
    Playhead playhead;
    TimelineWidget timeline(&playhead);
    playhead.setHistory(m_demo);
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    QTest::keyClick(&timeline, Qt::Key_Home);
    QCOMPARE(playhead.position(), 1);
    QTest::keyClick(&timeline, Qt::Key_Right);
    QTest::keyClick(&timeline, Qt::Key_Right);
    QCOMPARE(playhead.position(), 3);
    QTest::keyClick(&timeline, Qt::Key_Left);
    QCOMPARE(playhead.position(), 2);
    QTest::keyClick(&timeline, Qt::Key_PageDown);
    QVERIFY(m_demo->snapshotAt(playhead.position()));
    QTest::keyClick(&timeline, Qt::Key_Home);
    QTest::keyClick(&timeline, Qt::Key_Right, Qt::ControlModifier);
    QCOMPARE(playhead.position(), m_demo->analysis().anomalies.first().position);
    QTest::keyClick(&timeline, Qt::Key_End);
    QCOMPARE(playhead.position(), m_demo->index().size());
    QTest::keyClick(&timeline, Qt::Key_Left, Qt::ControlModifier);
    QCOMPARE(playhead.position(), m_demo->analysis().anomalies.last().position);
}

void TestTimelineWidget::wheelZooms()
{
    Playhead playhead;
    TimelineWidget timeline(&playhead);
    timeline.resize(800, timeline.sizeHint().height());
    playhead.setHistory(m_demo);
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    const double before = timeline.geometry().pixelsPerEvent();
    const QPointF at(400, timeline.trackRect().center().y());
    const qsizetype under = timeline.geometry().indexAt(at.x());
    QWheelEvent in(
        at, timeline.mapToGlobal(at), {}, QPoint(0, 240), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&timeline, &in);
    QVERIFY(timeline.geometry().pixelsPerEvent() > before * 1.5);
    QCOMPARE(timeline.geometry().indexAt(at.x()), under);
    timeline.zoomToFit();
    QCOMPARE(timeline.geometry().pixelsPerEvent(), before);
}

void TestTimelineWidget::followsTheStreamFilter()
{
    Playhead playhead;
    TimelineWidget timeline(&playhead);
    timeline.resize(800, timeline.sizeHint().height());
    playhead.setHistory(m_demo);
    timeline.show();
    playhead.setStream(QStringLiteral("cart-2"));
    QCOMPARE(timeline.geometry().count, 6);
    QTest::mouseClick(
        &timeline, Qt::LeftButton, {}, QPoint(int(timeline.geometry().xOf(0)), timeline.trackRect().center().y()));
    QCOMPARE(playhead.currentStream(), QStringLiteral("cart-2"));
    QCOMPARE(m_demo->index().entry(playhead.row()).version, 1);
}

void TestTimelineWidget::paintsADensityStripForManyEvents()
{
    // 200,000 events on 1,000 pixels: a strip, painted from the per-column cache.
    auto source = std::make_unique<MemoryEventSource>(QStringLiteral("many"), QStringLiteral("memory"));
    for (int i = 1; i <= 200000; ++i) {
        Event event;
        event.stream = QStringLiteral("account-%1").arg(i % 7);
        event.version = (i - 1) / 7 + 1;
        event.position = i;
        event.type = QStringLiteral("Deposited");
        event.data = QByteArrayLiteral(R"({"amount":1})");
        event.at = 1785747600000LL + i * 1000LL;
        source->addEvent(event);
    }
    source->finish();
    static const DomainRegistry domains;
    auto history = History::analyze(std::move(source), domains);
    QVERIFY(history.ok());
    Playhead playhead;
    TimelineWidget timeline(&playhead);
    timeline.resize(1028, timeline.sizeHint().height());
    playhead.setHistory(std::shared_ptr<const History>(std::move(history).value()));
    QVERIFY(!timeline.geometry().drawsTicks());
    QImage image(timeline.size(), QImage::Format_ARGB32);
    timeline.render(&image); // the first paint builds the cache
    // Later paints come from that cache and draw the same picture (the benchmark times them).
    QImage again(timeline.size(), QImage::Format_ARGB32);
    timeline.render(&again);
    QCOMPARE(again, image);
    // The strip is there: the middle of the track is not the background colour.
    const QPoint mid = timeline.trackRect().center();
    QVERIFY(image.pixelColor(mid) != timeline.palette().color(QPalette::AlternateBase));
}

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
