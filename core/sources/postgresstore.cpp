#include "sources/postgresstore.h"

#include <QUrl>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <charconv>
#include <libpq-fe.h>
#include <limits>

namespace Rewind {

namespace {

constexpr QLatin1String DefaultTenant("*DEFAULT*");

/// libpq's messages run over lines ("connection to server … failed: …\n\tIs the server running
/// …?"): one line, as every error of Rewind's is.
QString oneLine(const char* message)
{
    QString text = QString::fromUtf8(message).trimmed();
    if (text.startsWith(QLatin1String("ERROR:")))
        text = text.mid(6).trimmed();
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return text.simplified();
}

QByteArray identifier(const QString& name)
{
    QByteArray text = name.toUtf8();
    text.replace('"', "\"\"");
    return '"' + text + '"';
}

qint64 toInt64(const char* text, int length)
{
    qint64 value = 0;
    std::from_chars(text, text + length, value);
    return value;
}

/// The JSON text PostgreSQL prints (jsonb puts a blank after every `:` and `,`; a json column
/// holds what was written) without the blanks between tokens: the compact form events carry.
/// Strings are copied as they are, escapes included.
void compactJson(const char* text, int length, QByteArray& out)
{
    out.resize(length);
    char* o = out.data();
    bool inString = false;
    for (int i = 0; i < length; ++i) {
        const char c = text[i];
        if (inString) {
            *o++ = c;
            if (c == '\\' && i + 1 < length)
                *o++ = text[++i];
            else if (c == '"')
                inString = false;
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            *o++ = c;
            inString = c == '"';
        }
    }
    out.resize(o - out.data());
}

QString flavorName(PostgresStore::Flavor flavor)
{
    switch (flavor) {
    case PostgresStore::Flavor::Emmett:
        return QStringLiteral("Emmett");
    case PostgresStore::Flavor::Marten:
        return QStringLiteral("Marten");
    case PostgresStore::Flavor::MessageDb:
        return QStringLiteral("Message DB");
    }
    return {};
}

/// The columns each product's table must have for Rewind to read it.
std::optional<PostgresStore::Flavor> flavorOf(const QString& table, const QStringList& columns)
{
    const auto hasAll = [&columns](std::initializer_list<const char*> names) {
        return std::all_of(
            names.begin(), names.end(), [&columns](const char* name) { return columns.contains(QLatin1String(name)); });
    };
    if (table == QLatin1String("emt_messages")
        && hasAll({ "stream_id", "stream_position", "global_position", "message_kind", "message_type", "message_data",
            "message_metadata", "is_archived" }))
        return PostgresStore::Flavor::Emmett;
    if (table == QLatin1String("mt_events")
        && hasAll({ "seq_id", "stream_id", "version", "data", "type", "timestamp" }))
        return PostgresStore::Flavor::Marten;
    if (table == QLatin1String("messages")
        && hasAll({ "global_position", "position", "time", "stream_name", "type", "data", "metadata" }))
        return PostgresStore::Flavor::MessageDb;
    return std::nullopt;
}

/// One result, freed when it goes.
class PgResult {
public:
    explicit PgResult(PGresult* result)
        : m_result(result)
    {
    }
    ~PgResult() { PQclear(m_result); }
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;
    PgResult(PgResult&& other) noexcept
        : m_result(std::exchange(other.m_result, nullptr))
    {
    }
    PgResult& operator=(PgResult&&) = delete;

