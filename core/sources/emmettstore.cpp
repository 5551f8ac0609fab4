#include "sources/emmettstore.h"

#include "store/sqlitestatement.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUrl>

#include <sqlite3.h>
#include <tuple>

namespace Rewind {

namespace {
constexpr const char* Events = "emt_messages WHERE message_kind = 'E' AND NOT is_archived";
const QString ImmutableOpen = QStringLiteral("read-only, immutable");

QString sqliteError(sqlite3* db) { return QString::fromUtf8(sqlite3_errmsg(db)); }

sqlite3* openUri(const QByteArray& uri, int* code)
{
    sqlite3* db = nullptr;
    *code =
        sqlite3_open_v2(uri.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (*code == SQLITE_OK)
        *code = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    return db;
}

QByteArray uriOf(const QString& path, const char* parameters)
{
    return QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() + '?' + parameters;
}

}

EmmettStore::~EmmettStore()
{
    if (m_db)
        sqlite3_close(m_db);
}

Result<sqlite3*> EmmettStore::openUntouched(const QString& path, std::unique_ptr<QTemporaryDir>* copy, QString* how)
{
    // No pending write-ahead log: `immutable` reads the file as it is and creates nothing beside
    // it. A pending log holds committed events that only SQLite's WAL reader sees: read it in
    // place (a read-only connection; Emmett's own `-shm` is there while it runs), or, when the
    // folder is read-only and that cannot work, from a copy of the file and its log.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    int code = SQLITE_OK;
    if (!wal.exists() || wal.size() == 0) {
        sqlite3* db = openUri(uriOf(path, "immutable=1"), &code);
        if (code == SQLITE_OK) {
            if (how)
                *how = ImmutableOpen;
            return db;
        }
        const QString message = sqliteError(db);
        sqlite3_close(db);
        return Error::badInput(QStringLiteral("cannot read the SQLite file: ") + message, path);
    }
    sqlite3* db = openUri(uriOf(path, "mode=ro"), &code);
    if (code == SQLITE_OK) {
        if (how)
            *how = QStringLiteral("read-only, with its write-ahead log");
        return db;
    }
    sqlite3_close(db);
    auto dir = std::make_unique<QTemporaryDir>();
    const QString copied = dir->filePath(QStringLiteral("store.sqlite"));
    if (!dir->isValid() || !QFile::copy(path, copied) || !QFile::copy(wal.filePath(), copied + QStringLiteral("-wal")))
        return Error::failure(QStringLiteral("cannot read the store's write-ahead log, nor copy it"), path);
    db = openUri(uriOf(copied, "mode=ro"), &code);
    if (code != SQLITE_OK) {
        const QString message = sqliteError(db);
        sqlite3_close(db);
        return Error::badInput(QStringLiteral("cannot read the SQLite file: ") + message, path);
    }
    if (how)
        *how = QStringLiteral("from a private copy (its folder is read-only and its write-ahead log pending)");
    if (copy)
        *copy = std::move(dir);
    return db;
}

Result<std::optional<QString>> EmmettStore::whyNot(sqlite3* db)
{
    SqliteStatement columns(db, "SELECT name FROM pragma_table_info('emt_messages')");
    QSet<QString> found;
    int stepped = SQLITE_ROW;
    while ((stepped = columns.step()) == SQLITE_ROW)
        found.insert(columns.columnString(0).toLower());
    // A schema SQLite cannot read is a damaged file, not a database of another program.
    if (stepped != SQLITE_DONE)
        return Error::badInput(columns.errorMessage());
    if (found.isEmpty())
        return std::optional<QString>(QStringLiteral("no emt_messages table"));
    QStringList missing;
    for (const char* name : { "stream_id", "stream_position", "global_position", "message_kind", "message_type",
             "message_data", "message_metadata", "is_archived" }) {
        if (!found.contains(QLatin1String(name)))
            missing.append(QLatin1String(name));
    }
    if (!missing.isEmpty()) {
        return std::optional<QString>(
            QStringLiteral("its emt_messages table is not Emmett's (no %1)").arg(missing.join(QStringLiteral(", "))));
    }
    return std::optional<QString>();
}

Result<std::unique_ptr<EmmettStore>> EmmettStore::open(const QString& path, ReadReport* report)
{
    std::unique_ptr<EmmettStore> store(new EmmettStore);
    store->m_path = path;
    QString how;
    auto db = openUntouched(path, &store->m_copy, &how);
    if (!db)
        return db.error();
    store->m_db = *db;
    if (how == ImmutableOpen) {
        // Nothing writes the file while it is read (that is what `immutable` says), so what it
        // holds can be kept, and its pages read from the mapped file rather than copied in
        // through the page cache, pass after pass (replay reads a stream more than once).
        store->m_immutable = true;
        std::ignore = sqliteExec(store->m_db, "PRAGMA mmap_size = 1073741824");
    }
    const auto why = whyNot(store->m_db);
    if (!why)
        return Error::badInput(QStringLiteral("cannot read the SQLite file: ") + why.error().message, path);
    if (*why)
        return Error::badInput(QStringLiteral("not an Emmett store: ") + **why, path);
    SqliteStatement created(
        store->m_db, "SELECT count(*) FROM pragma_table_info('emt_messages') WHERE name = 'created'");
    const Result<qint64> hasCreated = created.singleInt64();
    if (!hasCreated)
        return Error::badInput(QStringLiteral("cannot read the Emmett store: ") + hasCreated.error().message, path);
    store->m_hasCreated = *hasCreated > 0;

    // Counting every row reads every page of the table: a damaged or cut file says so now, in
    // one line, rather than in the middle of a replay.
    SqliteStatement counts(store->m_db,
        "SELECT count(*), coalesce(sum(message_kind = 'E' AND NOT is_archived), 0), "
        "coalesce(sum(message_kind <> 'E'), 0), coalesce(sum(message_kind = 'E' AND is_archived), 0), "
        "coalesce(sum(length(message_data) + length(message_metadata)), 0), "
        "coalesce(min(CASE WHEN message_kind = 'E' AND NOT is_archived THEN global_position END), 1) "
        "FROM emt_messages");
    if (!counts.isValid() || counts.step() != SQLITE_ROW)
        return Error::badInput(QStringLiteral("cannot read the Emmett store: ") + counts.errorMessage(), path);
    store->m_rowCount = counts.columnInt64(0);
    // Emmett numbers global positions from 1. Reads start at 1, so an event below would be passed
    // over while the counts included it: the rule every format has (a position is positive).
    if (const qint64 first = counts.columnInt64(5); first < 1) {
        return Error::badInput(
            QStringLiteral("emt_messages, global_position %1: an event's position must be a positive integer")
                .arg(first),
            path);
    }
    if (report) {
        report->notes.append(QStringLiteral("Emmett store (emt_messages), opened ") + how);
        report->notes.append(QStringLiteral("%1 events; skipped %2 messages that are not events, %3 archived events")
                                 .arg(counts.columnInt64(1))
                                 .arg(counts.columnInt64(2))
                                 .arg(counts.columnInt64(3)));
        report->notes.append(QStringLiteral("fields: stream ← stream_id, type ← message_type, version ← "
                                            "stream_position, position ← global_position, data ← message_data, "
                                            "metadata ← message_metadata, at ← metadata.occurredAt / timestamp / "
                                            "time, else created"));
    }
    return store;
}

Result<qint64> EmmettStore::eventCount() const
{
    const QByteArray sql = QByteArrayLiteral("SELECT count(*) FROM ") + Events;
    SqliteStatement count(m_db, sql.constData());
    const Result<qint64> counted = count.singleInt64();
    if (!counted)
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + counted.error().message, m_path);
    return *counted;
}

Result<QList<StreamInfo>> EmmettStore::streams() const
{
    {
        // The window reads from several threads; the connection is serialized, the list too.
        const std::lock_guard lock(m_streamsMutex);
        if (m_streams)
            return *m_streams;
    }
    const QByteArray sql = QByteArrayLiteral("SELECT stream_id, count(*), min(global_position), "
                                             "max(global_position), max(stream_position) FROM ")
        + Events + " GROUP BY stream_id ORDER BY min(global_position)";
    SqliteStatement query(m_db, sql.constData());
    QList<StreamInfo> result;
    int stepped = SQLITE_ROW;
    while ((stepped = query.step()) == SQLITE_ROW) {
        result.append({ query.columnString(0), query.columnInt64(1), query.columnInt64(2), query.columnInt64(3),
            query.columnInt64(4) });
    }
    if (stepped != SQLITE_DONE)
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + query.errorMessage(), m_path);
    if (m_immutable) {
        const std::lock_guard lock(m_streamsMutex);
        m_streams = result; // a replay asks more than once, and the file cannot change
    }
    return result;
}

