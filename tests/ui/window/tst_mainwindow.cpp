#include "dialogs/gototimedialog.h"
#include "dialogs/mappingdialog.h"
#include "domains/domainregistry.h"
#include "loading/historyloader.h"
#include "model/event.h"
#include "models/diffmodel.h"
#include "models/eventfilterproxy.h"
#include "models/eventsmodel.h"
#include "models/statetreemodel.h"
#include "models/streamsmodel.h"
#include "panes/charttab.h"
#include "panes/choicefilter.h"
#include "panes/difftab.h"
#include "panes/eventspane.h"
#include "panes/eventtab.h"
#include "panes/inspector.h"
#include "panes/statetab.h"
#include "panes/streamspane.h"
#include "playback/player.h"
#include "playback/playhead.h"
#include "timeline/timelinewidget.h"
#include "uitesthelpers.h"
#include "window/mainwindow.h"
#include "window/recentfiles.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>

using namespace Rewind;

/// Drives the real window the way a person does: open the demo, press keys and click on the
/// timeline, pick rows and streams, and read what the panes show.
class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensOnTheLastEvent();
    void keysOnTheTimelineMoveEveryView();
    void clickingTheTimelineShowsThatPoint();
    void selectingARowMovesThePlayhead();
    void choosingAStreamNarrowsEverything();
    void searchAndFiltersNarrowTheTable();
    void stateShowsMoneyAndHighlightsTheChange();
    void diffShowsOldAndNew();
    void eventTabShowsRawJsonAndMetadata();
    void chartPlotsTheStreamValue();
    void transportKeysActFromEveryPaneButTextFields();
    void columnsHoldTheirTextOnAProjector();
    void timelineLegendSaysWhatColoursMean();
    void textZoomsInEveryPane();
    void reloadShowsWhatAnotherProgramAppended();
    void copiesAndExportsWhatItShows();
    void reopeningComesBackToTheSamePlace();
    void staleSnapshotIsFlagged();
    void goToTimeAnswersTheTemporalQuery();
    void goToTimeReadsTheTimeAsWritten_data();
    void goToTimeReadsTheTimeAsWritten();
    void playsAndStopsAtTheEnd();
    void opensInTheBackgroundAndRemembersTheFile();
    void cancelDropsTheResult();
    void badFileSaysWhy();
    void readableRecordsOfABadLogOpen();
    void dropOpensTheFile();
    void opensSeveralFilesMergedByTime();
    void severalFilesAreOneRecentEntry();
    void dropOfSeveralFilesOpensThemMerged();
    void opensWithAMappingInTheBackground();
    void choosingADomainFoldsTheStreamAgain();

private:
    MainWindow* m_window = nullptr;
    QTemporaryDir m_dir;
};

void TestMainWindow::initTestCase()
{
    RewindTest::setUpApplication();
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
}

void TestMainWindow::init()
{
    m_window = new MainWindow(MainWindow::Memory::Forget);
    m_window->resize(1400, 860);
    QVERIFY(m_window->openNow(RewindTest::demoPath()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestMainWindow::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestMainWindow::opensOnTheLastEvent()
{
    const History* history = m_window->playhead()->history();
    QVERIFY(history);
    QCOMPARE(m_window->playhead()->position(), history->index().size());
    QCOMPARE(m_window->eventsPane()->view()->currentIndex().data(EventsModel::PositionRole).toLongLong(),
        history->index().size());
    auto* position = m_window->findChild<QLabel*>(QStringLiteral("positionLabel"));
    QCOMPARE(position->text(), QStringLiteral("Position 38 / 38"));
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("demo")));
    QCOMPARE(m_window->streamsPane()->view()->model()->rowCount(), 6);
}

void TestMainWindow::transportKeysActFromEveryPaneButTextFields()
{
    m_window->playhead()->goToFirst();
    QTableView* table = m_window->eventsPane()->view();
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Right);
    QCOMPARE(m_window->playhead()->position(), 2);
    QTest::keyClick(table, Qt::Key_End);
    QCOMPARE(m_window->playhead()->position(), 38);
    QTest::keyClick(table, Qt::Key_Left);
    QCOMPARE(m_window->playhead()->position(), 37);
    QTreeView* streams = m_window->streamsPane()->view();
    streams->setFocus();
    QTest::keyClick(streams, Qt::Key_Home);
    QCOMPARE(m_window->playhead()->position(), 1);
    QTest::keyClick(streams, Qt::Key_Right);
    QCOMPARE(m_window->playhead()->position(), 2);
    QTest::keyClick(m_window->inspector()->stateTab(), Qt::Key_Right);
    QCOMPARE(m_window->playhead()->position(), 3);
    // In a text field the keys edit the text.
    QLineEdit* search = m_window->eventsPane()->searchEdit();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("ab"));
    QTest::keyClick(search, Qt::Key_Left);
    QTest::keyClick(search, Qt::Key_Home);
    QCOMPARE(m_window->playhead()->position(), 3);
    QCOMPARE(search->cursorPosition(), 0);
    search->clear();
}

