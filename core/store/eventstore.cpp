#include "store/eventstore.h"

#include "model/historyindex.h"
#include "store/interner.h"
#include "store/sqlitestatement.h"
#include "store/storeindex.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QThread>
#include <QUuid>
#include <QtEndian>

#include <cstdio>
#include <cstring>
#include <iterator>
#include <optional>
#include <sqlite3.h>
#include <tuple>

// Concurrency rule (docs/store-format.md): any number of readers and writers, in any processes.
// The file is in WAL mode, so readers never block the writer nor each other; every write is one
// BEGIN IMMEDIATE transaction, so writers queue on the file's write lock (for up to the busy
// timeout) instead of failing half-way, and the expected-version check happens under that lock.

namespace Rewind {

namespace {

constexpr int BusyTimeoutMs = 5000;
constexpr qint64 ProgressEvery = 10000;

// Migrations[n] takes a store from schema n to n + 1. A new store is an empty file that runs
// every step, so the path that upgrades old stores is the one every test exercises. Append
// steps here; never edit a released one.
constexpr const char* Migrations[] = {
    // 0 → 1: the first schema.
    R"sql(
CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    stream   TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    type     TEXT    NOT NULL,
    data     TEXT    NOT NULL,
    metadata TEXT    NOT NULL,
    at       INTEGER NOT NULL, -- milliseconds since the epoch, UTC
    UNIQUE (stream, version)
);
CREATE INDEX events_stream_position ON events (stream, position);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TABLE snapshots (
    stream   TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    position INTEGER NOT NULL,
    state    TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    PRIMARY KEY (stream, version)
);
)sql",
    // 1 → 2: a compact index of the events (StoreIndex), so a big store opens in milliseconds.
    // migrate() fills it from the events already there.
    R"sql(
CREATE TABLE index_streams (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);
CREATE TABLE index_types (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);
CREATE TABLE event_index (
    first_position INTEGER PRIMARY KEY,
    count          INTEGER NOT NULL,
    entries        BLOB    NOT NULL
);
)sql",
};
static_assert(std::size(Migrations) == EventStore::SchemaVersion, "one migration step per schema version");

constexpr const char* SelectEvents = "SELECT position, stream, version, type, data, metadata, at FROM events "
                                     "WHERE position BETWEEN ?1 AND ?2 ORDER BY position";
constexpr const char* InsertEvent =
    "INSERT INTO events (stream, version, type, data, metadata, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* SelectStreamVersion = "SELECT coalesce(max(version), 0) FROM events WHERE stream = ?1";
// Position 0 means "not known": the event with that stream and version says where it is.
constexpr const char* SaveSnapshot =
    "INSERT OR REPLACE INTO snapshots (stream, version, position, state, at) VALUES (?1, ?2, "
    "CASE WHEN ?3 > 0 THEN ?3 ELSE coalesce((SELECT position FROM events WHERE stream = ?1 AND version = ?2), 0) "
    "END, ?4, ?5)";

const QByteArray SqliteMagic = QByteArrayLiteral("SQLite format 3\0");
constexpr int HeaderSize = 100;
constexpr int ApplicationIdOffset = 68;

QString notAStore(const char* why) { return QStringLiteral("not a Rewind store (%1)").arg(QLatin1String(why)); }

/// What the first bytes of a file say, before SQLite is let near it.
std::optional<QString> checkHeader(const QString& path, bool mayBeEmpty, QByteArray* header)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("no such file");
    if (info.isDir())
        return QStringLiteral("is a directory");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read: %1").arg(file.errorString());
    *header = file.read(HeaderSize);
    if (header->isEmpty() && mayBeEmpty)
        return std::nullopt;
    if (header->size() < HeaderSize || !header->startsWith(SqliteMagic))
        return notAStore("not an SQLite database");
    return std::nullopt;
}

