#include "window/teachingtools.h"

#include "loading/backgroundpool.h"
#include "loading/demofile.h"
#include "panes/inspector.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "store/eventstore.h"
#include "teaching/commandspanel.h"
#include "teaching/crudtab.h"
#include "teaching/foldtab.h"
#include "teaching/projectionstab.h"
#include "teaching/snapshotstab.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTemporaryDir>

namespace Rewind {

TeachingTools::TeachingTools(MainWindow* window)
    : QObject(window)
    , m_window(window)
{
    Playhead* playhead = window->playhead();
    Inspector* inspector = window->inspector();
    m_fold = new FoldTab(playhead, inspector);
    m_crud = new CrudTab(playhead, inspector);
    m_snapshots = new SnapshotsTab(playhead, inspector);
    m_projections = new ProjectionsTab(playhead, inspector);
    inspector->addTab(m_fold, tr("F&old"));
    inspector->addTab(m_crud, tr("CR&UD"));
    inspector->addTab(m_snapshots, tr("Sna&pshots"));
    inspector->addTab(m_projections, tr("Pro&jections"));
    inspector->setTabToolTip(inspector->indexOf(m_fold), tr("The stream's fold written out, event by event (Ctrl+5)"));
    inspector->setTabToolTip(
        inspector->indexOf(m_crud), tr("The one row a CRUD table would keep, and what it forgets (Ctrl+6)"));
    inspector->setTabToolTip(
        inspector->indexOf(m_snapshots), tr("What a snapshot saves on load, and whether it can be trusted (Ctrl+7)"));
    inspector->setTabToolTip(inspector->indexOf(m_projections),
        tr("A read model rebuilt from every event up to the playhead: balances by owner, the audit log… (Ctrl+8)"));

    m_commands = new CommandsPanel(playhead, window);
    m_dock = new QDockWidget(tr("Commands"), window);
    m_dock->setObjectName(QStringLiteral("commandsDock"));
    m_dock->setWidget(m_commands);
    m_dock->setToolTip(tr("Send commands to the stream at the playhead: accepted ones append events, refused ones "
                          "append nothing"));
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();

    const auto goTo = [playhead](qint64 position) { playhead->setPosition(position); };
    connect(m_fold, &FoldTab::positionRequested, playhead, goTo);
    connect(m_crud, &CrudTab::positionRequested, playhead, goTo);
    connect(m_snapshots, &SnapshotsTab::positionRequested, playhead, goTo);
    connect(m_commands, &CommandsPanel::positionRequested, playhead, goTo);
    connect(m_crud, &CrudTab::timeQuestionAsked, window, &MainWindow::showGoToTime);
    connect(inspector, &Inspector::detailsChanged, m_crud, &CrudTab::setDetails);
    // What was written shows at once: the history is read again, the playhead on the new event.
    // The stream the person narrowed to (if any) stays: a command on another one does not narrow.
    connect(m_commands, &CommandsPanel::appended, window,
        [window, playhead](const QString&, qint64 position) { window->reloadAt(position, playhead->stream()); });
    connect(m_snapshots, &SnapshotsTab::snapshotTaken, window,
        [window, playhead](qint64 position) { window->reloadAt(position, playhead->stream()); });
    connect(m_commands, &CommandsPanel::reloadRequested, window, &MainWindow::reload);
    connect(m_commands, &CommandsPanel::importRequested, this, &TeachingTools::showImportDialog);
    connect(playhead, &Playhead::historyChanged, this, &TeachingTools::historyChanged);
}

TeachingTools::~TeachingTools() = default;

void TeachingTools::addActions(QMenu* file, QMenu* view, QMenu* stream)
{
    m_saveDemo = new QAction(tr("Save &Demo As…"), this);
    m_saveDemo->setObjectName(QStringLiteral("saveDemoAction"));
    m_saveDemo->setStatusTip(tr("Keep the demo, with the commands and snapshots sent to it, as a store of your own"));
    connect(m_saveDemo, &QAction::triggered, this, &TeachingTools::showSaveDemoDialog);
    m_import = new QAction(tr("&Import into a New Store…"), this);
    m_import->setObjectName(QStringLiteral("importAction"));
    m_import->setStatusTip(tr("Copy every event of the history shown into a new Rewind store, which can take "
                              "commands and snapshots"));
    connect(m_import, &QAction::triggered, this, &TeachingTools::showImportDialog);
    // Beside Reload, before the first separator.
    QAction* before = nullptr;
    for (QAction* action : file->actions()) {
        if (action->isSeparator()) {
            before = action;
            break;
        }
    }
    file->insertActions(before, { m_saveDemo, m_import });

    QAction* commands = m_dock->toggleViewAction();
    commands->setText(tr("&Commands"));
    commands->setShortcut(QKeySequence(Qt::Key_F9));
    commands->setStatusTip(tr("Show the Commands panel: send commands to the stream at the playhead"));
    view->addSeparator();
    view->addAction(commands);
    const QList<QWidget*> tabs { m_fold, m_crud, m_snapshots, m_projections };
    for (int i = 0; i < tabs.size(); ++i) {
        QWidget* tab = tabs.at(i);
        auto* show = new QAction(m_window->inspector()->tabText(m_window->inspector()->indexOf(tab)), this);
        show->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_5 + i)));
        connect(show, &QAction::triggered, this, [this, tab] { m_window->inspector()->setCurrentWidget(tab); });
        view->addAction(show);
    }

    m_takeSnapshot = new QAction(tr("Take &Snapshot Here"), this);
    m_takeSnapshot->setObjectName(QStringLiteral("takeSnapshotAction"));
    m_takeSnapshot->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_takeSnapshot->setStatusTip(tr("Store the state of the stream at the playhead as a snapshot"));
    connect(m_takeSnapshot, &QAction::triggered, this, [this] {
        m_window->inspector()->setCurrentWidget(m_snapshots);
        if (const Status taken = m_snapshots->takeSnapshotHere(); !taken)
            QMessageBox::warning(m_window, tr("Cannot take a snapshot"), taken.error().toString());
    });
    stream->addSeparator();
    stream->addAction(m_takeSnapshot);
    historyChanged();
}

