#include "panes/eventspane.h"

#include "loading/backgroundpool.h"
#include "models/eventfilterproxy.h"
#include "models/eventsmodel.h"
#include "playback/playhead.h"
#include "replay/history.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSet>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Rewind {

namespace {
constexpr int MaxActors = 500;
}

EventsPane::EventsPane(Playhead* playhead, QWidget* parent)
    : QWidget(parent)
    , m_playhead(playhead)
    , m_model(new EventsModel(this))
    , m_proxy(new EventFilterProxy(this))
    , m_search(new QLineEdit(this))
    , m_types(new QComboBox(this))
    , m_actors(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_view(new QTableView(this))
{
    auto* title = new QLabel(tr("<b>Events</b>"), this);
    m_search->setObjectName(QStringLiteral("eventSearch"));
    m_search->setPlaceholderText(tr("Search events"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Show the events whose stream, type, actor or data contains this text"));
    m_types->setObjectName(QStringLiteral("typeFilter"));
    m_types->setToolTip(tr("Show one event type"));
    m_types->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_actors->setObjectName(QStringLiteral("actorFilter"));
    m_actors->setToolTip(tr("Show the events of one actor (by)"));
    m_actors->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_count->setObjectName(QStringLiteral("eventCount"));

    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("eventsTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights and column widths: nothing measures a million rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    const int ch = fontMetrics().averageCharWidth();
    const int iconRoom = 22;
    const int widths[] = { 4, 19, 10, 4, 14, 7 };
    for (int c = 0; c < EventsModel::SummaryColumn; ++c)
        m_view->setColumnWidth(c, widths[c] * ch + 14 + (c == EventsModel::PositionColumn ? iconRoom : 0));

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_types);
    filters->addWidget(m_actors);
    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch();
    header->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addLayout(filters);
    layout->addWidget(m_view);

    // Searching reads events; a short pause lets the user finish typing first.
    auto* searchDelay = new QTimer(this);
    searchDelay->setSingleShot(true);
    searchDelay->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, searchDelay, qOverload<>(&QTimer::start));
    connect(searchDelay, &QTimer::timeout, this, [this] {
        m_proxy->setText(m_search->text().trimmed());
        updateCount();
        selectPlayheadRow();
    });
    connect(m_types, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setTypeIndex(m_types->currentData().isValid() ? m_types->currentData().toInt() : -1);
        updateCount();
        selectPlayheadRow();
    });
    connect(m_actors, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setActor(m_actors->currentIndex() > 0 ? m_actors->currentText() : QString());
        updateCount();
        selectPlayheadRow();
    });
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            if (!m_syncing && current.isValid())
                m_playhead->setPosition(current.data(EventsModel::PositionRole).toLongLong());
        });
    connect(&m_actorScan, &QFutureWatcher<QStringList>::finished, this, [this] {
        if (m_actorScan.future().resultCount() == 0)
            return;
        const QStringList actors = m_actorScan.result();
        const QSignalBlocker blocker(m_actors);
        for (const QString& actor : actors)
            m_actors->addItem(actor);
    });
    connect(m_playhead, &Playhead::historyChanged, this, &EventsPane::onHistoryChanged);
    connect(m_playhead, &Playhead::analysisChanged, m_model, &EventsModel::refreshAnalysis);
    connect(m_playhead, &Playhead::streamChanged, this, [this] {
        const History* history = m_playhead->history();
        m_proxy->setStreamIndex(
            history && !m_playhead->stream().isEmpty() ? history->index().streamIndex(m_playhead->stream()) : -1);
        updateCount();
    });
    connect(m_playhead, &Playhead::positionChanged, this, &EventsPane::selectPlayheadRow);
}

EventsPane::~EventsPane()
{
    m_actorScan.cancel();
    m_actorScan.waitForFinished();
}

void EventsPane::onHistoryChanged()
{
    m_actorScan.cancel();
    m_actorScan.waitForFinished();
    const auto history = m_playhead->sharedHistory();
    m_model->setHistory(history);
    {
        const QSignalBlocker types(m_types);
        const QSignalBlocker actors(m_actors);
        m_types->clear();
        m_types->addItem(tr("All types"));
        m_actors->clear();
        m_actors->addItem(tr("All actors"));
        if (history) {
            const QStringList names = history->index().typeNames();
            for (int i = 0; i < names.size(); ++i)
                m_types->addItem(names.at(i), i);
        }
    }
    m_proxy->setTypeIndex(-1);
    m_proxy->setActor({});
    updateCount();
    if (!history)
        return;
    // Actors are in the event data, not the index: one read of the log, in the background.
    m_actorScan.setFuture(runInBackground<QStringList>([history](QPromise<QStringList>& promise) {
        QSet<QString> seen;
        // A read that fails part-way still offers the actors seen until then: the filter is a
        // convenience, and the table shows the failing rows' error itself.
        const Status read = history->source().readEvents({}, [&](const Event& event) {
            const QString actor = event.actor();
            if (!actor.isEmpty())
                seen.insert(actor);
            return !promise.isCanceled() && seen.size() < MaxActors;
        });
        if (!read)
            qWarning("reading the actors of %s: %s", qPrintable(history->source().path()),
                qPrintable(read.error().toString()));
        QStringList actors(seen.cbegin(), seen.cend());
        actors.sort(Qt::CaseInsensitive);
        if (!promise.isCanceled())
            promise.addResult(actors);
    }));
}

void EventsPane::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == total ? tr("%1 events").arg(QLocale().toString(total))
                                    : tr("%1 of %2 events").arg(QLocale().toString(shown), QLocale().toString(total)));
}

void EventsPane::selectPlayheadRow()
{
    const qsizetype row = m_playhead->row();
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(int(row), 0));
    m_syncing = true;
    if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index, QAbstractItemView::EnsureVisible);
    } else {
        m_view->selectionModel()->clearSelection();
    }
    m_syncing = false;
}

} // namespace Rewind