/// Rolls back unless commit() succeeded: every early return of a write leaves nothing behind.
class Transaction {
public:
    explicit Transaction(sqlite3* db)
        : m_db(db)
    {
    }
    ~Transaction()
    {
        if (m_open)
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// IMMEDIATE takes the write lock now, so what is read inside stays true until COMMIT.
    QString begin()
    {
        QString error = sqliteExec(m_db, "BEGIN IMMEDIATE");
        m_open = error.isEmpty();
        return error;
    }
    QString commit()
    {
        QString error = sqliteExec(m_db, "COMMIT");
        if (error.isEmpty())
            m_open = false;
        return error;
    }

private:
    sqlite3* m_db = nullptr;
    bool m_open = false;
};

/// Raises the connection's page cache for one big write and puts it back afterwards. An import
/// interleaves streams, so every insert touches a random page of both (stream, …) indexes; with
/// SQLite's default 2 MB those pages are spilled to the WAL and read back over and over (an
/// import of a million events ran 3-5 times slower here).
class LargeCache {
public:
    explicit LargeCache(sqlite3* db)
        : m_db(db)
    {
        // Only a speed-up: when the pragmas fail the import still runs, with the cache it had,
        // and a real problem with the file shows in the import's own statements.
        SqliteStatement current(m_db, "PRAGMA cache_size");
        const Result<qint64> previous = current.singleInt64();
        if (previous && sqliteExec(m_db, "PRAGMA cache_size = -65536").isEmpty()) { // KiB: 64 MiB
            m_previous = *previous;
            m_raised = true;
        }
    }
    ~LargeCache()
    {
        // A destructor has no one to tell, and a connection left with a large cache still works.
        if (m_raised)
            std::ignore =
                sqliteExec(m_db, QByteArray("PRAGMA cache_size = " + QByteArray::number(m_previous)).constData());
    }
    LargeCache(const LargeCache&) = delete;
    LargeCache& operator=(const LargeCache&) = delete;

private:
    sqlite3* m_db = nullptr;
    qint64 m_previous = 0;
    bool m_raised = false;
};

/// Copies into the array's own buffer: no allocation per row once it is large enough, unless
/// the visitor kept a copy of the previous event (then it detaches, as it must).
void assignBytes(QByteArray& target, QByteArrayView bytes)
{
    target.resize(bytes.size());
    if (!bytes.isEmpty())
        std::memcpy(target.data(), bytes.data(), size_t(bytes.size()));
}

/// Runs the missing migration steps in one transaction. Empty on success, else the error
/// (and the store is as it was).
QString migrate(sqlite3* db)
{
    Transaction transaction(db);
    QString error = transaction.begin();
    if (!error.isEmpty())
        return error;
    // Read again under the write lock: another process may have migrated it meanwhile.
    SqliteStatement current(db, "PRAGMA user_version");
    const Result<qint64> version = current.singleInt64();
    current = {};
    if (!version)
        return QStringLiteral("cannot read the schema version: ") + version.error().message;
    const qint64 from = *version;
    for (qint64 step = from; error.isEmpty() && step < EventStore::SchemaVersion; ++step)
        error = sqliteExec(db, Migrations[step]);
    if (error.isEmpty() && from < 2) {
        // The index starts out complete: one pass over the events already in the store.
        StoreIndex index(db);
        error = index.begin();
        if (error.isEmpty())
            error = index.finish();
    }
    if (error.isEmpty() && from < EventStore::SchemaVersion) {
        error = sqliteExec(
            db, QByteArray("PRAGMA user_version = " + QByteArray::number(EventStore::SchemaVersion)).constData());
    }
    if (error.isEmpty())
        error = transaction.commit();
    return error;
}

std::optional<QString> snapshotProblem(const Snapshot& snapshot)
{
    if (snapshot.stream.isEmpty() || snapshot.version < 1) {
        return QStringLiteral("a snapshot needs a stream and a version of 1 or more (got \"%1\" at version %2)")
            .arg(snapshot.stream)
            .arg(snapshot.version);
    }
    // Reading one back refuses anything else, so it is never written.
    if (!snapshot.state.isObject()) {
        return QStringLiteral("the snapshot of stream %1 at version %2 holds a state that is not a JSON object")
            .arg(snapshot.stream)
            .arg(snapshot.version);
    }
    return std::nullopt;
}

/// Positions are rowids SQLite hands out from 1, and the triggers forbid changing them: a row at
/// 0 or below was written by hand, past the store's rules. Every read starts at position 1 and
/// would pass over it while the counts included it, so the store is refused with the row named.
/// A seek on the rowid, whatever the size of the store.
std::optional<Error> tamperedPosition(sqlite3* db, const QString& path)
{
    SqliteStatement query(
        db, "SELECT position, stream, version FROM events WHERE position < 1 ORDER BY position LIMIT 1");
    const int stepped = query.step();
    if (stepped == SQLITE_DONE)
        return std::nullopt;
    if (stepped != SQLITE_ROW)
        return Error::failure(QStringLiteral("cannot read: %1").arg(query.errorMessage()), path);
    return Error::badInput(QStringLiteral("events has a row at position %1 (stream %2, version %3), but positions "
                                          "start at 1: the store was edited by hand")
                               .arg(query.columnInt64(0))
                               .arg(query.columnString(1))
                               .arg(query.columnInt64(2)),
        path);
}

} // namespace

