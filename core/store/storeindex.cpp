#include "store/storeindex.h"

#include "model/historyindex.h"
#include "store/sqlitestatement.h"

#include <QtEndian>

#include <cstring>
#include <optional>
#include <sqlite3.h>

namespace Rewind {

namespace {

constexpr const char* SelectEventsAfter =
    "SELECT position, stream, version, type, at FROM events WHERE position > ?1 ORDER BY position";

void put(char* out, qint64 position, qint64 at, qint64 version, qint32 stream, qint32 type)
{
    qToLittleEndian<qint64>(position, out);
    qToLittleEndian<qint64>(at, out + 8);
    qToLittleEndian<qint64>(version, out + 16);
    qToLittleEndian<qint32>(stream, out + 24);
    qToLittleEndian<qint32>(type, out + 28);
}

QByteArrayView blobOf(const SqliteStatement& query, int column)
{
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(query.handle(), column));
    return { bytes, sqlite3_column_bytes(query.handle(), column) };
}

/// The names of one table by id; nothing when the ids are not 0, 1, 2 … (a damaged index), an
/// Error when SQLite cannot read them (a damaged file).
Result<std::optional<QStringList>> names(sqlite3* db, const char* sql)
{
    QStringList result;
    SqliteStatement query(db, sql);
    int stepped = SQLITE_ROW;
    while ((stepped = query.step()) == SQLITE_ROW) {
        if (query.columnInt64(0) != result.size())
            return std::optional<QStringList>();
        result.append(query.columnString(1));
    }
    if (stepped != SQLITE_DONE)
        return Error::failure(query.errorMessage());
    return std::optional<QStringList>(std::move(result));
}

/// Whether a block's `count` agrees with its blob. Both come from the file, which may be damaged:
/// the count is checked by dividing the blob's size, since multiplying a huge count overflows.
bool countMatches(qint64 count, qsizetype bytes)
{
    return bytes % StoreIndex::EntryBytes == 0 && count == bytes / StoreIndex::EntryBytes;
}

} // namespace

