#pragma once

#include "model/error.h"
#include "teaching/story.h"

#include <QHash>
#include <QObject>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;

namespace Rewind {

class Inspector;
class Player;
class Playhead;
class StoryBar;

/// Plays a guided story in the window: Help ▸ Stories lists the bundled ones (resources/stories)
/// and opens a story file from disk. Each step's caption shows in the story bar, and the window
/// goes where the step says. Each step is the story replayed from its start up to it, so every
/// step shows the same view however it was reached.
class StoryPlayer : public QObject {
    Q_OBJECT
public:
    /// What a story moves in the window, and how the window opens the bundled demo (at once,
    /// and only when it is not open already).
    struct Window {
        QMainWindow* window = nullptr;
        Playhead* playhead = nullptr;
        Player* player = nullptr;
        Inspector* inspector = nullptr;
        std::function<Status()> openDemo;
    };

    explicit StoryPlayer(Window window);

    /// The bundled stories' resource paths, in the order of their file names.
    static QStringList bundledStories();

    /// Starts `story` at its first step; an action the window does not have is an Error naming
    /// the file and line, and nothing starts.
    Status start(const Story& story);
    /// Reads a story file and starts it; a bad file is reported in the window and returned.
    Status openFile(const QString& path);

    bool isRunning() const { return m_running; }
    const Story& story() const { return m_story; }
    int step() const { return m_step; }
    StoryBar* bar() const { return m_bar; }
    /// Fills Help ▸ Stories: each bundled story, then Open Story File….
    void fillMenu(QMenu* menu);

public slots:
    /// Shows step `step`: the story replayed from its start up to it (Next and Back alike).
    void goTo(int step);
    void next();
    void back();
    void close();

signals:
    void stepChanged(int step);

private:
    /// One step; the on/off actions it names are noted in `switched`, switched after the replay.
    void apply(const StoryStep& step, QHash<QString, bool>& switched);
    void updateActions();
    void report(const Error& error);
    QAction* windowAction(const QString& name) const;

    Window m_parts;
    QMainWindow* m_window = nullptr;
    QAction* m_back = nullptr;
    QAction* m_next = nullptr;
    QAction* m_close = nullptr;
    StoryBar* m_bar = nullptr;
    Story m_story;
    bool m_running = false;
    int m_step = -1;
    /// Whether each on/off action the story switches was on before it started: where each replay
    /// starts from, so a step that switches one on shows the same whether reached by Next or Back.
    QHash<QString, bool> m_checkedBefore;
};

} // namespace Rewind