EventStore::~EventStore()
{
    for (sqlite3* reader : std::as_const(m_readers))
        sqlite3_close_v2(reader);
    // The last connection to close checkpoints the WAL into the file and removes -wal and -shm.
    sqlite3_close_v2(m_db);
}

sqlite3* EventStore::reader() const
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    if (thread == m_owner)
        return m_db;
    const std::lock_guard<std::mutex> lock(m_readersMutex);
    if (const auto it = m_readers.constFind(thread); it != m_readers.cend())
        return *it;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(m_path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(db);
        return m_db; // shared, slower, still correct
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, BusyTimeoutMs);
    m_readers.insert(thread, db);
    return db;
}

Result<std::unique_ptr<EventStore>> EventStore::open(const QString& path, Mode mode)
{
    QByteArray header;
    if (auto problem = checkHeader(path, false, &header))
        return Error::badInput(*problem, path);
    std::unique_ptr<EventStore> store(new EventStore);
    store->m_path = path;
    if (Status status = store->initialize(mode, false); !status)
        return status.error();
    return store;
}

Result<std::unique_ptr<EventStore>> EventStore::create(const QString& path)
{
    if (QFileInfo::exists(path)) {
        QByteArray header;
        if (auto problem = checkHeader(path, true, &header))
            return Error::badInput(*problem, path);
    }
    std::unique_ptr<EventStore> store(new EventStore);
    store->m_path = path;
    if (Status status = store->initialize(Mode::ReadWrite, true); !status)
        return status.error();
    return store;
}

void EventStore::discard(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
}

bool EventStore::looksLikeStore(const QString& path)
{
    // The application id is in the file header (offset 68, big-endian), and create() writes it
    // before switching to WAL, so reading 100 bytes is enough: no SQLite, no -shm, no lock.
    QByteArray header;
    if (checkHeader(path, false, &header))
        return false;
    return qFromBigEndian<quint32>(header.constData() + ApplicationIdOffset) == quint32(ApplicationId);
}

