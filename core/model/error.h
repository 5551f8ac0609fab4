#pragma once

#include <QMetaType>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace Rewind {

/// A problem a user can cause (a bad file, a bad flag, a refused write), carried as a value.
/// Printed as `file:line: message`, the form compilers use, so editors can jump to it.
struct Error {
    enum class Kind {
        BadInput, ///< malformed data or bad usage: exit status 2
        /// Bad input of a kind a field mapping can fix: a field not found under any name Rewind
        /// knows, or one that holds something else than expected (exit status 2). The window
        /// offers its mapping dialog for these.
        Unmapped,
        Conflict, ///< a stale writer (optimistic concurrency): exit status 1
        Cancelled, ///< the person asked to stop; nothing was changed: exit status 1
        Failure, ///< anything else (I/O, SQLite): exit status 1
    };

    Kind kind = Kind::BadInput;
    QString file;
    qint64 line = 0; ///< 1-based line or row; 0 when the problem is not on one line
    QString message;
    qint64 column = 0; ///< 1-based column within the line (a script's syntax error); 0 when unknown

    static Error badInput(QString message, QString file = {}, qint64 line = 0)
    {
        return { Kind::BadInput, std::move(file), line, std::move(message) };
    }
    static Error unmapped(QString message, QString file = {}, qint64 line = 0)
    {
        return { Kind::Unmapped, std::move(file), line, std::move(message) };
    }
    static Error failure(QString message, QString file = {})
    {
        return { Kind::Failure, std::move(file), 0, std::move(message) };
    }
    static Error cancelled(QString file = {})
    {
        return { Kind::Cancelled, std::move(file), 0, QStringLiteral("cancelled") };
    }

    /// Bad input of either kind: the user's data or arguments are at fault (exit status 2).
    bool isBadInput() const { return kind == Kind::BadInput || kind == Kind::Unmapped; }

    QString toString() const
    {
        QString where = file;
        if (line > 0)
            where += QLatin1Char(':') + QString::number(line);
        if (line > 0 && column > 0)
            where += QLatin1Char(':') + QString::number(column);
        return where.isEmpty() ? message : where + QLatin1String(": ") + message;
    }
};

/// Either a value or an Error, in the manner of std::expected (C++23). [[nodiscard]]: a
/// result dropped on the floor is an error nobody reported.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Error error)
        : m_value(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_value); }
    const T& value() const& { return std::get<T>(m_value); }
    T&& value() && { return std::get<T>(std::move(m_value)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(m_value); }
    /// The value, or `fallback` when this is an Error (for callers with a sensible default).
    T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_value;
};

/// A Result that carries no value: success, or an Error. [[nodiscard]] for the same reason.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
    {
    }
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace Rewind

Q_DECLARE_METATYPE(Rewind::Error)
