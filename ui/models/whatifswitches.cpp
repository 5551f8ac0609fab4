#include "models/whatifswitches.h"

#include "loading/backgroundpool.h"
#include "playback/playhead.h"
#include "replay/history.h"

namespace Rewind {

namespace {
/// Every stream with an event switched off, folded without those events.
Result<WhatIfSwitches::Folds> foldAll(
    const History& history, const WhatIf& whatIf, const std::function<bool()>& cancelled = {})
{
    WhatIfSwitches::Folds folds;
    for (const QString& stream : whatIf.streams()) {
        WhatIfStream::Options options;
        options.interval = history.checkpoints().interval();
        options.chartPath = history.domainOf(stream).chartPath();
        const StreamAnalysis* info = history.analysis().stream(stream);
        options.valueEvery = std::max<qint64>(1, (info ? info->eventCount : 0) / WhatIfSwitches::ChartPoints);
        options.cancelled = cancelled;
        auto fold = WhatIfStream::build(history, whatIf, stream, options);
        if (!fold)
            return fold.error();
        folds.insert(stream, std::make_shared<const WhatIfStream>(std::move(fold).value()));
    }
    return folds;
}
}

WhatIfSwitches::WhatIfSwitches(Playhead* playhead, QObject* parent)
    : QObject(parent)
    , m_playhead(playhead)
{
    // Another history, or the same one read again: its positions may hold other events.
    connect(m_playhead, &Playhead::historyChanged, this, &WhatIfSwitches::restore);
    connect(&m_watcher, &QFutureWatcher<Folds>::finished, this, &WhatIfSwitches::finishFold);
}

WhatIfSwitches::~WhatIfSwitches()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

void WhatIfSwitches::toggle(const QList<qint64>& positions)
{
    const bool allOff = !positions.isEmpty()
        && std::all_of(positions.cbegin(), positions.cend(), [this](qint64 p) { return isOff(p); });
    if (allOff)
        switchOn(positions);
    else
        switchOff(positions);
}

void WhatIfSwitches::switchOff(const QList<qint64>& positions)
{
    const History* history = m_playhead->history();
    if (!history)
        return;
    QList<qint64> changed;
    const HistoryIndex& index = history->index();
    for (qint64 position : positions) {
        const qsizetype row = index.rowOf(position);
        if (row < 0 || isOff(position))
            continue;
        m_whatIf.switchOff(position, index.streamNames().value(index.entry(row).stream));
        changed.append(position);
    }
    if (changed.isEmpty())
        return;
    refold();
    emit switched(changed);
}

void WhatIfSwitches::switchOn(const QList<qint64>& positions)
{
    QList<qint64> changed;
    for (qint64 position : positions) {
        if (!isOff(position))
            continue;
        m_whatIf.switchOn(position);
        changed.append(position);
    }
    if (changed.isEmpty())
        return;
    refold();
    emit switched(changed);
}

void WhatIfSwitches::restore()
{
    if (m_whatIf.isEmpty() && !m_folding)
        return; // nothing to undo: a new history does not repaint every row for nothing
    const QList<qint64> all = m_whatIf.positions();
    m_whatIf.restore();
    refold();
    if (!all.isEmpty())
        emit switched(all);
}

void WhatIfSwitches::refold()
{
    m_watcher.cancel();
    m_folds.clear();
    const auto history = m_playhead->sharedHistory();
    if (!history || m_whatIf.isEmpty()) {
        if (m_folding) {
            m_folding = false;
            emit folding(false);
        }
        emit foldsChanged();
        return;
    }
    qint64 events = 0;
    for (const QString& stream : m_whatIf.streams()) {
        const StreamAnalysis* info = history->analysis().stream(stream);
        events += info ? info->eventCount : 0;
    }
    if (events <= FoldedAtOnce) {
        // A few thousand events: folded before the next paint, no flicker of "folding…".
        auto folds = foldAll(*history, m_whatIf);
        if (folds)
            m_folds = std::move(folds).value();
        if (m_folding) {
            m_folding = false;
            emit folding(false);
        }
        emit foldsChanged();
        return;
    }
    const WhatIf whatIf = m_whatIf;
    m_watcher.setFuture(runInBackground<Folds>([history, whatIf](QPromise<Folds>& promise) {
        auto folds = foldAll(*history, whatIf, [&promise] { return promise.isCanceled(); });
        if (folds && !promise.isCanceled())
            promise.addResult(std::move(folds).value());
    }));
    if (!m_folding) {
        m_folding = true;
        emit folding(true);
    }
    emit foldsChanged(); // the old folds are gone: nobody shows a stale one meanwhile
}

void WhatIfSwitches::finishFold()
{
    const QFuture<Folds> future = m_watcher.future();
    // A cancelled job's end arrives after the new one started; only the latest one counts.
    if (future.isCanceled() || !m_folding)
        return;
    // No result: the source could not be read; the tabs then show the real history.
    if (future.resultCount() > 0)
        m_folds = future.result();
    m_folding = false;
    emit folding(false);
    emit foldsChanged();
}

} // namespace Rewind
