#pragma once

#include "model/error.h"
#include "model/event.h"
#include "model/snapshot.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <limits>
#include <optional>

namespace Rewind {

class HistoryIndex;

/// One stream as a source knows it, without reading its events.
struct StreamInfo {
    QString id;
    qint64 eventCount = 0;
    qint64 firstPosition = 0;
    qint64 lastPosition = 0;
    qint64 lastVersion = 0; ///< the highest version seen
};

/// Which events a read wants: one stream or all, a range of global positions (inclusive).
struct EventFilter {
    QString stream; ///< empty: every stream
    qint64 fromPosition = 1;
    qint64 toPosition = std::numeric_limits<qint64>::max();
    /// False when the visitor never looks at metadata (a replay): a source may then skip
    /// reading it and leave `{}`.
    bool withMetadata = true;
    /// False when the visitor looks at types and positions only (choosing a domain): a source
    /// may then skip reading data and leave `{}`.
    bool withData = true;
    /// False when the visitor looks at neither times nor metadata (choosing a domain): a source
    /// whose times cost a read of their own (a server's) may then leave them 0.
    bool withTimes = true;

    /// One stream's positions, versions and times only: finding a point needs no data.
    static EventFilter positionsOnly(const QString& stream)
    {
        EventFilter filter { stream };
        filter.withData = false;
        filter.withMetadata = false;
        return filter;
    }
};

/// A history that can be read: Rewind's store, a parsed log file, another product's store.
/// Everything above it (replay, verify, the CLI, the window) reads through this interface, so a
/// new format is a new subclass and nothing else. Reads are in global position order.
class EventSource {
public:
    virtual ~EventSource() = default;

    virtual QString path() const = 0;
    /// What was recognized: `rewind-store`, `jsonl`, …
    virtual QString kind() const = 0;

    // Results, not plain values: a source read in place (an SQLite store) can meet a damaged
    // page in any read, and a count or list made up then would pass for the truth.
    virtual Result<qint64> eventCount() const = 0;
    virtual Result<QList<StreamInfo>> streams() const = 0;
    virtual Result<QList<Snapshot>> snapshots(const QString& stream = {}) const = 0;

    /// Calls `visit` for each matching event in position order until it returns false.
    /// The Event passed is only valid during the call.
    virtual Status readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const = 0;
    /// The event at a global position, or an empty Event (position 0) when there is none; an
    /// Error when it cannot be read.
    virtual Result<Event> eventAt(qint64 position) const;
    /// The largest position of any event; 0 when there is none. The default asks streams().
    virtual Result<qint64> lastPosition() const;
    /// The position of the last event of `stream`, in position order, whose version is at most
    /// `version`; 0 when there is none. The default reads the stream's positions and versions.
    virtual Result<qint64> positionOfVersion(const QString& stream, qint64 version) const;
    /// Appends every event to `index`, in position order, reading only what the index needs when
    /// the source can (the default reads whole events).
    virtual Status readIndex(HistoryIndex& index) const;
    /// The position of the last event of `stream`, in position order, that `matches`; 0 when
    /// none does. Reads the stream's positions, versions and times only.
    Result<qint64> lastPositionWhere(const QString& stream, const std::function<bool(const Event&)>& matches) const;
    /// A digest of everything its events hold (streams, types, versions, positions, times, data,
    /// metadata), when the source can tell it without reading every event; nothing when it cannot
    /// (the default). A log read from a text file keeps a checksum of each record, so a kept
    /// analysis (AnalysisCache) is checked against those rather than against the whole file read
    /// again.
    virtual std::optional<QByteArray> contentDigest() const { return std::nullopt; }
    /// Every matching event, in position order. For small reads and tests.
    Result<QList<Event>> events(const EventFilter& filter = {}) const;

protected:
    EventSource() = default;
};

} // namespace Rewind