void TestMainWindow::columnsHoldTheirTextOnAProjector()
{
    m_window->resize(1280, 720);
    QTest::qWait(50);
    QTableView* table = m_window->eventsPane()->view();
    const QFontMetrics metrics = table->fontMetrics();
    const QAbstractItemModel* model = table->model();
    // Every cell's text fits its column but the summary, which takes the rest of the width and
    // still holds most summaries whole.
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = EventsModel::PositionColumn; column < EventsModel::SummaryColumn; ++column) {
            const QString text = model->index(row, column).data().toString();
            const int room = table->columnWidth(column) - (column == EventsModel::PositionColumn ? 22 : 0);
            QVERIFY2(metrics.horizontalAdvance(text) < room,
                qPrintable(QStringLiteral("column %1: '%2' in %3 px").arg(column).arg(text).arg(room)));
        }
    }
    int wholeSummaries = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString summary = model->index(row, EventsModel::SummaryColumn).data().toString();
        wholeSummaries += metrics.horizontalAdvance(summary) < table->columnWidth(EventsModel::SummaryColumn) ? 1 : 0;
    }
    QVERIFY2(wholeSummaries >= model->rowCount() * 3 / 4,
        qPrintable(QStringLiteral("%1 whole; summary %2 px, table %3 px, window %4 px")
                       .arg(wholeSummaries)
                       .arg(table->columnWidth(EventsModel::SummaryColumn))
                       .arg(table->width())
                       .arg(m_window->width())));
    // The summary is on screen, not past the table's right edge.
    QVERIFY(table->columnViewportPosition(EventsModel::SummaryColumn) + 40 < table->viewport()->width());
    // The streams list shows its streams' names whole.
    QTreeView* streams = m_window->streamsPane()->view();
    for (int row = 1; row < streams->model()->rowCount(); ++row) {
        const QString name = streams->model()->index(row, 0).data().toString();
        QVERIFY2(streams->fontMetrics().horizontalAdvance(name) + 20 < streams->columnWidth(0),
            qPrintable(QStringLiteral("%1 in %2 px").arg(name).arg(streams->columnWidth(0))));
    }
}

void TestMainWindow::timelineLegendSaysWhatColoursMean()
{
    auto* legend = m_window->findChild<QLabel*>(QStringLiteral("timelineLegend"));
    QVERIFY(legend->text().startsWith(QStringLiteral("Colours by stream")));
    QVERIFY(legend->text().contains(QStringLiteral("account-1")));
    m_window->playhead()->setStream(QStringLiteral("cart-1"));
    QVERIFY(legend->text().startsWith(QStringLiteral("Colours by event type")));
    for (const char* type : { "ItemAdded", "QuantityChanged", "ItemRemoved", "CheckedOut" })
        QVERIFY2(legend->text().contains(QLatin1String(type)), type);
    QVERIFY(!legend->text().contains(QStringLiteral("Deposited")));
}

