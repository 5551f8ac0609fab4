#include "models/eventsmodel.h"

#include "models/eventtext.h"
#include "models/whatifswitches.h"
#include "replay/history.h"
#include "theme/icons.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>

namespace Rewind {

EventsModel::EventsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    refreshIcons();
}

void EventsModel::refreshIcons()
{
    const QPalette palette = QGuiApplication::palette();
    m_snapshotIcon = Icons::snapshot(palette);
    m_staleSnapshotIcon = Icons::snapshot(palette, true);
    m_anomalyIcon = Icons::anomaly(palette);
    m_bothIcon = Icons::snapshotAndAnomaly(palette);
    m_staleBothIcon = Icons::snapshotAndAnomaly(palette, true);
    m_whatIfAnomalyIcon = Icons::whatIfAnomaly(palette);
}

void EventsModel::setWhatIf(const WhatIfSwitches* switches)
{
    m_switches = switches;
    const auto allChanged = [this] {
        const int rows = rowCount();
        if (rows > 0)
            emit dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1),
                { Qt::FontRole, Qt::ForegroundRole, Qt::DecorationRole, Qt::ToolTipRole });
    };
    // Switching changes the rows switched; the folds that follow change the later rows' marks.
    connect(switches, &WhatIfSwitches::switched, this, [this](const QList<qint64>& positions) {
        if (!m_history)
            return;
        for (qint64 position : positions) {
            const qsizetype row = m_history->index().rowOf(position);
            if (row >= 0)
                emit dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1),
                    { Qt::FontRole, Qt::ForegroundRole, Qt::ToolTipRole });
        }
    });
    connect(switches, &WhatIfSwitches::foldsChanged, this, allChanged);
}

void EventsModel::setHistory(std::shared_ptr<const History> history)
{
    beginResetModel();
    m_history = std::move(history);
    m_cache.clear();
    refreshIcons();
    endResetModel();
}

void EventsModel::refreshAnalysis()
{
    const int rows = rowCount();
    if (rows > 0)
        emit dataChanged(index(0, PositionColumn), index(rows - 1, PositionColumn),
            { Qt::DecorationRole, Qt::ToolTipRole, FlagsRole });
}

int EventsModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_history)
        return 0;
    return int(m_history->index().size());
}

int EventsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const EventsModel::Details& EventsModel::details(int row) const
{
    if (const Details* cached = m_cache.object(row))
        return *cached;
    const auto read = m_history->eventAt(m_history->index().entry(row).position);
    auto* details = new Details;
    if (!read) {
        // The row stays, saying why it cannot be shown; the index still gives its columns.
        details->summary = read.error().toString();
        m_cache.insert(row, details);
        return *m_cache.object(row);
    }
    const Event& event = *read;
    details->actor = event.actor();
    details->summary = m_history->domainOf(event.stream).summary(event);
    m_cache.insert(row, details);
    return *m_cache.object(row);
}

QVariant EventsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryIndex& history = m_history->index();
    const HistoryIndex::Entry& entry = history.entry(index.row());
    // Atomically: the background analysis may be marking the index meanwhile.
    const quint32 flags = history.flags(index.row());

    // The fold of this row's stream when the row comes after one of its switched-off events.
    const auto whatIfFold = [&]() -> std::shared_ptr<const WhatIfStream> {
        if (!m_switches || !m_switches->isActive())
            return {};
        auto fold = m_switches->foldOf(history.streamNames().value(entry.stream));
        return fold && entry.position >= fold->from() ? fold : nullptr;
    };
    const bool off = m_switches && m_switches->isOff(entry.position);

    switch (role) {
    case Qt::FontRole:
        if (off) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        break;
    case Qt::ForegroundRole:
        if (off)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        break;
    case Qt::DisplayRole:
        switch (index.column()) {
        case PositionColumn:
            return QLocale().toString(entry.position);
        case TimeColumn:
            return EventText::time(entry.at);
        case StreamColumn:
            return history.streamNames().value(entry.stream);
        case VersionColumn:
            return QLocale().toString(entry.version);
        case TypeColumn:
            return history.typeNames().value(entry.type);
        case ActorColumn:
            return details(index.row()).actor;
        case SummaryColumn:
            return details(index.row()).summary;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case PositionColumn:
            return entry.position;
        case TimeColumn:
            return entry.at;
        case VersionColumn:
            return entry.version;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DecorationRole:
        if (index.column() == PositionColumn) {
            const bool snapshot = flags & HistoryIndex::HasSnapshot;
            const bool stale = flags & HistoryIndex::SnapshotDiffers;
            bool anomaly = flags & HistoryIndex::HasAnomaly;
            if (const auto fold = whatIfFold()) {
                // The what-if's own anomalies, drawn apart; the log's are in the tooltip.
                if (!fold->anomaliesAt(entry.position).isEmpty() && !snapshot)
                    return m_whatIfAnomalyIcon;
                anomaly = false;
            }
            if (snapshot && anomaly)
                return stale ? m_staleBothIcon : m_bothIcon;
            if (snapshot)
                return stale ? m_staleSnapshotIcon : m_snapshotIcon;
            if (anomaly)
                return m_anomalyIcon;
        }
        break;
    case Qt::ToolTipRole: {
        QStringList lines;
        for (const Anomaly& anomaly : m_history->anomaliesAt(entry.position))
            lines.append((whatIfFold() ? tr("In the real history, anomaly (%1): %2") : tr("Anomaly (%1): %2"))
                             .arg(anomaly.kind, anomaly.message));
        if (flags & HistoryIndex::HasSnapshot) {
            lines.append(flags & HistoryIndex::SnapshotDiffers ? tr("Snapshot taken here differs from the replay")
                                                               : tr("Snapshot taken here matches the replay"));
        }
        if (off)
            lines.prepend(tr("Switched off: what if it had never happened? The states after it leave it out."));
        if (const auto fold = whatIfFold()) {
            const Anomalies whatIf = fold->anomaliesAt(entry.position);
            for (const Anomaly& anomaly : whatIf)
                lines.append(tr("What if (%1): %2").arg(anomaly.kind, anomaly.message));
            if (whatIf.isEmpty() && (flags & HistoryIndex::HasAnomaly))
                lines.append(tr("What if: no anomaly of the domain here"));
        }
        if (index.column() == SummaryColumn)
            lines.prepend(details(index.row()).summary);
        if (!lines.isEmpty())
            return lines.join(QLatin1Char('\n'));
        break;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == PositionColumn || index.column() == VersionColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case PositionRole:
        return entry.position;
    case StreamIndexRole:
        return entry.stream;
    case TypeIndexRole:
        return entry.type;
    case FlagsRole:
        return flags;
    case ActorRole:
        return details(index.row()).actor;
    default:
        break;
    }
    return {};
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section == TimeColumn)
        return tr("Time of the event, UTC");
    if (role == Qt::ToolTipRole && section == PositionColumn)
        return tr("Global position; ◆ a snapshot was taken after this event, ▲ an anomaly was found here");
    if (role == Qt::ToolTipRole && section == VersionColumn)
        return tr("Stream version");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PositionColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time (UTC)");
    case StreamColumn:
        return tr("Stream");
    case VersionColumn:
        return tr("Ver.");
    case TypeColumn:
        return tr("Type");
    case ActorColumn:
        return tr("Actor");
    case SummaryColumn:
        return tr("Summary");
    }
    return {};
}

} // namespace Rewind
