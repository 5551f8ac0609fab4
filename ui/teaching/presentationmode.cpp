#include "teaching/presentationmode.h"

#include "timeline/timelinewidget.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QWidget>

#include <utility>

namespace Rewind {

PresentationMode::PresentationMode(QWidget* window, TimelineWidget* timeline, TextSize textSize)
    : QObject(window)
    , m_window(window)
    , m_timeline(timeline)
    , m_textSize(std::move(textSize))
    , m_action(new QAction(tr("&Presentation"), window))
{
    m_action->setObjectName(QStringLiteral("presentationAction"));
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::Key_F11));
    m_action->setShortcutContext(Qt::WindowShortcut);
    const QString tip = tr("Full screen with large text and a thick playhead, for a projector; F11 or Esc leaves");
    m_action->setToolTip(tip);
    m_action->setStatusTip(tip);
    window->addAction(m_action); // its key works with the menu bar hidden by full screen too
    connect(m_action, &QAction::toggled, this, &PresentationMode::setActive);
}

PresentationMode::~PresentationMode()
{
    if (m_active)
        qApp->removeEventFilter(this);
}

void PresentationMode::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    m_action->setChecked(active);
    if (active) {
        m_geometry = m_window->geometry();
        m_states = m_window->windowState();
        m_textZoom = m_textSize.get();
        m_textSize.set(m_textZoom + ExtraTextSteps);
        m_timeline->setPresenting(true);
        m_window->setWindowState((m_states & ~(Qt::WindowMinimized | Qt::WindowMaximized)) | Qt::WindowFullScreen);
        // Esc anywhere in the window leaves, before a pane's own use of it (but not in a text field).
        qApp->installEventFilter(this);
    } else {
        qApp->removeEventFilter(this);
        m_timeline->setPresenting(false);
        m_textSize.set(m_textZoom);
        m_window->setWindowState(m_states);
        // The window's own place and size, not its frame's (which saveGeometry would keep):
        // the same rectangle on every platform.
        if (!(m_states & (Qt::WindowMaximized | Qt::WindowFullScreen)))
            m_window->setGeometry(m_geometry);
    }
    emit activeChanged(active);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::ShortcutOverride)
        return false;
    const auto* key = static_cast<QKeyEvent*>(event);
    auto* widget = qobject_cast<QWidget*>(watched);
    if (key->key() != Qt::Key_Escape || key->modifiers() != Qt::NoModifier || !widget || widget->window() != m_window)
        return false;
    // Esc in a text field belongs to the field (the event also comes past its parents).
    const QWidget* focus = QApplication::focusWidget();
    if (qobject_cast<const QLineEdit*>(focus) || qobject_cast<const QAbstractSpinBox*>(focus))
        return false;
    // Accepting the override keeps Esc from any shortcut of the panes: here it means "leave".
    event->accept();
    leave();
    return true;
}

} // namespace Rewind
