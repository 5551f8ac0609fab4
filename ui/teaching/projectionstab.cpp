#include "teaching/projectionstab.h"

#include "loading/backgroundpool.h"
#include "model/statediff.h"
#include "models/statetreemodel.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "scripts/scriptprojection.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Rewind {

ProjectionsTab::ProjectionsTab(Playhead* playhead, QWidget* parent)
    : QWidget(parent)
    , m_playhead(playhead)
    , m_choice(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_model(new StateTreeModel(this))
{
    setObjectName(QStringLiteral("projections"));
    m_choice->setObjectName(QStringLiteral("projectionChoice"));
    // The inspector may be narrow: the list's longest name must not widen it.
    m_choice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_choice->setMinimumContentsLength(12);
    m_choice->setToolTip(tr("A read model, built by replaying every event of every stream"));
    // The bundled projections, in the order a lesson meets them.
    m_choice->addItem(tr("Balances by owner"), QStringLiteral(":/projections/balances-by-owner.js"));
    m_choice->addItem(tr("Actions by actor (the audit log)"), QStringLiteral(":/projections/actions-by-actor.js"));
    m_choice->addItem(tr("Cart totals"), QStringLiteral(":/projections/cart-totals.js"));
    auto* load = new QPushButton(tr("&Load…"), this);
    load->setObjectName(QStringLiteral("loadProjection"));
    load->setToolTip(tr("Load a projection file: JavaScript with init and when, folded over the whole history"));
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load Projection"), QString(), tr("JavaScript projections (*.js);;All files (*)"));
        if (path.isEmpty())
            return;
        if (const Status loaded = loadProjection(path); !loaded)
            m_summary->setText(loaded.error().toString().toHtmlEscaped());
    });
    m_summary->setObjectName(QStringLiteral("projectionSummary"));
    m_summary->setWordWrap(true);
    m_view->setObjectName(QStringLiteral("projectionView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->header()->setStretchLastSection(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_choice, 1);
    top->addWidget(load);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);

    connect(m_choice, &QComboBox::currentIndexChanged, this, [this] {
        m_readModel = {};
        follow();
    });
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0)
            showOutcome(m_watcher.result());
        if (std::exchange(m_stale, false))
            follow();
    });
    connect(m_playhead, &Playhead::historyChanged, this, [this] {
        m_readModel = {};
        follow();
    });
    connect(m_playhead, &Playhead::positionChanged, this, &ProjectionsTab::follow);
}

ProjectionsTab::~ProjectionsTab()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

Status ProjectionsTab::loadProjection(const QString& path)
{
    // Compiled once here so that a syntax error is said at once, with its line and column.
    if (auto loaded = ScriptProjection::load(path); !loaded)
        return loaded.error();
    m_choice->addItem(QFileInfo(path).fileName(), path);
    m_choice->setCurrentIndex(m_choice->count() - 1);
    return {};
}

void ProjectionsTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    follow();
}

void ProjectionsTab::follow()
{
    // A projection reads the whole history: it runs only while the tab is shown.
    if (!isVisible())
        return;
    if (m_watcher.isRunning()) {
        m_stale = true;
        return;
    }
    const auto history = m_playhead->sharedHistory();
    if (!history || m_playhead->position() <= 0) {
        m_model->setState({}, {});
        m_summary->setText(tr("Open a history: the read model is built from its events."));
        return;
    }
    const QString path = m_choice->currentData().toString();
    const qint64 through = m_playhead->position();
    m_watcher.setFuture(runInBackground<Outcome>([history, path, through](QPromise<Outcome>& promise) {
        Outcome outcome;
        QElapsedTimer timer;
        timer.start();
        auto projection = ScriptProjection::load(path);
        auto projected = projection ? projection->project(history->source(), through)
                                    : Result<ScriptProjection::Projected>(projection.error());
        outcome.milliseconds = double(timer.nsecsElapsed()) / 1e6;
        if (!projected) {
            outcome.error = projected.error().toString();
        } else {
            outcome.readModel = projected->readModel;
            outcome.eventsRead = projected->eventsRead;
        }
        promise.addResult(std::move(outcome));
    }));
}

void ProjectionsTab::showOutcome(const Outcome& outcome)
{
    if (!outcome.error.isEmpty()) {
        m_summary->setText(outcome.error.toHtmlEscaped());
        m_model->setState({}, {});
        emit projected();
        return;
    }
    // What the event at the playhead changed in the read model lights up, as in the State tab.
    QSet<QString> changed;
    if (!m_readModel.isUndefined()) {
        for (const Change& change : StateDiff::between(m_readModel, outcome.readModel))
            changed.insert(change.path);
    }
    m_readModel = outcome.readModel;
    m_model->setState(m_readModel, changed);
    m_view->expandToDepth(1);
    m_view->resizeColumnToContents(StateTreeModel::FieldColumn);
    m_summary->setText(tr("Built now by replaying <b>%L1 events</b> from the first one, in %2 ms: a read model added "
                          "today is the same as one that was there from the start.")
                           .arg(outcome.eventsRead)
                           .arg(QLocale().toString(outcome.milliseconds, 'f', 1)));
    emit projected();
}

QString ProjectionsTab::summaryText() const { return m_summary->text(); }

} // namespace Rewind