Status EventStore::initialize(Mode mode, bool create)
{
    const auto fail = [this](Error::Kind kind, const QString& message) -> Status {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return Error { kind, m_path, 0, message };
    };

    int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create)
        flags |= SQLITE_OPEN_CREATE;
    m_owner = QThread::currentThreadId();
    const int opened = sqlite3_open_v2(QFile::encodeName(m_path).constData(), &m_db, flags, nullptr);
    if (opened != SQLITE_OK) {
        const QString why = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(opened));
        return fail(Error::Kind::Failure, QStringLiteral("cannot open: %1").arg(why));
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, BusyTimeoutMs);

    // The first read is where SQLite looks at the file: a damaged or foreign header shows here.
    SqliteStatement query(m_db,
        "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), "
        "(SELECT count(*) FROM sqlite_schema), (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = "
        "'events')");
    const int stepped = query.step();
    if (stepped != SQLITE_ROW) {
        if ((sqlite3_extended_errcode(m_db) & 0xff) == SQLITE_NOTADB)
            return fail(Error::Kind::BadInput, notAStore("not an SQLite database"));
        return fail(Error::Kind::Failure, QStringLiteral("cannot read: %1").arg(query.errorMessage()));
    }
    const qint64 applicationId = query.columnInt64(0);
    const qint64 version = query.columnInt64(1);
    const bool blank = applicationId == 0 && query.columnInt64(2) == 0;
    bool hasEvents = query.columnInt64(3) > 0;
    query = {};

    // Only create() may turn an empty database into a store; nobody else's file is ever written.
    if (applicationId != ApplicationId && !(create && blank))
        return fail(Error::Kind::BadInput, notAStore("no events table / wrong application id"));
    if (version > SchemaVersion) {
        return fail(Error::Kind::Failure,
            QStringLiteral("was written by a newer Rewind (schema %1; this build reads up to %2)")
                .arg(version)
                .arg(SchemaVersion));
    }

    if (mode == Mode::ReadWrite) {
        QString error;
        if (applicationId == 0 && blank) {
            // Only an empty file can still change its page size. Larger pages make the B-trees
            // shallower: an import of a million events spends most of its time in index inserts.
            error = sqliteExec(m_db, "PRAGMA page_size = 16384");
        }
        if (error.isEmpty() && applicationId == 0) {
            // Before WAL, so the id lands in the main file's header at once and looksLikeStore,
            // which reads only that header, sees it even while a writer holds the store open.
            error = sqliteExec(
                m_db, QByteArray("PRAGMA application_id = " + QByteArray::number(ApplicationId)).constData());
        }
        if (error.isEmpty())
            error = sqliteExec(m_db, "PRAGMA journal_mode = WAL");
        if (error.isEmpty())
            error = sqliteExec(m_db, "PRAGMA synchronous = NORMAL");
        if (!error.isEmpty())
            return fail(Error::Kind::Failure, QStringLiteral("cannot set up the store: %1").arg(error));
    }

    // A schema 1 store reads as well as a new one (it only lacks the index, so it opens slower):
    // read-only, it is taken as it is.
    if (version < SchemaVersion && !(mode == Mode::ReadOnly && version >= 1)) {
        if (mode == Mode::ReadOnly && version == 0) {
            // Its id is written before its tables: a creation that was cut short in between.
            return fail(Error::Kind::BadInput,
                QStringLiteral("is a Rewind store whose creation was cut short (it has no tables yet); the next "
                               "command or import into it completes it"));
        }
        if (mode == Mode::ReadOnly) {
            return fail(Error::Kind::Failure,
                QStringLiteral("was written by an older Rewind (schema %1); open it for writing once to upgrade it")
                    .arg(version));
        }
        const QString error = migrate(m_db);
        if (!error.isEmpty()) {
            return fail(
                Error::Kind::Failure, QStringLiteral("cannot upgrade from schema %1: %2").arg(version).arg(error));
        }
        // Into the main file now, so a fresh store is complete on disk even before it is closed.
        // A checkpoint other connections hold up is no error (it reports that in its row); one
        // that fails is a file SQLite cannot write.
        if (const QString error = sqliteExec(m_db, "PRAGMA wal_checkpoint(TRUNCATE)"); !error.isEmpty())
            return fail(Error::Kind::Failure, QStringLiteral("cannot set up the store: %1").arg(error));
        hasEvents = true;
    }

    if (!hasEvents)
        return fail(Error::Kind::BadInput, notAStore("no events table / wrong application id"));
    if (auto tampered = tamperedPosition(m_db, m_path))
        return fail(tampered->kind, tampered->message);
    return {};
}

QString EventStore::path() const { return m_path; }

Error EventStore::readError(const SqliteStatement& query) const
{
    return Error::failure(QStringLiteral("cannot read the store: ") + query.errorMessage(), m_path);
}

Result<qint64> EventStore::eventCount() const
{
    SqliteStatement count(reader(), "SELECT count(*) FROM events");
    const Result<qint64> counted = count.singleInt64();
    if (!counted)
        return Error::failure(QStringLiteral("cannot read the store: ") + counted.error().message, m_path);
    return *counted;
}

Result<QList<StreamInfo>> EventStore::streams() const
{
    QList<StreamInfo> result;
    // Per stream through the indexes on (stream, position) and (stream, version): a GROUP BY
    // would read every row of the table for max(version).
    SqliteStatement query(reader(),
        "SELECT s.stream, (SELECT count(*) FROM events WHERE stream = s.stream), "
        "(SELECT min(position) FROM events WHERE stream = s.stream), "
        "(SELECT max(position) FROM events WHERE stream = s.stream), "
        "(SELECT max(version) FROM events WHERE stream = s.stream) "
        "FROM (SELECT DISTINCT stream FROM events) s ORDER BY 3");
    int stepped = SQLITE_ROW;
    while ((stepped = query.step()) == SQLITE_ROW) {
        StreamInfo info;
        info.id = query.columnString(0);
        info.eventCount = query.columnInt64(1);
        info.firstPosition = query.columnInt64(2);
        info.lastPosition = query.columnInt64(3);
        info.lastVersion = query.columnInt64(4);
        result.append(std::move(info));
    }
    if (stepped != SQLITE_DONE)
        return readError(query);
    return result;
}

