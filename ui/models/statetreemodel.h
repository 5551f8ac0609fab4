#pragma once

#include "model/jsonvalue.h"

#include <QAbstractItemModel>
#include <QSet>

#include <memory>
#include <vector>

namespace Rewind {

class Domain;

/// A state as a tree of fields: objects and arrays open into their members, money reads as
/// money, and the fields the current event changed are highlighted (the others can be dimmed).
class StateTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Columns { FieldColumn, ValueColumn, ColumnCount };
    enum Roles {
        PathRole = Qt::UserRole, ///< QString, the field's JSON Pointer
        ChangedRole, ///< bool: the current event changed this field or something inside it
        JsonTextRole, ///< QString: the field's value as compact JSON, every digit kept
    };

    explicit StateTreeModel(QObject* parent = nullptr);
    ~StateTreeModel() override;

    /// The state to show and the JSON Pointers of what the current event changed.
    void setState(const JsonValue& state, const QSet<QString>& changedPaths);
    /// The domain of the state's stream: it says which fields hold money.
    void setDomain(const Domain* domain);
    void setDimUnchanged(bool dim);
    /// How brightly the changed fields light up, 1 just changed, 0 faded (see ChangeFlash).
    void setFlash(qreal level);
    qreal flash() const { return m_flash; }
    bool dimUnchanged() const { return m_dim; }
    /// The index of the field at a JSON Pointer (`/items/MG-007/quantity`), or invalid.
    QModelIndex indexOfPath(const QString& path) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const Domain* m_domain = nullptr;
    struct Node {
        QString key;
        QString path;
        JsonValue value;
        bool changed = false;
        Node* parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    void build(Node& node, const QSet<QString>& changedPaths, bool insideChange);
    Node* nodeOf(const QModelIndex& index) const;

    /// Emits dataChanged for `roles` over every row of the tree.
    void notifyAll(const QList<int>& roles);

    std::unique_ptr<Node> m_root;
    bool m_dim = false;
    qreal m_flash = 0;
};

} // namespace Rewind
