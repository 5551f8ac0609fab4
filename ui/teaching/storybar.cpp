#include "teaching/storybar.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Rewind {

StoryBar::StoryBar(QAction* back, QAction* next, QAction* close, QWidget* parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_caption(new QLabel(this))
    , m_step(new QLabel(this))
{
    setObjectName(QStringLiteral("storyBar"));
    setFrameShape(QFrame::StyledPanel);
    // Set apart from the panes by the palette's own second background: right in light and dark.
    setBackgroundRole(QPalette::AlternateBase);
    setAutoFillBackground(true);
    m_title->setObjectName(QStringLiteral("storyTitle"));
    m_caption->setObjectName(QStringLiteral("storyCaption"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::MarkdownText);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setForegroundRole(QPalette::Text);
    m_step->setObjectName(QStringLiteral("storyStep"));
    const auto button = [this](QAction* action, const char* name) {
        auto* b = new QToolButton(this);
        b->setObjectName(QLatin1String(name));
        b->setDefaultAction(action);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return b;
    };
    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_step);
    top->addWidget(button(back, "storyBack"));
    top->addWidget(button(next, "storyNext"));
    top->addWidget(button(close, "storyClose"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 8);
    layout->addLayout(top);
    layout->addWidget(m_caption);
    scaleCaption();
    hide();
}

void StoryBar::showStep(const QString& title, const QString& caption, int step, int count)
{
    m_title->setText(tr("<b>Story:</b> %1").arg(title.toHtmlEscaped()));
    m_caption->setText(caption);
    m_step->setText(tr("Step %1 of %2").arg(step + 1).arg(count));
    QFrame::show();
}

QString StoryBar::caption() const { return m_caption->text(); }

QString StoryBar::stepText() const { return m_step->text(); }

void StoryBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        scaleCaption();
    QFrame::changeEvent(event);
}

void StoryBar::scaleCaption()
{
    // The bar's own font follows the window's text size; the caption is half as large again.
    QFont larger = font();
    larger.setPointSizeF(font().pointSizeF() * CaptionScale);
    m_caption->setFont(larger);
}

} // namespace Rewind
