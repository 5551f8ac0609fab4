#include "models/foldmodel.h"

#include "domains/domain.h"
#include "model/statediff.h"
#include "models/eventtext.h"
#include "replay/history.h"
#include "theme/themecolors.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace Rewind {

namespace {

/// The leaves of a state as JSON Pointers, in key order: the columns a person reads across.
void collectLeaves(const JsonValue& value, const QString& path, QStringList& leaves)
{
    if (value.isObject() && value.size() > 0) {
        for (qsizetype i = 0; i < value.size() && leaves.size() < FoldModel::MaxFields; ++i) {
            const QString key = value.keyAt(i);
            collectLeaves(value.value(key), path + QLatin1Char('/') + StateDiff::escapePointerToken(key), leaves);
        }
        return;
    }
    if (!path.isEmpty())
        leaves.append(path);
}

} // namespace

FoldModel::FoldModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FoldModel::setStream(std::shared_ptr<const History> history, const QString& stream)
{
    beginResetModel();
    m_history = std::move(history);
    m_stream = stream;
    m_rows.clear();
    m_fields.clear();
    m_blocks.clear();
    m_currentRow = -1;
    m_domain = nullptr;
    if (m_history && !stream.isEmpty()) {
        const qint32 id = m_history->index().streamIndex(stream);
        if (id >= 0)
            m_rows = m_history->index().rowsOfStream(id);
        m_domain = &m_history->domainOf(stream);
        // The columns are the fields the stream has at its end: a field that appears half-way
        // is then a column from the start, empty until the event that adds it.
        if (!m_rows.isEmpty()) {
            const qint64 last = m_history->index().entry(m_rows.last()).position;
            if (const auto head = m_history->stateAt(stream, last))
                collectLeaves(head->state->toJson(), {}, m_fields);
        }
        if (m_fields.isEmpty())
            collectLeaves(m_domain->initialState()->toJson(), {}, m_fields);
    }
    endResetModel();
}

int FoldModel::rowAtOrBefore(qint64 position) const
{
    const auto after = std::upper_bound(m_rows.cbegin(), m_rows.cend(), position,
        [this](qint64 p, qsizetype row) { return p < m_history->index().entry(row).position; });
    return int(after - m_rows.cbegin()) - 1;
}

void FoldModel::setCurrentRow(int row)
{
    if (row == m_currentRow)
        return;
    const int first = std::max(0, std::min(row, m_currentRow));
    const int last = std::min(int(m_rows.size()) - 1, std::max(row, m_currentRow));
    m_currentRow = row;
    if (first <= last)
        emit dataChanged(index(first, 0), index(last, columnCount() - 1), { Qt::ForegroundRole, Qt::FontRole });
}

int FoldModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int FoldModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : handlerColumn() + 1; }

QVariant FoldModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case VersionColumn:
            return tr("Version");
        case EventColumn:
            return tr("Event");
        default:
            if (section == handlerColumn())
                return tr("evolve");
            // `/items/SKU-1/quantity` reads as `items › SKU-1 › quantity`
            return m_fields.value(section - FirstFieldColumn).mid(1).replace(QLatin1Char('/'), QStringLiteral(" › "));
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case VersionColumn:
            return tr("The event's version in its stream");
        case EventColumn:
            return tr("The event, a fact that happened, and what it says");
        default:
            if (section == handlerColumn())
                return tr("What the domain's evolve function does with this kind of event");
            return tr("The state's field %1 after the event").arg(m_fields.value(section - FirstFieldColumn));
        }
    }
    return {};
}

QVariant FoldModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Block* rows = block(index.row() / BlockRows);
    if (!rows || index.row() % BlockRows >= rows->size())
        return {};
    const Row& row = rows->at(index.row() % BlockRows);
    const int field = index.column() < handlerColumn() ? index.column() - FirstFieldColumn : -1;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case VersionColumn:
            return QLocale().toString(row.version);
        case EventColumn:
            return row.event;
        default:
            if (index.column() == handlerColumn())
                return row.handler;
            return row.values.value(field);
        }
    case Qt::ToolTipRole:
        if (index.column() == EventColumn && !row.anomalies.isEmpty())
            return row.anomalies;
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == VersionColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::FontRole: {
        // What this event changed reads in bold: the fold's step, cell by cell.
        if (field < 0 || !row.changed.value(field))
            return {};
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::ForegroundRole:
        // The events after the playhead are not folded yet at this point of the history.
        if (m_currentRow >= 0 && index.row() > m_currentRow)
            return ThemeColors::dimmedText(QApplication::palette());
        if (index.column() == EventColumn && !row.anomalies.isEmpty())
            return ThemeColors::anomaly(QApplication::palette());
        return {};
    case PositionRole:
        return row.position;
    case ChangedRole:
        return field >= 0 && row.changed.value(field);
    default:
        return {};
    }
}

const FoldModel::Block* FoldModel::block(int blockIndex) const
{
    if (Block* cached = m_blocks.object(blockIndex))
        return cached;
    // The cache owns the block from here on (and drops the least recently used one).
    m_blocks.insert(blockIndex, new Block(computeBlock(blockIndex)));
    return m_blocks.object(blockIndex);
}

FoldModel::Block FoldModel::computeBlock(int blockIndex) const
{
    Block rows;
    const qsizetype first = qsizetype(blockIndex) * BlockRows;
    const qsizetype end = std::min<qsizetype>(first + BlockRows, m_rows.size());
    if (!m_history || first >= end)
        return rows;
    const HistoryIndex& index = m_history->index();
    // The state before the block: the last event before it, loaded through checkpoints.
    std::unique_ptr<State> state;
    if (first == 0) {
        state = m_domain->initialState();
    } else {
        auto before = m_history->stateAt(m_stream, index.entry(m_rows.at(first - 1)).position);
        if (!before)
            return rows;
        state = std::move(before->state);
    }
    JsonValue previous = state->toJson();
    const auto valuesOf = [this](const JsonValue& json, QStringList& values) {
        for (const QString& path : std::as_const(m_fields))
            values.append(EventText::value(json.at(path), EventText::isMoneyPath(m_domain, path)));
    };
    QStringList previousValues;
    valuesOf(previous, previousValues);
    for (qsizetype i = first; i < end; ++i) {
        const auto event = m_history->eventAt(index.entry(m_rows.at(i)).position);
        if (!event)
            break;
        Anomalies found;
        m_domain->evolve(*state, *event, found);
        Row row;
        row.position = event->position;
        row.version = event->version;
        row.event = event->type + QLatin1String("  ") + m_domain->summary(*event);
        const QString canonical = m_domain->canonicalType(event->type);
        const QString handler = m_domain->handlerText(canonical.isEmpty() ? event->type : canonical);
        row.handler = canonical.isEmpty() ? tr("no handler: state unchanged")
            : handler.isEmpty()           ? tr("when %1").arg(canonical)
                                          : handler;
        QStringList anomalies;
        for (const Anomaly& anomaly : std::as_const(found))
            anomalies.append(anomaly.message);
        row.anomalies = anomalies.join(QLatin1Char('\n'));
        valuesOf(state->toJson(), row.values);
        for (qsizetype f = 0; f < row.values.size(); ++f)
            row.changed.append(row.values.at(f) != previousValues.value(f));
        previousValues = row.values;
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace Rewind
