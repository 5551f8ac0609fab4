#include "teaching/snapshotstab.h"

#include "loading/backgroundpool.h"
#include "model/statediff.h"
#include "models/eventtext.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "store/eventstore.h"
#include "theme/themecolors.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Rewind {

namespace {

enum ListColumns { VersionColumn, CheckColumn, TakenColumn };

QString events(qint64 count)
{
    return count == 1 ? SnapshotsTab::tr("1 event") : SnapshotsTab::tr("%L1 events").arg(count);
}

QString milliseconds(double ms) { return QLocale().toString(ms, 'f', ms < 10 ? 3 : 1) + QLatin1String(" ms"); }

} // namespace

SnapshotsTab::SnapshotsTab(Playhead* playhead, QWidget* parent)
    : QWidget(parent)
    , m_playhead(playhead)
    , m_costLabel(new QLabel(this))
    , m_take(new QPushButton(tr("&Take Snapshot Here"), this))
    , m_list(new QTreeWidget(this))
    , m_why(new QLabel(this))
{
    setObjectName(QStringLiteral("snapshots"));
    m_costLabel->setObjectName(QStringLiteral("loadCost"));
    m_costLabel->setWordWrap(true);
    m_costLabel->setTextFormat(Qt::RichText);
    m_take->setObjectName(QStringLiteral("takeSnapshot"));
    m_list->setObjectName(QStringLiteral("snapshotList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({ tr("Version"), tr("Checked against the replay"), tr("Taken") });
    m_list->header()->setSectionResizeMode(CheckColumn, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    m_list->setToolTip(tr("The stream's stored snapshots. Double-click one to go to its event."));
    m_why->setWordWrap(true);
    m_why->setText(tr("A snapshot is a cache of the fold: the state after some version, stored so a load replays only "
                      "the events since. It is only as good as the code and the moment that wrote it: when evolve "
                      "changes, or a snapshot was written wrong, it no longer equals the replay of the log. Rewind "
                      "checks every snapshot against a replay and never starts from one that differs: the log is the "
                      "truth."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_costLabel);
    layout->addWidget(m_take, 0, Qt::AlignLeft);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_why);

    connect(m_take, &QPushButton::clicked, this, [this] {
        if (const Status taken = takeSnapshotHere(); !taken)
            m_costLabel->setText(taken.error().toString().toHtmlEscaped());
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (const qint64 position = item->data(VersionColumn, Qt::UserRole).toLongLong(); position > 0)
            emit positionRequested(position);
    });
    connect(&m_watcher, &QFutureWatcher<LoadCost>::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0) {
            m_cost = m_watcher.result();
            showCost();
        }
        if (std::exchange(m_stale, false))
            follow();
    });
    connect(m_playhead, &Playhead::historyChanged, this, [this] {
        m_listedStream.clear();
        follow();
    });
    connect(m_playhead, &Playhead::analysisChanged, this, [this] {
        m_listedStream.clear();
        follow();
    });
    connect(m_playhead, &Playhead::positionChanged, this, &SnapshotsTab::follow);
    setStore({});
}

SnapshotsTab::~SnapshotsTab()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

void SnapshotsTab::setStore(const QString& path)
{
    m_storePath = path;
    m_take->setEnabled(!path.isEmpty());
    m_take->setToolTip(path.isEmpty() ? tr("Snapshots are written to a Rewind store: this history is not one that "
                                           "can be written (see the Commands panel)")
                                      : tr("Store the state at the playhead as a snapshot of its stream"));
}

void SnapshotsTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    follow();
}

void SnapshotsTab::follow()
{
    if (!isVisible())
        return;
    if (m_watcher.isRunning()) {
        m_stale = true;
        return;
    }
    fillList();
    const auto history = m_playhead->sharedHistory();
    const QString stream = history ? m_playhead->currentStream() : QString();
    if (stream.isEmpty()) {
        m_costLabel->setText(tr("Move the playhead to an event to see what loading its stream costs."));
        return;
    }
    const qint64 position = m_playhead->position();
    // Both loads are measured off the window's thread: a replay from the start of a long stream
    // is the slow way this tab exists to show.
    m_watcher.setFuture(runInBackground<LoadCost>([history, stream, position](QPromise<LoadCost>& promise) {
        promise.addResult(LoadCost::measure(*history, stream, position));
    }));
}

