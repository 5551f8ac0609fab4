#pragma once

#include "model/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace Rewind {

/// One prepared statement of the SQLite C API that finalizes itself. Prepare once, then
/// bind / step / read columns / reset as often as needed: the store's hot paths (replay, import)
/// reuse one statement for every row. Errors are reported as text that includes sqlite3_errmsg.
class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3* db, const char* sql);
    ~SqliteStatement();

    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    bool isValid() const { return m_statement != nullptr; }
    /// Why preparing failed, or the connection's last error (sqlite3_errmsg).
    QString errorMessage() const;

    void bind(int index, qint64 value);
    /// Binds a copy of the text.
    void bind(int index, const QString& text);
    /// Binds UTF-8 bytes without copying them: they must stay alive and unchanged until the
    /// next bind of this index or reset(). What import and append use, once per row.
    void bindUtf8(int index, QByteArrayView utf8);

    /// SQLITE_ROW, SQLITE_DONE or an error code (extended result codes when enabled).
    int step();
    /// Ready to step again from the start, keeping the bindings.
    void reset();

    qint64 columnInt64(int column) const;
    /// The column's UTF-8 bytes, valid until the next step() or reset().
    QByteArrayView columnUtf8(int column) const;
    QString columnString(int column) const;
    QByteArray columnBytes(int column) const;

    /// Steps once and returns column 0 as an integer, then resets. A failed prepare or step, or
    /// no row at all, is an Error with SQLite's message and no file (the caller knows which): a
    /// count made up when the file cannot be read would pass for the truth.
    Result<qint64> singleInt64();

    sqlite3_stmt* handle() const { return m_statement; }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    QString m_prepareError;
};

/// Runs SQL that returns no rows (several statements allowed). Empty on success, else the error.
[[nodiscard]] QString sqliteExec(sqlite3* db, const char* sql);

} // namespace Rewind