Result<QList<Snapshot>> EventStore::snapshots(const QString& stream) const
{
    QList<Snapshot> result;
    SqliteStatement query(reader(),
        stream.isEmpty()
            ? "SELECT stream, version, position, state, at FROM snapshots ORDER BY stream, version"
            : "SELECT stream, version, position, state, at FROM snapshots WHERE stream = ?1 ORDER BY stream, version");
    if (!stream.isEmpty())
        query.bind(1, stream);
    int stepped = SQLITE_ROW;
    while ((stepped = query.step()) == SQLITE_ROW) {
        Snapshot snapshot;
        snapshot.stream = query.columnString(0);
        snapshot.version = query.columnInt64(1);
        snapshot.position = query.columnInt64(2);
        Result<JsonValue> state = JsonValue::parse(query.columnBytes(3));
        if (!state || !state->isObject()) {
            // Only a hand edit writes that: an empty state in its place would be compared, shown
            // and exported as if it were the one saved.
            return Error::badInput(
                QStringLiteral("the snapshot of stream %1 at version %2 holds a state that is not a JSON object")
                    .arg(snapshot.stream)
                    .arg(snapshot.version),
                m_path);
        }
        snapshot.state = std::move(*state);
        snapshot.at = query.columnInt64(4);
        result.append(std::move(snapshot));
    }
    if (stepped != SQLITE_DONE)
        return readError(query);
    return result;
}

Status EventStore::readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const
{
    // Only the columns the read needs: one stream's events all have that stream, a replay never
    // looks at metadata, and choosing a domain looks at types only.
    const bool oneStream = !filter.stream.isEmpty();
    QByteArray sql =
        filter.withData ? "SELECT position, version, type, data, at" : "SELECT position, version, type, '{}', at";
    if (!oneStream)
        sql += ", stream";
    if (filter.withMetadata)
        sql += ", metadata";
    sql += oneStream ? " FROM events WHERE stream = ?3 AND position BETWEEN ?1 AND ?2 ORDER BY position"
                     : " FROM events WHERE position BETWEEN ?1 AND ?2 ORDER BY position";
    const int streamColumn = oneStream ? -1 : 5;
    const int metadataColumn = filter.withMetadata ? (oneStream ? 5 : 6) : -1;

    SqliteStatement query(reader(), sql.constData());
    if (!query.isValid())
        return Error::failure(QStringLiteral("cannot read events: %1").arg(query.errorMessage()), m_path);
    query.bind(1, filter.fromPosition);
    query.bind(2, filter.toPosition);
    if (oneStream)
        query.bind(3, filter.stream);

    // One Event for every row: the visitor sees it only during the call (EventSource's contract).
    Event event;
    if (oneStream)
        event.stream = filter.stream;
    Interner streams;
    Interner types;
    int stepped = SQLITE_ROW;
    while ((stepped = query.step()) == SQLITE_ROW) {
        event.position = query.columnInt64(0);
        event.version = query.columnInt64(1);
        event.type = types.intern(query.columnUtf8(2));
        assignBytes(event.data, query.columnUtf8(3));
        event.at = query.columnInt64(4);
        if (streamColumn >= 0)
            event.stream = streams.intern(query.columnUtf8(streamColumn));
        if (metadataColumn >= 0)
            assignBytes(event.metadata, query.columnUtf8(metadataColumn));
        if (!visit(event))
            return {};
    }
    if (stepped != SQLITE_DONE)
        return Error::failure(QStringLiteral("cannot read events: %1").arg(query.errorMessage()), m_path);
    return {};
}

Result<qint64> EventStore::lastPosition() const
{
    SqliteStatement query(reader(), "SELECT coalesce(max(position), 0) FROM events");
    const Result<qint64> found = query.singleInt64();
    if (!found)
        return Error::failure(QStringLiteral("cannot read the store: ") + found.error().message, m_path);
    return *found;
}

