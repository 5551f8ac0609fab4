#include "teaching/storyplayer.h"

#include "panes/inspector.h"
#include "playback/player.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "teaching/storybar.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

#include <utility>

namespace Rewind {

namespace {
constexpr QLatin1String OffSuffix(":off");

QString actionName(const QString& written)
{
    return written.endsWith(OffSuffix) ? written.chopped(OffSuffix.size()) : written;
}
}

StoryPlayer::StoryPlayer(Window window)
    : QObject(window.window)
    , m_parts(std::move(window))
    , m_window(m_parts.window)
    , m_back(new QAction(tr("◀ &Back"), m_window))
    , m_next(new QAction(tr("&Next ▶"), m_window))
    , m_close(new QAction(tr("&Close Story"), m_window))
{
    // Alt+← and Alt+→: free in the window (← → step, Ctrl+← → jump to anomalies).
    m_back->setObjectName(QStringLiteral("storyBackAction"));
    m_back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_back->setToolTip(tr("The story's previous step (Alt+\u2190)"));
    m_next->setObjectName(QStringLiteral("storyNextAction"));
    m_next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_next->setToolTip(tr("The story's next step (Alt+\u2192)"));
    m_close->setObjectName(QStringLiteral("storyCloseAction"));
    m_close->setToolTip(tr("Close the story; the window stays where it is"));
    for (QAction* action : { m_back, m_next, m_close }) {
        action->setShortcutContext(Qt::WindowShortcut);
        m_window->addAction(action);
    }
    connect(m_back, &QAction::triggered, this, &StoryPlayer::back);
    connect(m_next, &QAction::triggered, this, &StoryPlayer::next);
    connect(m_close, &QAction::triggered, this, &StoryPlayer::close);
    m_bar = new StoryBar(m_back, m_next, m_close, m_window);
    updateActions();
}

QStringList StoryPlayer::bundledStories()
{
    QStringList paths;
    const QDir dir(QStringLiteral(":/stories"));
    for (const QString& name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
        paths.append(dir.filePath(name));
    return paths;
}

void StoryPlayer::fillMenu(QMenu* menu)
{
    menu->clear();
    for (const QString& path : bundledStories()) {
        const auto story = Story::read(path);
        if (!story) // a bundled story is checked by the tests; this is a bad build
            continue;
        QAction* action = menu->addAction(story->title);
        action->setToolTip(story->steps.first().caption);
        connect(action, &QAction::triggered, this, [this, path] { (void)openFile(path); });
    }
    menu->addSeparator();
    QAction* open = menu->addAction(tr("&Open Story File…"));
    open->setObjectName(QStringLiteral("openStoryAction"));
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Open Story"), QDir::homePath(), tr("Stories (*.json);;All files (*)"));
        if (!path.isEmpty())
            (void)openFile(path);
    });
}

Status StoryPlayer::openFile(const QString& path)
{
    const auto story = Story::read(path);
    Status started = story ? start(*story) : Status(story.error());
    if (!started)
        report(started.error());
    return started;
}

QAction* StoryPlayer::windowAction(const QString& name) const { return m_window->findChild<QAction*>(name); }

Status StoryPlayer::start(const Story& story)
{
    QHash<QString, bool> checkedBefore;
    for (const StoryStep& step : story.steps) {
        for (const QString& written : step.actions) {
            const QString name = actionName(written);
            const QAction* action = windowAction(name);
            if (!action || action == m_back || action == m_next || action == m_close)
                return Error::badInput(QStringLiteral("unknown action \"%1\": the window has no action of that name "
                                                      "(docs/stories.md lists them)")
                                           .arg(name),
                    story.file, step.actionLine);
            if (action->isCheckable())
                checkedBefore.insert(name, action->isChecked());
        }
    }
    m_story = story;
    m_checkedBefore = checkedBefore;
    m_running = true;
    m_step = -1;
    goTo(0);
    return {};
}

void StoryPlayer::goTo(int step)
{
    if (!m_running || step < 0 || step >= m_story.steps.size())
        return;
    m_parts.player->pause();
    // Always from the start: the view of a step is the same whether it was reached by Next, by
    // Back or after wandering off. The on/off actions end as the steps so far leave them (as
    // they were before the story unless a step switched them), each switched once at most.
    QHash<QString, bool> switched = m_checkedBefore;
    for (int i = 0; i <= step; ++i)
        apply(m_story.steps.at(i), switched);
    for (auto it = switched.cbegin(); it != switched.cend(); ++it) {
        QAction* action = windowAction(it.key());
        if (action && action->isEnabled() && action->isChecked() != it.value())
            action->trigger();
    }
    m_step = step;
    const StoryStep& shown = m_story.steps.at(step);
    m_bar->showStep(m_story.title, shown.caption, step, int(m_story.steps.size()));
    updateActions();
    emit stepChanged(step);
}

void StoryPlayer::next() { goTo(m_step + 1); }

void StoryPlayer::back() { goTo(m_step - 1); }

void StoryPlayer::close()
{
    m_running = false;
    m_step = -1;
    m_bar->hide();
    updateActions();
}

void StoryPlayer::updateActions()
{
    m_back->setEnabled(m_running && m_step > 0);
    m_next->setEnabled(m_running && m_step + 1 < m_story.steps.size());
    m_close->setEnabled(m_running);
}

void StoryPlayer::apply(const StoryStep& step, QHash<QString, bool>& switched)
{
    Playhead* playhead = m_parts.playhead;
    const QString where = QStringLiteral("%1:%2").arg(m_story.file).arg(step.line);
    if (step.openDemo) {
        // Opened at once (the demo is small), so the rest of the step finds it there; a demo
        // already open is only brought back to how an open leaves it.
        if (const Status opened = m_parts.openDemo(); !opened) {
            report(opened.error());
            return;
        }
        playhead->setStream({});
        playhead->goToLast();
    }
    if (!playhead->history())
        return;
    if (step.stream) {
        if (!step.stream->isEmpty() && playhead->history()->index().streamIndex(*step.stream) < 0)
            m_window->statusBar()->showMessage(tr("%1: no stream %2 in this history").arg(where, *step.stream), 8000);
        else
            playhead->setStream(*step.stream);
    }
    if (step.version && !playhead->goToVersion(*step.version, step.stream.value_or(QString())))
        m_window->statusBar()->showMessage(tr("%1: no version %2 here").arg(where).arg(*step.version), 8000);
    if (step.position)
        playhead->setPosition(*step.position);
    if (step.time && !playhead->goToTime(*step.time))
        playhead->goToFirst(); // before the first event: the nearest there is
    if (!step.tab.isEmpty())
        m_parts.inspector->showTab(step.tab);
    for (const QString& written : step.actions) {
        QAction* action = windowAction(actionName(written));
        if (!action || !action->isEnabled())
            continue;
        if (action->isCheckable())
            switched.insert(actionName(written), !written.endsWith(OffSuffix));
        else
            action->trigger();
    }
}

void StoryPlayer::report(const Error& error)
{
    m_window->statusBar()->showMessage(error.toString(), 15000);
    if (m_window->isVisible() && QGuiApplication::platformName() != QLatin1String("offscreen"))
        QMessageBox::warning(m_window, tr("Cannot play the story"), error.toString());
}

} // namespace Rewind