void TeachingTools::historyChanged()
{
    const History* history = m_window->playhead()->history();
    const QStringList paths = m_window->currentPaths();
    QString store;
    QString whyNot;
    if (!history) {
        whyNot = tr("Open a history to send commands.");
    } else if (paths.size() != 1 || history->source().kind() != QLatin1String("rewind-store")) {
        whyNot = tr("Commands append to a Rewind store. This history is read from %1, which Rewind never "
                    "writes to: import it into a new store to send commands and take snapshots.")
                     .arg(paths.size() == 1 ? QFileInfo(paths.first()).fileName() : tr("several files"));
    } else if (!QFileInfo(paths.first()).isWritable()
        || !QFileInfo(QFileInfo(paths.first()).absolutePath()).isWritable()) {
        whyNot = tr("%1 cannot be written here (the file or its folder is read-only). Import it into a new store "
                    "to send commands.")
                     .arg(QFileInfo(paths.first()).fileName());
    } else {
        store = paths.first();
    }
    m_commands->setStore(store, whyNot);
    m_snapshots->setStore(store);
    if (m_saveDemo) {
        m_saveDemo->setEnabled(isDemoCopy(paths.value(0)));
        m_import->setEnabled(history != nullptr);
        m_takeSnapshot->setEnabled(!store.isEmpty());
    }
}

Result<QString> TeachingTools::demoCopy()
{
    const auto demo = DemoFile::ensure();
    if (!demo)
        return demo.error();
    if (!m_scratch) {
        m_scratch = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/rewind-demo-XXXXXX"));
        if (!m_scratch->isValid()) {
            const QString why = m_scratch->errorString();
            m_scratch.reset();
            return Error::failure(tr("cannot make a folder for the demo: %1").arg(why), QDir::tempPath());
        }
    }
    // A fresh copy each time: the demo a class starts from is always the same.
    const QString copy = m_scratch->filePath(QStringLiteral("demo-%1.rewind").arg(++m_demoCopies));
    if (!QFile::copy(*demo, copy))
        return Error::failure(tr("cannot copy the demo"), copy);
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    return copy;
}

