#pragma once

#include "model/statediff.h"

#include <QAbstractTableModel>

namespace Rewind {

class Domain;

/// What one event changed, one row per field: a sign (+ added, − removed, ~ changed), the path,
/// and old → new. The sign and the words carry the meaning; colour only repeats it.
class DiffModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { ChangeColumn, PathColumn, ValueColumn, ColumnCount };
    enum Roles {
        OpRole = Qt::UserRole, ///< int, Change::Op
        PathRole, ///< QString JSON Pointer
        OldValueRole, ///< QString: the value before, as compact JSON with every digit
        NewValueRole, ///< QString: the value after, likewise
    };

    explicit DiffModel(QObject* parent = nullptr);

    void setChanges(const QList<Change>& changes);
    /// The domain of the changed stream: it says which fields hold money.
    void setDomain(const Domain* domain);
    const QList<Change>& changes() const { return m_changes; }
    /// How brightly the rows light up, 1 just changed, 0 faded (see ChangeFlash).
    void setFlash(qreal level);
    qreal flash() const { return m_flash; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const Domain* m_domain = nullptr;
    QList<Change> m_changes;
    qreal m_flash = 0;
};

} // namespace Rewind
