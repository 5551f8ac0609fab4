#pragma once

#include "error.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace Rewind {

class History;

/// Opens histories in the background (QtConcurrent): reading the source, then analysing it, with
/// progress and cancel. Each load has a job id; a result that arrives after a newer load started
/// or after a cancel is dropped, so the window only ever shows what the user asked for last.
class HistoryLoader : public QObject {
    Q_OBJECT
public:
    struct Outcome {
        std::shared_ptr<const History> history;
        QString error; ///< empty on success
        bool cancelled = false;
    };

    explicit HistoryLoader(QObject* parent = nullptr);
    ~HistoryLoader() override;

    /// Starts loading `path`, cancelling any load under way. Returns the job id.
    int load(const QString& path);
    void cancel();
    bool isBusy() const { return m_watcher != nullptr; }
    int currentJob() const { return m_job; }

    /// The same work on the calling thread, for screenshots and tests. `progress` returning
    /// false cancels. The returned history keeps its domain registry alive.
    static Outcome loadNow(const QString& path, const std::function<bool(int permille, const QString& phase)>& progress = {});

signals:
    void started(int job, const QString& path);
    void progress(int job, int permille, const QString& phase);
    void loaded(int job, const QString& path, std::shared_ptr<const History> history);
    void failed(int job, const QString& path, const QString& message);
    void cancelled(int job);

private:
    void finish(int job, QFutureWatcher<Outcome>* watcher, const QString& path);

    QFutureWatcher<Outcome>* m_watcher = nullptr;
    int m_job = 0;
};

} // namespace Rewind
