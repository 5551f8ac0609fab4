#pragma once

#include <chrono>
#include <mutex>

class QJSEngine;

namespace Rewind {

/// Interrupts a user's JavaScript that runs past its time limit, so a handler that never returns
/// cannot hang Rewind. One thread for the whole process looks every few milliseconds at the
/// engines that are inside a call and interrupts (QJSEngine::setInterrupted, which is
/// thread-safe) those past their deadline. It starts with the first watched engine.
class ScriptWatchdog {
public:
    /// How often the watchdog looks: a call is interrupted at most this long after its limit.
    static constexpr std::chrono::milliseconds Tick { 20 };

    /// One engine's calls as the watchdog sees them; lives as long as the engine, on its thread.
    class Watch {
    public:
        explicit Watch(QJSEngine& engine);
        ~Watch();
        Watch(const Watch&) = delete;
        Watch& operator=(const Watch&) = delete;

        /// A call into the engine begins; it may run for `limit`.
        void start(std::chrono::milliseconds limit);
        /// The call has returned. True when the watchdog interrupted it; the engine is then made
        /// ready for the next call.
        bool finish();
        /// On the watchdog's thread: interrupts the call when it is past its deadline.
        void interruptIfLate(std::chrono::steady_clock::time_point now);

    private:
        QJSEngine& m_engine;
        std::mutex m_mutex;
        std::chrono::steady_clock::time_point m_deadline;
        bool m_running = false;
        bool m_interrupted = false;
    };
};

} // namespace Rewind