Result<std::optional<StoreIndex::Blocks>> StoreIndex::readBlocks(sqlite3* db)
{
    // A damaged index is a cache gone bad, read around; a file SQLite cannot read is an error.
    const std::optional<Blocks> unusable;
    SqliteStatement tables(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'event_index'");
    const Result<qint64> hasIndex = tables.singleInt64();
    if (!hasIndex)
        return hasIndex.error();
    if (*hasIndex != 1)
        return unusable;
    Blocks result;
    const auto streams = names(db, "SELECT id, name FROM index_streams ORDER BY id");
    if (!streams)
        return streams.error();
    const auto types = names(db, "SELECT id, name FROM index_types ORDER BY id");
    if (!types)
        return types.error();
    if (!*streams || !*types)
        return unusable;
    result.streams = **streams;
    result.types = **types;
    // Sized once: a million entries appended one by one would be copied again and again. From
    // the bytes the blocks hold, never from their counts: a count edited to a billion would
    // reserve memory that is not there.
    SqliteStatement total(db, "SELECT coalesce(sum(length(entries)), 0) FROM event_index");
    const Result<qint64> bytes = total.singleInt64();
    if (!bytes)
        return bytes.error();
    result.entries.reserve(qsizetype(*bytes / EntryBytes));
    total = {};
    SqliteStatement blocks(db, "SELECT count, entries FROM event_index ORDER BY first_position");
    qint64 covered = 0;
    int stepped = SQLITE_ROW;
    while ((stepped = blocks.step()) == SQLITE_ROW) {
        const qint64 count = blocks.columnInt64(0);
        const QByteArrayView entries = blobOf(blocks, 1);
        if (!countMatches(count, entries.size()))
            return unusable;
        for (const char* p = entries.data(); p < entries.data() + entries.size(); p += EntryBytes) {
            HistoryIndex::Entry entry;
            entry.position = qFromLittleEndian<qint64>(p);
            entry.at = qFromLittleEndian<qint64>(p + 8);
            entry.version = qFromLittleEndian<qint64>(p + 16);
            entry.stream = qFromLittleEndian<qint32>(p + 24);
            entry.type = qFromLittleEndian<qint32>(p + 28);
            if (entry.stream < 0 || entry.stream >= result.streams.size() || entry.type < 0
                || entry.type >= result.types.size() || entry.position <= covered)
                return unusable;
            covered = entry.position;
            result.entries.append(entry);
        }
    }
    if (stepped != SQLITE_DONE)
        return Error::failure(blocks.errorMessage());
    return std::optional<Blocks>(std::move(result));
}

StoreIndex::StoreIndex(sqlite3* db)
    : m_db(db)
{
}

QString StoreIndex::read(sqlite3* db, HistoryIndex& index)
{
    qint64 covered = 0;
    auto read = readBlocks(db);
    if (!read)
        return read.error().message;
    if (std::optional<Blocks>& blocks = *read) {
        // The store's ids are dense from 0; the index's own ids may differ when it was not empty.
        QList<qint32> streamIds;
        QList<qint32> typeIds;
        for (const QString& name : std::as_const(blocks->streams))
            streamIds.append(index.streamId(name));
        for (const QString& name : std::as_const(blocks->types))
            typeIds.append(index.typeId(name));
        bool same = true;
        for (qsizetype i = 0; i < streamIds.size(); ++i)
            same = same && streamIds.at(i) == i;
        for (qsizetype i = 0; i < typeIds.size(); ++i)
            same = same && typeIds.at(i) == i;
        if (!same) {
            for (HistoryIndex::Entry& entry : blocks->entries) {
                entry.stream = streamIds.at(entry.stream);
                entry.type = typeIds.at(entry.type);
            }
        }
        covered = blocks->entries.isEmpty() ? 0 : blocks->entries.constLast().position;
        index.append(std::move(blocks->entries));
    }

    // What the index does not cover yet (a schema 1 store, rows a foreign writer added).
    SqliteStatement query(db, SelectEventsAfter);
    if (!query.isValid())
        return query.errorMessage();
    query.bind(1, covered);
    QHash<QByteArray, qint32> streamIds;
    QHash<QByteArray, qint32> typeIds;
    const auto idOf = [](QHash<QByteArray, qint32>& ids, QByteArrayView utf8, auto&& intern) {
        const QByteArray probe = QByteArray::fromRawData(utf8.data(), utf8.size());
        auto it = ids.constFind(probe);
        if (it == ids.cend())
            it = ids.insert(QByteArray(utf8.data(), utf8.size()), intern(QString::fromUtf8(utf8)));
        return *it;
    };
    int stepped = SQLITE_ROW;
    while ((stepped = query.step()) == SQLITE_ROW) {
        HistoryIndex::Entry entry;
        entry.position = query.columnInt64(0);
        entry.stream = idOf(streamIds, query.columnUtf8(1), [&](const QString& name) { return index.streamId(name); });
        entry.version = query.columnInt64(2);
        entry.type = idOf(typeIds, query.columnUtf8(3), [&](const QString& name) { return index.typeId(name); });
        entry.at = query.columnInt64(4);
        index.append(entry);
    }
    if (stepped != SQLITE_DONE)
        return query.errorMessage();
    return {};
}

QString StoreIndex::begin()
{
    // The last block, when unfinished, is taken over: the next entries complete it.
    SqliteStatement last(
        m_db, "SELECT first_position, count, entries FROM event_index ORDER BY first_position DESC LIMIT 1");
    const int stepped = last.step();
    if (stepped != SQLITE_ROW && stepped != SQLITE_DONE)
        return last.errorMessage();
    if (stepped == SQLITE_ROW) {
        const qint64 count = last.columnInt64(1);
        const QByteArrayView entries = blobOf(last, 2);
        if (count > 0 && countMatches(count, entries.size())) {
            m_covered = qFromLittleEndian<qint64>(entries.data() + (count - 1) * EntryBytes);
            if (count < BlockSize) {
                m_blockFirst = last.columnInt64(0);
                m_block = QByteArray(entries.data(), entries.size());
            }
        } else {
            // A damaged index is a cache gone bad: start it over from the events.
            last = {};
            if (QString error = sqliteExec(m_db, "DELETE FROM event_index"); !error.isEmpty())
                return error;
        }
    }
    last = {};

    // Events nobody indexed yet: all of them right after the upgrade from schema 1.
    SqliteStatement missing(m_db, SelectEventsAfter);
    missing.bind(1, m_covered);
    int found = SQLITE_ROW;
    while ((found = missing.step()) == SQLITE_ROW) {
        QString error = add(missing.columnInt64(0), missing.columnUtf8(1), missing.columnInt64(2),
            missing.columnUtf8(3), missing.columnInt64(4));
        if (!error.isEmpty())
            return error;
    }
    return found == SQLITE_DONE ? QString() : missing.errorMessage();
}

qint32 StoreIndex::idOf(QHash<QByteArray, qint32>& ids, const char* table, QByteArrayView name, QString& error)
{
    const QByteArray probe = QByteArray::fromRawData(name.data(), name.size());
    if (const auto it = ids.constFind(probe); it != ids.cend())
        return *it;
    const QByteArray select = QByteArray("SELECT id FROM ") + table + " WHERE name = ?1";
    SqliteStatement find(m_db, select.constData());
    find.bindUtf8(1, name);
    const int found = find.step();
    if (found != SQLITE_ROW && found != SQLITE_DONE) {
        error = find.errorMessage();
        return -1;
    }
    qint64 id = found == SQLITE_ROW ? find.columnInt64(0) : -1;
    if (id < 0) {
        const QByteArray insert = QByteArray("INSERT INTO ") + table
            + " (id, name) VALUES ((SELECT coalesce(max(id) + 1, 0) FROM " + table + "), ?1)";
        SqliteStatement add(m_db, insert.constData());
        add.bindUtf8(1, name);
        if (add.step() != SQLITE_DONE) {
            error = add.errorMessage();
            return -1;
        }
        id = sqlite3_last_insert_rowid(m_db); // `id` is the table's rowid
    }
    ids.insert(QByteArray(name.data(), name.size()), qint32(id));
    return qint32(id);
}

QString StoreIndex::add(qint64 position, QByteArrayView stream, qint64 version, QByteArrayView type, qint64 at)
{
    QString error;
    const qint32 streamId = idOf(m_streams, "index_streams", stream, error);
    const qint32 typeId = error.isEmpty() ? idOf(m_types, "index_types", type, error) : -1;
    if (!error.isEmpty())
        return error;
    if (m_block.isEmpty())
        m_blockFirst = position;
    const qsizetype offset = m_block.size();
    m_block.resize(offset + EntryBytes);
    put(m_block.data() + offset, position, at, version, streamId, typeId);
    m_covered = position;
    return m_block.size() == qsizetype(BlockSize) * EntryBytes ? flush() : QString();
}

QString StoreIndex::flush()
{
    if (m_block.isEmpty())
        return {};
    SqliteStatement save(
        m_db, "INSERT OR REPLACE INTO event_index (first_position, count, entries) VALUES (?1, ?2, ?3)");
    save.bind(1, m_blockFirst);
    save.bind(2, m_block.size() / EntryBytes);
    sqlite3_bind_blob64(save.handle(), 3, m_block.constData(), sqlite3_uint64(m_block.size()), SQLITE_STATIC);
    if (save.step() != SQLITE_DONE)
        return save.errorMessage();
    save = {};
    m_block.resize(0); // keeps the capacity for the next block
    return {};
}

QString StoreIndex::finish() { return flush(); }

} // namespace Rewind
