#include "panes/inspector.h"

#include "panes/charttab.h"
#include "panes/difftab.h"
#include "panes/eventtab.h"
#include "panes/statetab.h"
#include "playback/playhead.h"
#include "replay/history.h"

namespace Rewind {

Inspector::Inspector(Playhead* playhead, QWidget* parent)
    : QTabWidget(parent)
    , m_playhead(playhead)
    , m_state(new StateTab(this))
    , m_diff(new DiffTab(this))
    , m_event(new EventTab(this))
    , m_chart(new ChartTab(this))
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
    connect(m_playhead, &Playhead::historyChanged, this, [this] { m_chart->setHistory(m_playhead->sharedHistory()); });
    // Anomalies, snapshot checks and checkpoints arrived: the same point, computed again.
    connect(m_playhead, &Playhead::analysisChanged, this, [this] {
        m_chart->setHistory(m_playhead->sharedHistory());
        refresh();
    });
    connect(m_playhead, &Playhead::positionChanged, this, &Inspector::refresh);
}

bool Inspector::showTab(const QString& name)
{
    static const QStringList names = { QStringLiteral("state"), QStringLiteral("diff"), QStringLiteral("event"),
        QStringLiteral("chart") };
    const qsizetype i = names.indexOf(name.toLower());
    if (i < 0)
        return false;
    setCurrentIndex(int(i));
    return true;
}

void Inspector::refresh()
{
    const History* history = m_playhead->history();
    m_details = history ? PointDetails::compute(*history, m_playhead->position()) : PointDetails {};
    m_state->setDetails(m_details);
    m_diff->setDetails(m_details);
    m_event->setDetails(m_details);
    m_chart->setDetails(m_details);
    emit detailsChanged(m_details);
}

} // namespace Rewind
