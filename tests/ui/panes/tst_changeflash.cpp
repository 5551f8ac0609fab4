#include "models/diffmodel.h"
#include "models/statetreemodel.h"
#include "panes/changeflash.h"
#include "panes/difftab.h"
#include "panes/inspector.h"
#include "panes/statetab.h"
#include "playback/player.h"
#include "playback/playhead.h"
#include "theme/themecolors.h"
#include "timeline/timelinewidget.h"
#include "uitesthelpers.h"
#include "window/mainwindow.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Rewind;

/// The changes of each event light up in the State and Diff tabs as the replay reaches it, and
/// fade: read from the pixels of the real views, in a light and a dark palette.
class TestChangeFlash : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void aStepLightsUpWhatItChangedThenFades_data();
    void aStepLightsUpWhatItChangedThenFades();
    void everyEventOfAPlayLightsUp();
    void fadesInAboutASecond();

private:
    /// The background of a row of `view`, read from its pixels.
    static QColor rowBackground(QTreeView* view, const QModelIndex& index);
    MainWindow* m_window = nullptr;
    QTemporaryDir m_dir;
};

void TestChangeFlash::initTestCase()
{
    RewindTest::setUpApplication();
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
}

void TestChangeFlash::init()
{
    // The palette is the application's before the window is made, as `rewind --dark` does.
    if (QTest::currentDataTag() && qstrcmp(QTest::currentDataTag(), "dark") == 0)
        QApplication::setPalette(ThemeColors::darkPalette());
    m_window = new MainWindow(MainWindow::Memory::Forget);
    m_window->resize(1400, 860);
    QVERIFY(m_window->openNow(RewindTest::demoPath()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestChangeFlash::cleanup()
{
    delete m_window;
    m_window = nullptr;
    QApplication::setPalette(QApplication::style()->standardPalette());
}

QColor TestChangeFlash::rowBackground(QTreeView* view, const QModelIndex& index)
{
    QCoreApplication::processEvents(); // a tab just shown lays its view out first
    const QImage image = view->viewport()->grab().toImage();
    const QRect row = view->visualRect(index.siblingAtColumn(view->model()->columnCount() - 1));
    const qreal ratio = image.devicePixelRatio();
    // Just inside the cell's left edge: its background, before the text's margin.
    return image.pixelColor(int((row.left() + 1) * ratio), int(row.center().y() * ratio));
}

namespace {
/// Close enough to tell one colour from another on screen, whatever rounding the painter did.
bool near(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 24;
}
}

void TestChangeFlash::aStepLightsUpWhatItChangedThenFades_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestChangeFlash::aStepLightsUpWhatItChangedThenFades()
{
    QFETCH(bool, dark);
    const QPalette palette = m_window->palette();
    QCOMPARE(ThemeColors::isDark(palette), dark);
    // cart-1 v2 → v3: the mug's quantity went to 3; the book's line did not move.
    m_window->playhead()->setStream(QStringLiteral("cart-1"));
    m_window->playhead()->goToVersion(2);
    m_window->inspector()->showTab(QStringLiteral("state"));
    m_window->inspector()->changeFlash()->stop();
    QTest::keyClick(m_window->timeline(), Qt::Key_Right);
    QCOMPARE(m_window->inspector()->details().event.version, 3);

    StateTab* state = m_window->inspector()->stateTab();
    const QModelIndex quantity = state->model()->indexOfPath(QStringLiteral("/items/MG-007/quantity"));
    const QModelIndex untouched = state->model()->indexOfPath(QStringLiteral("/items/BK-101/quantity"));
    const QColor flash = ThemeColors::flashBackground(palette);
    const QColor steady = ThemeColors::changedBackground(palette);
    QVERIFY(m_window->inspector()->changeFlash()->level() > 0.8);
    QVERIFY2(near(rowBackground(state->view(), quantity), flash),
        qPrintable(rowBackground(state->view(), quantity).name() + QStringLiteral(" is not ") + flash.name()));
    const QColor other = rowBackground(state->view(), untouched);
    QVERIFY2(!near(other, flash) && !near(other, steady), qPrintable(other.name()));

    m_window->inspector()->showTab(QStringLiteral("diff"));
    DiffTab* diff = m_window->inspector()->diffTab();
    QCOMPARE(
        diff->model()->index(0, DiffModel::PathColumn).data().toString(), QStringLiteral("/items/MG-007/quantity"));
    QVERIFY2(near(rowBackground(diff->view(), diff->model()->index(0, 0)), flash),
        qPrintable(rowBackground(diff->view(), diff->model()->index(0, 0)).name()));

    // Faded: the change keeps its steady highlight, the diff's rows their usual background.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->inspector()->changeFlash()->level(), 0.0, 3000);
    QVERIFY(!near(rowBackground(diff->view(), diff->model()->index(0, 0)), flash));
    m_window->inspector()->showTab(QStringLiteral("state"));
    QVERIFY2(near(rowBackground(state->view(), quantity), steady),
        qPrintable(rowBackground(state->view(), quantity).name()));
}

void TestChangeFlash::everyEventOfAPlayLightsUp()
{
    m_window->playhead()->goToFirst();
    m_window->inspector()->changeFlash()->stop();
    QSignalSpy moves(m_window->playhead(), &Playhead::positionChanged);
    QList<qreal> levels;
    connect(m_window->playhead(), &Playhead::positionChanged, this,
        [&] { levels.append(m_window->inspector()->changeFlash()->level()); });
    // The flash follows the inspector, which follows the playhead: read it once the event shows.
    connect(m_window->inspector(), &Inspector::detailsChanged, this,
        [&] { levels.append(m_window->inspector()->changeFlash()->level()); });
    m_window->player()->setSpeed(20);
    m_window->player()->play();
    QTRY_VERIFY(moves.count() >= 5);
    m_window->player()->pause();
    // Each event shown during the play started a new flash at full strength.
    QVERIFY(std::count(levels.cbegin(), levels.cend(), 1.0) >= 5);
}

void TestChangeFlash::fadesInAboutASecond()
{
    ChangeFlash flash;
    QSignalSpy levels(&flash, &ChangeFlash::levelChanged);
    QElapsedTimer clock;
    clock.start();
    flash.start();
    QCOMPARE(flash.level(), 1.0);
    QTest::qWait(400);
    QVERIFY(flash.level() > 0.5); // still clearly lit
    QTRY_COMPARE_WITH_TIMEOUT(flash.level(), 0.0, 2000);
    QVERIFY(clock.elapsed() >= 900);
    QVERIFY(levels.count() > 5); // a fade, not a switch
    flash.start();
    flash.stop();
    QCOMPARE(flash.level(), 0.0);
}

QTEST_MAIN(TestChangeFlash)
#include "tst_changeflash.moc"
