#pragma once

#include <QObject>
#include <QRect>

#include <functional>

class QAction;
class QWidget;

namespace Rewind {

class TimelineWidget;

/// View ▸ Presentation: the window for a projector in front of a class. Full screen, the text
/// of every pane (the timeline's labels, legend and markers too) a good deal larger, and a
/// thicker playhead. The text size still follows Ctrl+= and Ctrl+− while presenting; leaving
/// (the same key, or Esc) puts the window back exactly as it was: geometry, state, text size.
class PresentationMode : public QObject {
    Q_OBJECT
public:
    /// Eighths of text size added on entering: 1.125^5, about 1.8 times the usual text.
    static constexpr int ExtraTextSteps = 5;

    /// The window's text size in eighths (MainWindow::textZoom), read and set.
    struct TextSize {
        std::function<int()> get;
        std::function<void(int)> set;
    };

    PresentationMode(QWidget* window, TimelineWidget* timeline, TextSize textSize);
    ~PresentationMode() override;

    bool isActive() const { return m_active; }
    /// View ▸ Presentation: checkable, F11, named `presentationAction` (stories trigger it).
    QAction* action() const { return m_action; }

public slots:
    void setActive(bool active);
    void enter() { setActive(true); }
    void leave() { setActive(false); }

signals:
    void activeChanged(bool active);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_window = nullptr;
    TimelineWidget* m_timeline = nullptr;
    TextSize m_textSize;
    QAction* m_action = nullptr;
    bool m_active = false;
    // What the window was before: brought back on leaving.
    QRect m_geometry;
    Qt::WindowStates m_states;
    int m_textZoom = 0;
};

} // namespace Rewind
