#include "panes/whatifbanner.h"

#include "theme/themecolors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Rewind {

WhatIfBanner::WhatIfBanner(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_real(new QPushButton(tr("Show &Real History"), this))
    , m_restore(new QPushButton(tr("Rest&ore"), this))
{
    setObjectName(QStringLiteral("whatIfBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setObjectName(QStringLiteral("whatIfText"));
    m_label->setWordWrap(true);
    m_real->setObjectName(QStringLiteral("whatIfReal"));
    m_real->setCheckable(true);
    m_real->setToolTip(tr("Show the history as it is in the log, every event counted"));
    m_restore->setObjectName(QStringLiteral("whatIfRestore"));
    m_restore->setToolTip(tr("Switch every event on again (Ctrl+Shift+K)"));
    // The text takes the whole width (the inspector is narrow), the buttons go under it.
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_real);
    buttons->addWidget(m_restore);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    layout->addWidget(m_label);
    layout->addLayout(buttons);
    connect(m_real, &QPushButton::toggled, this, &WhatIfBanner::realHistoryToggled);
    connect(m_restore, &QPushButton::clicked, this, &WhatIfBanner::restoreClicked);
    applyTheme();
    hide();
}

void WhatIfBanner::setSituation(qsizetype switchedOff, bool showingReal, bool changesHere, bool folding)
{
    setVisible(switchedOff > 0);
    const QString count = switchedOff == 1 ? tr("1 event switched off") : tr("%1 events switched off").arg(switchedOff);
    QString text;
    if (showingReal)
        text = tr("<b>Real history</b> shown — %1 (what if they had never happened?).").arg(count);
    else if (folding)
        text = tr("<b>What if:</b> %1 — folding the history without them…").arg(count);
    else if (changesHere)
        text = tr("<b>What if:</b> %1 — this state leaves them out.").arg(count);
    else
        text = tr("<b>What if:</b> %1 — none before this point of this stream: the state is the real one.").arg(count);
    m_label->setText(text);
    const QSignalBlocker quiet(m_real);
    m_real->setChecked(showingReal);
    m_real->setText(showingReal ? tr("Show &What If") : tr("Show &Real History"));
}

void WhatIfBanner::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && !m_theming)
        applyTheme();
    QFrame::changeEvent(event);
}

void WhatIfBanner::applyTheme()
{
    // The banner must not be missed in front of a class: a background of its own colour.
    m_theming = true; // setPalette sends a palette change of its own
    QPalette pal = palette();
    pal.setColor(QPalette::Window, ThemeColors::whatIfBackground(pal));
    setPalette(pal);
    m_theming = false;
}

} // namespace Rewind