void TestMainWindow::textZoomsInEveryPane()
{
    QTableView* table = m_window->eventsPane()->view();
    const qreal before = table->font().pointSizeF();
    const int rowBefore = table->verticalHeader()->defaultSectionSize();
    const int timeBefore = table->columnWidth(EventsModel::TimeColumn);
    QTest::keyClick(table, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(table, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(table->font().pointSizeF() > before * 1.2);
    QVERIFY(m_window->inspector()->stateTab()->font().pointSizeF() > before * 1.2);
    QVERIFY(m_window->timeline()->font().pointSizeF() > before * 1.2);
    QVERIFY(table->verticalHeader()->defaultSectionSize() > rowBefore);
    QVERIFY(table->columnWidth(EventsModel::TimeColumn) > timeBefore); // the time still fits
    QTest::keyClick(table, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(table->font().pointSizeF() > before);
    QTest::keyClick(table, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(table->font().pointSizeF(), before);
    QCOMPARE(table->verticalHeader()->defaultSectionSize(), rowBefore);
}

void TestMainWindow::reloadShowsWhatAnotherProgramAppended()
{
    const QString store = m_dir.filePath(QStringLiteral("appended.db"));
    QFile::remove(store);
    QVERIFY(QFile::copy(RewindTest::demoPath(), store));
    QFile::setPermissions(store, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(m_window->openNow(store));
    QCOMPARE(m_window->eventsPane()->view()->model()->rowCount(), 38);
    QCOMPARE(m_window->playhead()->position(), 38);
    // Another program (rewind-cli) appends a deposit while the window has the store open.
    QProcess cli;
    cli.start(QStringLiteral(REWIND_CLI_PATH),
        { QStringLiteral("command"), store, QStringLiteral("--stream"), QStringLiteral("account-2"),
            QStringLiteral("deposit"), QStringLiteral("amount=5"), QStringLiteral("by=zoe") });
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    QTest::keyClick(m_window->eventsPane()->view(), Qt::Key_F5);
    QTRY_COMPARE(m_window->eventsPane()->view()->model()->rowCount(), 39);
    // It was at the end, so it follows to the new last event.
    QTRY_COMPARE(m_window->playhead()->position(), 39);
    QCOMPARE(m_window->playhead()->currentStream(), QStringLiteral("account-2"));
    // Elsewhere, it stays where it was.
    m_window->playhead()->setPosition(12);
    QTest::keyClick(m_window->eventsPane()->view(), Qt::Key_F5);
    QTest::qWait(100);
    QTRY_VERIFY(!m_window->loader()->isBusy());
    QCOMPARE(m_window->playhead()->position(), 12);
}

void TestMainWindow::copiesAndExportsWhatItShows()
{
    m_window->playhead()->goToVersion(3, QStringLiteral("account-1"));
    QTest::keyClick(m_window->eventsPane()->view(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const auto state = JsonValue::parse(QGuiApplication::clipboard()->text().toUtf8());
    QVERIFY(state);
    QCOMPARE(*state, m_window->inspector()->details().after);
    QVERIFY(state->at(QStringLiteral("/balance")).toDecimal().has_value());
    QTest::keyClick(m_window->eventsPane()->view(), Qt::Key_C, Qt::ControlModifier | Qt::AltModifier);
    const QString line = QGuiApplication::clipboard()->text();
    QVERIFY2(line.startsWith(QStringLiteral("{\"stream\":\"account-1\",\"version\":3,")), qPrintable(line));

    // Export what the table shows: the two check-outs, newest first.
    EventsPane* pane = m_window->eventsPane();
    pane->typeFilter()->setChecked(QStringLiteral("CheckedOut"), true);
    pane->view()->sortByColumn(EventsModel::PositionColumn, Qt::DescendingOrder);
    QTRY_COMPARE(pane->view()->model()->rowCount(), 2);
    QTRY_VERIFY(!pane->proxy()->isSearching());
    const QString path = m_dir.filePath(QStringLiteral("shown.jsonl"));
    QVERIFY(m_window->exportShownEvents(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 3); // two lines and the end
    QVERIFY(lines.at(0).contains("\"stream\":\"cart-2\"") && lines.at(0).contains("\"type\":\"CheckedOut\""));
    QVERIFY(lines.at(1).contains("\"stream\":\"cart-1\"") && lines.at(1).contains("\"type\":\"CheckedOut\""));
    // What was exported opens again as a log with those two events.
    auto reopened = History::open(path, DomainRegistry {});
    QVERIFY(reopened);
    QCOMPARE((*reopened)->index().size(), 2);
    pane->view()->sortByColumn(-1, Qt::AscendingOrder);
}

void TestMainWindow::reopeningComesBackToTheSamePlace()
{
    const QString store = m_dir.filePath(QStringLiteral("place.db"));
    QFile::remove(store);
    QVERIFY(QFile::copy(RewindTest::demoPath(), store));
    {
        MainWindow first(MainWindow::Memory::Remember);
        first.show();
        first.openFile(store);
        QTRY_COMPARE(first.playhead()->axisCount(), 38);
        first.playhead()->setStream(QStringLiteral("cart-1"));
        QVERIFY(first.playhead()->goToVersion(4, QStringLiteral("cart-1")));
        first.inspector()->setCurrentIndex(Inspector::DiffTabIndex);
        first.eventsPane()->searchEdit()->setText(QStringLiteral("carol"));
        first.eventsPane()->typeFilter()->setChecked(QStringLiteral("ItemAdded"), true);
        first.close();
    }
    MainWindow second(MainWindow::Memory::Remember);
    second.show();
    second.openFile(store);
    QTRY_COMPARE(second.playhead()->stream(), QStringLiteral("cart-1"));
    QCOMPARE(second.playhead()->position(), 12);
    QCOMPARE(second.inspector()->currentIndex(), int(Inspector::DiffTabIndex));
    QCOMPARE(second.eventsPane()->searchEdit()->text(), QStringLiteral("carol"));
    QCOMPARE(second.eventsPane()->typeFilter()->checkedNames(), QStringList { QStringLiteral("ItemAdded") });
    QTRY_VERIFY(!second.eventsPane()->proxy()->isSearching());
    QCOMPARE(second.eventsPane()->view()->model()->rowCount(), 3); // the three lines carol added to cart-1
    // Another history has a place of its own: the demo opens where it always does.
    second.openFile(RewindTest::demoPath());
    QTRY_VERIFY(second.playhead()->stream().isEmpty());
    QTRY_COMPARE(second.playhead()->position(), 38);
}

void TestMainWindow::keysOnTheTimelineMoveEveryView()
{
    TimelineWidget* timeline = m_window->timeline();
    timeline->setFocus();
    QTest::keyClick(timeline, Qt::Key_Home);
    QTest::keyClick(timeline, Qt::Key_Right);
    // Position 2: account-1 Deposited 1,000 by alice.
    QCOMPARE(m_window->playhead()->position(), 2);
    QTableView* table = m_window->eventsPane()->view();
    QCOMPARE(table->currentIndex().data(EventsModel::PositionRole).toLongLong(), 2);
    QCOMPARE(table->currentIndex().siblingAtColumn(EventsModel::SummaryColumn).data().toString(),
        QStringLiteral("+1,000.00 by alice"));
    QVERIFY(table->selectionModel()->isRowSelected(table->currentIndex().row(), {}));
    StateTreeModel* state = m_window->inspector()->stateTab()->model();
    QCOMPARE(state->indexOfPath(QStringLiteral("/balance")).siblingAtColumn(1).data().toString(),
        QStringLiteral("1,000.00"));
    QVERIFY(state->indexOfPath(QStringLiteral("/balance")).data(StateTreeModel::ChangedRole).toBool());
    QVERIFY(!state->indexOfPath(QStringLiteral("/owner")).data(StateTreeModel::ChangedRole).toBool());
    auto* status = m_window->findChild<QLabel*>(QStringLiteral("positionLabel"));
    QCOMPARE(status->text(), QStringLiteral("Position 2 / 38"));
    auto* version = m_window->findChild<QLabel*>(QStringLiteral("versionLabel"));
    QVERIFY(version->text().startsWith(QStringLiteral("account-1 v2")));
    auto* how = m_window->findChild<QLabel*>(QStringLiteral("howLabel"));
    QVERIFY2(how->text().contains(QStringLiteral("replayed 2 events")), qPrintable(how->text()));

    // Snapshot to snapshot: account-1 has one at v5; the status says the state came from it.
    QTest::keyClick(timeline, Qt::Key_PageDown);
    const qint64 snapshot = m_window->playhead()->position();
    QVERIFY(m_window->playhead()->history()->snapshotAt(snapshot));
    QTest::keyClick(timeline, Qt::Key_PageDown);
    QTest::keyClick(timeline, Qt::Key_PageUp);
    QCOMPARE(m_window->playhead()->position(), snapshot);

    // Anomaly to anomaly: the overdraft on account-3.
    QTest::keyClick(timeline, Qt::Key_Home);
    QTest::keyClick(timeline, Qt::Key_Right, Qt::ControlModifier);
    while (m_window->playhead()->currentStream() != QStringLiteral("account-3"))
        QTest::keyClick(timeline, Qt::Key_Right, Qt::ControlModifier);
    QCOMPARE(m_window->playhead()->history()->anomaliesAt(m_window->playhead()->position()).first().kind,
        QStringLiteral("overdraft"));
    QCOMPARE(state->indexOfPath(QStringLiteral("/balance")).siblingAtColumn(1).data().toString(),
        QStringLiteral("\u2212150.00"));
    QCOMPARE(table->currentIndex().data(EventsModel::PositionRole).toLongLong(), m_window->playhead()->position());
}

void TestMainWindow::clickingTheTimelineShowsThatPoint()
{
    TimelineWidget* timeline = m_window->timeline();
    const QPoint at(int(timeline->geometry().xOf(16)), timeline->trackRect().center().y());
    QTest::mouseClick(timeline, Qt::LeftButton, {}, at);
    // Position 17: cart-1 checked out.
    QCOMPARE(m_window->playhead()->position(), 17);
    QCOMPARE(m_window->inspector()->details().event.type, QStringLiteral("CheckedOut"));
    StateTreeModel* state = m_window->inspector()->stateTab()->model();
    QCOMPARE(
        state->indexOfPath(QStringLiteral("/checkedOut")).siblingAtColumn(1).data().toString(), QStringLiteral("true"));
    QCOMPARE(
        state->indexOfPath(QStringLiteral("/total")).siblingAtColumn(1).data().toString(), QStringLiteral("92.49"));
    QVERIFY(timeline->hasFocus());
}

void TestMainWindow::selectingARowMovesThePlayhead()
{
    QTableView* table = m_window->eventsPane()->view();
    const QModelIndex row = table->model()->index(9, EventsModel::TypeColumn);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(row).center());
    QCOMPARE(m_window->playhead()->position(), 10);
    QCOMPARE(m_window->timeline()->geometry().indexAt(
                 m_window->timeline()->geometry().xOf(m_window->playhead()->axisIndex())),
        9);
    // Keyboard in the table moves it too.
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(m_window->playhead()->position(), 11);
}

void TestMainWindow::choosingAStreamNarrowsEverything()
{
    QTreeView* streams = m_window->streamsPane()->view();
    const QModelIndex cart2 = streams->model()
                                  ->match(streams->model()->index(0, 0), StreamsModel::StreamIdRole,
                                      QStringLiteral("cart-2"), 1, Qt::MatchExactly)
                                  .value(0);
    QVERIFY(cart2.isValid());
    QTest::mouseClick(streams->viewport(), Qt::LeftButton, {}, streams->visualRect(cart2).center());
    QCOMPARE(m_window->playhead()->stream(), QStringLiteral("cart-2"));
    QTRY_COMPARE(m_window->eventsPane()->view()->model()->rowCount(), 6);
    QCOMPARE(m_window->timeline()->geometry().count, 6);
    QCOMPARE(m_window->playhead()->currentStream(), QStringLiteral("cart-2"));
    // Stepping stays in the stream.
    QTest::keyClick(m_window->timeline(), Qt::Key_Home);
    QTest::keyClick(m_window->timeline(), Qt::Key_Right);
    QCOMPARE(m_window->playhead()->currentStream(), QStringLiteral("cart-2"));
    QCOMPARE(m_window->playhead()->history()->index().entry(m_window->playhead()->row()).version, 2);
    // "All streams" brings everything back.
    QTest::mouseClick(
        streams->viewport(), Qt::LeftButton, {}, streams->visualRect(streams->model()->index(0, 0)).center());
    QVERIFY(m_window->playhead()->stream().isEmpty());
    QTRY_COMPARE(m_window->eventsPane()->view()->model()->rowCount(), 38);
    // Filtering the streams list.
    QTest::keyClicks(m_window->streamsPane()->filterEdit(), QStringLiteral("account"));
    QCOMPARE(streams->model()->rowCount(), 4);
}

void TestMainWindow::searchAndFiltersNarrowTheTable()
{
    EventsPane* pane = m_window->eventsPane();
    QTest::keyClicks(pane->searchEdit(), QStringLiteral("payroll"));
    QTRY_COMPARE(pane->view()->model()->rowCount(), 5);
    pane->searchEdit()->clear();
    QTRY_COMPARE(pane->view()->model()->rowCount(), 38);
    pane->typeFilter()->setChecked(QStringLiteral("CheckedOut"), true);
    QTRY_COMPARE(pane->view()->model()->rowCount(), 2);
    QCOMPARE(pane->typeFilter()->text(), QStringLiteral("CheckedOut"));
    pane->typeFilter()->setExcluding(true);
    QTRY_COMPARE(pane->view()->model()->rowCount(), 36);
    QCOMPARE(pane->typeFilter()->text(), QStringLiteral("Not CheckedOut"));
    pane->typeFilter()->setChecked(QStringLiteral("CheckedOut"), false);
    QTRY_COMPARE(pane->view()->model()->rowCount(), 38);
    QTRY_VERIFY(pane->actorFilter()->choiceCount() > 3); // the actors are collected in the background
    pane->actorFilter()->setChecked(QStringLiteral("erin"), true);
    QTRY_COMPARE(pane->view()->model()->rowCount(), 6);
    QCOMPARE(pane->countLabel()->text(), QStringLiteral("6 of 38 events"));
    pane->actorFilter()->setChecked(QStringLiteral("erin"), false);
    QTRY_COMPARE(pane->view()->model()->rowCount(), 38);
}

void TestMainWindow::stateShowsMoneyAndHighlightsTheChange()
{
    // cart-1 v3: the quantity of the mug went to 3; the total followed.
    m_window->playhead()->goToVersion(3, QStringLiteral("cart-1"));
    StateTreeModel* state = m_window->inspector()->stateTab()->model();
    const QModelIndex quantity = state->indexOfPath(QStringLiteral("/items/MG-007/quantity"));
    QCOMPARE(quantity.siblingAtColumn(1).data().toString(), QStringLiteral("3"));
    QVERIFY(quantity.data(StateTreeModel::ChangedRole).toBool());
    QCOMPARE(state->indexOfPath(QStringLiteral("/items/MG-007/unitPrice")).siblingAtColumn(1).data().toString(),
        QStringLiteral("12.50"));
    QVERIFY(!state->indexOfPath(QStringLiteral("/items/BK-101")).data(StateTreeModel::ChangedRole).toBool());
    QTreeView* tree = m_window->inspector()->stateTab()->view();
    QVERIFY(tree->isExpanded(state->indexOfPath(QStringLiteral("/items/MG-007"))));
    // Dim unchanged, as a person would: tick the box.
    m_window->inspector()->setCurrentIndex(Inspector::StateTabIndex);
    QCheckBox* dim = m_window->inspector()->stateTab()->dimBox();
    QTest::mouseClick(dim, Qt::LeftButton, {}, QPoint(8, dim->height() / 2));
    QVERIFY(dim->isChecked());
    QVERIFY(state->indexOfPath(QStringLiteral("/items/BK-101/quantity")).data(Qt::ForegroundRole).isValid());
}

void TestMainWindow::diffShowsOldAndNew()
{
    m_window->playhead()->goToVersion(3, QStringLiteral("account-1")); // Withdrawn 100
    DiffModel* diff = m_window->inspector()->diffTab()->model();
    QCOMPARE(diff->rowCount(), 1);
    QCOMPARE(diff->index(0, DiffModel::PathColumn).data().toString(), QStringLiteral("/balance"));
    QCOMPARE(diff->index(0, DiffModel::ValueColumn).data().toString(), QStringLiteral("1,000.00 \u2192 900.00"));
    QCOMPARE(diff->index(0, DiffModel::ChangeColumn).data().toString(), QStringLiteral("~ changed"));
    m_window->playhead()->goToVersion(1, QStringLiteral("cart-1")); // an item added
    QVERIFY(diff->rowCount() >= 2);
    QVERIFY(diff->index(0, 0).data().toString().startsWith(QLatin1Char('+'))
        || diff->index(1, 0).data().toString().startsWith(QLatin1Char('+')));
}

void TestMainWindow::eventTabShowsRawJsonAndMetadata()
{
    m_window->playhead()->goToVersion(2, QStringLiteral("account-1"));
    m_window->inspector()->showTab(QStringLiteral("event"));
    const QString text = m_window->inspector()->eventTab()->textView()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("\"metadata\": {")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("\"amount\": 1000")));
    QVERIFY(text.indexOf(QStringLiteral("\"stream\"")) < text.indexOf(QStringLiteral("\"data\"")));
    // At an anomaly, the finding is below the event, marked as not part of it.
    m_window->playhead()->goToFirst();
    m_window->playhead()->goToNextAnomaly();
    const QString anomaly = m_window->inspector()->eventTab()->textView()->toPlainText();
    QVERIFY(anomaly.contains(QStringLiteral("not in the log")));
}

void TestMainWindow::chartPlotsTheStreamValue()
{
    m_window->playhead()->goToVersion(5, QStringLiteral("account-3"));
    m_window->inspector()->showTab(QStringLiteral("chart"));
    ChartTab* chart = m_window->inspector()->chartTab();
    chart->waitForChart();
    QCOMPARE(chart->series().stream, QStringLiteral("account-3"));
    QCOMPARE(chart->series().path, QStringLiteral("/balance"));
    double lowest = 0;
    for (const QPointF& p : chart->series().values)
        lowest = std::min(lowest, p.y());
    QCOMPARE(lowest, -150.0); // the overdraft is on the chart
    QCOMPARE(chart->series().anomalies.size(), 1);
    QVERIFY(!chart->series().snapshots.isEmpty());
}

void TestMainWindow::staleSnapshotIsFlagged()
{
    // account-2 v3 carries the snapshot that no longer matches the replay.
    m_window->playhead()->goToVersion(3, QStringLiteral("account-2"));
    const auto& details = m_window->inspector()->details();
    QVERIFY(details.snapshot);
    QVERIFY(!details.snapshot->matches);
    auto* note = m_window->inspector()->diffTab()->findChild<QLabel*>(QStringLiteral("diffAnomalies"));
    QVERIFY(note->text().contains(QStringLiteral("differs from the replay")));
    // The state shown is the replay's, not the stale snapshot's.
    QCOMPARE(m_window->inspector()
                 ->stateTab()
                 ->model()
                 ->indexOfPath(QStringLiteral("/balance"))
                 .siblingAtColumn(1)
                 .data()
                 .toString(),
        QStringLiteral("2,079.25"));
}

void TestMainWindow::goToTimeAnswersTheTemporalQuery()
{
    m_window->playhead()->setStream(QStringLiteral("account-1"));
    GoToTimeDialog dialog(m_window->playhead(), m_window);
    // Tuesday 4 August 2026, 14:00 UTC: after the payroll deposit, before the 15:20 withdrawal,
    // typed as a person types it.
    dialog.edit()->selectAll();
    QTest::keyClicks(dialog.edit(), QStringLiteral("2026-08-04 14:00:00"));
    QCOMPARE(dialog.msSinceEpoch(), QDateTime(QDate(2026, 8, 4), QTime(14, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    QVERIFY2(
        dialog.preview().contains(QStringLiteral("balance of account-1 then: 1,150.50")), qPrintable(dialog.preview()));
    QVERIFY(m_window->playhead()->goToTime(*dialog.msSinceEpoch()));
    QCOMPARE(m_window->inspector()
                 ->stateTab()
                 ->model()
                 ->indexOfPath(QStringLiteral("/balance"))
                 .siblingAtColumn(1)
                 .data()
                 .toString(),
        QStringLiteral("1,150.50"));
}

void TestMainWindow::goToTimeReadsTheTimeAsWritten_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("utc"); // empty: no time
    QTest::newRow("space") << "2026-08-05 12:00:00"
                           << "2026-08-05T12:00:00Z";
    QTest::newRow("T and Z") << "2026-08-05T12:00:00Z"
                             << "2026-08-05T12:00:00Z";
    QTest::newRow("no seconds") << "2026-08-05 12:00"
                                << "2026-08-05T12:00:00Z";
    QTest::newRow("one-digit hour") << "2026-08-05 9:30"
                                    << "2026-08-05T09:30:00Z";
    QTest::newRow("milliseconds") << "2026-08-05 12:00:00.250"
                                  << "2026-08-05T12:00:00.250Z";
    QTest::newRow("offset") << "2026-08-05T14:00:00+02:00"
                            << "2026-08-05T12:00:00Z";
    QTest::newRow("date") << "2026-08-05"
                          << "2026-08-05T00:00:00Z";
    QTest::newRow("pasted with spaces") << "  2026-08-05 12:00:00 "
                                        << "2026-08-05T12:00:00Z";
    QTest::newRow("epoch ms") << "1785931200000"
                              << "2026-08-05T12:00:00Z";
    QTest::newRow("half typed") << "2026-08-0"
                                << "";
    QTest::newRow("no month 13") << "2026-13-05 12:00"
                                 << "";
    QTest::newRow("words") << "yesterday"
                           << "";
}

void TestMainWindow::goToTimeReadsTheTimeAsWritten()
{
    QFETCH(QString, text);
    QFETCH(QString, utc);
    GoToTimeDialog dialog(m_window->playhead(), m_window);
    dialog.edit()->clear();
    QTest::keyClicks(dialog.edit(), text);
    const std::optional<qint64> time = dialog.msSinceEpoch();
    QCOMPARE(time.has_value(), !utc.isEmpty());
    if (time)
        QCOMPARE(formatTime(*time), utc);
    else
        QVERIFY(dialog.preview().startsWith(QStringLiteral("Not a time")));
}

void TestMainWindow::playsAndStopsAtTheEnd()
{
    Player* player = m_window->player();
    m_window->playhead()->goToLast();
    m_window->playhead()->step(-3);
    player->setSpeed(200);
    QSignalSpy playing(player, &Player::playingChanged);
    player->play();
    QVERIFY(player->isPlaying());
    QTRY_VERIFY(!player->isPlaying());
    QCOMPARE(m_window->playhead()->position(), 38);
    QCOMPARE(playing.count(), 2);
    // Playing from the end starts over.
    player->setSpeed(1);
    player->play();
    QCOMPARE(m_window->playhead()->position(), 1);
    player->pause();
}

void TestMainWindow::opensInTheBackgroundAndRemembersTheFile()
{
    MainWindow window(MainWindow::Memory::Remember);
    QSignalSpy loaded(window.loader(), &HistoryLoader::loaded);
    // A copy of the demo under another name, so it counts as a file the user opened.
    const QString copy = m_dir.filePath(QStringLiteral("copy.rewind"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(RewindTest::demoPath(), copy));
    window.openFile(copy);
    QVERIFY(window.loader()->isBusy() || loaded.count() == 1);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(window.playhead()->axisCount(), 38);
    QCOMPARE(window.recentFiles()->files().value(0), QFileInfo(copy).absoluteFilePath());
}

void TestMainWindow::cancelDropsTheResult()
{
    HistoryLoader loader;
    QSignalSpy loaded(&loader, &HistoryLoader::loaded);
    QSignalSpy cancelled(&loader, &HistoryLoader::cancelled);
    const int first = loader.load(RewindTest::demoPath());
    loader.cancel();
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(cancelled.first().first().toInt(), first);
    const int second = loader.load(RewindTest::demoPath());
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(loaded.first().first().toInt(), second); // the cancelled job never arrives
    QTest::qWait(50);
    QCOMPARE(loaded.count(), 1);
}

void TestMainWindow::badFileSaysWhy()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("just some notes\n");
    file.close();
    QVERIFY(!m_window->openNow(path).ok());
    QSignalSpy failed(m_window->loader(), &HistoryLoader::failed);
    m_window->openFile(path);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.first().at(2).value<Error>().toString().contains(QStringLiteral("not an event log")));
    QCOMPARE(m_window->playhead()->axisCount(), 38); // the open history stays
}

void TestMainWindow::readableRecordsOfABadLogOpen()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "{\"stream\":\"account-1\",\"type\":\"Opened\",\"at\":\"2026-08-03T09:00:00Z\",\"data\":{\"owner\":\"ada\"}}\n"
        "{\"stream\":\"account-1\",\"type\":\"Deposited\",\"at\":\"2026-08-03T09:01:00Z\",\"data\":{\"amount\":10}\n"
        "{\"stream\":\"account-1\",\"type\":\"Deposited\",\"at\":\"2026-08-03T09:02:00Z\",\"data\":{\"amount\":20}}\n"
        "not json at all\n"
        "{\"stream\":\"account-1\",\"type\":\"Withdrawn\",\"at\":\"2026-08-03T09:03:00Z\",\"data\":{\"amount\":5}}\n");
    file.close();
    const QByteArray before = [&] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    // Refused whole by an ordinary open, naming the line.
    QSignalSpy failed(m_window->loader(), &HistoryLoader::failed);
    m_window->openFile(path);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.first().at(2).value<Error>().toString().startsWith(path + QStringLiteral(":2:")));
    // Opened with its readable records, the bad lines listed.
    m_window->openReadableRecords({ path });
    QTRY_COMPARE(m_window->playhead()->axisCount(), 3);
    QCOMPARE(m_window->skippedRecords().size(), 2);
    QVERIFY(m_window->skippedRecords().at(0).startsWith(path + QStringLiteral(":2:")));
    QVERIFY(m_window->skippedRecords().at(1).startsWith(path + QStringLiteral(":4:")));
    QTRY_COMPARE(m_window->inspector()->details().after.at(QStringLiteral("/balance")).toDecimal()->toString(),
        QStringLiteral("15"));
    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before); // the file is never changed
}

void TestMainWindow::dropOpensTheFile()
{
    const QString copy = m_dir.filePath(QStringLiteral("dropped.rewind"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(RewindTest::demoPath(), copy));
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(copy) });
    QSignalSpy loaded(m_window->loader(), &HistoryLoader::loaded);
    QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(m_window, &drop);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(m_window->currentPath(), copy);
}

static QString formats(const char* name)
{
    return QStringLiteral(REWIND_TEST_DATA_DIR "/formats/") + QLatin1String(name);
}

void TestMainWindow::opensSeveralFilesMergedByTime()
{
    // January's JSON Lines and February's CSV: one history, ordered by time across the files.
    const QStringList paths = { formats("merge-january.jsonl"), formats("merge-february.csv") };
    QVERIFY(m_window->openNow(paths));
    QCOMPARE(m_window->currentPaths(), paths);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("merge-january.jsonl + 1 more — Rewind"));
    const History* history = m_window->playhead()->history();
    QCOMPARE(history->index().size(), 6);
    QStringList order;
    qint64 previous = std::numeric_limits<qint64>::min();
    for (const auto& entry : history->index().entries()) {
        QVERIFY(entry.at >= previous);
        previous = entry.at;
        order.append(
            history->index().streamNames().value(entry.stream) + QLatin1Char(' ') + QString::number(entry.version));
    }
    QCOMPARE(order,
        QStringList({ QStringLiteral("account-1 1"), QStringLiteral("account-1 2"), QStringLiteral("account-1 3"),
            QStringLiteral("account-1 4"), QStringLiteral("account-2 1"), QStringLiteral("account-2 2") }));
    QCOMPARE(m_window->streamsPane()->view()->model()->rowCount(), 3); // all streams and the two

    // account-1 after its last event: opened by alice (January), +100 (January), +5 (CSV), −30 (CSV).
    m_window->playhead()->goToVersion(4, QStringLiteral("account-1"));
    StateTreeModel* state = m_window->inspector()->stateTab()->model();
    QCOMPARE(
        state->indexOfPath(QStringLiteral("/balance")).siblingAtColumn(1).data().toString(), QStringLiteral("75.00"));
    QCOMPARE(
        state->indexOfPath(QStringLiteral("/owner")).siblingAtColumn(1).data().toString(), QStringLiteral("\"alice\""));
}

