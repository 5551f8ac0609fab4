#include "models/streamfilterproxy.h"

#include "models/streamsmodel.h"

namespace Rewind {

StreamFilterProxy::StreamFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(StreamsModel::SortRole);
}

void StreamFilterProxy::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool StreamFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, StreamsModel::StreamColumn, sourceParent);
    if (index.data(StreamsModel::AllStreamsRole).toBool())
        return true;
    const QModelIndex domain = sourceModel()->index(sourceRow, StreamsModel::DomainColumn, sourceParent);
    return m_text.isEmpty() || index.data().toString().contains(m_text, Qt::CaseInsensitive)
        || domain.data().toString().contains(m_text, Qt::CaseInsensitive);
}

bool StreamFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const bool leftAll = left.data(StreamsModel::AllStreamsRole).toBool();
    const bool rightAll = right.data(StreamsModel::AllStreamsRole).toBool();
    if (leftAll || rightAll)
        return (sortOrder() == Qt::AscendingOrder) ? leftAll && !rightAll : rightAll && !leftAll;
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace Rewind
