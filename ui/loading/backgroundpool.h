#pragma once

class QThreadPool;

namespace Rewind {

/// The thread pool for the window's long work: opening and analysing a history, scanning every
/// event for the actors, building a chart. Kept apart from QThreadPool::globalInstance(), which
/// Qt's raster engine borrows to paint: were long jobs to fill it, every repaint would wait for
/// them to end.
QThreadPool* backgroundPool();

} // namespace Rewind
