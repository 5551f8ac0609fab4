// The lesson from the window: commands sent and refused, a conflict with another writer, the
// demo's writable copy, a foreign log imported, the fold and the CRUD row following the playhead,
// snapshots taken and their cost, a stale snapshot shown for what it is.
#include "models/foldmodel.h"
#include "models/statetreemodel.h"
#include "panes/eventspane.h"
#include "panes/inspector.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "store/eventstore.h"
#include "teaching/commandspanel.h"
#include "teaching/crudtab.h"
#include "teaching/foldtab.h"
#include "teaching/projectionstab.h"
#include "teaching/snapshotstab.h"
#include "uitesthelpers.h"
#include "window/mainwindow.h"
#include "window/teachingtools.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace Rewind;

namespace {

qint64 eventsIn(const QString& store)
{
    auto opened = EventStore::open(store);
    if (!opened)
        return -1;
    return (*opened)->eventCount().value_or(-1);
}

QByteArray checksum(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestTeaching : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void theDemoOpensAsAWritableCopy();
    void anAcceptedCommandAppendsAndMovesThePlayhead();
    void aRefusedCommandAppendsNothing();
    void aConflictIsShownAndRetried();
    void aNewStreamStartsWithItsFirstCommand();
    void theCommandsPanelIsDrivenByKeys();
    void aForeignLogIsImportedBeforeCommands();
    void saveDemoAsKeepsWhatWasSent();
    void theFoldFollowsThePlayhead();
    void theCrudRowFollowsAndTheLogAnswers();
    void aSnapshotTakenHereShortensTheLoad();
    void aStaleSnapshotIsShownForWhatItIs();
    void aProjectionIsRebuiltFromTheWholeHistory();

private:
    void waitForLoad() const;
    CommandsPanel* panel() const { return m_window->teaching()->commandsPanel(); }
    MainWindow* m_window = nullptr;
    QTemporaryDir m_dir;
};

void TestTeaching::initTestCase()
{
    RewindTest::setUpApplication();
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
}

void TestTeaching::init()
{
    m_window = new MainWindow(MainWindow::Memory::Forget);
    m_window->resize(1400, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->openDemo();
    waitForLoad();
}

void TestTeaching::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestTeaching::waitForLoad() const
{
    QTRY_VERIFY(m_window->playhead()->history() && !m_window->loader()->isBusy());
    QTRY_VERIFY(m_window->playhead()->history()->isAnalyzed());
}

void TestTeaching::theDemoOpensAsAWritableCopy()
{
    const QString shown = m_window->currentPath();
    QVERIFY(m_window->teaching()->isDemoCopy(shown));
    QVERIFY(shown != RewindTest::demoPath());
    QCOMPARE(panel()->storePath(), shown);
    QCOMPARE(eventsIn(shown), 38);
}

void TestTeaching::anAcceptedCommandAppendsAndMovesThePlayhead()
{
    const QString store = m_window->currentPath();
    const QByteArray bundled = checksum(RewindTest::demoPath());
    m_window->playhead()->setPosition(12); // somewhere in the past: the new event is at the end
    panel()->choose(QStringLiteral("account-1"), QStringLiteral("withdraw"));
    panel()->setArgument(QStringLiteral("amount"), QStringLiteral("275"));
    panel()->setArgument(QStringLiteral("by"), QStringLiteral("teacher"));
    QCOMPARE(panel()->send(), CommandsPanel::Outcome::Accepted);
    QVERIFY2(panel()->outcomeText().contains(QStringLiteral("Withdrawn v11")), qPrintable(panel()->outcomeText()));
    QCOMPARE(eventsIn(store), 39);
    // The timeline grows and the playhead moves to the new event; the state shows what it did.
    QTRY_COMPARE(m_window->playhead()->position(), 39);
    QTRY_COMPARE(m_window->eventsPane()->view()->model()->rowCount(), 39);
    QTRY_VERIFY(m_window->inspector()->details().isValid());
    QCOMPARE(m_window->inspector()->details().event.type, QStringLiteral("Withdrawn"));
    QCOMPARE(m_window->inspector()->details().after.value(QStringLiteral("balance")).toDecimal()->toString(),
        QStringLiteral("2000"));
    // The command (imperative) beside the event it became (past tense).
    QTreeWidgetItem* sent = panel()->sentList()->topLevelItem(0);
    QVERIFY(sent);
    QCOMPARE(sent->text(0), QStringLiteral("withdraw amount=275 by=teacher"));
    QCOMPARE(sent->text(1), QStringLiteral("→ Withdrawn v11"));
    QCOMPARE(sent->text(2), QStringLiteral("account-1"));
    // The bundled demo itself is never written.
    QCOMPARE(checksum(RewindTest::demoPath()), bundled);
}

void TestTeaching::aRefusedCommandAppendsNothing()
{
    const QString store = m_window->currentPath();
    const QByteArray before = checksum(store);
    panel()->choose(QStringLiteral("account-1"), QStringLiteral("withdraw"));
    panel()->setArgument(QStringLiteral("amount"), QStringLiteral("1000000"));
    QCOMPARE(panel()->send(), CommandsPanel::Outcome::Refused);
    QVERIFY2(panel()->outcomeText().contains(QStringLiteral("insufficient funds")), qPrintable(panel()->outcomeText()));
    QVERIFY(panel()->outcomeText().contains(QStringLiteral("Nothing was appended")));
    QCOMPARE(eventsIn(store), 38);
    QCOMPARE(checksum(store), before);
    QCOMPARE(m_window->eventsPane()->view()->model()->rowCount(), 38);
    QCOMPARE(panel()->sentList()->topLevelItem(0)->text(1), QStringLiteral("refused: insufficient funds"));
    // A bad argument is refused with its own reason.
    panel()->choose(QStringLiteral("account-1"), QStringLiteral("deposit"));
    panel()->setArgument(QStringLiteral("amount"), QStringLiteral("-5"));
    QCOMPARE(panel()->send(), CommandsPanel::Outcome::Refused);
    QVERIFY(panel()->outcomeText().contains(QStringLiteral("amount must be positive")));
    QCOMPARE(panel()->sentList()->topLevelItemCount(), 2);
}

void TestTeaching::aConflictIsShownAndRetried()
{
    const QString store = m_window->currentPath();
    // Another program appends to account-2 after the window read it.
    QProcess cli;
    cli.start(QStringLiteral(REWIND_CLI_PATH),
        { QStringLiteral("command"), store, QStringLiteral("--stream"), QStringLiteral("account-2"),
            QStringLiteral("deposit"), QStringLiteral("amount=5"), QStringLiteral("by=zoe") });
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    panel()->choose(QStringLiteral("account-2"), QStringLiteral("deposit"));
    panel()->setArgument(QStringLiteral("amount"), QStringLiteral("10"));
    QCOMPARE(panel()->send(), CommandsPanel::Outcome::Conflict);
    QVERIFY2(panel()->outcomeText().contains(QStringLiteral("another program")), qPrintable(panel()->outcomeText()));
    QCOMPARE(eventsIn(store), 39);
    QVERIFY(panel()->retryButton()->isVisibleTo(panel()));
    // Retry: the history is read again and the command decided against the new state.
    QTest::mouseClick(panel()->retryButton(), Qt::LeftButton);
    QTRY_COMPARE(panel()->lastOutcome(), CommandsPanel::Outcome::Accepted);
    QCOMPARE(eventsIn(store), 40);
    QTRY_COMPARE(m_window->playhead()->position(), 40);
    QTRY_COMPARE(m_window->playhead()->currentStream(), QStringLiteral("account-2"));
    QVERIFY(!panel()->retryButton()->isVisibleTo(panel()));
}

void TestTeaching::aNewStreamStartsWithItsFirstCommand()
{
    panel()->choose(QStringLiteral("account-9"), QStringLiteral("open"), QStringLiteral("bank"));
    QVERIFY(panel()->domainBox()->isVisibleTo(panel()));
    panel()->setArgument(QStringLiteral("owner"), QStringLiteral("zoe"));
    QCOMPARE(panel()->send(), CommandsPanel::Outcome::Accepted);
    QTRY_COMPARE(m_window->playhead()->currentStream(), QStringLiteral("account-9"));
    QCOMPARE(m_window->playhead()->history()->domainOf(QStringLiteral("account-9")).name(), QStringLiteral("bank"));
    // And a cart, whose checkout of nothing is refused.
    panel()->choose(QStringLiteral("cart-9"), QStringLiteral("check-out"), QStringLiteral("cart"));
    QCOMPARE(panel()->send(), CommandsPanel::Outcome::Refused);
    QVERIFY(panel()->outcomeText().contains(QStringLiteral("cart is empty")));
}

void TestTeaching::theCommandsPanelIsDrivenByKeys()
{
    QDockWidget* dock = m_window->teaching()->commandsDock();
    QVERIFY(!dock->isVisible());
    QTest::keyClick(m_window, Qt::Key_F9);
    QTRY_VERIFY(dock->isVisible());
    m_window->playhead()->setPosition(38); // account-1's last event: the panel follows its stream
    QCOMPARE(panel()->streamBox()->currentText(), QStringLiteral("account-1"));
    panel()->commandBox()->setCurrentText(QStringLiteral("deposit"));
    auto* amount = panel()->findChild<QLineEdit*>(QStringLiteral("argument_amount"));
    QVERIFY(amount);
    amount->setFocus();
    QTest::keyClicks(amount, QStringLiteral("12.34"));
    QTest::keyClick(amount, Qt::Key_Return);
    QCOMPARE(panel()->lastOutcome(), CommandsPanel::Outcome::Accepted);
    QTRY_COMPARE(m_window->playhead()->position(), 39);
    QCOMPARE(amount->text(), QString()); // ready for the next one
}

void TestTeaching::aForeignLogIsImportedBeforeCommands()
{
    const QString log = m_dir.filePath(QStringLiteral("bank.jsonl"));
    QProcess cli;
    cli.setStandardOutputFile(log);
    cli.start(QStringLiteral(REWIND_CLI_PATH), { QStringLiteral("events"), RewindTest::demoPath() });
    QVERIFY(cli.waitForFinished(30000));
    const QByteArray logBefore = checksum(log);
    m_window->openFile(log);
    QTRY_COMPARE(m_window->currentPath(), log);
    waitForLoad();
    QVERIFY(panel()->storePath().isEmpty());
    auto* why = panel()->findChild<QLabel*>(QStringLiteral("commandsReadOnly"));
    QVERIFY(why->text().contains(QStringLiteral("import it into a new store")));
    QCOMPARE(panel()->send(), CommandsPanel::Outcome::None);

    const QString store = m_dir.filePath(QStringLiteral("imported.rewind"));
    QVERIFY(m_window->teaching()->importIntoNewStore(store));
    QTRY_COMPARE(m_window->currentPath(), store);
    waitForLoad();
    QCOMPARE(eventsIn(store), 38);
    QCOMPARE(panel()->storePath(), store);
    QCOMPARE(checksum(log), logBefore); // the log the person opened is never written
    // A second import to the same name is refused rather than overwriting a store.
    const Status again = m_window->teaching()->importIntoNewStore(store);
    QVERIFY(!again);
    QVERIFY(again.error().message.contains(QStringLiteral("already there")));
}

void TestTeaching::saveDemoAsKeepsWhatWasSent()
{
    panel()->choose(QStringLiteral("cart-1"), QStringLiteral("add-item"));
    panel()->setArgument(QStringLiteral("sku"), QStringLiteral("SKU-9"));
    panel()->setArgument(QStringLiteral("unitPrice"), QStringLiteral("3.50"));
    QCOMPARE(panel()->send(), CommandsPanel::Outcome::Refused); // cart-1 is checked out
    panel()->choose(QStringLiteral("cart-3"), QStringLiteral("add-item"), QStringLiteral("cart"));
    panel()->setArgument(QStringLiteral("sku"), QStringLiteral("SKU-9"));
    panel()->setArgument(QStringLiteral("unitPrice"), QStringLiteral("3.50"));
    QCOMPARE(panel()->send(), CommandsPanel::Outcome::Accepted);
    QTRY_COMPARE(m_window->playhead()->position(), 39);
    const QString kept = m_dir.filePath(QStringLiteral("lesson.rewind"));
    QVERIFY(m_window->teaching()->saveDemoAs(kept));
    QCOMPARE(eventsIn(kept), 39);
    QTRY_COMPARE(m_window->currentPath(), kept);
    waitForLoad();
    QCOMPARE(panel()->storePath(), kept);
}

void TestTeaching::theFoldFollowsThePlayhead()
{
    FoldTab* fold = m_window->teaching()->foldTab();
    QVERIFY(m_window->inspector()->showTab(QStringLiteral("fold")));
    QTRY_VERIFY(fold->isVisible());
    m_window->playhead()->setPosition(18); // account-1 v5: Withdrawn 92.49
    FoldModel* model = fold->model();
    QCOMPARE(model->stream(), QStringLiteral("account-1"));
    QCOMPARE(model->rowCount(), 10);
    QCOMPARE(model->currentRow(), 4);
    const int balance = FoldModel::FirstFieldColumn + int(model->fields().indexOf(QStringLiteral("/balance")));
    QVERIFY(balance >= FoldModel::FirstFieldColumn);
    // Row by row, the state after each event: the lesson's fold written out.
    const QStringList balances = { QStringLiteral("0.00"), QStringLiteral("1,000.00"), QStringLiteral("900.00"),
        QStringLiteral("1,150.50"), QStringLiteral("1,058.01") };
    for (int row = 0; row < balances.size(); ++row)
        QCOMPARE(model->index(row, balance).data().toString(), balances.at(row));
    QCOMPARE(model->index(2, model->handlerColumn()).data().toString(),
        QStringLiteral("balance -= amount (below 0: overdraft)"));
    QVERIFY(model->index(2, balance).data(FoldModel::ChangedRole).toBool());
    QVERIFY(!model->index(0, balance).data(FoldModel::ChangedRole).toBool()); // Opened sets the owner only
    QCOMPARE(fold->view()->currentIndex().row(), 4);
    // Rows after the playhead are not folded yet: drawn greyed.
    QVERIFY(model->index(6, 0).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model->index(3, 0).data(Qt::ForegroundRole).isValid());
    // The fold's last row equals the state the inspector shows at the stream's head.
    m_window->playhead()->setPosition(38);
    QCOMPARE(model->currentRow(), 9);
    QCOMPARE(model->index(9, balance).data().toString(), QStringLiteral("2,275.00"));
    // Another stream, another fold; Return on a row goes to its event.
    m_window->playhead()->setPosition(32); // cart-2 v6
    QCOMPARE(model->stream(), QStringLiteral("cart-2"));
    QVERIFY(model->fields().contains(QStringLiteral("/checkedOut")));
    fold->view()->setFocus();
    QTest::keyClick(fold->view(), Qt::Key_Home, Qt::ControlModifier);
    QTest::keyClick(fold->view(), Qt::Key_Return);
    QTRY_COMPARE(m_window->playhead()->currentStream(), QStringLiteral("cart-2"));
    QCOMPARE(model->currentRow(), 0);
}

void TestTeaching::theCrudRowFollowsAndTheLogAnswers()
{
    CrudTab* crud = m_window->teaching()->crudTab();
    QVERIFY(m_window->inspector()->showTab(QStringLiteral("crud")));
    m_window->playhead()->setPosition(18); // account-1 v5: Withdrawn 92.49 by alice
    QTRY_COMPARE(crud->row()->item(0, 0)->text(), QStringLiteral("\"account-1\""));
    QStringList headers;
    for (int c = 0; c < crud->row()->columnCount(); ++c)
        headers.append(crud->row()->horizontalHeaderItem(c)->text());
    const int balance = int(headers.indexOf(QStringLiteral("balance")));
    QVERIFY(balance > 0);
    QCOMPARE(crud->row()->item(0, balance)->text(), QStringLiteral("1,058.01"));
    QVERIFY2(crud->updateText().startsWith(QStringLiteral("UPDATE bank SET balance = 1058.01 WHERE id = 'account-1'")),
        qPrintable(crud->updateText()));
    // The row has overwritten 1,150.50; the log still has it, and who did it.
    QTest::mouseClick(crud->findChild<QPushButton*>(QStringLiteral("askValueBefore")), Qt::LeftButton);
    QVERIFY2(crud->answerText().contains(QStringLiteral("1,150.50")), qPrintable(crud->answerText()));
    QTest::mouseClick(crud->findChild<QPushButton*>(QStringLiteral("askWhoAndWhen")), Qt::LeftButton);
    QVERIFY(crud->answerText().contains(QStringLiteral("payroll")));
    QVERIFY(crud->answerText().contains(QStringLiteral("2026-08-04 15:20")));
    QTest::mouseClick(crud->findChild<QPushButton*>(QStringLiteral("askHowItGotHere")), Qt::LeftButton);
    QVERIFY2(crud->answerText().contains(QStringLiteral("5 events")), qPrintable(crud->answerText()));
    QVERIFY(crud->answerText().contains(QStringLiteral("2 × Deposited")));
    // It follows the playhead.
    m_window->playhead()->setPosition(38);
    QTRY_COMPARE(crud->row()->item(0, balance)->text(), QStringLiteral("2,275.00"));
}

void TestTeaching::aSnapshotTakenHereShortensTheLoad()
{
    SnapshotsTab* tab = m_window->teaching()->snapshotsTab();
    QVERIFY(m_window->inspector()->showTab(QStringLiteral("snapshots")));
    m_window->playhead()->setPosition(36); // account-1 v9; the demo has its snapshot at v5
    QSignalSpy measured(tab, &SnapshotsTab::measured);
    QTRY_VERIFY(measured.count() > 0 && tab->cost().stream == QStringLiteral("account-1") && tab->cost().version == 9);
    QCOMPARE(tab->cost().snapshotVersion, 5);
    QCOMPARE(tab->cost().eventsFromSnapshot, 4);
    QCOMPARE(tab->cost().eventsFromStart, 9);
    // Take one at v8: the load at v9 then folds one event instead of nine.
    m_window->playhead()->setPosition(33);
    QVERIFY(tab->takeSnapshotHere());
    QTRY_VERIFY(!m_window->loader()->isBusy());
    waitForLoad();
    QTRY_COMPARE(m_window->playhead()->position(), 33);
    QVERIFY(m_window->playhead()->snapshotMarks().contains(m_window->playhead()->history()->index().rowOf(33)));
    m_window->playhead()->setPosition(36);
    QTRY_VERIFY(tab->cost().version == 9 && tab->cost().snapshotVersion == 8);
    QCOMPARE(tab->cost().eventsFromSnapshot, 1);
    QVERIFY2(tab->costText().contains(QStringLiteral("1 event from snapshot v8")), qPrintable(tab->costText()));
    QVERIFY(tab->costText().contains(QStringLiteral("9 from the start")));
    QTRY_VERIFY(!tab->snapshotList()->findItems(QStringLiteral("8"), Qt::MatchExactly).isEmpty());
    auto store = EventStore::open(m_window->currentPath());
    QVERIFY(store);
    const auto stored = (*store)->snapshots(QStringLiteral("account-1"));
    QVERIFY(stored);
    QVERIFY(std::any_of(stored->cbegin(), stored->cend(), [](const Snapshot& s) { return s.version == 8; }));
}

void TestTeaching::aStaleSnapshotIsShownForWhatItIs()
{
    SnapshotsTab* tab = m_window->teaching()->snapshotsTab();
    QVERIFY(m_window->inspector()->showTab(QStringLiteral("snapshots")));
    // account-2's snapshot at v3 says 2500; the log says 2079.25.
    const qint64 v4 = RewindTest::positionOf(*m_window->playhead()->history(), QStringLiteral("account-2"), 4);
    m_window->playhead()->setPosition(v4);
    QTRY_VERIFY(tab->cost().stream == QStringLiteral("account-2") && tab->cost().version == 4);
    QCOMPARE(tab->cost().snapshotVersion, 3);
    QVERIFY(tab->cost().snapshotStale);
    QVERIFY2(tab->costText().contains(QStringLiteral("stale")), qPrintable(tab->costText()));
    QVERIFY(!(tab->cost().trusted == tab->cost().replayed));
    // What the window shows is the replay, never the stale snapshot.
    QTRY_VERIFY(m_window->inspector()->details().isValid());
    QCOMPARE(m_window->inspector()->details().after, tab->cost().replayed);
    const QList<QTreeWidgetItem*> stale = tab->snapshotList()->findItems(QStringLiteral("3"), Qt::MatchExactly);
    QCOMPARE(stale.size(), 1);
    QVERIFY(stale.first()->text(1).startsWith(QStringLiteral("STALE")));
    QVERIFY(stale.first()->text(1).contains(QStringLiteral("2500")));
}

void TestTeaching::aProjectionIsRebuiltFromTheWholeHistory()
{
    ProjectionsTab* tab = m_window->teaching()->projectionsTab();
    QVERIFY(m_window->inspector()->showTab(QStringLiteral("projections")));
    const auto balanceOf = [tab](const QString& owner) {
        return tab->readModel().at(QStringLiteral("/owners/%1/balance").arg(owner)).toDouble(-1);
    };
    m_window->playhead()->setPosition(18); // account-1 (alice's) v5
    QTRY_VERIFY(balanceOf(QStringLiteral("alice")) == 1058.01);
    QVERIFY2(tab->summaryText().contains(QStringLiteral("18 events")), qPrintable(tab->summaryText()));
    m_window->playhead()->setPosition(38);
    QTRY_VERIFY(balanceOf(QStringLiteral("alice")) == 2275.0);
    // The audit log: who did what.
    tab->projectionBox()->setCurrentIndex(1);
    QTRY_VERIFY(tab->readModel().toJson().contains("payroll"));
    // A projection file a person writes, loaded late, folds the same old events.
    const QString path = m_dir.filePath(QStringLiteral("count.js"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("({ init: () => ({ withdrawals: 0 }),\n"
               "   when: { Withdrawn: (s, e) => ({ withdrawals: s.withdrawals + 1 }) } })\n");
    file.close();
    QVERIFY(tab->loadProjection(path));
    QTRY_COMPARE(tab->readModel().at(QStringLiteral("/withdrawals")).toInteger().value_or(-1), qint64(10));
    // A broken file says where.
    const QString broken = m_dir.filePath(QStringLiteral("broken.js"));
    QFile bad(broken);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("({ init: () => ({}),\n  when: { Withdrawn: (s, e) => { return s; } \n");
    bad.close();
    const Status loaded = tab->loadProjection(broken);
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().toString().contains(QStringLiteral("broken.js")), qPrintable(loaded.error().toString()));
}

QTEST_MAIN(TestTeaching)
#include "tst_teaching.moc"