    PGresult* get() const { return m_result; }
    bool ok() const
    {
        const ExecStatusType status = PQresultStatus(m_result);
        return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
    }
    int rows() const { return PQntuples(m_result); }
    QByteArrayView bytes(int row, int column) const
    {
        return { PQgetvalue(m_result, row, column), qsizetype(PQgetlength(m_result, row, column)) };
    }
    QString text(int row, int column) const { return QString::fromUtf8(bytes(row, column)); }
    qint64 int64(int row, int column) const
    {
        return toInt64(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
    }
    /// A bigint of a binary cursor (8 bytes, big-endian); 0 for NULL.
    qint64 binaryInt64(int row, int column) const
    {
        if (PQgetisnull(m_result, row, column) || PQgetlength(m_result, row, column) != 8)
            return 0;
        return qFromBigEndian<qint64>(PQgetvalue(m_result, row, column));
    }
    /// A timestamp (with or without time zone: both are microseconds from 2000-01-01 UTC in
    /// binary) of a binary cursor, in epoch milliseconds; 0 for NULL and for ±infinity.
    qint64 binaryTimeMs(int row, int column) const
    {
        const qint64 micros = binaryInt64(row, column);
        if (micros == 0 || micros == std::numeric_limits<qint64>::max() || micros == std::numeric_limits<qint64>::min())
            return 0;
        constexpr qint64 PostgresEpochMs = 946684800000; // 2000-01-01T00:00:00Z
        const qint64 ms = micros / 1000 - (micros % 1000 < 0 ? 1 : 0); // floor, before 2000 too
        return ms + PostgresEpochMs;
    }
    QByteArray message() const
    {
        const char* primary = PQresultErrorField(m_result, PG_DIAG_MESSAGE_PRIMARY);
        return primary ? QByteArray(primary) : QByteArray(PQresultErrorMessage(m_result));
    }
    QByteArray sqlState() const
    {
        const char* state = PQresultErrorField(m_result, PG_DIAG_SQLSTATE);
        return state ? QByteArray(state) : QByteArray();
    }

private:
    PGresult* m_result;
};

/// A SOURCE's URL split into what libpq reads and what Rewind does (`schema`, `tenant`).
struct ParsedUrl {
    QByteArray libpq;
    QString schema;
    QString tenant;
};

ParsedUrl parseUrl(const QString& url)
{
    ParsedUrl parsed;
    const qsizetype question = url.indexOf(QLatin1Char('?'));
    if (question < 0) {
        parsed.libpq = url.toUtf8();
        return parsed;
    }
    QStringList kept;
    for (const QString& item : url.mid(question + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const QString key = item.section(QLatin1Char('='), 0, 0);
        const QString value = QUrl::fromPercentEncoding(item.section(QLatin1Char('='), 1).toUtf8());
        if (key == QLatin1String("schema"))
            parsed.schema = value;
        else if (key == QLatin1String("tenant"))
            parsed.tenant = value;
        else
            kept.append(item);
    }
    parsed.libpq =
        (url.left(question) + (kept.isEmpty() ? QString() : QLatin1Char('?') + kept.join(QLatin1Char('&')))).toUtf8();
    return parsed;
}

/// Whether a failed connection is the user's to fix (a wrong password, database, option: exit
/// status 2) rather than a server out of reach (1).
bool isBadConnectionInput(const QString& message)
{
    static constexpr std::array<const char*, 7> Unreachable = { "Connection refused", "timeout expired",
        "could not translate host name", "No route to host", "Network is unreachable", "server closed the connection",
        "could not connect" };
    return std::none_of(Unreachable.begin(), Unreachable.end(),
        [&message](const char* unreachable) { return message.contains(QLatin1String(unreachable)); });
}

} // namespace

/// A server-side cursor over one SELECT, fetched a batch at a time, closed when it goes. Holds
/// the connection only while it talks to the server, never while the caller looks at rows: a
/// visitor may read the store again (another cursor), and other threads may read meanwhile.
class PostgresStore::Cursor {
public:
    Cursor(const PostgresStore& store, const QByteArray& select, const QList<QByteArray>& parameters)
        : m_store(store)
    {
        const std::lock_guard lock(store.m_connection);
        m_name = "rewind_cursor_" + QByteArray::number(++store.m_cursors);
        // Binary: numbers and times arrive as they are stored, with no text to print and parse.
        const QByteArray declare = "DECLARE " + m_name + " BINARY NO SCROLL CURSOR FOR " + select;
        std::vector<const char*> values;
        for (const QByteArray& parameter : parameters)
            values.push_back(parameter.constData());
        PgResult declared(PQexecParams(
            store.m_conn, declare.constData(), int(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
        if (!declared.ok())
            m_error = store.queryError(QStringLiteral("cannot read"), declared.message(), declared.sqlState());
        else
            m_open = true;
    }
    ~Cursor()
    {
        if (!m_open)
            return;
        const std::lock_guard lock(m_store.m_connection);
        if (PQstatus(m_store.m_conn) == CONNECTION_OK)
            PgResult closed(PQexec(m_store.m_conn, QByteArray("CLOSE " + m_name).constData()));
    }
    Cursor(const Cursor&) = delete;
    Cursor& operator=(const Cursor&) = delete;

    const std::optional<Error>& error() const { return m_error; }

    /// The next batch; empty at the end or on an error (then error() says which).
    std::optional<PgResult> next()
    {
        if (!m_open)
            return std::nullopt;
        const std::lock_guard lock(m_store.m_connection);
        const QByteArray fetch = "FETCH " + QByteArray::number(BatchRows) + " FROM " + m_name;
        PgResult batch(PQexec(m_store.m_conn, fetch.constData()));
        if (!batch.ok()) {
            m_error = m_store.queryError(QStringLiteral("cannot read"), batch.message(), batch.sqlState());
            m_open = false;
            return std::nullopt;
        }
        if (batch.rows() == 0)
            return std::nullopt;
        return batch;
    }

private:
    const PostgresStore& m_store;
    QByteArray m_name;
    bool m_open = false;
    std::optional<Error> m_error;
};

PostgresStore::~PostgresStore()
{
    if (m_conn)
        PQfinish(m_conn); // the transaction ends with the session, having written nothing
}

bool PostgresStore::isUrl(const QString& source)
{
    return source.startsWith(QLatin1String("postgresql://")) || source.startsWith(QLatin1String("postgres://"));
}

QString PostgresStore::redacted(const QString& url)
{
    const qsizetype scheme = url.indexOf(QLatin1String("://"));
    if (scheme < 0)
        return url;
    const qsizetype hostStart = scheme + 3;
    qsizetype authorityEnd = url.size();
    for (const QChar end : { QLatin1Char('/'), QLatin1Char('?') }) {
        const qsizetype at = url.indexOf(end, hostStart);
        if (at >= 0)
            authorityEnd = std::min(authorityEnd, at);
    }
    QString shown = url;
    const qsizetype userEnd = url.lastIndexOf(QLatin1Char('@'), authorityEnd - 1);
    if (userEnd >= hostStart) {
        const qsizetype colon = url.indexOf(QLatin1Char(':'), hostStart);
        if (colon >= 0 && colon < userEnd)
            shown = url.left(colon) + url.mid(userEnd);
    }
    // A password may also be given as a parameter.
    const qsizetype question = shown.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        QStringList kept;
        for (const QString& item : shown.mid(question + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            if (!item.startsWith(QLatin1String("password=")))
                kept.append(item);
        }
        shown = shown.left(question) + (kept.isEmpty() ? QString() : QLatin1Char('?') + kept.join(QLatin1Char('&')));
    }
    return shown;
}

QString PostgresStore::kind() const
{
    switch (m_store.flavor) {
    case Flavor::Emmett:
        return QStringLiteral("emmett-postgresql");
    case Flavor::Marten:
        return QStringLiteral("marten-postgresql");
    case Flavor::MessageDb:
        return QStringLiteral("message-db-postgresql");
    }
    return {};
}

Error PostgresStore::queryError(const QString& what, const QByteArray& serverMessage, const QByteArray& sqlState) const
{
    if (PQstatus(m_conn) != CONNECTION_OK) {
        return Error::failure(
            QStringLiteral("the connection to the server was lost (%1)").arg(oneLine(PQerrorMessage(m_conn))),
            m_shownUrl);
    }
    const QString message = oneLine(serverMessage.constData());
    // 42501: insufficient privilege. The role is the user's to change: bad input, not a failure.
    if (sqlState == "42501") {
        return Error::badInput(
            QStringLiteral("%1 (the role needs SELECT on %2)").arg(message, m_store.name()), m_shownUrl);
    }
    const QString where = m_store.table.isEmpty() ? QString() : m_store.name() + QStringLiteral(": ");
    return Error::failure(where + what + QStringLiteral(": ") + message, m_shownUrl);
}

Status PostgresStore::connect(const QByteArray& libpqUrl)
{
    // connect_timeout first, so that the URL's own, if any, wins; a server that never answers
    // is reported after 10 s rather than never.
    const std::array<const char*, 4> keys = { "connect_timeout", "fallback_application_name", "dbname", nullptr };
    const std::array<const char*, 4> values = { "10", "rewind", libpqUrl.constData(), nullptr };
    m_conn = PQconnectdbParams(keys.data(), values.data(), 1);
    if (!m_conn)
        return Error::failure(QStringLiteral("cannot connect: out of memory"), m_shownUrl);
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const QString message = QStringLiteral("cannot connect: ") + oneLine(PQerrorMessage(m_conn));
        return isBadConnectionInput(message) ? Error::badInput(message, m_shownUrl)
                                             : Error::failure(message, m_shownUrl);
    }
    PQsetClientEncoding(m_conn, "UTF8");
    // Read-only twice over: the session's default, and the transaction every read runs in, which
    // also keeps one snapshot of the database for the whole session.
    for (const char* statement :
        { "SET default_transaction_read_only = on", "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY" }) {
        PgResult done(PQexec(m_conn, statement));
        if (!done.ok())
            return queryError(QStringLiteral("cannot start a read-only transaction"), done.message(), done.sqlState());
    }
    return {};
}

Status PostgresStore::chooseStore(const QString& schema)
{
    PgResult tables(PQexec(m_conn,
        "SELECT n.nspname, c.relname, string_agg(a.attname, ',' ORDER BY a.attnum) "
        "FROM pg_catalog.pg_class c "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "WHERE c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition "
        "AND c.relname IN ('emt_messages', 'mt_events', 'messages') "
        "GROUP BY n.nspname, c.relname ORDER BY n.nspname, c.relname"));
    if (!tables.ok())
        return queryError(QStringLiteral("cannot list the tables"), tables.message(), tables.sqlState());
    for (int row = 0; row < tables.rows(); ++row) {
        Found found { tables.text(row, 0), tables.text(row, 1), Flavor::Emmett,
            tables.text(row, 2).split(QLatin1Char(',')) };
        if (const auto flavor = flavorOf(found.table, found.columns)) {
            found.flavor = *flavor;
            m_found.append(found);
        }
    }
    const auto names = [](const QList<Found>& list) {
        QStringList result;
        for (const Found& found : list)
            result.append(QStringLiteral("%1 (%2)").arg(found.name(), flavorName(found.flavor)));
        return result.join(QStringLiteral(", "));
    };
    if (m_found.isEmpty()) {
        return Error::badInput(QStringLiteral("no event store Rewind knows in this database (no Emmett emt_messages, "
                                              "Marten mt_events or Message DB messages table)"),
            m_shownUrl);
    }
    QList<Found> candidates;
    for (const Found& found : std::as_const(m_found)) {
        if (schema.isEmpty() || found.schema == schema)
            candidates.append(found);
    }
    if (candidates.isEmpty()) {
        return Error::badInput(
            QStringLiteral("no event store in schema '%1' (this database has: %2)").arg(schema, names(m_found)),
            m_shownUrl);
    }
    if (candidates.size() > 1 && schema.isEmpty()) {
        QList<Found> inPublic;
        for (const Found& found : std::as_const(candidates)) {
            if (found.schema == QLatin1String("public"))
                inPublic.append(found);
        }
        if (inPublic.size() == 1)
            candidates = inPublic;
    }
    if (candidates.size() > 1) {
        return Error::badInput(QStringLiteral("several event stores in this database (%1): choose one with ?schema=")
                                   .arg(names(candidates)),
            m_shownUrl);
    }
    m_store = candidates.first();
    return {};
}

Status PostgresStore::chooseTenant(const QString& tenant, ReadReport* report)
{
    const bool tenanted = m_store.flavor == Flavor::Marten && m_store.columns.contains(QLatin1String("tenant_id"));
    if (!tenanted) {
        if (!tenant.isEmpty()) {
            return Error::badInput(
                QStringLiteral("?tenant= chooses a tenant of a Marten store; %1 has none").arg(m_store.name()),
                m_shownUrl);
        }
        return {};
    }
    const QByteArray sql = "SELECT tenant_id, count(*) FROM " + identifier(m_store.schema) + '.'
        + identifier(m_store.table) + " WHERE " + eventsWhere() + " GROUP BY tenant_id ORDER BY tenant_id";
    PgResult tenants(PQexec(m_conn, sql.constData()));
    if (!tenants.ok())
        return queryError(QStringLiteral("cannot list the tenants"), tenants.message(), tenants.sqlState());
    QStringList names;
    QStringList counted;
    for (int row = 0; row < tenants.rows(); ++row) {
        names.append(tenants.text(row, 0));
        counted.append(QStringLiteral("%1 (%2 events)").arg(tenants.text(row, 0)).arg(tenants.int64(row, 1)));
    }
    if (!tenant.isEmpty() && !names.contains(tenant)) {
        return Error::badInput(QStringLiteral("no tenant '%1' in %2 (its tenants: %3)")
                                   .arg(tenant, m_store.name(), names.join(QStringLiteral(", "))),
            m_shownUrl);
    }
    if (!tenant.isEmpty())
        m_tenant = tenant;
    else if (names.size() == 1)
        m_tenant = names.first();
    else if (names.contains(DefaultTenant) || names.isEmpty())
        m_tenant = DefaultTenant;
    else {
        return Error::badInput(QStringLiteral("several tenants in %1 (%2): choose one with ?tenant=")
                                   .arg(m_store.name(), names.join(QStringLiteral(", "))),
            m_shownUrl);
    }
    if (report && names.size() > 1) {
        report->notes.append(QStringLiteral("tenants: %1; reading %2 (choose another with ?tenant=)")
                                 .arg(counted.join(QStringLiteral(", ")), *m_tenant));
    }
    return {};
}

QByteArray PostgresStore::eventsWhere() const
{
    switch (m_store.flavor) {
    case Flavor::Emmett:
        return "message_kind = 'E' AND NOT is_archived";
    case Flavor::Marten: {
        QByteArray where = m_store.columns.contains(QLatin1String("is_archived")) ? "NOT is_archived" : "TRUE";
        if (m_tenant) {
            const QByteArray tenant = m_tenant->toUtf8();
            char* literal = PQescapeLiteral(m_conn, tenant.constData(), size_t(tenant.size()));
            where += " AND tenant_id = " + QByteArray(literal);
            PQfreemem(literal);
        }
        return where;
    }
    case Flavor::MessageDb:
        return "TRUE";
    }
    return "TRUE";
}

QByteArray PostgresStore::selectSql(const EventFilter& filter, bool ordered) const
{
    // Columns, as a binary cursor sends them: position and version (bigint), stream and type
    // (text), metadata (text), the insert time (timestamp), data (text). The metadata is read
    // whenever times are wanted: the event time may be in it.
    QByteArray position;
    QByteArray version;
    QByteArray stream;
    QByteArray type = "type";
    QByteArray metadata;
    QByteArray time;
    QByteArray data;
    switch (m_store.flavor) {
    case Flavor::Emmett:
        position = "global_position";
        version = "stream_position";
        stream = "stream_id";
        type = "message_type";
        metadata = "message_metadata::text";
        time = m_store.columns.contains(QLatin1String("created")) ? "created" : "NULL::timestamptz";
        data = "message_data::text";
        break;
    case Flavor::Marten: {
        // What Marten keeps beside the event, as its metadata: the tenant, and the optional
        // columns a store may enable.
        QByteArray members =
            "'tenantId', " + QByteArray(m_store.columns.contains(QLatin1String("tenant_id")) ? "tenant_id" : "NULL");
        for (const auto& [column, key] :
            { std::pair { "correlation_id", "correlationId" }, std::pair { "causation_id", "causationId" },
                std::pair { "headers", "headers" }, std::pair { "user_name", "userName" } }) {
            if (m_store.columns.contains(QLatin1String(column)))
                members += ", '" + QByteArray(key) + "', " + column;
        }
        position = "seq_id";
        version = "version";
        stream = "stream_id::text";
        metadata = "jsonb_strip_nulls(jsonb_build_object(" + members + "))::text";
        time = "timestamp";
        data = "data::text";
        break;
    }
    case Flavor::MessageDb:
        // Positions count from 0 in Message DB: its first message is version 1. The category (the
        // stream name up to its first dash) goes into the metadata, under what the message has.
        // Its time is a timestamp without time zone, in UTC.
        position = "global_position";
        version = "position + 1";
        stream = "stream_name";
        metadata = "(jsonb_build_object('category', split_part(stream_name, '-', 1)) || coalesce(metadata::jsonb, "
                   "'{}'::jsonb))::text";
        time = "time";
        data = "coalesce(data::text, '{}')";
        break;
    }
    const bool timesOrMetadata = filter.withTimes || filter.withMetadata;
    const QByteArray columns = "(" + position + ")::int8, (" + version + ")::int8, (" + stream + ")::text, (" + type
        + ")::text, " + (timesOrMetadata ? metadata : QByteArray("'{}'::text")) + ", "
        + (timesOrMetadata ? time : QByteArray("NULL::timestamptz")) + ", "
        + (filter.withData ? data : QByteArray("'{}'::text"));
    QByteArray sql = "SELECT " + columns + " FROM " + identifier(m_store.schema) + '.' + identifier(m_store.table)
        + " WHERE " + eventsWhere() + " AND " + position + " BETWEEN $1 AND $2";
    if (!filter.stream.isEmpty())
        sql += " AND " + stream + " = $3";
    return ordered ? sql + " ORDER BY " + position : sql;
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const QString& url, ReadReport* report)
{
    std::unique_ptr<PostgresStore> store(new PostgresStore);
    store->m_shownUrl = redacted(url);
    const ParsedUrl parsed = parseUrl(url);
    if (const Status connected = store->connect(parsed.libpq); !connected)
        return connected.error();
    if (const Status chosen = store->chooseStore(parsed.schema); !chosen)
        return chosen.error();
    if (const Status chosen = store->chooseTenant(parsed.tenant, report); !chosen)
        return chosen.error();

    // Reading the table at all, now: a role without SELECT on it is told in one line at once.
    const QByteArray probe =
        "SELECT 1 FROM " + identifier(store->m_store.schema) + '.' + identifier(store->m_store.table) + " LIMIT 0";
    PgResult probed(PQexec(store->m_conn, probe.constData()));
    if (!probed.ok())
        return store->queryError(QStringLiteral("cannot read"), probed.message(), probed.sqlState());

    if (report) {
        report->notes.prepend(QStringLiteral("%1 store (%2) on a PostgreSQL server, in a read-only transaction")
                                  .arg(flavorName(store->m_store.flavor), store->m_store.name()));
        for (const Found& other : std::as_const(store->m_found)) {
            if (other.name() != store->m_store.name()) {
                report->notes.append(QStringLiteral("also in this database: %1 (%2), read with ?schema=%3")
                                         .arg(other.name(), flavorName(other.flavor), other.schema));
            }
        }
        switch (store->m_store.flavor) {
        case Flavor::Emmett:
            report->notes.append(QStringLiteral("fields: stream ← stream_id, type ← message_type, version ← "
                                                "stream_position, position ← global_position, data ← message_data, "
                                                "metadata ← message_metadata, at ← metadata.occurredAt / timestamp / "
                                                "time, else created"));
            break;
        case Flavor::Marten:
            report->notes.append(QStringLiteral("fields: stream ← stream_id, type ← type, version ← version, position "
                                                "← seq_id, data ← data, metadata ← tenant_id, correlation_id, "
                                                "causation_id, headers, user_name, at ← timestamp"));
            break;
        case Flavor::MessageDb:
            report->notes.append(QStringLiteral("fields: stream ← stream_name, type ← type, version ← position + 1, "
                                                "position ← global_position, data ← data, metadata ← metadata and the "
                                                "stream's category, at ← time"));
            break;
        }
    }
    return store;
}

Result<QList<StreamInfo>> PostgresStore::streams() const
{
    const std::lock_guard lock(m_connection);
    if (m_streams)
        return *m_streams;
    EventFilter all;
    all.withData = false;
    all.withMetadata = false;
    // The same columns a read uses, grouped: one rule for what an event is.
    const QByteArray sql = "SELECT s, count(*), min(p), max(p), max(v) FROM (" + selectSql(all, false)
        + ") AS e(p, v, s) GROUP BY s ORDER BY min(p)";
    const QByteArray from = "1";
    const QByteArray to = QByteArray::number(std::numeric_limits<qint64>::max());
    const std::array<const char*, 2> values = { from.constData(), to.constData() };
    PgResult grouped(PQexecParams(m_conn, sql.constData(), 2, nullptr, values.data(), nullptr, nullptr, 0));
    if (!grouped.ok())
        return queryError(QStringLiteral("cannot list the streams"), grouped.message(), grouped.sqlState());
    QList<StreamInfo> result;
    result.reserve(grouped.rows());
    for (int row = 0; row < grouped.rows(); ++row) {
        result.append({ grouped.text(row, 0), grouped.int64(row, 1), grouped.int64(row, 2), grouped.int64(row, 3),
            grouped.int64(row, 4) });
    }
    m_streams = result;
    return result;
}

Result<qint64> PostgresStore::eventCount() const
{
    const auto all = streams();
    if (!all)
        return all.error();
    qint64 count = 0;
    for (const StreamInfo& stream : *all)
        count += stream.eventCount;
    return count;
}

Status PostgresStore::readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const
{
    QList<QByteArray> parameters { QByteArray::number(filter.fromPosition), QByteArray::number(filter.toPosition) };
    if (!filter.stream.isEmpty())
        parameters.append(filter.stream.toUtf8());
    Cursor cursor(*this, selectSql(filter), parameters);
    StoreRows rows(StoreRows::Reading::Direct, filter.withMetadata);
    QByteArray data;
    QByteArray metadata;
    const QString positionColumn =
        m_store.flavor == Flavor::Marten ? QStringLiteral("seq_id") : QStringLiteral("global_position");
    while (std::optional<PgResult> batch = cursor.next()) {
        for (int i = 0; i < batch->rows(); ++i) {
            const QByteArrayView metadataText = batch->bytes(i, 4);
            const QByteArrayView dataText = batch->bytes(i, 6);
            compactJson(metadataText.data(), int(metadataText.size()), metadata);
            compactJson(dataText.data(), int(dataText.size()), data);
            StoreRows::Row row;
            row.position = batch->binaryInt64(i, 0);
            row.version = batch->binaryInt64(i, 1);
            row.stream = batch->bytes(i, 2);
            row.type = batch->bytes(i, 3);
            row.metadata = metadata;
            row.createdMs = batch->binaryTimeMs(i, 5);
            row.data = data;
            const StoreRows::Outcome outcome = rows.read(row);
            if (outcome == StoreRows::Outcome::Problem) {
                return Error::badInput(QStringLiteral("%1, %2 %3: %4")
                                           .arg(m_store.name(), positionColumn)
                                           .arg(row.position)
                                           .arg(rows.problem()),
                    m_shownUrl);
            }
            if (outcome == StoreRows::Outcome::Event && !visit(rows.event()))
                return {};
        }
    }
    if (cursor.error())
        return *cursor.error();
    return {};
}

Result<Event> PostgresStore::eventAt(qint64 position) const
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
