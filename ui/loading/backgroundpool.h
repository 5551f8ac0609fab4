#pragma once

#include <QFuture>
#include <QFutureInterface>
#include <QPromise>
#include <QRunnable>
#include <QThreadPool>

#include <optional>

namespace Rewind {

/// The thread pool for the window's long work: opening and analysing a history, scanning every
/// event for the actors, building a chart. Kept apart from QThreadPool::globalInstance(), which
/// Qt's raster engine borrows to paint: were long jobs to fill it, every repaint would wait for
/// them to end.
QThreadPool* backgroundPool();

namespace Background {

/// Says to ThreadSanitizer that what one thread did before handOver(task) happens before what the
/// thread that runs the task does after takeOver(task). Nothing in other builds.
void handOver(const void* task);
void takeOver(const void* task);

/// One job on the background pool, as QtConcurrent::run would start it: a future that can be
/// cancelled, watched and waited for (waiting runs a job still queued on the waiting thread).
/// Not QtConcurrent::run itself because its task is read first by Qt's own code when the job
/// starts: Qt is not instrumented and its QMutex is a bare futex, so ThreadSanitizer (the tsan
/// preset) cannot see the pool hand a queued task to its thread, and took every job that waited
/// for a busy pool for a race with the thread that queued it. This task says so itself.
template <typename T, typename Work> class Task final : public QRunnable {
public:
    explicit Task(Work work)
        : m_work(std::move(work))
    {
    }

    /// Queues the task (which deletes itself once run) and returns its future.
    QFuture<T> start()
    {
        m_interface.setThreadPool(backgroundPool());
        m_interface.setRunnable(this);
        m_interface.reportStarted();
        QFuture<T> future = m_interface.future();
        handOver(this);
        backgroundPool()->start(this);
        return future;
    }

    void run() override
    {
        takeOver(this);
        if (!m_interface.isCanceled())
            (*m_work)(m_promise);
        m_work.reset(); // what it holds (a history) is let go before the future says it finished
        m_interface.reportFinished();
    }

private:
    QFutureInterface<T> m_interface;
    QPromise<T> m_promise { m_interface };
    std::optional<Work> m_work;
};

} // namespace Background

/// Runs `work(QPromise<T>&)` on backgroundPool(); the promise reports progress and results, and
/// says when the future was cancelled.
template <typename T, typename Work> QFuture<T> runInBackground(Work work)
{
    return (new Background::Task<T, Work>(std::move(work)))->start();
}

} // namespace Rewind
