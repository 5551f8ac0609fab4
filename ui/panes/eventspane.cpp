#include "panes/eventspane.h"

#include "loading/backgroundpool.h"
#include "models/eventfilterproxy.h"
#include "models/eventsmodel.h"
#include "panes/choicefilter.h"
#include "playback/playhead.h"
#include "replay/history.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QSet>
#include <QShortcut>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

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
    , m_types(new ChoiceFilter(tr("All types"), tr("%1 types"), this))
    , m_actors(new ChoiceFilter(tr("All actors"), tr("%1 actors"), this))
    , m_count(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
    , m_view(new QTableView(this))
{
    auto* title = new QLabel(tr("<b>Events</b>"), this);
    m_search->setObjectName(QStringLiteral("eventSearch"));
    m_search->setPlaceholderText(tr("Search events"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Show the events whose stream, type, actor, summary or data contains every word; "
                            "a word written -word must not appear. Esc stops a search under way."));
    m_types->setObjectName(QStringLiteral("typeFilter"));
    m_actors->setObjectName(QStringLiteral("actorFilter"));
    m_count->setObjectName(QStringLiteral("eventCount"));
    m_progress->setObjectName(QStringLiteral("searchProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(fontMetrics().averageCharWidth() * 14);
    m_progress->setMaximumHeight(fontMetrics().height());
    m_progress->hide();
    m_cancel->setObjectName(QStringLiteral("cancelSearch"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the search; the table keeps the events it shows (Esc)"));
    m_cancel->hide();

    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("eventsTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    // Several rows for actions on several events (Ctrl/Shift+click); the current one is the playhead's.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights, and column widths measured from what the history can hold (fitColumns),
    // not from its rows: nothing measures a million rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    fitColumns();

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_types);
    filters->addWidget(m_actors);
    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch();
    header->addWidget(m_progress);
    header->addWidget(m_cancel);
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
    connect(searchDelay, &QTimer::timeout, this, [this] { m_proxy->setText(m_search->text().trimmed()); });
    connect(m_types, &ChoiceFilter::choiceChanged, this, &EventsPane::applyChoices);
    connect(m_actors, &ChoiceFilter::choiceChanged, this, &EventsPane::applyChoices);
    connect(m_cancel, &QToolButton::clicked, m_proxy, &EventFilterProxy::cancel);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, m_proxy, &EventFilterProxy::cancel);

    connect(m_proxy, &EventFilterProxy::searchStarted, this, [this] {
        m_matchesSoFar = 0;
        m_permille = 0;
        m_progress->setValue(0);
        m_progress->show();
        m_cancel->show();
        updateCount();
    });
    connect(m_proxy, &EventFilterProxy::searchProgress, this, [this](int permille, qint64 matches) {
        m_permille = permille;
        m_matchesSoFar = matches;
        m_progress->setValue(permille);
        updateCount();
    });
    auto searchEnded = [this] {
        m_progress->hide();
        m_cancel->hide();
        updateCount();
        // New rows: the playhead's row, if shown, is where the eye should land.
        selectPlayheadRow(QAbstractItemView::PositionAtCenter);
    };
    connect(m_proxy, &EventFilterProxy::searchFinished, this, searchEnded);
    connect(m_proxy, &EventFilterProxy::searchCancelled, this, searchEnded);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            if (!m_syncing && current.isValid())
                m_playhead->setPosition(current.data(EventsModel::PositionRole).toLongLong());
        });
    connect(&m_actorScan, &QFutureWatcher<QStringList>::finished, this, [this] {
        if (m_actorScan.future().resultCount() == 0)
            return;
        m_actors->addChoices(m_actorScan.result());
        fitColumns();
    });
    connect(m_playhead, &Playhead::historyChanged, this, &EventsPane::onHistoryChanged);
    connect(m_playhead, &Playhead::analysisChanged, m_model, &EventsModel::refreshAnalysis);
    connect(m_playhead, &Playhead::streamChanged, this, [this] {
        const History* history = m_playhead->history();
        m_proxy->setStreamIndex(
            history && !m_playhead->stream().isEmpty() ? history->index().streamIndex(m_playhead->stream()) : -1);
    });
    connect(m_playhead, &Playhead::positionChanged, this, [this] { selectPlayheadRow(); });
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
    fitColumns();
    m_types->clear();
    m_actors->clear();
    if (history) {
        const QStringList names = history->index().typeNames();
        QVariantList ids;
        for (qsizetype i = 0; i < names.size(); ++i)
            ids.append(int(i));
        m_types->addChoices(names, ids);
    }
    EventCriteria criteria;
    criteria.text = m_proxy->criteria().text;
    m_proxy->setHistory(history);
    m_proxy->setCriteria(criteria);
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

void EventsPane::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        // Larger or smaller text (View ▸ Larger Text): rows and columns follow.
        m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
        fitColumns();
    }
}

void EventsPane::fitColumns()
{
    const QFontMetrics metrics = m_view->fontMetrics();
    const int padding = 2 * m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 12;
    const int iconRoom = m_view->iconSize().isValid() ? m_view->iconSize().width() + 6 : 22;
    const int averageChar = metrics.averageCharWidth();
    // Names longer than this are elided: the summary needs the room more.
    const int longestName = 28 * averageChar;
    auto widest = [&](const QStringList& texts, int floor) {
        int width = floor;
        for (const QString& text : texts)
            width = std::max(width, metrics.horizontalAdvance(text));
        return std::min(width, std::max(floor, longestName)) + padding;
    };
    const QLocale locale;
    const History* history = m_model->history();
    qint64 lastPosition = 1000;
    qint64 highestVersion = 100;
    bool milliseconds = false;
    QStringList streams;
    QStringList types;
    if (history && !history->index().isEmpty()) {
        lastPosition = std::max(lastPosition, history->index().entries().constLast().position);
        for (const StreamAnalysis& stream : history->analysis().streams)
            highestVersion = std::max(highestVersion, stream.lastVersion);
        streams = history->index().streamNames();
        types = history->index().typeNames();
        // Times show milliseconds when any has them; a sample says which.
        const auto& entries = history->index().entries();
        const qsizetype step = std::max<qsizetype>(1, entries.size() / 4096);
        for (qsizetype i = 0; i < entries.size() && !milliseconds; i += step)
            milliseconds = entries.at(i).at % 1000 != 0;
    }
    const QString sampleTime =
        QStringLiteral("2026-12-31 23:59:59") + (milliseconds ? QStringLiteral(".999") : QString());
    m_view->setColumnWidth(
        EventsModel::PositionColumn, metrics.horizontalAdvance(locale.toString(lastPosition)) + iconRoom + padding);
    m_view->setColumnWidth(EventsModel::TimeColumn, metrics.horizontalAdvance(sampleTime) + padding);
    m_view->setColumnWidth(EventsModel::StreamColumn, widest(streams, metrics.horizontalAdvance(tr("Stream"))));
    m_view->setColumnWidth(EventsModel::VersionColumn,
        std::max(metrics.horizontalAdvance(locale.toString(highestVersion)), metrics.horizontalAdvance(tr("Ver.")))
            + padding);
    m_view->setColumnWidth(EventsModel::TypeColumn, widest(types, metrics.horizontalAdvance(tr("Type"))));
    m_view->setColumnWidth(EventsModel::ActorColumn, widest(m_actors->choices(), 8 * averageChar));
}

void EventsPane::applyChoices()
{
    QSet<qint32> types;
    for (const QVariant& id : m_types->chosen())
        types.insert(id.toInt());
    QSet<QString> actors;
    for (const QVariant& actor : m_actors->chosen())
        actors.insert(actor.toString());
    EventCriteria criteria = m_proxy->criteria();
    criteria.types = types;
    criteria.excludeTypes = m_types->isExcluding() && !types.isEmpty();
    criteria.actors = actors;
    criteria.excludeActors = m_actors->isExcluding() && !actors.isEmpty();
    m_proxy->setCriteria(criteria);
}

void EventsPane::updateCount()
{
    const QLocale locale;
    const int total = m_model->rowCount();
    if (m_proxy->isSearching()) {
        m_count->setText(
            tr("Searching %1 events: %2 %, %3 found so far")
                .arg(locale.toString(total), locale.toString(m_permille / 10), locale.toString(m_matchesSoFar)));
        return;
    }
    const int shown = m_proxy->rowCount();
    QString text = shown == total ? tr("%1 events").arg(locale.toString(total))
                                  : tr("%1 of %2 events").arg(locale.toString(shown), locale.toString(total));
    if (!m_proxy->error().isEmpty())
        text += tr(" (search failed: %1)").arg(m_proxy->error());
    m_count->setText(text);
    m_count->setToolTip(m_proxy->error());
}

QList<qint64> EventsPane::selectedPositions() const
{
    QList<qint64> positions;
    for (const QModelIndex& row : m_view->selectionModel()->selectedRows())
        positions.append(row.data(EventsModel::PositionRole).toLongLong());
    std::sort(positions.begin(), positions.end());
    if (positions.isEmpty() && m_playhead->position() > 0)
        positions.append(m_playhead->position());
    return positions;
}

void EventsPane::addRowActions(const QList<QAction*>& actions)
{
    m_view->addActions(actions);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
}

void EventsPane::selectPlayheadRow(QAbstractItemView::ScrollHint hint)
{
    const qsizetype row = m_playhead->row();
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(int(row), 0));
    m_syncing = true;
    if (index.isValid() && m_view->selectionModel()->currentIndex().row() == index.row()
        && m_view->selectionModel()->isRowSelected(index.row())) {
        // Already there (a Ctrl+click that moved the playhead): the other selected rows stay.
        m_view->scrollTo(index, hint);
    } else if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index, hint);
    } else {
        m_view->selectionModel()->clearSelection();
    }
    m_syncing = false;
}

} // namespace Rewind