Result<qint64> EventStore::positionOfVersion(const QString& stream, qint64 version) const
{
    // A stream's versions are unique here (the table says so), but an import keeps a log's own
    // order, so the latest position among versions up to N is the answer, not the position of N.
    SqliteStatement query(
        reader(), "SELECT coalesce(max(position), 0) FROM events WHERE stream = ?1 AND version <= ?2");
    query.bind(1, stream);
    query.bind(2, version);
    const Result<qint64> found = query.singleInt64();
    if (!found)
        return Error::failure(QStringLiteral("cannot read the store: ") + found.error().message, m_path);
    return *found;
}

Status EventStore::readIndex(HistoryIndex& index) const
{
    if (const QString error = StoreIndex::read(reader(), index); !error.isEmpty())
        return Error::failure(QStringLiteral("cannot read the index: %1").arg(error), m_path);
    return {};
}

Result<Event> EventStore::eventAt(qint64 position) const
{
    Event event;
    if (position <= 0)
        return event;
    SqliteStatement query(reader(), SelectEvents);
    if (!query.isValid())
        return Error::failure(QStringLiteral("cannot read the store: ") + query.errorMessage(), m_path);
    query.bind(1, position);
    query.bind(2, position);
    const int stepped = query.step();
    if (stepped != SQLITE_ROW && stepped != SQLITE_DONE)
        return Error::failure(QStringLiteral("cannot read the store: ") + query.errorMessage(), m_path);
    if (stepped == SQLITE_ROW) {
        event.position = query.columnInt64(0);
        event.stream = query.columnString(1);
        event.version = query.columnInt64(2);
        event.type = query.columnString(3);
        event.data = query.columnBytes(4);
        event.metadata = query.columnBytes(5);
        event.at = query.columnInt64(6);
    }
    return event;
}

Result<qint64> EventStore::streamVersion(const QString& stream) const
{
    SqliteStatement query(m_db, SelectStreamVersion);
    query.bind(1, stream);
    const Result<qint64> version = query.singleInt64();
    if (!version)
        return Error::failure(QStringLiteral("cannot read the store: ") + version.error().message, m_path);
    return *version;
}

Result<QList<Event>> EventStore::append(
    const QString& stream, qint64 expectedVersion, const QList<NewEvent>& events, qint64 at)
{
    if (stream.isEmpty())
        return Error::badInput(QStringLiteral("cannot append: the stream id is empty"), m_path);
    if (expectedVersion < 0) {
        return Error::badInput(QStringLiteral("cannot append to stream %1: expected version %2 is negative")
                                   .arg(stream)
                                   .arg(expectedVersion),
            m_path);
    }
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (events.at(i).type.isEmpty()) {
            return Error::badInput(
                QStringLiteral("cannot append to stream %1: event %2 has no type").arg(stream).arg(i + 1), m_path);
        }
    }
    if (at == 0)
        at = QDateTime::currentMSecsSinceEpoch();

    const auto failed = [&](const QString& why) {
        return Error::failure(QStringLiteral("cannot append to stream %1: %2").arg(stream, why), m_path);
    };

    Transaction transaction(m_db);
    if (QString error = transaction.begin(); !error.isEmpty())
        return failed(error);

    SqliteStatement current(m_db, SelectStreamVersion);
    current.bind(1, stream);
    if (current.step() != SQLITE_ROW)
        return failed(current.errorMessage());
    const qint64 actualVersion = current.columnInt64(0);
    current = {};
    if (actualVersion != expectedVersion) {
        return Error { Error::Kind::Conflict, m_path, 0,
            QStringLiteral("version conflict on stream %1: expected version %2, but it is at version %3")
                .arg(stream)
                .arg(expectedVersion)
                .arg(actualVersion) };
    }

    StoreIndex index(m_db);
    if (QString error = index.begin(); !error.isEmpty())
        return failed(error);
    SqliteStatement insert(m_db, InsertEvent);
    if (!insert.isValid())
        return failed(insert.errorMessage());
    const QByteArray streamUtf8 = stream.toUtf8();
    QList<Event> appended;
    appended.reserve(events.size());
    qint64 version = expectedVersion;
    for (const NewEvent& newEvent : events) {
        Event event;
        event.stream = stream;
        event.version = ++version;
        event.type = newEvent.type;
        event.data = newEvent.data.toJson();
        event.metadata = newEvent.metadata.toJson();
        event.at = at;
        const QByteArray typeUtf8 = event.type.toUtf8();
        insert.reset();
        insert.bindUtf8(1, streamUtf8);
        insert.bind(2, event.version);
        insert.bindUtf8(3, typeUtf8);
        insert.bindUtf8(4, event.data);
        insert.bindUtf8(5, event.metadata);
        insert.bind(6, event.at);
        if (insert.step() != SQLITE_DONE)
            return failed(insert.errorMessage());
        event.position = sqlite3_last_insert_rowid(m_db);
        if (QString error = index.add(event.position, streamUtf8, event.version, typeUtf8, event.at); !error.isEmpty())
            return failed(error);
        appended.append(std::move(event));
    }
    insert = {};
    if (QString error = index.finish(); !error.isEmpty())
        return failed(error);
    if (QString error = transaction.commit(); !error.isEmpty())
        return failed(error);
    return appended;
}

