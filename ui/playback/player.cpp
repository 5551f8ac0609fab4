#include "playback/player.h"

#include "playback/playhead.h"

#include <algorithm>
#include <cmath>

namespace Rewind {

namespace {
constexpr int FrameMs = 16;
}

Player::Player(Playhead* playhead, QObject* parent)
    : QObject(parent)
    , m_playhead(playhead)
{
    connect(&m_timer, &QTimer::timeout, this, &Player::tick);
    connect(m_playhead, &Playhead::historyChanged, this, &Player::pause);
    configure();
}

void Player::configure()
{
    const int interval = std::max(FrameMs, 1000 / m_speed);
    m_stepsPerTick = std::max(1, int(std::lround(m_speed * interval / 1000.0)));
    m_timer.setInterval(interval);
}

void Player::setSpeed(int eventsPerSecond)
{
    eventsPerSecond = std::clamp(eventsPerSecond, MinSpeed, MaxSpeed);
    if (eventsPerSecond == m_speed)
        return;
    m_speed = eventsPerSecond;
    configure();
    emit speedChanged(m_speed);
}

void Player::play()
{
    if (isPlaying() || m_playhead->axisCount() == 0)
        return;
    // Playing from the end starts over, as media players do.
    if (m_playhead->axisIndex() >= m_playhead->axisCount() - 1)
        m_playhead->goToFirst();
    m_timer.start();
    emit playingChanged(true);
}

void Player::pause()
{
    if (!isPlaying())
        return;
    m_timer.stop();
    emit playingChanged(false);
}

void Player::toggle() { isPlaying() ? pause() : play(); }

void Player::tick()
{
    m_playhead->step(m_stepsPerTick);
    if (m_playhead->axisIndex() >= m_playhead->axisCount() - 1)
        pause();
}

} // namespace Rewind