Status EmmettStore::readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const
{
    // Only the columns the read needs. The metadata is always read: the event time is in it.
    QByteArray sql = QByteArrayLiteral("SELECT global_position, stream_position, stream_id, message_type, "
                                       "message_metadata, ")
        + (m_hasCreated ? "created" : "NULL") + (filter.withData ? ", message_data" : ", '{}'") + " FROM " + Events
        + " AND global_position BETWEEN ?1 AND ?2";
    if (!filter.stream.isEmpty()) {
        const Result<bool> wide = isWideStream(filter.stream);
        if (!wide)
            return wide.error();
        // SQLite would take the stream's index and sort every row it finds, data and all, into
        // position order; a stream that holds much of the table is read faster in the table's
        // own order (global_position is its key), passing over the other streams' rows.
        sql += *wide ? " AND +stream_id = ?3" : " AND stream_id = ?3";
    }
    sql += " ORDER BY global_position";
    SqliteStatement query(m_db, sql.constData());
    if (!query.isValid())
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + query.errorMessage(), m_path);
    query.bind(1, filter.fromPosition);
    query.bind(2, filter.toPosition);
    if (!filter.stream.isEmpty())
        query.bind(3, filter.stream);

    StoreRows rows(m_rowReading, filter.withMetadata);
    int code = SQLITE_ROW;
    while ((code = query.step()) == SQLITE_ROW) {
        StoreRows::Row row;
        row.position = query.columnInt64(0);
        row.version = query.columnInt64(1);
        row.stream = query.columnUtf8(2);
        row.type = query.columnUtf8(3);
        row.metadata = query.columnUtf8(4);
        row.created = query.columnUtf8(5);
        row.data = query.columnUtf8(6);
        const StoreRows::Outcome outcome = rows.read(row);
        if (outcome == StoreRows::Outcome::Problem) {
            return Error::badInput(
                QStringLiteral("emt_messages, global_position %1: %2").arg(row.position).arg(rows.problem()), m_path);
        }
        if (outcome == StoreRows::Outcome::Event && !visit(rows.event()))
            return {};
    }
    if (code != SQLITE_DONE)
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + query.errorMessage(), m_path);
    return {};
}

Result<bool> EmmettStore::isWideStream(const QString& stream) const
{
    SqliteStatement count(m_db, "SELECT count(*) FROM emt_messages WHERE stream_id = ?1");
    count.bind(1, stream);
    const Result<qint64> counted = count.singleInt64();
    if (!counted)
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + counted.error().message, m_path);
    // Passing over a row costs a fraction of finding one through the index and sorting it.
    return *counted * 8 >= m_rowCount;
}

Result<Event> EmmettStore::eventAt(qint64 position) const
{
    Event found;
    const Status status = readEvents({ {}, position, position }, [&](const Event& event) {
        found = event;
        return false;
    });
    if (!status)
        return status.error();
    return found;
}

} // namespace Rewind