bool TeachingTools::isDemoCopy(const QString& path) const
{
    return m_scratch && !path.isEmpty()
        && QFileInfo(path).absolutePath() == QFileInfo(m_scratch->path()).absoluteFilePath();
}

Status TeachingTools::saveDemoAs(const QString& target)
{
    const QString shown = m_window->currentPath();
    if (!isDemoCopy(shown))
        return Error::badInput(tr("the history shown is not the demo"));
    auto store = EventStore::open(shown);
    if (!store)
        return store.error();
    if (Status copied = (*store)->copyTo(target); !copied)
        return copied;
    m_window->openFile(target);
    return {};
}

void TeachingTools::showSaveDemoDialog()
{
    const QString target = QFileDialog::getSaveFileName(m_window, tr("Save Demo As"),
        QDir::homePath() + QStringLiteral("/demo.rewind"), tr("Rewind stores (*.rewind)"));
    if (target.isEmpty())
        return;
    if (const Status saved = saveDemoAs(target); !saved)
        QMessageBox::warning(m_window, tr("Cannot save the demo"), saved.error().toString());
}

Status TeachingTools::importIntoNewStore(const QString& target)
{
    const auto history = m_window->playhead()->sharedHistory();
    if (!history)
        return Error::badInput(tr("nothing is open"));
    if (QFileInfo::exists(target))
        return Error::badInput(tr("a file is already there: choose a new name"), target);
    const auto total = history->source().eventCount();
    QProgressDialog progress(tr("Importing into %1…").arg(QFileInfo(target).fileName()), tr("Cancel"), 0,
        int(std::min<qint64>(total.value_or(0), std::numeric_limits<int>::max())), m_window);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    // The copy runs on the background pool; the window keeps painting and the dialog can cancel.
    QFutureWatcher<Status> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<Status>::finished, &loop, &QEventLoop::quit);
    connect(&watcher, &QFutureWatcher<Status>::progressValueChanged, &progress, &QProgressDialog::setValue);
    connect(&progress, &QProgressDialog::canceled, &watcher, [&watcher] { watcher.cancel(); });
    watcher.setFuture(runInBackground<Status>([history, target](QPromise<Status>& promise) {
        Status written = [&]() -> Status {
            auto store = EventStore::create(target);
            if (!store)
                return store.error();
            return (*store)->import(history->source(), [&promise](qint64 done) {
                promise.setProgressValue(int(std::min<qint64>(done, std::numeric_limits<int>::max())));
                return !promise.isCanceled();
            });
        }();
        if (!written)
            EventStore::discard(target); // all or nothing: no half store is left behind
        promise.addResult(std::move(written));
    }));
    loop.exec();
    progress.reset();
    if (watcher.future().resultCount() == 0)
        return Error::cancelled(target);
    if (Status written = watcher.result(); !written)
        return written;
    m_window->openFile(target);
    return {};
}

void TeachingTools::showImportDialog()
{
    const QString base = QFileInfo(m_window->currentPath()).completeBaseName();
    const QString dir = m_window->currentPath().isEmpty() || isDemoCopy(m_window->currentPath())
        ? QDir::homePath()
        : QFileInfo(m_window->currentPath()).absolutePath();
    const QString target = QFileDialog::getSaveFileName(m_window, tr("Import into a New Store"),
        dir + QLatin1Char('/') + base + QStringLiteral(".rewind"), tr("Rewind stores (*.rewind)"));
    if (target.isEmpty())
        return;
    if (const Status imported = importIntoNewStore(target);
        !imported && imported.error().kind != Error::Kind::Cancelled)
        QMessageBox::warning(m_window, tr("Cannot import"), imported.error().toString());
}

} // namespace Rewind
