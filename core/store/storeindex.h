#pragma once

#include "model/error.h"
#include "model/historyindex.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct sqlite3;

namespace Rewind {

/// The compact index inside Rewind's store (schema 2, docs/store-format.md): for every event its
/// position, time, version, stream id and type id, packed into blobs of BlockSize entries, and the
/// stream and type names once each. Opening a store of a million events reads 30 MB of blobs
/// instead of walking every row of `events`. Written by the store's own writes, in their
/// transaction, so it never lags behind them; events a foreign writer appended after it are read
/// from `events` and indexed at the next write.
class StoreIndex {
public:
    static constexpr int BlockSize = 1024;
    static constexpr int EntryBytes = 32;

    explicit StoreIndex(sqlite3* db);
    StoreIndex(const StoreIndex&) = delete;
    StoreIndex& operator=(const StoreIndex&) = delete;

    /// Reads the index into `index`, then every event after what it covers (all of them when
    /// the store has no index or one whose content is damaged). Empty on success, else the
    /// error, also when SQLite cannot read the index's pages.
    static QString read(sqlite3* db, HistoryIndex& index);

    /// Starts writing, inside the caller's transaction: takes over the last unfinished block and
    /// indexes any event that is not indexed yet. Empty on success, else the error.
    QString begin();
    /// Indexes one event just inserted into `events`.
    QString add(qint64 position, QByteArrayView stream, qint64 version, QByteArrayView type, qint64 at);
    /// Writes the unfinished block. Empty on success, else the error.
    QString finish();

private:
    struct Blocks {
        QStringList streams;
        QStringList types;
        QList<HistoryIndex::Entry> entries; ///< with the store's stream and type ids
    };
    /// Every block, checked; nothing when there is no index or its content is damaged (it is
    /// then read around), an Error when SQLite cannot read it (the file is damaged).
    static Result<std::optional<Blocks>> readBlocks(sqlite3* db);

    qint32 idOf(QHash<QByteArray, qint32>& ids, const char* table, QByteArrayView name, QString& error);
    QString flush();

    sqlite3* m_db = nullptr;
    QHash<QByteArray, qint32> m_streams;
    QHash<QByteArray, qint32> m_types;
    QByteArray m_block; ///< the unfinished block's entries
    qint64 m_blockFirst = 0; ///< the position of its first entry
    qint64 m_covered = 0; ///< the last position indexed
};

} // namespace Rewind
