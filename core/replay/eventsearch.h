#pragma once

#include "model/error.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace Rewind {

class Domain;
class History;
struct Event;

/// What a person narrows a history's events to: one stream, some types (or every type but
/// some), some actors (or everyone but some), and words that must or must not appear. Types
/// and streams are ids of the history's index, so they are checked without reading an event.
struct EventCriteria {
    qint32 stream = -1; ///< into HistoryIndex::streamNames(); -1: every stream
    QSet<qint32> types; ///< into HistoryIndex::typeNames(); empty: every type
    bool excludeTypes = false; ///< every type but `types`
    QSet<QString> actors; ///< empty: everyone
    bool excludeActors = false; ///< everyone but `actors`
    /// Words, each of which must appear (case-insensitively) in the event's stream, type,
    /// actor, summary or data; a word written `-word` must not.
    QString text;

    /// Whether any event can be left out.
    bool narrows() const { return stream >= 0 || !types.isEmpty() || !actors.isEmpty() || !words().isEmpty(); }
    /// Whether deciding needs more than the index (the actor or the text of an event).
    bool readsEvents() const { return !actors.isEmpty() || !words().isEmpty(); }
    QStringList words() const;
    bool operator==(const EventCriteria&) const = default;
};

/// The orders a person can sort events by. Stable: events that tie stay in global order.
enum class EventOrder { Position, Time, Stream, Version, Type, Actor, Summary };

/// Finding and ordering the events of a large history, for the events table. Made to run on a
/// worker thread: one sequential read of the source at most, progress reported as it goes, and
/// stopped as soon as the progress callback says so.
class EventSearch {
public:
    /// `done` and `total` count events; `matches` is how many matched so far. Return false to stop.
    using Progress = std::function<bool(qint64 done, qint64 total, qint64 matches)>;

    /// The rows of `history.index()` that match, in global order. Cancelled when progress said stop.
    static Result<std::vector<qint32>> matchingRows(
        const History& history, const EventCriteria& criteria, const Progress& progress = {});
    /// Orders `rows` (rows of the index) by `order`; descending reverses the order and keeps ties
    /// in global order. Actor and summary read the events; the others need only the index.
    static Status sortRows(const History& history, std::vector<qint32>& rows, EventOrder order, bool descending,
        const Progress& progress = {});

    /// The text a search looks in: stream, type, actor, the domain's summary and the data.
    static QString searchText(const Event& event, const QString& actor, const QString& summary);

private:
    /// One pass over the events of `rows` (ascending), in global order, with their rows.
    static Status readRows(const History& history, const std::vector<qint32>& rows, qint32 stream,
        const std::function<bool(qint32 row, const Event& event)>& visit);
};

} // namespace Rewind