Status EventStore::import(const EventSource& source, const std::function<bool(qint64 done)>& progress)
{
    if (&source == this
        || (source.kind() == kind()
            && QFileInfo(source.path()).canonicalFilePath() == QFileInfo(m_path).canonicalFilePath())) {
        return Error::badInput(QStringLiteral("cannot import a store into itself"), m_path);
    }
    // Read before the write lock is taken: a source's snapshots may be expensive to list.
    const Result<QList<Snapshot>> snapshots = source.snapshots();
    if (!snapshots)
        return snapshots.error();

    const LargeCache cache(m_db);
    Transaction transaction(m_db);
    if (QString error = transaction.begin(); !error.isEmpty())
        return Error::failure(QStringLiteral("cannot import: %1").arg(error), m_path);

    StoreIndex index(m_db);
    if (QString error = index.begin(); !error.isEmpty())
        return Error::failure(QStringLiteral("cannot import: %1").arg(error), m_path);
    SqliteStatement insert(m_db, InsertEvent);
    if (!insert.isValid())
        return Error::failure(QStringLiteral("cannot import: %1").arg(insert.errorMessage()), m_path);

    qint64 done = 0;
    std::optional<Error> failure;
    // Most rows repeat the previous row's stream or type: convert to UTF-8 only on a change.
    QString stream;
    QByteArray streamUtf8;
    QString type;
    QByteArray typeUtf8;
    const QByteArray emptyObject = QByteArrayLiteral("{}");
    const Status read = source.readEvents({}, [&](const Event& event) {
        if (event.stream.isEmpty() || event.type.isEmpty()) {
            failure =
                Error::badInput(QStringLiteral("the event at position %1 has no %2")
                                    .arg(event.position)
                                    .arg(event.stream.isEmpty() ? QLatin1String("stream") : QLatin1String("type")),
                    source.path());
            return false;
        }
        if (event.stream != stream) {
            stream = event.stream;
            streamUtf8 = stream.toUtf8();
        }
        if (event.type != type) {
            type = event.type;
            typeUtf8 = type.toUtf8();
        }
        insert.reset();
        insert.bindUtf8(1, streamUtf8);
        insert.bind(2, event.version);
        insert.bindUtf8(3, typeUtf8);
        insert.bindUtf8(4, event.data.isEmpty() ? emptyObject : event.data);
        insert.bindUtf8(5, event.metadata.isEmpty() ? emptyObject : event.metadata);
        insert.bind(6, event.at);
        const int stepped = insert.step();
        if (stepped != SQLITE_DONE) {
            if (stepped == SQLITE_CONSTRAINT_UNIQUE) {
                failure = Error::badInput(QStringLiteral("stream %1 already has version %2 in %3")
                                              .arg(event.stream)
                                              .arg(event.version)
                                              .arg(m_path),
                    source.path());
            } else {
                failure = Error::failure(QStringLiteral("cannot import: %1").arg(insert.errorMessage()), m_path);
            }
            return false;
        }
        if (QString error = index.add(sqlite3_last_insert_rowid(m_db), streamUtf8, event.version, typeUtf8, event.at);
            !error.isEmpty()) {
            failure = Error::failure(QStringLiteral("cannot import: %1").arg(error), m_path);
            return false;
        }
        ++done;
        if (progress && done % ProgressEvery == 0 && !progress(done)) {
            failure = Error::failure(QStringLiteral("import cancelled: nothing was written"), m_path);
            return false;
        }
        return true;
    });
    // The statement binds views of the source's buffers: let it go before they do.
    insert = {};
    if (failure)
        return *failure;
    if (!read)
        return read.error();

    SqliteStatement save(m_db, SaveSnapshot);
    if (!save.isValid())
        return Error::failure(QStringLiteral("cannot import: %1").arg(save.errorMessage()), m_path);
    for (const Snapshot& snapshot : *snapshots) {
        // The source's positions are its own: the imported event with that stream and version,
        // or one already in the store, says where the snapshot is here.
        if (auto problem = snapshotProblem(snapshot))
            return Error::badInput(*problem, source.path());
        const QByteArray state = snapshot.state.toJson();
        save.reset();
        save.bind(1, snapshot.stream);
        save.bind(2, snapshot.version);
        save.bind(3, qint64(0));
        save.bindUtf8(4, state);
        save.bind(5, snapshot.at);
        if (save.step() != SQLITE_DONE) {
            return Error::failure(QStringLiteral("cannot import the snapshot of stream %1 at version %2: %3")
                                      .arg(snapshot.stream)
                                      .arg(snapshot.version)
                                      .arg(save.errorMessage()),
                m_path);
        }
    }
    save = {};
    if (QString error = index.finish(); !error.isEmpty())
        return Error::failure(QStringLiteral("cannot import: %1").arg(error), m_path);

    if (progress && done % ProgressEvery != 0 && !progress(done))
        return Error::failure(QStringLiteral("import cancelled: nothing was written"), m_path);
    if (QString error = transaction.commit(); !error.isEmpty())
        return Error::failure(QStringLiteral("cannot import: %1").arg(error), m_path);
    return {};
}

