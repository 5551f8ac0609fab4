#include "models/eventfilterproxy.h"

#include "models/eventsmodel.h"

namespace Rewind {

EventFilterProxy::EventFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EventsModel::SortRole);
}

void EventFilterProxy::setStreamIndex(int stream)
{
    if (stream == m_stream)
        return;
    m_stream = stream;
    invalidateFilter();
}

void EventFilterProxy::setTypeIndex(int type)
{
    if (type == m_type)
        return;
    m_type = type;
    invalidateFilter();
}

void EventFilterProxy::setActor(const QString& actor)
{
    if (actor == m_actor)
        return;
    m_actor = actor;
    invalidateFilter();
}

void EventFilterProxy::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    // Asked for each of a million rows whenever the history changes: no filter, no work.
    if (m_stream < 0 && m_type < 0 && m_actor.isEmpty() && m_text.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_stream >= 0 && index.data(EventsModel::StreamIndexRole).toInt() != m_stream)
        return false;
    if (m_type >= 0 && index.data(EventsModel::TypeIndexRole).toInt() != m_type)
        return false;
    if (!m_actor.isEmpty() && index.data(EventsModel::ActorRole).toString() != m_actor)
        return false;
    if (!m_text.isEmpty() && !index.data(EventsModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace Rewind
