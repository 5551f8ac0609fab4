#pragma once

#include <QObject>
#include <QVariantAnimation>

namespace Rewind {

/// The light that shows a change as it happens: each time the playhead brings a new event, the
/// fields it changed (State tab) and its rows (Diff tab) light up and fade back over about a
/// second, so a class watching a replay sees where each event lands. Only a level from 1 (just
/// changed) to 0 (faded): the models mix it into their backgrounds with the theme's colours.
class ChangeFlash : public QObject {
    Q_OBJECT
public:
    static constexpr int DurationMs = 1000;

    explicit ChangeFlash(QObject* parent = nullptr);

    qreal level() const { return m_level; }

public slots:
    /// Lights up at full strength and starts fading.
    void start();
    /// Out at once (a still picture: screenshots).
    void stop();

signals:
    void levelChanged(qreal level);

private:
    void setLevel(qreal level);

    QVariantAnimation m_fade;
    qreal m_level = 0;
};

} // namespace Rewind
