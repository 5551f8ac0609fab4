#pragma once

#include "model/command.h"
#include "model/eventsource.h"

#include <QHash>

#include <memory>
#include <mutex>

struct sqlite3;

namespace Rewind {

class SqliteStatement;

/// Rewind's own store: one SQLite file with an append-only `events` table (UPDATE and DELETE are
/// refused by triggers), unique (stream, version), a `snapshots` table, a schema version in
/// `PRAGMA user_version` and Rewind's `application_id`. Writes happen only through `append`,
/// `import` and `saveSnapshot`, each one transaction. See docs/store-format.md.
/// A file SQLite cannot read (a damaged page, a cut file) makes the read that meets it an Error
/// naming the file; so does a row written past the store's rules (a position below 1, at open).
class EventStore : public EventSource {
public:
    static constexpr int SchemaVersion = 2;
    static constexpr int ApplicationId = 0x52574E44; // "RWND"

    enum class Mode { ReadOnly, ReadWrite };

    ~EventStore() override;

    /// Opens an existing store. Fails with one line when the file is no Rewind store.
    static Result<std::unique_ptr<EventStore>> open(const QString& path, Mode mode = Mode::ReadOnly);
    /// Creates a new empty store, or opens an existing one for writing (migrating it if older).
    static Result<std::unique_ptr<EventStore>> create(const QString& path);
    /// True when the file's tables and application id say it is a Rewind store.
    static bool looksLikeStore(const QString& path);
    /// Removes a store this process created and then could not fill, with the files SQLite
    /// keeps beside it (-wal, -shm, -journal). Close every connection to it first.
    static void discard(const QString& path);

    QString path() const override;
    QString kind() const override { return QStringLiteral("rewind-store"); }
    Result<qint64> eventCount() const override;
    Result<QList<StreamInfo>> streams() const override;
    /// An Error also when a snapshot's state is not a JSON object (a hand edit).
    Result<QList<Snapshot>> snapshots(const QString& stream = {}) const override;
    Status readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const override;
    Result<Event> eventAt(qint64 position) const override;
    Status readIndex(HistoryIndex& index) const override;
    /// The largest rowid: one step down the table's b-tree.
    Result<qint64> lastPosition() const override;
    /// Through the (stream, version) index: versions are unique in a stream here.
    Result<qint64> positionOfVersion(const QString& stream, qint64 version) const override;

    /// The stream's current version: 0 when it has no events.
    Result<qint64> streamVersion(const QString& stream) const;

    /// Appends events to one stream, atomically, if its version is still `expectedVersion`
    /// (optimistic concurrency). A stale writer gets an Error of kind Conflict naming the stream,
    /// the expected and the actual version, and nothing is written. The appended events, with
    /// their versions and positions, are returned. `at` = 0 means now.
    Result<QList<Event>> append(
        const QString& stream, qint64 expectedVersion, const QList<NewEvent>& events, qint64 at = 0);

    /// Appends every event and snapshot of `source` in one transaction, keeping streams, versions,
    /// times and data but giving the events new global positions after the existing ones, in the
    /// source's order. All or nothing: a (stream, version) already taken is an error naming it.
    /// `progress` is called now and then with the count written so far; returning false cancels
    /// and rolls back.
    Status import(const EventSource& source, const std::function<bool(qint64 done)>& progress = {});

    Status saveSnapshot(const Snapshot& snapshot);
    /// A consistent copy of the whole store at `target` (SQLite's `VACUUM INTO`: events,
    /// snapshots, triggers and the schema version), replacing any file there only once the copy
    /// is complete. What "Save Demo As…" keeps.
    Status copyTo(const QString& target) const;
    /// Every snapshot or none, in one transaction: a writer killed half-way leaves none.
    Status saveSnapshots(const QList<Snapshot>& snapshots);

    sqlite3* handle() const { return m_db; }

private:
    EventStore() = default;
    Status initialize(Mode mode, bool create);
    /// The connection for reads on the calling thread: the store's own on the thread that opened
    /// it, a read-only one of its own on any other. One connection shared by threads serializes
    /// them on SQLite's mutex, and a worker stepping through a million rows (the analysis) would
    /// starve the window's reads of the rows it shows.
    sqlite3* reader() const;
    /// A read that failed, with SQLite's message and this store's path.
    Error readError(const SqliteStatement& query) const;

    QString m_path;
    sqlite3* m_db = nullptr;
    Qt::HANDLE m_owner = nullptr; ///< the thread that opened m_db
    mutable std::mutex m_readersMutex;
    mutable QHash<Qt::HANDLE, sqlite3*> m_readers;
};

} // namespace Rewind
