#include "panes/inspector.h"

#include "loading/backgroundpool.h"
#include "models/diffmodel.h"
#include "models/statetreemodel.h"
#include "models/whatifswitches.h"
#include "panes/changeflash.h"
#include "panes/charttab.h"
#include "panes/difftab.h"
#include "panes/eventtab.h"
#include "panes/statetab.h"
#include "panes/whatifbanner.h"
#include "playback/playhead.h"
#include "replay/history.h"

#include <QVBoxLayout>

namespace Rewind {

Inspector::Inspector(Playhead* playhead, QWidget* parent)
    : QTabWidget(parent)
    , m_playhead(playhead)
    , m_state(new StateTab(this))
    , m_diff(new DiffTab(this))
    , m_event(new EventTab(this))
    , m_chart(new ChartTab(this))
    , m_flash(new ChangeFlash(this))
    , m_stateBanner(new WhatIfBanner(this))
    , m_diffBanner(new WhatIfBanner(this))
{
    setObjectName(QStringLiteral("inspector"));
    setDocumentMode(true);
    addTab(m_state, tr("&State"));
    addTab(m_diff, tr("D&iff"));
    addTab(m_event, tr("E&vent"));
    addTab(m_chart, tr("C&hart"));
    setTabToolTip(StateTabIndex, tr("The state of the stream at the playhead (Ctrl+1)"));
    setTabToolTip(DiffTabIndex, tr("What the event at the playhead changed (Ctrl+2)"));
    setTabToolTip(EventTabIndex, tr("The event as it is in the log (Ctrl+3)"));
    setTabToolTip(ChartTabIndex, tr("The stream's main value over time (Ctrl+4)"));
    // The banners head the tabs that show a state; the tabs themselves know nothing of what-ifs.
    for (auto [tab, banner] : { std::pair<QWidget*, WhatIfBanner*> { m_state, m_stateBanner },
             std::pair<QWidget*, WhatIfBanner*> { m_diff, m_diffBanner } }) {
        if (auto* layout = qobject_cast<QVBoxLayout*>(tab->layout()))
            layout->insertWidget(0, banner);
        connect(banner, &WhatIfBanner::realHistoryToggled, this, &Inspector::setShowRealHistory);
    }
    connect(m_playhead, &Playhead::historyChanged, this, [this] {
        ++m_historyCount;
        m_chart->setHistory(m_playhead->sharedHistory());
    });
    // Anomalies, snapshot checks and checkpoints arrived: the same point, computed again.
    connect(m_playhead, &Playhead::analysisChanged, this, [this] {
        m_chart->setHistory(m_playhead->sharedHistory());
        refresh();
    });
    connect(m_playhead, &Playhead::positionChanged, this, &Inspector::refresh);
    connect(m_flash, &ChangeFlash::levelChanged, m_state->model(), &StateTreeModel::setFlash);
    connect(m_flash, &ChangeFlash::levelChanged, m_diff->model(), &DiffModel::setFlash);
    connect(&m_watcher, &QFutureWatcher<PointDetails>::finished, this, [this] {
        m_computing = false;
        // A point the playhead has left is still shown (it is what the tabs last asked for, and
        // better than the one before it); then the playhead's own point is computed.
        if (m_watcher.future().resultCount() > 0 && m_computedFor == m_historyCount)
            show(m_watcher.result());
        if (m_stale)
            refresh();
    });
}

Inspector::~Inspector()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

bool Inspector::showTab(const QString& name)
{
    static const QStringList names = { QStringLiteral("state"), QStringLiteral("diff"), QStringLiteral("event"),
        QStringLiteral("chart") };
    if (const qsizetype i = names.indexOf(name.toLower()); i >= 0) {
        setCurrentIndex(int(i));
        return true;
    }
    // Tabs added by others (the teaching tabs) are named by their widget's object name.
    for (int i = 0; i < count(); ++i) {
        if (widget(i)->objectName().compare(name, Qt::CaseInsensitive) == 0) {
            setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void Inspector::refresh()
{
    const auto history = m_playhead->sharedHistory();
    const qint64 position = m_playhead->position();
    if (m_computing) {
        m_stale = true; // picked up when the point under way is done
        return;
    }
    m_stale = false;
    if (!history || position <= 0) {
        show(history ? PointDetails::compute(*history, position) : PointDetails {});
        return;
    }
    const HistoryIndex& index = history->index();
    const qsizetype row = index.rowAtOrBefore(position);
    const QString streamName = row < 0 ? QString() : index.streamNames().value(index.entry(row).stream);
    const StreamAnalysis* stream = row < 0 ? nullptr : history->analysis().stream(streamName);
    // A what-if point costs what a real one does: the fold kept a state every checkpoint interval.
    std::shared_ptr<const WhatIfStream> fold =
        m_switches && !m_showReal ? m_switches->foldOf(streamName) : std::shared_ptr<const WhatIfStream>();
    if (history->isAnalyzed() || !stream || stream->eventCount <= ReplayedAtOnce) {
        show(PointDetails::compute(*history, position, fold.get()));
        return;
    }
    computeInBackground(history, position, std::move(fold));
}

void Inspector::computeInBackground(
    const std::shared_ptr<const History>& history, qint64 position, std::shared_ptr<const WhatIfStream> fold)
{
    m_computing = true;
    m_computedFor = m_historyCount;
    emit computing(position);
    m_watcher.setFuture(
        runInBackground<PointDetails>([history, position, fold = std::move(fold)](QPromise<PointDetails>& promise) {
            promise.addResult(PointDetails::compute(*history, position, fold.get()));
        }));
}

void Inspector::setWhatIf(WhatIfSwitches* switches)
{
    m_switches = switches;
    connect(m_switches, &WhatIfSwitches::foldsChanged, this, &Inspector::refresh);
    connect(m_switches, &WhatIfSwitches::folding, this, &Inspector::updateBanners);
    for (WhatIfBanner* banner : { m_stateBanner, m_diffBanner })
        connect(banner, &WhatIfBanner::restoreClicked, m_switches, &WhatIfSwitches::restore);
}

void Inspector::setShowRealHistory(bool real)
{
    if (m_showReal == real)
        return;
    m_showReal = real;
    refresh();
}

void Inspector::updateBanners()
{
    const qsizetype off = m_switches ? m_switches->whatIf().count() : 0;
    if (off == 0)
        m_showReal = false; // the next what-if starts as one
    const bool folding = m_switches && m_switches->isFolding();
    for (WhatIfBanner* banner : { m_stateBanner, m_diffBanner })
        banner->setSituation(off, m_showReal, m_details.whatIf, folding);
}

void Inspector::show(const PointDetails& details)
{
    emit computing(0);
    // A new event at the playhead (a step, a play, a jump): what it changed lights up. The
    // same point computed again (its analysis arrived) is no change.
    const bool moved = details.event.position > 0
        && (details.event.position != m_details.event.position || details.event.stream != m_details.event.stream);
    m_details = details;
    m_state->setDetails(m_details);
    m_diff->setDetails(m_details);
    m_event->setDetails(m_details);
    m_chart->setWhatIf(
        m_switches && !m_showReal ? m_switches->foldOf(m_details.event.stream) : std::shared_ptr<const WhatIfStream>());
    m_chart->setDetails(m_details);
    if (moved)
        m_flash->start();
    updateBanners();
    emit detailsChanged(m_details);
}

} // namespace Rewind
