#include "loading/backgroundpool.h"

#include <QThread>

#include <algorithm>

#ifdef REWIND_THREAD_SANITIZER // REWIND_SANITIZE_THREAD in CMakeLists.txt
#include <sanitizer/tsan_interface.h>
#endif

namespace Rewind {

QThreadPool* backgroundPool()
{
    static QThreadPool pool;
    // One core stays free for the window: on two cores, an analysis and a scan running side by
    // side would leave the window's own work (showing a history, painting) waiting for a core.
    static const bool configured = [] {
        pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
        return true;
    }();
    Q_UNUSED(configured)
    return &pool;
}

namespace Background {

#ifdef REWIND_THREAD_SANITIZER
void handOver(const void* task) { __tsan_release(const_cast<void*>(task)); }
void takeOver(const void* task) { __tsan_acquire(const_cast<void*>(task)); }
#else
void handOver(const void*) { }
void takeOver(const void*) { }
#endif

} // namespace Background

} // namespace Rewind
