#include "models/diffmodel.h"

#include "models/eventtext.h"
#include "theme/themecolors.h"

#include <QFont>
#include <QGuiApplication>

namespace Rewind {

DiffModel::DiffModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void DiffModel::setDomain(const Domain* domain)
{
    if (domain == m_domain)
        return;
    beginResetModel();
    m_domain = domain;
    endResetModel();
}

void DiffModel::setChanges(const QList<Change>& changes)
{
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

void DiffModel::setFlash(qreal level)
{
    if (qFuzzyCompare(level + 1, m_flash + 1))
        return;
    m_flash = level;
    if (!m_changes.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), { Qt::BackgroundRole });
}

int DiffModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_changes.size()); }

int DiffModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Change& change = m_changes.at(index.row());
    const bool money = EventText::isMoneyPath(m_domain, change.path);
    const QPalette palette = QGuiApplication::palette();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ChangeColumn:
            switch (change.op) {
            case Change::Op::Add:
                return tr("+ added");
            case Change::Op::Remove:
                return tr("\u2212 removed");
            case Change::Op::Replace:
                return tr("~ changed");
            }
            break;
        case PathColumn:
            return change.path;
        case ValueColumn:
            switch (change.op) {
            case Change::Op::Add:
                return EventText::value(change.value, money);
            case Change::Op::Remove:
                return tr("was %1").arg(EventText::value(change.old, money));
            case Change::Op::Replace:
                return QStringLiteral("%1 \u2192 %2")
                    .arg(EventText::value(change.old, money), EventText::value(change.value, money));
            }
            break;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == ChangeColumn) {
            switch (change.op) {
            case Change::Op::Add:
                return ThemeColors::added(palette);
            case Change::Op::Remove:
                return ThemeColors::removed(palette);
            case Change::Op::Replace:
                return ThemeColors::changed(palette);
            }
        }
        break;
    case Qt::BackgroundRole:
        // Every row is a change: lit up as it happens, then back to the view's own rows.
        if (m_flash > 0) {
            QColor light = ThemeColors::flashBackground(palette);
            light.setAlphaF(float(m_flash));
            return light;
        }
        break;
    case Qt::FontRole:
        if (index.column() == ChangeColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::ToolTipRole:
        return QString::fromUtf8(change.toJsonWriter().toJson());
    case OpRole:
        return int(change.op);
    case PathRole:
        return change.path;
    case OldValueRole:
        return QString::fromUtf8(change.old.toJson());
    case NewValueRole:
        return QString::fromUtf8(change.value.toJson());
    default:
        break;
    }
    return {};
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case PathColumn:
        return tr("Field");
    case ValueColumn:
        return tr("Old \u2192 new");
    }
    return {};
}

} // namespace Rewind
