#include "timeline/timelinegeometry.h"

#include <QTest>

using Rewind::TimelineGeometry;

class TestTimelineGeometry : public QObject {
    Q_OBJECT
private slots:
    void fitAllShowsEveryEvent_data();
    void fitAllShowsEveryEvent();
    void indexAtInvertsXOf_data();
    void indexAtInvertsXOf();
    void indexAtClampsOutside();
    void emptyAxis();
    void zoomKeepsAnchor_data();
    void zoomKeepsAnchor();
    void zoomIsBounded();
    void scrollStaysInRange();
    void showingScrollsMinimally_data();
    void showingScrollsMinimally();
    void columnsCoverEveryEventOnce_data();
    void columnsCoverEveryEventOnce();
    void ticksOrDensity_data();
    void ticksOrDensity();
    void resizeAndCount();
};

void TestTimelineGeometry::fitAllShowsEveryEvent_data()
{
    QTest::addColumn<qsizetype>("count");
    QTest::addColumn<double>("width");
    QTest::newRow("few") << qsizetype(5) << 1000.0;
    QTest::newRow("demo") << qsizetype(38) << 1372.0;
    QTest::newRow("million") << qsizetype(1000000) << 1372.0;
    QTest::newRow("one") << qsizetype(1) << 300.0;
}

void TestTimelineGeometry::fitAllShowsEveryEvent()
{
    QFETCH(qsizetype, count);
    QFETCH(double, width);
    const auto g = TimelineGeometry::fitAll(count, 10, width);
    QCOMPARE(g.firstVisible(), 0);
    QCOMPARE(g.lastVisible(), count - 1);
    QVERIFY(g.xOf(0) >= 10);
    QVERIFY(g.xOf(count - 1) <= 10 + width);
    QCOMPARE(g.indexAt(10), 0);
    QCOMPARE(g.indexAt(10 + width), count - 1);
}

void TestTimelineGeometry::indexAtInvertsXOf_data()
{
    QTest::addColumn<qsizetype>("count");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<qsizetype>("index");
    QTest::newRow("first, all") << qsizetype(38) << 1.0 << qsizetype(0);
    QTest::newRow("middle, all") << qsizetype(38) << 1.0 << qsizetype(17);
    QTest::newRow("last, all") << qsizetype(38) << 1.0 << qsizetype(37);
    QTest::newRow("zoomed") << qsizetype(1000) << 16.0 << qsizetype(500);
    QTest::newRow("many, zoomed far") << qsizetype(1000000) << 50000.0 << qsizetype(500003);
}

void TestTimelineGeometry::indexAtInvertsXOf()
{
    QFETCH(qsizetype, count);
    QFETCH(double, zoom);
    QFETCH(qsizetype, index);
    auto g = TimelineGeometry::fitAll(count, 14, 1000);
    g = g.zoomedBy(zoom, g.xOf(index));
    QVERIFY(index >= g.firstVisible() && index <= g.lastVisible());
    QCOMPARE(g.indexAt(g.xOf(index)), index);
}

void TestTimelineGeometry::indexAtClampsOutside()
{
    const auto g = TimelineGeometry::fitAll(10, 14, 1000);
    QCOMPARE(g.indexAt(-500), 0);
    QCOMPARE(g.indexAt(5000), 9);
}

void TestTimelineGeometry::emptyAxis()
{
    const auto g = TimelineGeometry::fitAll(0, 14, 1000);
    QVERIFY(g.isEmpty());
    QCOMPARE(g.indexAt(100), -1);
    QVERIFY(g.lastVisible() < g.firstVisible());
    QCOMPARE(g.zoomedBy(2, 100).span, 0.0);
    const auto narrow = TimelineGeometry::fitAll(10, 14, 0);
    QCOMPARE(narrow.indexAt(14), -1);
}

void TestTimelineGeometry::zoomKeepsAnchor_data()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("anchorX");
    QTest::newRow("in at left third") << 4.0 << 350.0;
    QTest::newRow("in at centre") << 2.0 << 514.0;
    QTest::newRow("in at right") << 8.0 << 1000.0;
    QTest::newRow("out") << 0.5 << 400.0;
}

void TestTimelineGeometry::zoomKeepsAnchor()
{
    QFETCH(double, factor);
    QFETCH(double, anchorX);
    auto g = TimelineGeometry::fitAll(100000, 14, 1000).zoomedBy(4, 514); // room to zoom out
    const qsizetype under = g.indexAt(anchorX);
    const auto z = g.zoomedBy(factor, anchorX);
    QCOMPARE(z.indexAt(anchorX), under);
    QVERIFY(qAbs(z.pixelsPerEvent() / g.pixelsPerEvent() - factor) < 1e-9);
}

