#pragma once

#include "model/error.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <memory>

namespace Rewind {

class ScriptEngine;

/// A user's JavaScript — a domain file, a projection file, a query's expression — and the
/// engines that run it. A QJSEngine belongs to the thread that made it, while a domain is shared
/// by the threads that fold (the window folds in the background), so every thread gets an engine
/// of its own the first time it asks, made from the same text. The program is immutable and may
/// be used from any thread.
class ScriptProgram {
public:
    static constexpr std::chrono::milliseconds DefaultTimeLimit { 1000 };

    /// Reads `path` and evaluates it once on this thread: a file that cannot be read, a syntax
    /// error (file, line and column) or a script that throws is an Error.
    static Result<std::shared_ptr<const ScriptProgram>> load(
        const QString& path, std::chrono::milliseconds timeLimit = DefaultTimeLimit);
    /// The same for text that is not in a file; `name` stands for the file in errors, and
    /// `columnOffset` is taken off first-line columns (text wrapped around an expression).
    static Result<std::shared_ptr<const ScriptProgram>> fromText(const QString& text, const QString& name,
        int columnOffset = 0, std::chrono::milliseconds timeLimit = DefaultTimeLimit);

    ~ScriptProgram();
    ScriptProgram(const ScriptProgram&) = delete;
    ScriptProgram& operator=(const ScriptProgram&) = delete;

    QString file() const { return m_file; }
    /// SHA-256 of the text: a changed file is another program (the analysis cache's key).
    QByteArray digest() const { return m_digest; }
    std::chrono::milliseconds timeLimit() const { return m_timeLimit; }

    /// The calling thread's engine, made and evaluated on first use; an Error when the script
    /// fails on this thread (it ran past the time limit at the top level, say).
    Result<ScriptEngine*> engine() const;

private:
    ScriptProgram(QString text, QString file, int columnOffset, std::chrono::milliseconds timeLimit);

    QString m_text;
    QString m_file;
    int m_columnOffset = 0;
    std::chrono::milliseconds m_timeLimit;
    QByteArray m_digest;
    quint64 m_id = 0; ///< never reused, unlike an address, to find this program's engines
};

} // namespace Rewind
