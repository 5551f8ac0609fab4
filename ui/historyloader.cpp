#include "historyloader.h"

#include "domainregistry.h"
#include "history.h"
#include "sourceopener.h"

#include <QPromise>
#include <QtConcurrent>

namespace Rewind {

HistoryLoader::HistoryLoader(QObject* parent)
    : QObject(parent)
{
}

HistoryLoader::~HistoryLoader()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->cancel();
        m_watcher->waitForFinished();
    }
}

HistoryLoader::Outcome HistoryLoader::loadNow(
    const QString& path, const std::function<bool(int, const QString&)>& progress)
{
    const auto report = [&progress](const QString& phase, int from, int to) {
        return [&progress, phase, from, to](qint64 done, qint64 total) {
            if (!progress)
                return true;
            const int permille = total > 0 ? from + int((to - from) * std::min<qint64>(done, total) / total) : from;
            return progress(permille, phase);
        };
    };
    // Reading and analysing are the two long phases; the source is opened by hand (not through
    // History::open) so that reading a big log reports progress and can be cancelled too.
    auto source = SourceOpener::open(path, report(tr("Reading"), 0, 400));
    if (progress && !progress(400, tr("Analysing")))
        return { {}, {}, true };
    if (!source)
        return { {}, source.error().toString(), false };
    // A History keeps a pointer to its registry: the registry lives as long as the history does.
    auto domains = std::make_shared<DomainRegistry>();
    bool cancelled = false;
    const auto analyse = report(tr("Analysing"), 400, 1000);
    auto history = History::analyze(std::move(source).value(), *domains, [&](qint64 done, qint64 total) {
        cancelled = !analyse(done, total);
        return !cancelled;
    });
    if (cancelled)
        return { {}, {}, true };
    if (!history)
        return { {}, history.error().toString(), false };
    std::shared_ptr<const History> shared(
        std::move(history).value().release(), [domains](const History* h) { delete h; });
    return { std::move(shared), {}, false };
}

int HistoryLoader::load(const QString& path)
{
    cancel();
    const int job = ++m_job;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, job, watcher](int value) {
        if (job == m_job)
            emit progress(job, value, watcher->progressText());
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, job, watcher, path] { finish(job, watcher, path); });
    watcher->setFuture(QtConcurrent::run([path](QPromise<Outcome>& promise) {
        promise.setProgressRange(0, 1000);
        Outcome outcome = loadNow(path, [&promise](int permille, const QString& phase) {
            promise.setProgressValueAndText(permille, phase);
            return !promise.isCanceled();
        });
        promise.addResult(std::move(outcome));
    }));
    emit started(job, path);
    return job;
}

void HistoryLoader::cancel()
{
    if (!m_watcher)
        return;
    const int job = m_job;
    // The worker notices at its next progress report; its result will be dropped.
    m_watcher->cancel();
    m_watcher = nullptr;
    ++m_job;
    emit cancelled(job);
}

void HistoryLoader::finish(int job, QFutureWatcher<Outcome>* watcher, const QString& path)
{
    watcher->deleteLater();
    if (job != m_job)
        return;
    m_watcher = nullptr;
    const QFuture<Outcome> future = watcher->future();
    if (future.isCanceled() || future.resultCount() == 0) {
        emit cancelled(job);
        return;
    }
    const Outcome outcome = future.result();
    if (outcome.cancelled)
        emit cancelled(job);
    else if (!outcome.error.isEmpty())
        emit failed(job, path, outcome.error);
    else
        emit loaded(job, path, outcome.history);
}

} // namespace Rewind
