#include "loading/historyloader.h"

#include "domains/domainregistry.h"
#include "loading/backgroundpool.h"
#include "replay/history.h"
#include "sources/readreport.h"
#include "sources/sourceopener.h"

#include <QPromise>

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
    return loadNow(QStringList { path }, FieldMapping(), progress);
}

namespace {
/// Maps a phase's (done, total) onto the loader's 0…1000 range.
auto reporter(const std::function<bool(int, const QString&)>& progress, const QString& phase, int from, int to)
{
    return [&progress, phase, from, to](qint64 done, qint64 total) {
        if (!progress)
            return true;
        const int permille = total > 0 ? from + int((to - from) * std::min<qint64>(done, total) / total) : from;
        return progress(permille, phase);
    };
}
}

HistoryLoader::Outcome HistoryLoader::indexNow(const QStringList& paths, const FieldMapping& mapping,
    const std::function<bool(int, const QString&)>& progress, const QHash<QString, QString>& domainChoices,
    bool skipBadRecords)
{
    // The source is opened by hand (not through History::open) so that reading a big log
    // reports progress and can be cancelled too.
    ReadOptions options;
    options.mapping = mapping;
    options.progress = reporter(progress, tr("Reading"), 0, 400);
    options.keepProblems = skipBadRecords ? NamedSkips : 0;
    ReadReport report;
    auto source = SourceOpener::open(paths, options, &report);
    if (progress && !progress(400, tr("Analysing")))
        return { .cancelled = true };
    if (!source)
        return { .error = source.error() };
    // A History keeps a pointer to its registry: the registry lives as long as the history does.
    auto domains = std::make_shared<DomainRegistry>();
    HistoryOptions historyOptions;
    for (auto it = domainChoices.cbegin(); it != domainChoices.cend(); ++it) {
        if (const Domain* domain = domains->find(it.value()))
            historyOptions.domainOf.insert(it.key(), domain);
    }
    auto history = History::openIndex(std::move(source).value(), *domains, historyOptions);
    if (!history)
        return { .error = history.error() };
    std::shared_ptr<const History> shared(
        std::move(history).value().release(), [domains](const History* h) { delete h; });
    return { .history = std::move(shared), .skippedRecords = report.badRecords, .skipped = report.problems };
}

bool HistoryLoader::analyseNow(
    const History& history, const std::function<bool(int, const QString&)>& progress, std::optional<Error>* error)
{
    bool cancelled = false;
    const auto analyse = reporter(progress, tr("Analysing"), 400, 1000);
    const Status analysed = history.completeAnalysis([&](qint64 done, qint64 total) {
        cancelled = !analyse(done, total);
        return !cancelled;
    });
    if (!analysed && !cancelled && error)
        *error = analysed.error();
    return analysed.ok();
}

HistoryLoader::Outcome HistoryLoader::loadNow(const QStringList& paths, const FieldMapping& mapping,
    const std::function<bool(int, const QString&)>& progress, const QHash<QString, QString>& domainChoices,
    bool skipBadRecords)
{
    Outcome outcome = indexNow(paths, mapping, progress, domainChoices, skipBadRecords);
    if (!outcome.history)
        return outcome;
    std::optional<Error> error;
    if (!analyseNow(*outcome.history, progress, &error))
        return { .error = error, .cancelled = !error };
    return outcome;
}

int HistoryLoader::load(const QString& path) { return load(QStringList { path }, FieldMapping()); }

int HistoryLoader::load(const QStringList& paths, const FieldMapping& mapping) { return start(paths, mapping, false); }

int HistoryLoader::loadReadable(const QStringList& paths, const FieldMapping& mapping)
{
    return start(paths, mapping, true);
}

int HistoryLoader::start(const QStringList& paths, const FieldMapping& mapping, bool skipBadRecords)
{
    const QString path = paths.value(0);
    cancel();
    const int job = ++m_job;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, job, watcher](int value) {
        if (job == m_job)
            emit progress(job, value, watcher->progressText());
    });
    // The index comes first (result 0: the window shows it at once), then the analysis runs in
    // the same job and `finished` says it is done.
    connect(watcher, &QFutureWatcherBase::resultReadyAt, this, [this, job, watcher, path](int index) {
        if (job != m_job || index != 0)
            return;
        const Outcome outcome = watcher->resultAt(0);
        if (outcome.history && outcome.skippedRecords > 0)
            emit skippedRecords(job, outcome.skippedRecords, outcome.skipped);
        if (outcome.history)
            emit loaded(job, path, outcome.history);
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, job, watcher, path] { finish(job, watcher, path); });
    watcher->setFuture(runInBackground<Outcome>(
        [paths, mapping, choices = m_domainChoices, skipBadRecords](QPromise<Outcome>& promise) {
            promise.setProgressRange(0, 1000);
            const auto progress = [&promise](int permille, const QString& phase) {
                promise.setProgressValueAndText(permille, phase);
                return !promise.isCanceled();
            };
            Outcome outcome = indexNow(paths, mapping, progress, choices, skipBadRecords);
            const std::shared_ptr<const History> history = outcome.history;
            promise.addResult(std::move(outcome));
            if (!history)
                return;
            std::optional<Error> error;
            if (!analyseNow(*history, progress, &error) && error)
                promise.addResult(Outcome { .error = error });
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
    const Outcome outcome = future.resultAt(0);
    if (outcome.cancelled)
        emit cancelled(job);
    else if (outcome.error)
        emit failed(job, path, *outcome.error);
    else if (future.resultCount() > 1 && future.resultAt(1).error)
        emit failed(job, path, *future.resultAt(1).error); // the index was shown; its analysis failed
    else if (outcome.history->isAnalyzed())
        emit analysed(job, outcome.history);
    else
        emit cancelled(job);
}

} // namespace Rewind
