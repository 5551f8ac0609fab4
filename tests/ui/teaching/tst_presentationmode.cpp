#include "panes/eventspane.h"
#include "panes/inspector.h"
#include "playback/playhead.h"
#include "teaching/presentationmode.h"
#include "theme/themecolors.h"
#include "timeline/timelinewidget.h"
#include "uitesthelpers.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rewind;

/// View ▸ Presentation on the real window over the demo: what a class at the back of the room
/// sees, and the window as it was once the lesson is over.
class TestPresentationMode : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void enlargesEveryPaneAndComesBackAsItWas();
    void textSizeKeysStillWorkWhilePresenting();
    void escapeLeavesButNotInATextField();
    void playheadStandsOutInLightAndDarkPalettes_data();
    void playheadStandsOutInLightAndDarkPalettes();

private:
    MainWindow* m_window = nullptr;
    QTemporaryDir m_dir;
};

void TestPresentationMode::initTestCase()
{
    RewindTest::setUpApplication();
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
}

void TestPresentationMode::init()
{
    // The palette is the application's before the window is made, as `rewind --dark` does.
    if (QTest::currentDataTag() && qstrcmp(QTest::currentDataTag(), "dark") == 0)
        QApplication::setPalette(ThemeColors::darkPalette());
    m_window = new MainWindow(MainWindow::Memory::Forget);
    m_window->resize(1000, 640);
    QVERIFY(m_window->openNow(RewindTest::demoPath()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestPresentationMode::cleanup()
{
    delete m_window;
    m_window = nullptr;
    QApplication::setPalette(QApplication::style()->standardPalette());
}

void TestPresentationMode::enlargesEveryPaneAndComesBackAsItWas()
{
    m_window->setTextZoom(1);
    const QRect geometry = m_window->geometry();
    TimelineWidget* timeline = m_window->timeline();
    QTableView* table = m_window->eventsPane()->view();
    auto* legend = m_window->findChild<QLabel*>(QStringLiteral("timelineLegend"));
    const qreal tableText = table->font().pointSizeF();
    const qreal legendText = legend->font().pointSizeF();
    const int timelineHeight = timeline->sizeHint().height();
    const double radius = timeline->markerRadius();
    const double playhead = timeline->playheadWidth();

    QTest::keyClick(table, Qt::Key_F11);
    QVERIFY(m_window->presentation()->isActive());
    QVERIFY(m_window->isFullScreen());
    QVERIFY(m_window->findChild<QAction*>(QStringLiteral("presentationAction"))->isChecked());
    // Larger type everywhere, the timeline's labels, legend and markers included.
    QVERIFY(table->font().pointSizeF() > tableText * 1.7);
    QVERIFY(m_window->inspector()->font().pointSizeF() > tableText * 1.7);
    QVERIFY(legend->font().pointSizeF() > legendText * 1.7);
    QVERIFY(timeline->font().pointSizeF() > tableText * 1.7);
    QVERIFY(timeline->sizeHint().height() > timelineHeight * 1.5);
    QVERIFY2(timeline->markerRadius() > radius * 1.3,
        qPrintable(QStringLiteral("%1 then %2").arg(radius).arg(timeline->markerRadius())));
    QVERIFY(timeline->playheadWidth() >= 2 * playhead);

    QTest::keyClick(table, Qt::Key_F11);
    QVERIFY(!m_window->presentation()->isActive());
    QTRY_VERIFY(!m_window->isFullScreen());
    QTRY_COMPARE(m_window->geometry(), geometry);
    QCOMPARE(m_window->windowState(), Qt::WindowNoState);
    QCOMPARE(m_window->textZoom(), 1);
    QCOMPARE(table->font().pointSizeF(), tableText);
    QCOMPARE(timeline->playheadWidth(), playhead);
    QCOMPARE(timeline->markerRadius(), radius);
}

void TestPresentationMode::textSizeKeysStillWorkWhilePresenting()
{
    QTableView* table = m_window->eventsPane()->view();
    m_window->presentation()->enter();
    const qreal presented = table->font().pointSizeF();
    const double radius = m_window->timeline()->markerRadius();
    QTest::keyClick(table, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(table->font().pointSizeF() > presented);
    QVERIFY(m_window->timeline()->markerRadius() > radius);
    QTest::keyClick(table, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(table, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(table->font().pointSizeF() < presented);
    QVERIFY(m_window->presentation()->isActive());
    // Leaving forgets the sizes chosen while presenting: the text is as it was before.
    m_window->presentation()->leave();
    QCOMPARE(m_window->textZoom(), 0);
}

void TestPresentationMode::escapeLeavesButNotInATextField()
{
    m_window->presentation()->enter();
    QLineEdit* search = m_window->eventsPane()->searchEdit();
    search->setFocus();
    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(m_window->presentation()->isActive());
    QTableView* table = m_window->eventsPane()->view();
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Escape);
    QVERIFY(!m_window->presentation()->isActive());
    QTRY_VERIFY(!m_window->isFullScreen());
    // The menu entry enters it too.
    m_window->findChild<QAction*>(QStringLiteral("presentationAction"))->trigger();
    QVERIFY(m_window->presentation()->isActive());
    QTest::keyClick(m_window->timeline(), Qt::Key_Escape);
    QVERIFY(!m_window->presentation()->isActive());
}

void TestPresentationMode::playheadStandsOutInLightAndDarkPalettes_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestPresentationMode::playheadStandsOutInLightAndDarkPalettes()
{
    QFETCH(bool, dark);
    QCOMPARE(ThemeColors::isDark(m_window->palette()), dark);
    m_window->presentation()->enter();
    m_window->playhead()->goToVersion(5, QStringLiteral("account-3"));
    TimelineWidget* timeline = m_window->timeline();
    QTRY_VERIFY(timeline->isVisible());
    const QImage image = timeline->grab().toImage();
    const double x = timeline->geometry().xOf(m_window->playhead()->axisIndex()) * image.devicePixelRatio();
    const QColor highlight = timeline->palette().color(QPalette::Highlight);
    const QColor base = timeline->palette().color(QPalette::Base);
    // Every pixel across the thick line's middle is the playhead's colour, which stands apart
    // from the background in either palette.
    const int y = int(timeline->trackRect().center().y() * image.devicePixelRatio());
    for (int dx = -2; dx <= 2; ++dx)
        QCOMPARE(image.pixelColor(int(std::lround(x)) + dx, y).rgb(), highlight.rgb());
    QVERIFY(std::abs(highlight.lightness() - base.lightness()) > 60);
    m_window->presentation()->leave();
}

QTEST_MAIN(TestPresentationMode)
#include "tst_presentationmode.moc"
