#include "models/statetreemodel.h"

#include "domains/domain.h"
#include "model/statediff.h"
#include "models/eventtext.h"
#include "theme/themecolors.h"

#include <QFont>
#include <QGuiApplication>

#include <functional>

namespace Rewind {

StateTreeModel::StateTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

StateTreeModel::~StateTreeModel() = default;

void StateTreeModel::setDomain(const Domain* domain)
{
    if (domain == m_domain)
        return;
    beginResetModel();
    m_domain = domain;
    endResetModel();
}

void StateTreeModel::setState(const JsonValue& state, const QSet<QString>& changedPaths)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_root->value = state;
    build(*m_root, changedPaths, false);
    endResetModel();
}

void StateTreeModel::build(Node& node, const QSet<QString>& changedPaths, bool insideChange)
{
    // Changed: a change touched this field, something inside it, or a field around it (an added line).
    insideChange = insideChange || changedPaths.contains(node.path);
    const auto add = [&](const QString& key, const JsonValue& value) {
        auto child = std::make_unique<Node>();
        child->key = key;
        child->path = node.path + QLatin1Char('/') + StateDiff::escapePointerToken(key);
        child->value = value;
        child->parent = &node;
        child->row = int(node.children.size());
        build(*child, changedPaths, insideChange);
        node.children.push_back(std::move(child));
    };
    for (qsizetype i = 0; i < node.value.size(); ++i)
        add(node.value.isObject() ? node.value.keyAt(i) : QString::number(i), node.value.at(i));
    node.changed = insideChange;
    for (const auto& child : node.children)
        node.changed = node.changed || child->changed;
}

StateTreeModel::Node* StateTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

void StateTreeModel::setDimUnchanged(bool dim)
{
    if (dim == m_dim)
        return;
    m_dim = dim;
    notifyAll({ Qt::ForegroundRole });
}

void StateTreeModel::setFlash(qreal level)
{
    if (qFuzzyCompare(level + 1, m_flash + 1))
        return;
    m_flash = level;
    notifyAll({ Qt::BackgroundRole });
}

void StateTreeModel::notifyAll(const QList<int>& roles)
{
    const std::function<void(const QModelIndex&)> notify = [&](const QModelIndex& parent) {
        const int rows = rowCount(parent);
        if (rows == 0)
            return;
        emit dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent), roles);
        for (int row = 0; row < rows; ++row)
            notify(index(row, 0, parent));
    };
    notify({});
}

QModelIndex StateTreeModel::indexOfPath(const QString& path) const
{
    const Node* node = m_root.get();
    QModelIndex found;
    while (node && node->path != path) {
        const Node* next = nullptr;
        for (const auto& child : node->children) {
            if (path == child->path || path.startsWith(child->path + QLatin1Char('/'))) {
                next = child.get();
                break;
            }
        }
        if (!next)
            return {};
        found = index(next->row, 0, found);
        node = next;
    }
    return found;
}

QModelIndex StateTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children.at(size_t(row)).get());
}

QModelIndex StateTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const Node* parent = nodeOf(child)->parent;
    if (!parent || parent == m_root.get())
        return {};
    return createIndex(parent->row, 0, const_cast<Node*>(parent));
}

int StateTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int StateTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant StateTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeOf(index);
    const QPalette palette = QGuiApplication::palette();
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == FieldColumn)
            return node->key;
        if (node->value.isObject())
            return node->children.size() == 1 ? tr("{1 field}") : tr("{%1 fields}").arg(node->children.size());
        if (node->value.isArray())
            return node->children.size() == 1 ? tr("[1 item]") : tr("[%1 items]").arg(node->children.size());
        return EventText::value(node->value, m_domain && m_domain->isMoney(node->key));
    case Qt::ToolTipRole:
        return node->changed ? tr("%1 — changed by this event").arg(node->path) : node->path;
    case Qt::FontRole:
        if (node->changed) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::BackgroundRole:
        if (node->changed)
            return ThemeColors::mix(
                ThemeColors::changedBackground(palette), ThemeColors::flashBackground(palette), m_flash);
        break;
    case Qt::ForegroundRole:
        if (node->changed)
            return palette.color(QPalette::Text);
        if (m_dim)
            return ThemeColors::dimmedText(palette);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn && node->value.isNumber())
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        break;
    case PathRole:
        return node->path;
    case ChangedRole:
        return node->changed;
    case JsonTextRole:
        return QString::fromUtf8(node->value.toJson());
    default:
        break;
    }
    return {};
}

QVariant StateTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == FieldColumn ? tr("Field") : tr("Value");
}

} // namespace Rewind
