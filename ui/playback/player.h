#pragma once

#include <QObject>
#include <QTimer>

namespace Rewind {

class Playhead;

/// Plays the history: moves the playhead forward at a chosen speed in events per second until
/// the end. At high speeds it moves several events a tick rather than ticking faster than the
/// screen refreshes.
class Player : public QObject {
    Q_OBJECT
public:
    static constexpr int MinSpeed = 1;
    static constexpr int MaxSpeed = 10000;

    explicit Player(Playhead* playhead, QObject* parent = nullptr);

    bool isPlaying() const { return m_timer.isActive(); }
    int speed() const { return m_speed; }

public slots:
    void play();
    void pause();
    void toggle();
    void setSpeed(int eventsPerSecond);

signals:
    void playingChanged(bool playing);
    void speedChanged(int eventsPerSecond);

private:
    void tick();
    void configure();

    Playhead* m_playhead = nullptr;
    QTimer m_timer;
    int m_speed = 5;
    int m_stepsPerTick = 1;
};

} // namespace Rewind
