#include "loading/backgroundpool.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

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

} // namespace Rewind
