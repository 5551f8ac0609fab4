#include "window/mainwindow.h"

#include "dialogs/gototimedialog.h"
#include "dialogs/mappingdialog.h"
#include "loading/demofile.h"
#include "loading/historyloader.h"
#include "model/eventtime.h"
#include "models/eventsmodel.h"
#include "models/eventtext.h"
#include "models/pointdetails.h"
#include "models/whatifswitches.h"
#include "panes/choicefilter.h"
#include "panes/eventspane.h"
#include "panes/inspector.h"
#include "panes/statetab.h"
#include "panes/streamspane.h"
#include "playback/player.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "teaching/presentationmode.h"
#include "teaching/storybar.h"
#include "teaching/storyplayer.h"
#include "theme/icons.h"
#include "timeline/timelinewidget.h"
#include "window/placememory.h"
#include "window/recentfiles.h"
#include "window/teachingtools.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace Rewind {

MainWindow::MainWindow(Memory memory, QWidget* parent)
    : QMainWindow(parent)
    , m_memory(memory)
    , m_playhead(new Playhead(this))
    , m_player(new Player(m_playhead, this))
    , m_loader(new HistoryLoader(this))
    , m_recent(new RecentFiles(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Rewind"));
    setWindowIcon(Icons::application());
    setAcceptDrops(true);

    m_streams = new StreamsPane(m_playhead, this);
    m_events = new EventsPane(m_playhead, this);
    m_inspector = new Inspector(m_playhead, this);
    m_timeline = new TimelineWidget(m_playhead, this);
    m_presentation = new PresentationMode(
        this, m_timeline, { [this] { return m_textZoom; }, [this](int steps) { setTextZoom(steps); } });
    m_stories = new StoryPlayer({ this, m_playhead, m_player, m_inspector, [this] { return openDemoNow(); } });

    m_horizontal = new QSplitter(Qt::Horizontal, this);
    m_horizontal->setObjectName(QStringLiteral("paneSplitter"));
    m_horizontal->addWidget(m_streams);
    m_horizontal->addWidget(m_events);
    m_horizontal->addWidget(m_inspector);
    // The events table wants the width most (its summary column takes what is left); the streams
    // list needs little.
    m_horizontal->setStretchFactor(0, 0);
    m_horizontal->setStretchFactor(1, 3);
    m_horizontal->setStretchFactor(2, 1);
    const int ch = fontMetrics().averageCharWidth();
    m_horizontal->setSizes({ 34 * ch, 100 * ch, 38 * ch });
    m_horizontal->setChildrenCollapsible(false);

    auto* timelineBox = new QWidget(this);
    auto* timelineLayout = new QVBoxLayout(timelineBox);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(2);
    auto* timelineTitle = new QLabel(tr("<b>Timeline</b> — drag to move, wheel to zoom, "
                                        "\u2190 \u2192 one event, PgUp PgDn snapshots, Ctrl+\u2190 \u2192 anomalies"),
        timelineBox);
    timelineTitle->setObjectName(QStringLiteral("timelineTitle"));
    timelineTitle->setToolTip(tr("Click or drag to move the playhead; the wheel zooms, Shift+wheel pans. "
                                 "\u2190 \u2192 step one event, Home End go to the ends, PgUp PgDn jump "
                                 "between snapshots, Ctrl+\u2190 Ctrl+\u2192 between anomalies."));
    m_legend = new QLabel(timelineBox);
    m_legend->setObjectName(QStringLiteral("timelineLegend"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* timelineHeader = new QHBoxLayout;
    timelineHeader->addWidget(timelineTitle);
    timelineHeader->addWidget(m_legend, 1);
    timelineLayout->addLayout(timelineHeader);
    timelineLayout->addWidget(m_timeline);

    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->setObjectName(QStringLiteral("mainSplitter"));
    m_vertical->addWidget(m_horizontal);
    m_vertical->addWidget(timelineBox);
    m_vertical->setStretchFactor(0, 1);
    m_vertical->setStretchFactor(1, 0);
    m_vertical->setChildrenCollapsible(false);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 4, 6, 2);
    layout->addWidget(m_stories->bar());
    layout->addWidget(m_vertical);
    setCentralWidget(central);

    m_teaching = new TeachingTools(this);
    createActions();
    createStatusBar();

    connect(m_inspector, &Inspector::detailsChanged, this, &MainWindow::showDetails);
    connect(m_playhead, &Playhead::historyChanged, this, &MainWindow::updateLegend);
    connect(m_playhead, &Playhead::streamChanged, this, &MainWindow::updateLegend);
    connect(m_inspector, &Inspector::computing, this, [this](qint64 position) {
        if (position > 0)
            m_howLabel->setText(tr("Replaying to position %1 in the background…").arg(QLocale().toString(position)));
    });
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QStringList& paths) { openFiles(paths); });
    connect(m_loader, &HistoryLoader::started, this, [this](int, const QString& path) {
        m_loadingLabel->setText(tr("Opening %1…").arg(QFileInfo(path).fileName()));
        showLoading(true);
    });
    connect(m_loader, &HistoryLoader::progress, this,
        [this](int, int permille, const QString& phase) { showProgress(permille, phase); });
    connect(m_loader, &HistoryLoader::loaded, this,
        [this](int job, const QString& path, std::shared_ptr<const History> history) {
            // Shown at once; the analysis goes on in the background, with its progress and cancel.
            m_loadingLabel->setText(tr("Analysing %1…").arg(QFileInfo(path).fileName()));
            m_mapping = job == m_openingJob ? m_openingMapping : FieldMapping();
            setHistory(std::move(history), job == m_openingJob ? m_openingPaths : QStringList { path });
            if (m_restore) {
                m_playhead->setStream(m_restore->second);
                m_playhead->setPosition(m_restore->first);
                m_restore.reset();
            } else if (m_memory == Memory::Remember) {
                // Opened again: back where the person left it.
                if (const std::optional<Place> place = PlaceMemory::load(m_paths))
                    applyPlace(*place);
            }
        });
    connect(m_loader, &HistoryLoader::analysed, this, [this](int, const std::shared_ptr<const History>& history) {
        showLoading(false);
        if (history.get() == m_playhead->history())
            m_playhead->refreshAnalysis();
    });
    connect(m_loader, &HistoryLoader::failed, this, [this](int job, const QString& path, const Error& error) {
        showLoading(false);
        const QStringList paths = job == m_openingJob ? m_openingPaths : QStringList { path };
        if (!offerMapping(paths, error) && !offerReadableRecords(paths, error))
            showError(path, error.toString());
    });
    connect(m_loader, &HistoryLoader::skippedRecords, this,
        [this](int, qint64 count, const QList<Error>& first) { showSkippedRecords(count, first); });
    connect(m_loader, &HistoryLoader::cancelled, this, [this] {
        showLoading(false);
        statusBar()->showMessage(tr("Opening cancelled"), 4000);
    });

    if (m_memory == Memory::Remember)
        restoreSettings();
    m_timeline->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QStyle* s = style();
    const auto make = [this](const QString& text, const QKeySequence& key, const QString& tip, const QIcon& icon = {}) {
        auto* action = new QAction(icon, text, this);
        if (!key.isEmpty())
            action->setShortcut(key);
        action->setToolTip(
            key.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        action->setStatusTip(tip);
        return action;
    };
    // The transport keys act from every pane; a text field that has focus keeps its keys (Qt
    // asks the focus widget first, and line edits claim arrows, Home and End).
    const auto onTimeline = [this](QAction* action) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
        return action;
    };

    QAction* open = make(tr("&Open…"), QKeySequence::Open,
        tr("Open event logs or a store; several logs open as one history, merged by time"),
        s->standardIcon(QStyle::SP_DialogOpenButton));
    QAction* demo = make(tr("Open &Demo"), {}, tr("Open the bundled demo: three accounts and two carts"));
    QAction* quit = make(tr("&Quit"), QKeySequence::Quit, tr("Quit Rewind"));
    connect(open, &QAction::triggered, this, &MainWindow::showOpenDialog);
    QAction* openMapped = make(tr("Open with &Mapping…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
        tr("Open a log, saying which of its fields holds the stream, type, version, time …"));
    openMapped->setObjectName(QStringLiteral("openWithMappingAction"));
    connect(openMapped, &QAction::triggered, this, &MainWindow::showOpenWithMappingDialog);
    connect(demo, &QAction::triggered, this, &MainWindow::openDemo);
    QAction* exportShown = make(tr("&Export Shown Events…"), QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Write the events the table shows (filtered and sorted) to a JSON Lines file"));
    connect(exportShown, &QAction::triggered, this, [this] {
        const QString dir = m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath();
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Shown Events"), dir + QStringLiteral("/events.jsonl"), tr("JSON Lines (*.jsonl)"));
        if (!path.isEmpty())
            (void)exportShownEvents(path); // a failure was shown where it happened
    });
    QAction* copyState = make(tr("Copy &State as JSON"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
        tr("Copy the state at the playhead to the clipboard, as JSON"));
    connect(copyState, &QAction::triggered, this, [this] {
        if (m_inspector->details().isValid())
            QGuiApplication::clipboard()->setText(QString::fromUtf8(m_inspector->details().after.toJson()));
    });
    QAction* copyEvent = make(tr("Copy &Event as JSON"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C),
        tr("Copy the event at the playhead to the clipboard, as a line of JSON Lines"));
    connect(copyEvent, &QAction::triggered, this, [this] {
        const auto line = m_inspector->details().event.toJsonWriter();
        if (m_inspector->details().event.position > 0 && line)
            QGuiApplication::clipboard()->setText(QString::fromUtf8(line->toJson()));
    });
    // What if: events switched off and on; the logic is WhatIfSwitches', the panes show it.
    auto* whatIf = new WhatIfSwitches(m_playhead, this);
    whatIf->setObjectName(QStringLiteral("whatIfSwitches"));
    m_events->model()->setWhatIf(whatIf);
    m_inspector->setWhatIf(whatIf);
    QAction* switchOff = make(tr("Switch Event &Off/On"), QKeySequence(Qt::CTRL | Qt::Key_K),
        tr("What if the selected events had never happened? Every later state leaves them out; again brings "
           "them back"));
    switchOff->setObjectName(QStringLiteral("switchEventAction"));
    connect(switchOff, &QAction::triggered, whatIf, [this, whatIf] { whatIf->toggle(m_events->selectedPositions()); });
    QAction* restoreAll = make(tr("&Restore All Events"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
        tr("Switch every event on again: the real history"));
    restoreAll->setObjectName(QStringLiteral("restoreEventsAction"));
    restoreAll->setEnabled(false);
    connect(restoreAll, &QAction::triggered, whatIf, &WhatIfSwitches::restore);
    connect(whatIf, &WhatIfSwitches::switched, restoreAll,
        [whatIf, restoreAll] { restoreAll->setEnabled(whatIf->isActive()); });
    m_events->addRowActions({ switchOff, restoreAll });
    connect(whatIf, &WhatIfSwitches::switched, m_timeline,
        [this, whatIf] { m_timeline->setSwitchedOff(whatIf->whatIf().positions()); });
    QAction* reload = make(tr("&Reload"), QKeySequence::Refresh,
        tr("Read the open history again, with what other programs have appended since"));
    reload->setObjectName(QStringLiteral("reloadAction"));
    connect(reload, &QAction::triggered, this, &MainWindow::reload);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QAction* play =
        make(tr("&Play"), Qt::Key_Space, tr("Play or pause"), Icons::transport(Icons::Transport::Play, palette()));
    play->setObjectName(QStringLiteral("playAction"));
    play->setCheckable(true);
    connect(play, &QAction::triggered, m_player, &Player::toggle);
    connect(m_player, &Player::playingChanged, this, [this, play](bool playing) {
        play->setChecked(playing);
        play->setText(playing ? tr("&Pause") : tr("&Play"));
        play->setIcon(Icons::transport(playing ? Icons::Transport::Pause : Icons::Transport::Play, palette()));
    });
    QAction* first = make(tr("&First Event"), Qt::Key_Home, tr("Go to the first event"),
        Icons::transport(Icons::Transport::First, palette()));
    QAction* back =
        make(tr("Step &Back"), Qt::Key_Left, tr("One event back"), Icons::transport(Icons::Transport::Back, palette()));
    QAction* forward = make(tr("Step &Forward"), Qt::Key_Right, tr("One event forward"),
        Icons::transport(Icons::Transport::Forward, palette()));
    QAction* last = make(tr("&Last Event"), Qt::Key_End, tr("Go to the last event"),
        Icons::transport(Icons::Transport::Last, palette()));
    QAction* prevSnapshot = make(tr("Previous &Snapshot"), Qt::Key_PageUp, tr("Go to the previous snapshot"));
    QAction* nextSnapshot = make(tr("&Next Snapshot"), Qt::Key_PageDown, tr("Go to the next snapshot"));
    QAction* prevAnomaly =
        make(tr("Previous &Anomaly"), QKeySequence(Qt::CTRL | Qt::Key_Left), tr("Go to the previous anomaly"));
    QAction* nextAnomaly =
        make(tr("Next A&nomaly"), QKeySequence(Qt::CTRL | Qt::Key_Right), tr("Go to the next anomaly"));
    for (QAction* action : { first, back, forward, last, prevSnapshot, nextSnapshot, prevAnomaly, nextAnomaly })
        onTimeline(action);
    prevSnapshot->setIconText(tr("Prev"));
    nextSnapshot->setIconText(tr("Next"));
    prevAnomaly->setIconText(tr("Prev"));
    nextAnomaly->setIconText(tr("Next"));
    prevSnapshot->setIcon(Icons::snapshot(palette()));
    nextSnapshot->setIcon(Icons::snapshot(palette()));
    prevAnomaly->setIcon(Icons::anomaly(palette()));
    nextAnomaly->setIcon(Icons::anomaly(palette()));
    connect(first, &QAction::triggered, m_playhead, &Playhead::goToFirst);
    connect(back, &QAction::triggered, m_playhead, &Playhead::stepBack);
    connect(forward, &QAction::triggered, m_playhead, &Playhead::stepForward);
    connect(last, &QAction::triggered, m_playhead, &Playhead::goToLast);
    connect(prevSnapshot, &QAction::triggered, m_playhead, &Playhead::goToPreviousSnapshot);
    connect(nextSnapshot, &QAction::triggered, m_playhead, &Playhead::goToNextSnapshot);
    connect(prevAnomaly, &QAction::triggered, m_playhead, &Playhead::goToPreviousAnomaly);
    connect(nextAnomaly, &QAction::triggered, m_playhead, &Playhead::goToNextAnomaly);
    QAction* goVersion =
        make(tr("Go to &Version…"), QKeySequence(Qt::CTRL | Qt::Key_G), tr("Go to a version of the current stream"));
    QAction* goTime =
        make(tr("Go to &Time…"), QKeySequence(Qt::CTRL | Qt::Key_T), tr("Go to the state at a date and time"));
    connect(goVersion, &QAction::triggered, this, &MainWindow::showGoToVersion);
    connect(goTime, &QAction::triggered, this, &MainWindow::showGoToTime);

    // The timeline zooms with the wheel and its own + − 0 keys; Ctrl with them zooms the text.
    QAction* zoomIn = make(tr("Zoom Timeline &In"), {}, tr("Zoom the timeline in (+ or the wheel on the timeline)"));
    QAction* zoomOut = make(tr("Zoom Timeline &Out"), {}, tr("Zoom the timeline out (− on the timeline)"));
    QAction* zoomFit = make(tr("&Fit Timeline"), {}, tr("Show every event on the timeline (0 on the timeline)"));
    connect(zoomIn, &QAction::triggered, m_timeline, &TimelineWidget::zoomIn);
    connect(zoomOut, &QAction::triggered, m_timeline, &TimelineWidget::zoomOut);
    connect(zoomFit, &QAction::triggered, m_timeline, &TimelineWidget::zoomToFit);
    QAction* largerText = make(tr("&Larger Text"), QKeySequence::ZoomIn, tr("Larger text in every pane"));
    largerText->setShortcuts({ QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal) });
    QAction* smallerText = make(tr("&Smaller Text"), QKeySequence::ZoomOut, tr("Smaller text in every pane"));
    QAction* actualText =
        make(tr("&Actual Text Size"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Text at its usual size"));
    largerText->setObjectName(QStringLiteral("largerTextAction"));
    connect(largerText, &QAction::triggered, this, [this] { setTextZoom(m_textZoom + 1); });
    connect(smallerText, &QAction::triggered, this, [this] { setTextZoom(m_textZoom - 1); });
    connect(actualText, &QAction::triggered, this, [this] { setTextZoom(0); });
    QAction* dim =
        make(tr("&Dim Unchanged Fields"), {}, tr("Grey out the state fields the current event did not change"));
    dim->setCheckable(true);
    QCheckBox* dimBox = m_inspector->stateTab()->dimBox();
    connect(dim, &QAction::toggled, dimBox, &QCheckBox::setChecked);
    connect(dimBox, &QCheckBox::toggled, dim, &QAction::setChecked);
    QList<QAction*> tabs;
    const QStringList tabNames = { tr("&State"), tr("&Diff"), tr("&Event"), tr("&Chart") };
    for (int i = 0; i < tabNames.size(); ++i) {
        QAction* tab = make(tabNames.at(i), QKeySequence(Qt::CTRL | (Qt::Key_1 + i)),
            tr("Show the %1 tab").arg(QString(tabNames.at(i)).remove(QLatin1Char('&'))));
        connect(tab, &QAction::triggered, m_inspector, [this, i] { m_inspector->setCurrentIndex(i); });
        tabs.append(tab);
    }
    QAction* allStreams =
        make(tr("&All Streams"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), tr("Show every stream"));
    connect(allStreams, &QAction::triggered, m_playhead, [this] { m_playhead->setStream({}); });
    QAction* about = make(tr("&About Rewind"), {}, tr("About Rewind"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Rewind"),
            tr("<b>Rewind</b> %1<br>A time-travel debugger for event-sourced systems.")
                .arg(QApplication::applicationVersion()));
    });

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(open);
    file->addAction(openMapped);
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("recentMenu"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] { m_recent->fillMenu(recent); });
    m_recent->fillMenu(recent);
    file->addAction(demo);
    file->addAction(reload);
    file->addSeparator();
    file->addAction(exportShown);
    file->addSeparator();
    file->addAction(quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({ copyState, copyEvent });
    edit->addSeparator();
    edit->addActions({ switchOff, restoreAll });

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addActions({ play, back, forward, first, last });
    go->addSeparator();
    go->addActions({ prevSnapshot, nextSnapshot, prevAnomaly, nextAnomaly });
    go->addSeparator();
    go->addActions({ goVersion, goTime });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(allStreams);
    view->addSeparator();
    view->addActions(tabs);
    view->addSeparator();
    view->addActions({ largerText, smallerText, actualText });
    view->addSeparator();
    view->addActions({ zoomIn, zoomOut, zoomFit });
    view->addSeparator();
    view->addAction(dim);
    view->addSeparator();
    view->addAction(m_presentation->action());

    QMenu* stream = menuBar()->addMenu(tr("&Stream"));
    QMenu* domainMenu = stream->addMenu(tr("&Domain"));
    domainMenu->setObjectName(QStringLiteral("domainMenu"));
    domainMenu->setToolTipsVisible(true);
    connect(domainMenu, &QMenu::aboutToShow, this, [this, domainMenu] { fillDomainMenu(domainMenu); });
    // A disabled menu never shows, so its state follows the playhead rather than aboutToShow.
    const auto enableDomainMenu = [this, domainMenu] {
        domainMenu->setEnabled(m_playhead->history() && !streamForDomainMenu().isEmpty());
    };
    connect(m_playhead, &Playhead::historyChanged, domainMenu, enableDomainMenu);
    connect(m_playhead, &Playhead::positionChanged, domainMenu, enableDomainMenu);
    fillDomainMenu(domainMenu);
    m_teaching->addActions(file, view, stream);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QMenu* stories = help->addMenu(tr("S&tories"));
    stories->setObjectName(QStringLiteral("storiesMenu"));
    stories->setToolTipsVisible(true);
    m_stories->fillMenu(stories);
    help->addSeparator();
    help->addAction(about);

    // Stable names a story (and a test) finds an action by, unlike the menu texts.
    const std::pair<QAction*, const char*> named[] = { { first, "firstEventAction" }, { back, "stepBackAction" },
        { forward, "stepForwardAction" }, { last, "lastEventAction" }, { prevSnapshot, "previousSnapshotAction" },
        { nextSnapshot, "nextSnapshotAction" }, { prevAnomaly, "previousAnomalyAction" },
        { nextAnomaly, "nextAnomalyAction" }, { smallerText, "smallerTextAction" },
        { actualText, "actualTextSizeAction" }, { zoomIn, "zoomTimelineInAction" },
        { zoomOut, "zoomTimelineOutAction" }, { zoomFit, "fitTimelineAction" }, { dim, "dimUnchangedAction" },
        { allStreams, "allStreamsAction" } };
    for (const auto& [action, name] : named)
        action->setObjectName(QLatin1String(name));

    QToolBar* transport = addToolBar(tr("Transport"));
    transport->setObjectName(QStringLiteral("transportBar"));
    transport->setMovable(false);
    transport->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    transport->addAction(open);
    transport->addSeparator();
    for (QAction* action : { first, back, play, forward, last }) {
        transport->addAction(action);
        if (auto* button = qobject_cast<QToolButton*>(transport->widgetForAction(action)); button && action != play)
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    m_speed = new QSpinBox(transport);
    m_speed->setObjectName(QStringLiteral("speedBox"));
    m_speed->setRange(Player::MinSpeed, Player::MaxSpeed);
    m_speed->setValue(m_player->speed());
    m_speed->setSuffix(tr(" events/s"));
    m_speed->setToolTip(tr("Playback speed, in events per second"));
    m_speed->setAccessibleName(tr("Playback speed"));
    connect(m_speed, &QSpinBox::valueChanged, m_player, &Player::setSpeed);
    connect(m_player, &Player::speedChanged, m_speed, &QSpinBox::setValue);
    transport->addWidget(m_speed);
    transport->addSeparator();
    transport->addActions({ prevSnapshot, nextSnapshot, prevAnomaly, nextAnomaly });
    transport->addSeparator();
    transport->addActions({ goVersion, goTime });
    for (QAction* action : { goVersion, goTime }) {
        if (auto* button = qobject_cast<QToolButton*>(transport->widgetForAction(action)))
            button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
}

void MainWindow::createStatusBar()
{
    const auto label = [this](const char* name, const QString& tip) {
        auto* l = new QLabel(this);
        l->setObjectName(QLatin1String(name));
        l->setToolTip(tip);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    m_positionLabel = label("positionLabel", tr("Global position of the event at the playhead"));
    m_timeLabel = label("timeLabel", tr("When the event happened (UTC)"));
    m_versionLabel = label("versionLabel", tr("The event's stream and its version"));
    m_howLabel = label("howLabel", tr("How the state at the playhead was computed, and how long it took"));
    m_loadingLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelLoad"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop opening this file"));
    connect(m_cancel, &QToolButton::clicked, m_loader, &HistoryLoader::cancel);
    statusBar()->addWidget(m_positionLabel);
    statusBar()->addWidget(m_timeLabel);
    statusBar()->addWidget(m_versionLabel);
    statusBar()->addWidget(m_howLabel, 1);
    statusBar()->addPermanentWidget(m_loadingLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    showLoading(false);
}

void MainWindow::showLoading(bool loading)
{
    m_loadingLabel->setVisible(loading);
    m_progress->setVisible(loading);
    m_cancel->setVisible(loading);
    if (loading)
        m_progress->setValue(0);
}

void MainWindow::showProgress(int permille, const QString& phase)
{
    m_progress->setValue(permille);
    m_progress->setFormat(QStringLiteral("%1 %p%").arg(phase));
}

Status MainWindow::exportShownEvents(const QString& path)
{
    const History* history = m_playhead->history();
    if (!history)
        return Error::badInput(tr("nothing is open"));
    // The table's rows, in its order: read one by one (an export is of what a person filtered,
    // not of the whole history), and written at once or not at all.
    const QAbstractItemModel* shown = m_events->view()->model();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return showExportError(path, Error::failure(file.errorString(), path));
    QProgressDialog progress(tr("Exporting %1 events…").arg(QLocale().toString(shown->rowCount())), tr("Cancel"), 0,
        shown->rowCount(), this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    for (int row = 0; row < shown->rowCount(); ++row) {
        if (row % 1024 == 0) {
            progress.setValue(row);
            if (progress.wasCanceled())
                return Error::cancelled(path);
        }
        const auto event = history->eventAt(shown->index(row, 0).data(EventsModel::PositionRole).toLongLong());
        const auto line = event ? event->toJsonWriter() : Result<JsonWriter>(event.error());
        if (!line)
            return showExportError(path, line.error());
        file.write(line->toJson() + '\n');
    }
    if (!file.commit())
        return showExportError(path, Error::failure(file.errorString(), path));
    statusBar()->showMessage(
        tr("Exported %1 events to %2").arg(QLocale().toString(shown->rowCount()), QDir::toNativeSeparators(path)),
        6000);
    return {};
}

Status MainWindow::showExportError(const QString& path, const Error& error)
{
    showError(path, error.toString());
    return error;
}

Place MainWindow::currentPlace() const
{
    Place place;
    place.position = m_playhead->position();
    place.stream = m_playhead->stream();
    place.tab = m_inspector->currentIndex();
    place.search = m_events->searchEdit()->text();
    place.types = m_events->typeFilter()->checkedNames();
    place.typesExcluded = m_events->typeFilter()->isExcluding();
    return place;
}

void MainWindow::applyPlace(const Place& place)
{
    m_playhead->setStream(place.stream);
    m_playhead->setPosition(place.position);
    m_inspector->setCurrentIndex(place.tab);
    m_events->searchEdit()->setText(place.search);
    for (const QString& type : place.types)
        m_events->typeFilter()->setChecked(type, true);
    m_events->typeFilter()->setExcluding(place.typesExcluded);
}

void MainWindow::rememberPlace() const
{
    if (m_memory == Memory::Remember && m_playhead->history() && !m_paths.isEmpty())
        PlaceMemory::save(m_paths, currentPlace());
}

void MainWindow::reload()
{
    if (m_paths.isEmpty())
        return;
    // The playhead comes back where it was; at the last event, it follows to the new last one.
    const bool atEnd = m_playhead->axisIndex() == m_playhead->axisCount() - 1;
    m_restore =
        std::make_pair(atEnd ? std::numeric_limits<qint64>::max() : m_playhead->position(), m_playhead->stream());
    openFiles(m_paths, m_mapping);
}

void MainWindow::reloadAt(qint64 position, const QString& stream)
{
    if (m_paths.isEmpty())
        return;
    m_restore = std::make_pair(position, stream);
    openFiles(m_paths, m_mapping);
}

void MainWindow::setTextZoom(int steps)
{
    // Each step is an eighth larger or smaller, from half to three times the usual size: for a
    // projector at the back of a room, or a small laptop screen.
    m_textZoom = std::clamp(steps, -5, 16);
    QFont font = QApplication::font();
    font.setPointSizeF(QApplication::font().pointSizeF() * std::pow(1.125, m_textZoom));
    setFont(font);
    if (m_memory == Memory::Remember)
        QSettings().setValue(QStringLiteral("view/textZoom"), m_textZoom);
}

void MainWindow::updateLegend()
{
    const QList<TimelineWidget::LegendEntry> legend = m_timeline->legend();
    QStringList parts;
    QStringList tip;
    for (const TimelineWidget::LegendEntry& entry : legend) {
        QString names = entry.names.first();
        if (entry.names.size() > 1)
            names += tr(" +%1").arg(entry.names.size() - 1);
        parts.append(QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                         .arg(entry.color.name(), names.toHtmlEscaped()));
        tip.append(entry.names.join(QLatin1String(", ")));
    }
    const QString what = m_playhead->stream().isEmpty() ? tr("Colours by stream") : tr("Colours by event type");
    m_legend->setText(legend.isEmpty() ? QString() : what + QLatin1String(": ") + parts.join(QLatin1String("&nbsp; ")));
    m_legend->setToolTip(tip.join(QLatin1Char('\n')));
}

void MainWindow::showDetails(const PointDetails& details)
{
    const History* history = m_playhead->history();
    if (!history || details.event.position == 0) {
        m_positionLabel->clear();
        m_timeLabel->clear();
        m_versionLabel->clear();
        m_howLabel->setText(details.error);
        return;
    }
    const QLocale locale;
    m_positionLabel->setText(
        tr("Position %1 / %2").arg(locale.toString(details.event.position), locale.toString(history->index().size())));
    m_timeLabel->setText(EventText::time(details.event.at) + QLatin1String(" UTC"));
    const StreamAnalysis* stream = history->analysis().stream(details.event.stream);
    m_versionLabel->setText(tr("%1 v%2 of %3")
                                .arg(details.event.stream, locale.toString(details.event.version),
                                    locale.toString(stream ? stream->lastVersion : 0)));
    m_howLabel->setText(details.error.isEmpty()
            ? tr("State %1 in %2 ms").arg(details.howComputed, locale.toString(details.milliseconds, 'f', 2))
            : details.error);
}

void MainWindow::showError(const QString& path, const QString& message)
{
    statusBar()->showMessage(message, 10000);
    if (isVisible() && QGuiApplication::platformName() != QLatin1String("offscreen"))
        QMessageBox::warning(this, tr("Cannot open %1").arg(QFileInfo(path).fileName()), message);
}

void MainWindow::openFile(const QString& path) { openFiles({ path }); }

void MainWindow::openFiles(const QStringList& paths, const FieldMapping& mapping)
{
    if (paths.isEmpty())
        return;
    m_player->pause();
    rememberPlace();
    m_openingPaths = paths;
    m_openingMapping = mapping;
    m_skippedRecords.clear();
    m_openingJob = m_loader->load(paths, mapping);
}

void MainWindow::openDemo()
{
    // A copy of its own, which the Commands panel and Take Snapshot may write to.
    const auto demo = m_teaching->demoCopy();
    if (!demo) {
        showError(QStringLiteral("demo"), demo.error().toString());
        return;
    }
    openFile(*demo);
}

Status MainWindow::openNow(const QString& path) { return openNow(QStringList { path }); }

Status MainWindow::openDemoNow()
{
    if (m_playhead->history() && m_paths.size() == 1 && m_teaching->isDemoCopy(m_paths.first()))
        return {};
    const auto demo = m_teaching->demoCopy();
    if (!demo)
        return demo.error();
    return openNow(*demo);
}

Status MainWindow::openNow(const QStringList& paths, const FieldMapping& mapping)
{
    auto outcome = HistoryLoader::loadNow(paths, mapping);
    if (outcome.error)
        return *outcome.error;
    if (!outcome.history)
        return Error::cancelled();
    setHistory(std::move(outcome.history), paths);
    return {};
}

void MainWindow::setHistory(std::shared_ptr<const History> history, const QString& path)
{
    setHistory(std::move(history), QStringList { path });
}

void MainWindow::setHistory(std::shared_ptr<const History> history, const QStringList& paths)
{
    m_paths = paths;
    m_path = paths.value(0);
    setWindowFilePath(paths.size() == 1 ? m_path : QString());
    setWindowTitle(tr("%1 — Rewind").arg(RecentFiles::displayName(paths)));
    m_playhead->setHistory(std::move(history));
    const bool demo =
        paths.size() == 1 && (QFileInfo(m_path) == QFileInfo(DemoFile::path()) || m_teaching->isDemoCopy(m_path));
    if (m_memory == Memory::Remember && !demo)
        m_recent->add(paths);
}

void MainWindow::showOpenDialog()
{
    const QString dir = m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath();
    // Several files open as one history, merged by time.
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open Event Logs or Store"), dir,
        tr("Event logs and stores (*.jsonl *.ndjson *.json *.csv *.rewind *.sqlite *.sqlite3 *.db);;All files (*)"));
    openFiles(paths);
}

void MainWindow::showOpenWithMappingDialog()
{
    const QString dir = m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath();
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open with Mapping"), dir,
        tr("Event logs (*.jsonl *.ndjson *.json *.csv *.tsv *.txt);;All files (*)"));
    if (!paths.isEmpty())
        openWithMapping(paths, paths.first(), {});
}

void MainWindow::openWithMapping(const QStringList& paths, const QString& previewPath, const FieldMapping& start)
{
    MappingDialog dialog(this);
    if (const Status previewed = dialog.setFile(previewPath); !previewed) {
        showError(previewPath, previewed.error().toString());
        return;
    }
    if (!start.isEmpty())
        dialog.setMapping(start);
    if (dialog.exec() == QDialog::Accepted)
        openFiles(paths, dialog.mapping());
}

bool MainWindow::offerMapping(const QStringList& paths, const Error& error)
{
    // The error names the file it is about: with several files, that one is previewed.
    const QString failing = paths.contains(error.file) ? error.file : paths.value(0);
    if (!MappingDialog::canHelpWith(failing, error))
        return false;
    const QString message = error.toString();
    // Tests and screenshots get the plain error; a person is asked.
    if (!isVisible() || QGuiApplication::platformName() == QLatin1String("offscreen"))
        return false;
    const QString name = QFileInfo(failing).fileName();
    QMessageBox box(QMessageBox::Question, tr("Cannot open %1").arg(name),
        tr("Rewind could not find or read the fields it needs in %1.").arg(name), QMessageBox::Cancel, this);
    box.setInformativeText(tr("%1\n\nSay which of the file's fields holds the stream, the type, the time …, and "
                              "open it with that mapping?")
                               .arg(message));
    QPushButton* map = box.addButton(tr("&Map Fields…"), QMessageBox::AcceptRole);
    box.setDefaultButton(map);
    box.exec();
    statusBar()->showMessage(message, 10000);
    if (box.clickedButton() == map)
        openWithMapping(paths, failing, m_openingMapping);
    return true;
}

bool MainWindow::offerReadableRecords(const QStringList& paths, const Error& error)
{
    // Only a bad record (a line of a log) can be left out; a file that is no log at all cannot.
    if (error.kind != Error::Kind::BadInput || error.line <= 0)
        return false;
    if (!isVisible() || QGuiApplication::platformName() == QLatin1String("offscreen"))
        return false;
    const QString name = QFileInfo(error.file.isEmpty() ? paths.value(0) : error.file).fileName();
    QMessageBox box(QMessageBox::Question, tr("Cannot open %1").arg(name),
        tr("%1 has a record Rewind cannot read.").arg(name), QMessageBox::Cancel, this);
    box.setInformativeText(tr("%1\n\nOpen the records that can be read, and list the ones left out? The file "
                              "is not changed.")
                               .arg(error.toString()));
    QPushButton* readable = box.addButton(tr("&Open the Readable Records"), QMessageBox::AcceptRole);
    box.setDefaultButton(readable);
    box.exec();
    statusBar()->showMessage(error.toString(), 10000);
    if (box.clickedButton() == readable)
        openReadableRecords(paths);
    return true;
}

void MainWindow::openReadableRecords(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    m_player->pause();
    m_openingPaths = paths;
    m_openingJob = m_loader->loadReadable(paths, m_openingMapping);
}

void MainWindow::showSkippedRecords(qint64 count, const QList<Error>& first)
{
    QStringList lines;
    for (const Error& problem : first)
        lines.append(problem.toString());
    if (count > first.size())
        lines.append(tr("… and %1 more").arg(QLocale().toString(count - first.size())));
    m_skippedRecords = lines;
    const QString summary = tr("%1 bad records left out").arg(QLocale().toString(count));
    statusBar()->showMessage(summary + QLatin1String(": ") + lines.value(0), 15000);
    if (!isVisible() || QGuiApplication::platformName() == QLatin1String("offscreen"))
        return;
    QMessageBox box(
        QMessageBox::Information, tr("Records left out"), summary + QLatin1Char('.'), QMessageBox::Ok, this);
    box.setInformativeText(tr("The other records are open. The file is unchanged."));
    box.setDetailedText(lines.join(QLatin1Char('\n')));
    box.exec();
}

void MainWindow::showGoToVersion()
{
    const History* history = m_playhead->history();
    if (!history)
        return;
    const QString stream = m_playhead->stream().isEmpty() ? m_playhead->currentStream() : m_playhead->stream();
    const StreamAnalysis* info = history->analysis().stream(stream);
    if (!info)
        return;
    const qint64 current = m_playhead->row() >= 0 ? history->index().entry(m_playhead->row()).version : 1;
    bool ok = false;
    const int version =
        QInputDialog::getInt(this, tr("Go to Version"), tr("Version of %1 (1–%2):").arg(stream).arg(info->lastVersion),
            int(current), 1, int(std::min<qint64>(info->lastVersion, std::numeric_limits<int>::max())), 1, &ok);
    if (ok)
        m_playhead->goToVersion(version, stream);
}

void MainWindow::showGoToTime()
{
    if (!m_playhead->history())
        return;
    GoToTimeDialog dialog(m_playhead, this);
    if (dialog.exec() == QDialog::Accepted && !m_playhead->goToTime(dialog.msSinceEpoch().value_or(EarliestEventTime)))
        statusBar()->showMessage(tr("Nothing had happened yet at that time"), 4000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    // Several files dropped together open as one history, merged by time.
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openFiles(paths);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 860);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setTextZoom(settings.value(QStringLiteral("view/textZoom"), 0).toInt());
    m_vertical->restoreState(settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_horizontal->restoreState(settings.value(QStringLiteral("window/paneSplitter")).toByteArray());
    m_player->setSpeed(settings.value(QStringLiteral("player/speed"), m_player->speed()).toInt());
    m_inspector->setCurrentIndex(settings.value(QStringLiteral("inspector/tab"), 0).toInt());
    m_inspector->stateTab()->dimBox()->setChecked(
        settings.value(QStringLiteral("inspector/dimUnchanged"), false).toBool());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/mainSplitter"), m_vertical->saveState());
    settings.setValue(QStringLiteral("window/paneSplitter"), m_horizontal->saveState());
    settings.setValue(QStringLiteral("player/speed"), m_player->speed());
    settings.setValue(QStringLiteral("inspector/tab"), m_inspector->currentIndex());
    settings.setValue(QStringLiteral("inspector/dimUnchanged"), m_inspector->stateTab()->dimBox()->isChecked());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_player->pause();
    m_loader->cancel();
    rememberPlace();
    m_presentation->leave(); // the geometry and text size remembered are the window's own
    if (m_memory == Memory::Remember)
        saveSettings();
    event->accept();
}

QString MainWindow::streamForDomainMenu() const
{
    return m_playhead->stream().isEmpty() ? m_playhead->currentStream() : m_playhead->stream();
}

void MainWindow::fillDomainMenu(QMenu* menu)
{
    menu->clear();
    const QString stream = streamForDomainMenu();
    const History* history = m_playhead->history();
    menu->setEnabled(history && !stream.isEmpty());
    if (!history || stream.isEmpty())
        return;
    const QHash<QString, QString> choices = m_loader->domainChoices();
    auto* group = new QActionGroup(menu);
    const auto add = [&](const QString& text, const QString& domain, const QString& tip) {
        QAction* action = menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(choices.value(stream) == domain);
        action->setToolTip(tip);
        action->setData(domain);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, stream, domain] { chooseDomain(stream, domain); });
    };
    add(tr("&Automatic (%1)").arg(choices.contains(stream) ? tr("by event types") : history->domainOf(stream).name()),
        QString(), tr("Choose the domain from the stream's event types"));
    menu->addSeparator();
    for (const QString& name : { QStringLiteral("bank"), QStringLiteral("cart"), QStringLiteral("generic") })
        add(name, name, tr("Fold %1 with the %2 domain").arg(stream, name));
}

void MainWindow::chooseDomain(const QString& stream, const QString& domain)
{
    QHash<QString, QString> choices = m_loader->domainChoices();
    if (domain.isEmpty())
        choices.remove(stream);
    else
        choices.insert(stream, domain);
    m_loader->setDomainChoices(choices);
    if (m_paths.isEmpty())
        return;
    // A new domain means new states, anomalies and checkpoints: the history is opened again
    // (in the background, as any open), and the playhead comes back to where it was.
    m_restore = std::make_pair(m_playhead->position(), m_playhead->stream());
    openFiles(m_paths, m_mapping);
}

} // namespace Rewind
