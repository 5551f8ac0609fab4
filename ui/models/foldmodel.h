#pragma once

#include "model/jsonvalue.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QStringList>

#include <memory>

namespace Rewind {

class Domain;
class History;

/// The fold of one stream written out by hand: a row per event, what `evolve` did with it, and
/// the state's fields after it (`Deposited 1,000.00 → balance 1,000.00`). Rows are computed in
/// blocks when first shown — the state before a block comes from the history's checkpoints,
/// then the block's events are folded one by one — so a stream of a million events costs what
/// the rows on screen cost.
class FoldModel : public QAbstractTableModel {
    Q_OBJECT
public:
    /// The state's fields come after the event, then what `evolve` did: read left to right, a
    /// row says "this happened, so the state became this, by this rule".
    enum Columns { VersionColumn, EventColumn, FirstFieldColumn };
    enum Roles {
        PositionRole = Qt::UserRole, ///< qint64 global position of the row's event
        ChangedRole, ///< bool: the field changed at this event
    };
    static constexpr int BlockRows = 128;
    /// A state with more leaves than this (a generic stream's whole document) shows the first ones.
    static constexpr int MaxFields = 16;

    explicit FoldModel(QObject* parent = nullptr);

    /// Shows `stream` of `history` (empty: nothing).
    void setStream(std::shared_ptr<const History> history, const QString& stream);
    QString stream() const { return m_stream; }
    /// The JSON Pointers of the state's fields shown as columns (`/balance`).
    const QStringList& fields() const { return m_fields; }
    int handlerColumn() const { return FirstFieldColumn + int(m_fields.size()); }
    /// The row of the stream's last event at or before `position`, or -1 before its first.
    int rowAtOrBefore(qint64 position) const;
    /// Rows after this one are drawn as not yet folded (the playhead's row).
    void setCurrentRow(int row);
    int currentRow() const { return m_currentRow; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        qint64 position = 0;
        qint64 version = 0;
        QString event; ///< type and what it did
        QString handler;
        QStringList values; ///< one per field
        QList<bool> changed;
        QString anomalies;
    };
    using Block = QList<Row>;
    const Block* block(int blockIndex) const;
    Block computeBlock(int blockIndex) const;

    std::shared_ptr<const History> m_history;
    const Domain* m_domain = nullptr;
    QString m_stream;
    QList<qsizetype> m_rows; ///< the stream's rows in the history's index
    QStringList m_fields;
    int m_currentRow = -1;
    mutable QCache<int, Block> m_blocks { 64 };
};

} // namespace Rewind