void TestMainWindow::severalFilesAreOneRecentEntry()
{
    RecentFiles recent;
    recent.clear();
    const QStringList paths = { formats("merge-january.jsonl"), formats("merge-february.csv") };
    recent.add(formats("aliases.jsonl"));
    recent.add(paths);
    QCOMPARE(recent.files().size(), 2);
    QCOMPARE(RecentFiles::pathsOf(recent.files().first()),
        QStringList({ QFileInfo(paths.at(0)).absoluteFilePath(), QFileInfo(paths.at(1)).absoluteFilePath() }));
    QCOMPARE(RecentFiles::pathsOf(recent.files().at(1)),
        QStringList { QFileInfo(formats("aliases.jsonl")).absoluteFilePath() });
    // Opening the same set again moves it to the top instead of adding it twice.
    recent.add(formats("aliases.jsonl"));
    recent.add(paths);
    QCOMPARE(recent.files().size(), 2);

    QMenu menu;
    recent.fillMenu(&menu);
    QAction* first = menu.actions().first();
    QCOMPARE(first->text(), QStringLiteral("&1 merge-january.jsonl + 1 more"));
    QSignalSpy requested(&recent, &RecentFiles::openRequested);
    first->trigger();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().toStringList().size(), 2);
    recent.clear();
}

