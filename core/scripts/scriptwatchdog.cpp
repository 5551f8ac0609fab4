#include "scripts/scriptwatchdog.h"

#include <QJSEngine>

#include <algorithm>
#include <condition_variable>
#include <thread>
#include <vector>

namespace Rewind {

namespace {
/// The watchdog's thread and the engines it watches. A function-local static: it is built
/// with the first engine and joined when the program ends, after every thread's engines are gone.
class Watcher {
public:
    static Watcher& instance()
    {
        static Watcher watcher;
        return watcher;
    }

    ~Watcher()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    void add(ScriptWatchdog::Watch* watch)
    {
        const std::lock_guard lock(m_mutex);
        m_watches.push_back(watch);
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
    }

    void remove(ScriptWatchdog::Watch* watch)
    {
        const std::lock_guard lock(m_mutex);
        m_watches.erase(std::remove(m_watches.begin(), m_watches.end(), watch), m_watches.end());
    }

private:
    Watcher() = default;

    void run()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            m_wake.wait_for(lock, ScriptWatchdog::Tick);
            const auto now = std::chrono::steady_clock::now();
            for (ScriptWatchdog::Watch* watch : m_watches)
                watch->interruptIfLate(now);
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<ScriptWatchdog::Watch*> m_watches;
    bool m_stopping = false;
    std::thread m_thread;
};
}

ScriptWatchdog::Watch::Watch(QJSEngine& engine)
    : m_engine(engine)
{
    Watcher::instance().add(this);
}

ScriptWatchdog::Watch::~Watch() { Watcher::instance().remove(this); }

void ScriptWatchdog::Watch::start(std::chrono::milliseconds limit)
{
    const std::lock_guard lock(m_mutex);
    m_deadline = std::chrono::steady_clock::now() + limit;
    m_running = true;
}

bool ScriptWatchdog::Watch::finish()
{
    const std::lock_guard lock(m_mutex);
    m_running = false;
    const bool interrupted = m_interrupted;
    if (interrupted) {
        m_engine.setInterrupted(false);
        m_interrupted = false;
    }
    return interrupted;
}

void ScriptWatchdog::Watch::interruptIfLate(std::chrono::steady_clock::time_point now)
{
    const std::lock_guard lock(m_mutex);
    if (m_running && !m_interrupted && now >= m_deadline) {
        m_interrupted = true;
        m_engine.setInterrupted(true);
    }
}

} // namespace Rewind