void TestTimelineGeometry::zoomIsBounded()
{
    auto g = TimelineGeometry::fitAll(1000, 0, 800);
    for (int i = 0; i < 50; ++i)
        g = g.zoomedBy(2, 400);
    QCOMPARE(g.span, TimelineGeometry::MinSpan);
    for (int i = 0; i < 50; ++i)
        g = g.zoomedBy(0.5, 400);
    QCOMPARE(g.span, 1000.0);
    QCOMPARE(g.first, 0.0);
    // Fewer events than the minimum span: they just fill the width.
    const auto few = TimelineGeometry::fitAll(3, 0, 800).zoomedBy(10, 400);
    QCOMPARE(few.span, 3.0);
}

void TestTimelineGeometry::scrollStaysInRange()
{
    auto g = TimelineGeometry::fitAll(1000, 0, 1000).zoomedBy(10, 0);
    QCOMPARE(g.firstVisible(), 0);
    g = g.scrolledBy(500);
    QCOMPARE(g.first, 50.0);
    g = g.scrolledBy(1e9);
    QCOMPARE(g.lastVisible(), 999);
    QCOMPARE(g.first, 900.0);
    g = g.scrolledBy(-1e9);
    QCOMPARE(g.first, 0.0);
}

void TestTimelineGeometry::showingScrollsMinimally_data()
{
    QTest::addColumn<qsizetype>("index");
    QTest::addColumn<double>("first");
    QTest::newRow("already visible") << qsizetype(120) << 100.0;
    QTest::newRow("after the view") << qsizetype(250) << 151.0;
    QTest::newRow("before the view") << qsizetype(40) << 40.0;
    QTest::newRow("past the end") << qsizetype(5000) << 900.0;
}

void TestTimelineGeometry::showingScrollsMinimally()
{
    QFETCH(qsizetype, index);
    QFETCH(double, first);
    TimelineGeometry g = TimelineGeometry::fitAll(1000, 0, 1000);
    g.span = 100;
    g.first = 100;
    const auto s = g.showing(index);
    QCOMPARE(s.first, first);
    QCOMPARE(s.span, 100.0);
}

void TestTimelineGeometry::columnsCoverEveryEventOnce_data()
{
    QTest::addColumn<qsizetype>("count");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("zoom");
    QTest::newRow("million on 1372 px") << qsizetype(1000000) << 1372.0 << 1.0;
    QTest::newRow("zoomed") << qsizetype(1000000) << 1000.0 << 37.0;
    QTest::newRow("just over a pixel each") << qsizetype(1500) << 1000.0 << 1.0;
}

void TestTimelineGeometry::columnsCoverEveryEventOnce()
{
    QFETCH(qsizetype, count);
    QFETCH(double, width);
    QFETCH(double, zoom);
    const auto g = TimelineGeometry::fitAll(count, 0, width).zoomedBy(zoom, width / 3);
    qsizetype expected = g.firstVisible();
    qsizetype covered = 0;
    for (int c = 0; c < int(width); ++c) {
        const auto [begin, end] = g.columnRange(c);
        QVERIFY(begin <= end);
        if (end == begin)
            continue;
        QCOMPARE(begin, expected); // contiguous, no overlaps, no gaps
        expected = end;
        covered += end - begin;
    }
    QVERIFY(covered >= g.lastVisible() - g.firstVisible());
    QVERIFY(expected >= g.lastVisible());
}

void TestTimelineGeometry::ticksOrDensity_data()
{
    QTest::addColumn<qsizetype>("count");
    QTest::addColumn<bool>("ticks");
    QTest::newRow("demo") << qsizetype(38) << true;
    QTest::newRow("300 on 1000 px") << qsizetype(300) << true;
    QTest::newRow("400 on 1000 px") << qsizetype(400) << false;
    QTest::newRow("million") << qsizetype(1000000) << false;
}

void TestTimelineGeometry::ticksOrDensity()
{
    QFETCH(qsizetype, count);
    QFETCH(bool, ticks);
    QCOMPARE(TimelineGeometry::fitAll(count, 0, 1000).drawsTicks(), ticks);
}

void TestTimelineGeometry::resizeAndCount()
{
    auto g = TimelineGeometry::fitAll(100, 10, 500);
    g = g.resized(10, 1000);
    QCOMPARE(g.lastVisible(), 99);
    QCOMPARE(g.pixelsPerEvent(), 10.0);
    // An axis that was fully shown stays fully shown when it changes length.
    g = g.withCount(40);
    QCOMPARE(g.span, 40.0);
    auto zoomed = TimelineGeometry::fitAll(100, 0, 1000).zoomedBy(4, 1000);
    zoomed = zoomed.withCount(50);
    QVERIFY(zoomed.first + zoomed.span <= 50.0);
}

QTEST_MAIN(TestTimelineGeometry)
#include "tst_timelinegeometry.moc"
