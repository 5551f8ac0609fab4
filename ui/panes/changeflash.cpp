#include "panes/changeflash.h"

namespace Rewind {

ChangeFlash::ChangeFlash(QObject* parent)
    : QObject(parent)
{
    m_fade.setStartValue(1.0);
    m_fade.setEndValue(0.0);
    m_fade.setDuration(DurationMs);
    // Stays bright long enough to be seen, then goes quickly: a flash rather than a slow dimming.
    m_fade.setEasingCurve(QEasingCurve::InQuad);
    connect(
        &m_fade, &QVariantAnimation::valueChanged, this, [this](const QVariant& value) { setLevel(value.toReal()); });
}

void ChangeFlash::start()
{
    m_fade.stop();
    setLevel(1.0);
    m_fade.start();
}

void ChangeFlash::stop()
{
    m_fade.stop();
    setLevel(0.0);
}

void ChangeFlash::setLevel(qreal level)
{
    if (qFuzzyCompare(level + 1, m_level + 1))
        return;
    m_level = level;
    emit levelChanged(level);
}

} // namespace Rewind
