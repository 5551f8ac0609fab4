#include "scripts/scriptwatchdog.h"

#include <QJSEngine>

#include <algorithm>
#include <condition_variable>
#include <thread>
#include <vector>

namespace Rewind {

namespace {
/// The watchdog's thread and the engines it watches, built with the first engine. It is never
/// destroyed: a thread's engines go when that thread ends, which can be after main() returned
/// (a QThread's thread-local data ends after wait() has returned), so the watcher must outlive
/// every static destructor. Its thread sleeps until the process ends.
class Watcher {
public:
    static Watcher& instance()
    {
        static auto* const watcher = new Watcher;
        return *watcher;
    }

    ~Watcher() = delete;
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    void add(ScriptWatchdog::Watch* watch)
    {
        const std::lock_guard lock(m_mutex);
        m_watches.push_back(watch);
        if (!m_started) {
            std::thread([this] { run(); }).detach();
            m_started = true;
        }
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
        for (;;) {
            m_wake.wait_for(lock, ScriptWatchdog::Tick);
            const auto now = std::chrono::steady_clock::now();
            for (ScriptWatchdog::Watch* watch : m_watches)
                watch->interruptIfLate(now);
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<ScriptWatchdog::Watch*> m_watches;
    bool m_started = false;
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