void SnapshotsTab::fillList()
{
    const History* history = m_playhead->history();
    const QString stream = history ? m_playhead->currentStream() : QString();
    if (stream == m_listedStream)
        return;
    m_listedStream = stream;
    m_list->clear();
    if (stream.isEmpty())
        return;
    const auto snapshots = history->source().snapshots(stream);
    if (!snapshots)
        return;
    for (const Snapshot& snapshot : *snapshots) {
        QString check = history->isAnalyzed() ? tr("matches the replay") : tr("not checked yet");
        bool stale = false;
        for (const SnapshotCheck& c : history->analysis().snapshots) {
            if (c.snapshot.stream != stream || c.snapshot.version != snapshot.version || c.matches)
                continue;
            stale = true;
            QStringList differences;
            for (const Change& change : c.differences) {
                differences.append(tr("%1: replay %2, snapshot %3")
                                       .arg(change.path, EventText::value(change.old), EventText::value(change.value)));
            }
            check = tr("STALE — %1").arg(differences.join(QLatin1String("; ")));
        }
        auto* item = new QTreeWidgetItem({ QLocale().toString(snapshot.version), check,
            snapshot.at > 0 ? EventText::time(snapshot.at) : QString() });
        item->setData(VersionColumn, Qt::UserRole, snapshot.position);
        if (stale)
            item->setForeground(CheckColumn, ThemeColors::staleSnapshot(palette()));
        m_list->addTopLevelItem(item);
    }
    m_list->resizeColumnToContents(VersionColumn);
}

void SnapshotsTab::showCost()
{
    m_costLabel->setText(costText());
    emit measured();
}

QString SnapshotsTab::costText() const
{
    const LoadCost& c = m_cost;
    if (!c.error.isEmpty())
        return c.error.toHtmlEscaped();
    QString text = tr("Loading <b>%1</b> at version %2:<br>").arg(c.stream.toHtmlEscaped()).arg(c.version);
    if (c.snapshotVersion == 0) {
        text += tr("no snapshot at or before it: <b>%1</b> replayed from the start, %2.")
                    .arg(events(c.eventsFromStart), milliseconds(c.millisecondsFromStart));
        return text;
    }
    text += tr("<b>%1 from snapshot v%2</b> (%3) instead of <b>%4 from the start</b> (%5).")
                .arg(events(c.eventsFromSnapshot))
                .arg(c.snapshotVersion)
                .arg(milliseconds(c.millisecondsFromSnapshot), QLocale().toString(c.eventsFromStart),
                    milliseconds(c.millisecondsFromStart));
    if (c.snapshotStale) {
        QStringList differences;
        for (const Change& change : StateDiff::between(c.replayed, c.trusted))
            differences.append(tr("%1 would read %2 instead of %3")
                                   .arg(change.path, EventText::value(change.value), EventText::value(change.old)));
        text += QLatin1String("<br>")
            + tr("<b>But snapshot v%1 is stale</b>: a system that trusts it loads a wrong state%2. Rewind shows the "
                 "replay instead.")
                  .arg(c.snapshotVersion)
                  .arg(differences.isEmpty() ? QString()
                                             : QLatin1String(" (")
                              + differences.join(QLatin1String("; ")).toHtmlEscaped() + QLatin1Char(')'));
    }
    return text;
}

Status SnapshotsTab::takeSnapshotHere()
{
    const History* history = m_playhead->history();
    if (!history || m_storePath.isEmpty())
        return Error::badInput(tr("this history cannot be written: snapshots go to a Rewind store"));
    const QString stream = m_playhead->currentStream();
    if (stream.isEmpty())
        return Error::badInput(tr("no stream at the playhead"));
    // The state the replay gives, never an unchecked snapshot's.
    const auto state = history->stateAt(stream, m_playhead->position());
    if (!state)
        return state.error();
    auto store = EventStore::open(m_storePath, EventStore::Mode::ReadWrite);
    if (!store)
        return store.error();
    Snapshot snapshot;
    snapshot.stream = stream;
    snapshot.version = state->version;
    snapshot.position = state->position;
    snapshot.state = state->state->toJson();
    snapshot.at = QDateTime::currentMSecsSinceEpoch();
    if (Status saved = (*store)->saveSnapshot(snapshot); !saved)
        return saved;
    emit snapshotTaken(state->position);
    return {};
}

} // namespace Rewind