void TestMainWindow::dropOfSeveralFilesOpensThemMerged()
{
    QMimeData mime;
    mime.setUrls(
        { QUrl::fromLocalFile(formats("merge-january.jsonl")), QUrl::fromLocalFile(formats("merge-february.csv")) });
    QSignalSpy loaded(m_window->loader(), &HistoryLoader::loaded);
    QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(m_window, &drop);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(m_window->currentPaths().size(), 2);
    QCOMPARE(m_window->playhead()->axisCount(), 6);
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("merge-january.jsonl + 1 more")));
}

void TestMainWindow::opensWithAMappingInTheBackground()
{
    const QString custom = formats("custom.jsonl");
    // Without a mapping the open fails with an error the mapping dialog is offered for.
    QSignalSpy failed(m_window->loader(), &HistoryLoader::failed);
    m_window->openFile(custom);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(MappingDialog::canHelpWith(custom, failed.first().at(2).value<Error>()));
    QCOMPARE(m_window->playhead()->axisCount(), 38); // the demo stays

    const auto mapping = FieldMapping::load(formats("custom-mapping.json"));
    QVERIFY(mapping.ok());
    QSignalSpy loaded(m_window->loader(), &HistoryLoader::loaded);
    m_window->openFiles({ custom }, *mapping);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(m_window->currentPath(), custom);
    QCOMPARE(m_window->playhead()->axisCount(), 3);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("custom.jsonl — Rewind"));
}

