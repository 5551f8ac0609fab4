#include "model/eventsource.h"

#include "model/historyindex.h"

namespace Rewind {

namespace {
// A source may hand out views of its own buffers (QByteArray::fromRawData) that live only
// during the visit; a copy kept past it must own its bytes.
Event ownedCopy(const Event& event)
{
    Event copy = event;
    copy.data = QByteArray(event.data.constData(), event.data.size());
    copy.metadata = QByteArray(event.metadata.constData(), event.metadata.size());
    return copy;
}
}

Result<Event> EventSource::eventAt(qint64 position) const
{
    Event found;
    if (position <= 0)
        return found;
    const Status status = readEvents({ {}, position, position }, [&](const Event& event) {
        found = ownedCopy(event);
        return false;
    });
    if (!status)
        return status.error();
    return found;
}

Result<qint64> EventSource::lastPosition() const
{
    const auto listed = streams();
    if (!listed)
        return listed.error();
    qint64 last = 0;
    for (const StreamInfo& stream : *listed)
        last = std::max(last, stream.lastPosition);
    return last;
}

Result<qint64> EventSource::positionOfVersion(const QString& stream, qint64 version) const
{
    return lastPositionWhere(stream, [version](const Event& event) { return event.version <= version; });
}

Result<qint64> EventSource::lastPositionWhere(
    const QString& stream, const std::function<bool(const Event&)>& matches) const
{
    qint64 found = 0;
    const Status status = readEvents(EventFilter::positionsOnly(stream), [&](const Event& event) {
        if (matches(event))
            found = event.position;
        return true;
    });
    if (!status)
        return status.error();
    return found;
}

Status EventSource::readIndex(HistoryIndex& index) const
{
    return readEvents({}, [&index](const Event& event) {
        index.append(event);
        return true;
    });
}

Result<QList<Event>> EventSource::events(const EventFilter& filter) const
{
    QList<Event> all;
    const Status status = readEvents(filter, [&](const Event& event) {
        all.append(ownedCopy(event));
        return true;
    });
    if (!status)
        return status.error();
    return all;
}

} // namespace Rewind
