#pragma once

#include "model/eventsource.h"
#include "sources/readreport.h"
#include "sources/storerows.h"

#include <QStringList>

#include <memory>
#include <mutex>
#include <optional>

struct pg_conn;

namespace Rewind {

/// An event store in a PostgreSQL database, attached by a libpq connection URL and read in
/// place: Emmett's (`emt_messages`, every partition), Marten's (`mt_events`) or Message DB's
/// (`message_store.messages`), recognized by its tables. Nothing is ever written: the session is
/// read-only (`default_transaction_read_only`) and every read runs in one read-only, repeatable
/// read transaction, so counts, streams and events all describe the history as it was when it
/// was attached. Events come in batches through a server-side cursor: a history of any length
/// is read in bounded memory.
///
/// Besides libpq's own parameters the URL takes Rewind's: `schema` (the schema that holds the
/// store; without it the one store in the database, or the one in `public`) and `tenant` (a
/// Marten tenant; without it `*DEFAULT*`). libpq gets the rest as it is, so `PGPASSWORD`,
/// `~/.pgpass`, `sslmode`, service files all work as with `psql`.
class PostgresStore : public EventSource {
public:
    enum class Flavor { Emmett, Marten, MessageDb };

    /// One event table found in the database, for `info` and for choosing with `?schema=`.
    struct Found {
        QString schema;
        QString table;
        Flavor flavor = Flavor::Emmett;
        QStringList columns;
        QString name() const { return schema + QLatin1Char('.') + table; }
    };

    ~PostgresStore() override;
    PostgresStore(const PostgresStore&) = delete;
    PostgresStore& operator=(const PostgresStore&) = delete;

    /// Whether a SOURCE is a PostgreSQL URL (`postgresql://` or `postgres://`) rather than a file.
    static bool isUrl(const QString& source);
    /// The URL with its password taken out: what is shown, remembered and named in errors.
    static QString redacted(const QString& url);
    static Result<std::unique_ptr<PostgresStore>> open(const QString& url, ReadReport* report = nullptr);

    QString path() const override { return m_shownUrl; }
    QString kind() const override;
    Result<qint64> eventCount() const override;
    Result<QList<StreamInfo>> streams() const override;
    Result<QList<Snapshot>> snapshots(const QString& = {}) const override { return QList<Snapshot>(); }
    Status readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const override;
    Result<Event> eventAt(qint64 position) const override;

    Flavor flavor() const { return m_store.flavor; }
    /// Every event store in the database (the one read among them).
    const QList<Found>& storesFound() const { return m_found; }
    /// Rows per batch read through the cursor; the memory a read holds is about this many events.
    static constexpr int BatchRows = 10000;

private:
    class Cursor;

    PostgresStore() = default;
    Status connect(const QByteArray& libpqUrl);
    Status chooseStore(const QString& schema);
    Status chooseTenant(const QString& tenant, ReadReport* report);
    /// `SELECT` of the read's columns from the chosen store's events, in position order when
    /// `ordered`.
    QByteArray selectSql(const EventFilter& filter, bool ordered = true) const;
    QByteArray eventsWhere() const;
    Error queryError(const QString& what, const QByteArray& serverMessage, const QByteArray& sqlState) const;

    QString m_shownUrl;
    pg_conn* m_conn = nullptr;
    QList<Found> m_found;
    Found m_store;
    std::optional<QString> m_tenant; ///< Marten: the tenant read
    mutable std::recursive_mutex m_connection; ///< one query at a time on the connection
    mutable std::optional<QList<StreamInfo>> m_streams; ///< the transaction's snapshot does not change
    mutable int m_cursors = 0;
};

} // namespace Rewind
