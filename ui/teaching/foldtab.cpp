#include "teaching/foldtab.h"

#include "models/foldmodel.h"
#include "playback/playhead.h"
#include "replay/history.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace Rewind {

namespace {

/// Before the analysis has built checkpoints, the first rows of a long stream would each need a
/// replay on the window's thread: the tab waits for the analysis instead.
constexpr qint64 FoldedWithoutCheckpoints = 20000;

} // namespace

FoldTab::FoldTab(Playhead* playhead, QWidget* parent)
    : QWidget(parent)
    , m_playhead(playhead)
    , m_model(new FoldModel(this))
    , m_title(new QLabel(this))
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("fold"));
    m_title->setObjectName(QStringLiteral("foldTitle"));
    m_title->setWordWrap(true);
    m_view->setObjectName(QStringLiteral("foldView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setToolTip(tr("Each row: the state after one more event. Bold: what that event changed. "
                          "Double-click a row to move the playhead there."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);

    connect(m_view, &QTableView::activated, this,
        [this](const QModelIndex& index) { emit positionRequested(index.data(FoldModel::PositionRole).toLongLong()); });
    connect(m_playhead, &Playhead::historyChanged, this, [this] {
        m_historyChanged = true;
        follow();
    });
    connect(m_playhead, &Playhead::analysisChanged, this, [this] {
        m_historyChanged = true;
        follow();
    });
    connect(m_playhead, &Playhead::positionChanged, this, &FoldTab::follow);
}

void FoldTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    follow();
}

void FoldTab::follow()
{
    // Folding is done for what is on screen only: a hidden tab waits until it is shown.
    if (!isVisible())
        return;
    const auto history = m_playhead->sharedHistory();
    const QString stream = history ? m_playhead->currentStream() : QString();
    if (stream.isEmpty()) {
        m_model->setStream(nullptr, {});
        m_title->setText(tr("Move the playhead to an event: its stream's fold is written out here."));
        return;
    }
    const StreamAnalysis* analysed = history->analysis().stream(stream);
    if (!history->isAnalyzed() && analysed && analysed->eventCount > FoldedWithoutCheckpoints) {
        m_model->setStream(nullptr, {});
        m_title->setText(tr("%1 has %L2 events: its fold is shown once the analysis has built checkpoints.")
                             .arg(stream)
                             .arg(analysed->eventCount));
        return;
    }
    if (m_historyChanged || stream != m_model->stream()) {
        m_historyChanged = false;
        m_model->setStream(history, stream);
        m_view->resizeColumnsToContents();
        const QString domain = history->domainOf(stream).name();
        m_title->setText(tr("<b>%1</b> rebuilt by hand: state = evolve(state, event), one event at a time, from "
                            "the %2 domain's initial state. <b>Bold</b>: what the event changed. Grey: after the "
                            "playhead.")
                             .arg(stream.toHtmlEscaped(), domain.toHtmlEscaped()));
    }
    const int row = m_model->rowAtOrBefore(m_playhead->position());
    m_model->setCurrentRow(row);
    if (row >= 0) {
        m_view->selectRow(row);
        m_view->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtCenter);
        // Sized from the rows on screen: versions grow down a long stream (`499,986`).
        m_view->resizeColumnToContents(FoldModel::VersionColumn);
    } else {
        m_view->clearSelection();
    }
}

} // namespace Rewind
