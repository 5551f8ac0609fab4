#pragma once

#include "model/eventsource.h"
#include "sources/readreport.h"
#include "sources/storerows.h"

#include <QTemporaryDir>

#include <memory>
#include <mutex>
#include <optional>

struct sqlite3;

namespace Rewind {

/// An event store written by Emmett (the TypeScript event-sourcing library) on SQLite, read in
/// place and lazily with SQL: its `emt_messages` table, events only (`message_kind = 'E'`, not
/// archived), versions from `stream_position`, positions from `global_position`, the time from
/// the metadata (`occurredAt`, `timestamp`, `time`) or else the row's `created` insert time.
/// The file is never written: it is opened read-only, as `immutable` when no write-ahead log is
/// pending (so not even a `-shm` file appears beside it), and from a private copy when a pending
/// log cannot be read in place (a read-only folder).
/// Rows are read by Emmett's known columns, not by looking for fields (see StoreRows): a store
/// of a million events reads at the speed of SQLite.
class EmmettStore : public EventSource {
public:
    /// How rows become events (StoreRows::Reading): tests hold the two ways to the same events.
    using RowReading = StoreRows::Reading;

    ~EmmettStore() override;
    EmmettStore(const EmmettStore&) = delete;
    EmmettStore& operator=(const EmmettStore&) = delete;

    /// Why an open database is not Emmett's store, or nothing when it is; an Error with SQLite's
    /// message when it cannot read the schema (a damaged file).
    static Result<std::optional<QString>> whyNot(sqlite3* db);
    /// Opens an SQLite file without changing it or its folder. Returns the handle, or an error.
    static Result<sqlite3*> openUntouched(
        const QString& path, std::unique_ptr<QTemporaryDir>* copy = nullptr, QString* how = nullptr);
    static Result<std::unique_ptr<EmmettStore>> open(const QString& path, ReadReport* report = nullptr);

    QString path() const override { return m_path; }
    QString kind() const override { return QStringLiteral("emmett-sqlite"); }
    Result<qint64> eventCount() const override;
    Result<QList<StreamInfo>> streams() const override;
    Result<QList<Snapshot>> snapshots(const QString& = {}) const override { return QList<Snapshot>(); }
    Status readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const override;
    Result<Event> eventAt(qint64 position) const override;

    void setRowReading(RowReading reading) { m_rowReading = reading; }

private:
    EmmettStore() = default;
    /// Whether a stream holds enough of the table that reading the table in order beats its index.
    Result<bool> isWideStream(const QString& stream) const;

    QString m_path;
    sqlite3* m_db = nullptr;
    std::unique_ptr<QTemporaryDir> m_copy;
    bool m_hasCreated = true; ///< the `created` column (older schemas may lack it)
    qint64 m_rowCount = 0; ///< messages in the table when it was opened
    bool m_immutable = false; ///< opened as `immutable`: nothing changes the file meanwhile
    mutable std::optional<QList<StreamInfo>> m_streams; ///< kept when immutable
    mutable std::mutex m_streamsMutex;
    RowReading m_rowReading = RowReading::Direct;
};

} // namespace Rewind
