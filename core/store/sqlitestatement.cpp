#include "store/sqlitestatement.h"

#include <sqlite3.h>
#include <utility>

namespace Rewind {

SqliteStatement::SqliteStatement(sqlite3* db, const char* sql)
    : m_db(db)
{
    if (sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) != SQLITE_OK) {
        // Kept now: the connection's message is overwritten by the next call.
        m_prepareError = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_statement); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_statement(std::exchange(other.m_statement, nullptr))
    , m_prepareError(std::move(other.m_prepareError))
{
}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_db = std::exchange(other.m_db, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_prepareError = std::move(other.m_prepareError);
    }
    return *this;
}

QString SqliteStatement::errorMessage() const
{
    if (!m_prepareError.isEmpty())
        return m_prepareError;
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("no database");
}

void SqliteStatement::bind(int index, qint64 value) { sqlite3_bind_int64(m_statement, index, value); }

void SqliteStatement::bind(int index, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text64(
        m_statement, index, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void SqliteStatement::bindUtf8(int index, QByteArrayView utf8)
{
    // A null pointer would bind SQL NULL; empty text is still text.
    const char* bytes = utf8.data() ? utf8.data() : "";
    sqlite3_bind_text64(m_statement, index, bytes, sqlite3_uint64(utf8.size()), SQLITE_STATIC, SQLITE_UTF8);
}

int SqliteStatement::step() { return m_statement ? sqlite3_step(m_statement) : SQLITE_MISUSE; }

void SqliteStatement::reset() { sqlite3_reset(m_statement); }

qint64 SqliteStatement::columnInt64(int column) const { return sqlite3_column_int64(m_statement, column); }

QByteArrayView SqliteStatement::columnUtf8(int column) const
{
    // Text first, then its size: the documented order that avoids a conversion.
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return { text, sqlite3_column_bytes(m_statement, column) };
}

QString SqliteStatement::columnString(int column) const
{
    const QByteArrayView utf8 = columnUtf8(column);
    return QString::fromUtf8(utf8.data(), utf8.size());
}

QByteArray SqliteStatement::columnBytes(int column) const
{
    const QByteArrayView utf8 = columnUtf8(column);
    return QByteArray(utf8.data(), utf8.size());
}

Result<qint64> SqliteStatement::singleInt64()
{
    const int stepped = step();
    if (stepped != SQLITE_ROW) {
        // Read before reset(), which may replace the connection's message.
        Error error = Error::failure(stepped == SQLITE_DONE ? QStringLiteral("no row") : errorMessage());
        reset();
        return error;
    }
    const qint64 value = columnInt64(0);
    reset();
    return value;
}

QString sqliteExec(sqlite3* db, const char* sql)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return {};
    QString error = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_free(message);
    return error;
}

} // namespace Rewind