Status EventStore::saveSnapshots(const QList<Snapshot>& snapshots)
{
    Transaction transaction(m_db);
    if (const QString error = transaction.begin(); !error.isEmpty())
        return Error::failure(QStringLiteral("cannot save snapshots: %1").arg(error), m_path);
    for (const Snapshot& snapshot : snapshots) {
        if (Status saved = saveSnapshot(snapshot); !saved)
            return saved; // rolled back
    }
    if (const QString error = transaction.commit(); !error.isEmpty())
        return Error::failure(QStringLiteral("cannot save snapshots: %1").arg(error), m_path);
    return {};
}

Status EventStore::saveSnapshot(const Snapshot& snapshot)
{
    if (auto problem = snapshotProblem(snapshot))
        return Error::badInput(*problem, m_path);
    const QByteArray state = snapshot.state.toJson();
    SqliteStatement save(m_db, SaveSnapshot);
    save.bind(1, snapshot.stream);
    save.bind(2, snapshot.version);
    save.bind(3, snapshot.position);
    save.bindUtf8(4, state);
    save.bind(5, snapshot.at != 0 ? snapshot.at : QDateTime::currentMSecsSinceEpoch());
    if (save.step() != SQLITE_DONE) {
        return Error::failure(QStringLiteral("cannot save the snapshot of stream %1 at version %2: %3")
                                  .arg(snapshot.stream)
                                  .arg(snapshot.version)
                                  .arg(save.errorMessage()),
            m_path);
    }
    return {};
}

Status EventStore::copyTo(const QString& target) const
{
    // Written under a name of its own beside the target and renamed over it: a copy cut short
    // never leaves half a store where the person asked for one, nor destroys what was there.
    const QString partial = target + QLatin1String(".part-") + QUuid::createUuid().toString(QUuid::Id128);
    SqliteStatement vacuum(reader(), "VACUUM INTO ?1");
    vacuum.bind(1, partial);
    if (vacuum.step() != SQLITE_DONE) {
        const QString why = vacuum.errorMessage();
        QFile::remove(partial);
        return Error::failure(QStringLiteral("cannot copy the store: %1").arg(why), target);
    }
    if (std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(target).constData()) != 0) {
        QFile::remove(partial);
        return Error::failure(QStringLiteral("cannot write the copy"), target);
    }
    return {};
}

} // namespace Rewind
