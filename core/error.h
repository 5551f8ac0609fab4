#pragma once

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
        Conflict, ///< a stale writer (optimistic concurrency): exit status 1
        Failure, ///< anything else (I/O, SQLite): exit status 1
    };

    Kind kind = Kind::BadInput;
    QString file;
    qint64 line = 0; ///< 1-based line or row; 0 when the problem is not on one line
    QString message;

    static Error badInput(QString message, QString file = {}, qint64 line = 0)
    {
        return { Kind::BadInput, std::move(file), line, std::move(message) };
    }
    static Error failure(QString message, QString file = {})
    {
        return { Kind::Failure, std::move(file), 0, std::move(message) };
    }

    QString toString() const
    {
        QString where = file;
        if (line > 0)
            where += QLatin1Char(':') + QString::number(line);
        return where.isEmpty() ? message : where + QLatin1String(": ") + message;
    }
};

/// Either a value or an Error, in the manner of std::expected (C++23).
template <typename T> class Result {
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

private:
    std::variant<T, Error> m_value;
};

/// A Result that carries no value: success, or an Error.
class Status {
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