void TestMainWindow::choosingADomainFoldsTheStreamAgain()
{
    Playhead* playhead = m_window->playhead();
    playhead->setStream(QStringLiteral("account-2"));
    playhead->setPosition(10);
    auto* menu = m_window->findChild<QMenu*>(QStringLiteral("domainMenu"));
    QVERIFY(menu);
    const auto action = [menu](const QString& domain) -> QAction* {
        emit menu->aboutToShow();
        for (QAction* candidate : menu->actions()) {
            if (candidate->isCheckable() && candidate->data().toString() == domain)
                return candidate;
        }
        return nullptr;
    };
    QVERIFY(menu->isEnabled());
    QVERIFY(action({})->isChecked()); // automatic
    QVERIFY(action(QStringLiteral("bank")) && !action(QStringLiteral("bank"))->isChecked());

    QSignalSpy analysed(m_window->loader(), &HistoryLoader::analysed);
    action(QStringLiteral("generic"))->trigger();
    QTRY_COMPARE(analysed.count(), 1);
    const History* history = playhead->history();
    QCOMPARE(history->domainOf(QStringLiteral("account-2")).name(), QStringLiteral("generic"));
    QCOMPARE(history->domainOf(QStringLiteral("account-1")).name(), QStringLiteral("bank"));
    // The playhead stays where the person was.
    QCOMPARE(playhead->stream(), QStringLiteral("account-2"));
    QCOMPARE(playhead->position(), 10);
    // The streams pane says so, and the state is now the merge of the events' data.
    QTreeView* streams = m_window->streamsPane()->view();
    const QModelIndex row = streams->model()
                                ->match(streams->model()->index(0, 0), StreamsModel::StreamIdRole,
                                    QStringLiteral("account-2"), 1, Qt::MatchExactly)
                                .value(0);
    QCOMPARE(row.siblingAtColumn(StreamsModel::DomainColumn).data().toString(), QStringLiteral("generic"));
    const auto state = history->stateAt(QStringLiteral("account-2"), 10);
    QVERIFY(state);
    QCOMPARE(state->state->toJson().value(QStringLiteral("amount")).toDouble(), 420.75);
    QVERIFY(!state->state->toJson().contains(QStringLiteral("balance")));
    QVERIFY(action(QStringLiteral("generic"))->isChecked());

    // Automatic again: bank, as the event types say.
    action({})->trigger();
    QTRY_COMPARE(analysed.count(), 2);
    QCOMPARE(playhead->history()->domainOf(QStringLiteral("account-2")).name(), QStringLiteral("bank"));
    QCOMPARE(playhead->position(), 10);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
