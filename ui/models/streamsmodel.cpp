#include "models/streamsmodel.h"

#include "replay/history.h"
#include "theme/icons.h"
#include "theme/themecolors.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace Rewind {

StreamsModel::StreamsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void StreamsModel::setHistory(std::shared_ptr<const History> history)
{
    beginResetModel();
    m_history = std::move(history);
    endResetModel();
}

void StreamsModel::refreshAnalysis()
{
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int StreamsModel::rowOf(const QString& stream) const
{
    if (!m_history)
        return -1;
    if (stream.isEmpty())
        return 0;
    const auto& streams = m_history->analysis().streams;
    for (int i = 0; i < streams.size(); ++i) {
        if (streams.at(i).id == stream)
            return i + 1;
    }
    return -1;
}

int StreamsModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_history)
        return 0;
    return int(m_history->analysis().streams.size()) + 1;
}

int StreamsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant StreamsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Analysis& analysis = m_history->analysis();
    const bool all = index.row() == 0;
    const StreamAnalysis* stream = all ? nullptr : &analysis.streams.at(index.row() - 1);
    const qint64 events = all ? m_history->index().size() : stream->eventCount;
    const qint64 anomalies = all ? analysis.anomalies.size() : stream->anomalyCount;
    const QPalette palette = QGuiApplication::palette();

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StreamColumn:
            return all ? tr("All streams") : stream->id;
        case DomainColumn:
            return all ? QString() : (stream->domain ? stream->domain->name() : QString());
        case EventsColumn:
            return QLocale().toString(events);
        case AnomaliesColumn:
            return anomalies > 0 ? QLocale().toString(anomalies) : QString();
        }
        break;
    case SortRole:
        switch (index.column()) {
        case StreamColumn:
            return all ? QString() : stream->id;
        case DomainColumn:
            return all ? QString() : (stream->domain ? stream->domain->name() : QString());
        case EventsColumn:
            return events;
        case AnomaliesColumn:
            return anomalies;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StreamColumn && !all) {
            // The colour the timeline draws this stream's events in, when it shows all streams.
            QPixmap swatch(12, 12);
            swatch.fill(ThemeColors::category(palette, m_history->index().streamIndex(stream->id)));
            return swatch;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == AnomaliesColumn && anomalies > 0)
            return ThemeColors::anomaly(palette);
        break;
    case Qt::FontRole:
        if (all || (index.column() == AnomaliesColumn && anomalies > 0)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == EventsColumn || index.column() == AnomaliesColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (all)
            return tr("Every stream, interleaved by global position");
        return tr("%1: %2 events, versions 1–%3, positions %4–%5")
            .arg(stream->id)
            .arg(stream->eventCount)
            .arg(stream->lastVersion)
            .arg(stream->firstPosition)
            .arg(stream->lastPosition);
    case StreamIdRole:
        return all ? QString() : stream->id;
    case AllStreamsRole:
        return all;
    default:
        break;
    }
    return {};
}

QVariant StreamsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == AnomaliesColumn) {
        // An icon keeps the pane narrow; the tooltip says what it counts.
        if (role == Qt::DecorationRole)
            return Icons::anomaly(QGuiApplication::palette());
        if (role == Qt::ToolTipRole)
            return tr("Anomalies");
        if (role == Qt::DisplayRole)
            return QString();
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StreamColumn:
        return tr("Stream");
    case DomainColumn:
        return tr("Domain");
    case EventsColumn:
        return tr("Events");
    case AnomaliesColumn:
        return tr("Anomalies");
    }
    return {};
}

} // namespace Rewind
