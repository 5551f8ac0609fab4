#include "backgroundpool.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace Rewind {

QThreadPool* backgroundPool()
{
    // One core stays free for the window: on two cores, an analysis and a scan running side by
    // side would leave the window's own work (opening, painting) waiting for a core.
    static QThreadPool* pool = [] {
        auto* created = new QThreadPool;
        created->setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
        return created;
    }();
    return pool;
}

} // namespace Rewind
