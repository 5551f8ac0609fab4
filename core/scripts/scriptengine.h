#pragma once

#include "model/error.h"
#include "scripts/scriptwatchdog.h"

#include <QHash>
#include <QJSEngine>
#include <QJSValue>

#include <chrono>

namespace Rewind {

/// One thread's JavaScript engine for one script: a bare QJSEngine (no console, no Qt or Qml
/// extensions, so nothing that reaches a file, a process or the network), the value the script
/// evaluated to, and calls into it that can neither crash nor hang Rewind: an exception becomes
/// an outcome, a call past the time limit is interrupted by the ScriptWatchdog.
class ScriptEngine {
public:
    /// What a call into the script gave.
    struct Outcome {
        enum class Kind { Returned, Threw, TimedOut };
        Kind kind = Kind::Returned;
        QJSValue value; ///< what it returned
        QString error; ///< what it threw (`TypeError: … (line 7)`), or why it was stopped

        bool ok() const { return kind == Kind::Returned; }
    };

    explicit ScriptEngine(std::chrono::milliseconds timeLimit);
    ~ScriptEngine();
    ScriptEngine(const ScriptEngine&) = delete;
    ScriptEngine& operator=(const ScriptEngine&) = delete;

    /// Evaluates a script's text and keeps its value. A syntax error or an exception is an
    /// Error naming `file`, the line and (for a syntax error) the column; `columnOffset` is
    /// taken off the first line's columns when the text was wrapped (an expression in a function).
    Status evaluate(const QString& text, const QString& file, int columnOffset = 0);
    QJSValue value() const { return m_value; }

    /// Calls `function` with `arguments` under the time limit.
    Outcome call(const QJSValue& function, const QJSValueList& arguments);

    /// Calls one of Rewind's own functions (a helper) that catches what the user's code throws
    /// and returns it as a value: no guard around it, one call less per event.
    Outcome callHelper(const QJSValue& helper, const QJSValueList& arguments);

    /// A function of Rewind's own (a fold's driver), compiled once per engine from `source`, a
    /// string literal: the pointer is the key.
    QJSValue helper(const char* source);

    QJSEngine& js() { return m_js; }
    std::chrono::milliseconds timeLimit() const { return m_timeLimit; }
    /// "1 s", "250 ms": the limit as the messages say it.
    QString timeLimitText() const;

private:
    QJSEngine m_js;
    ScriptWatchdog::Watch m_watch { m_js };
    std::chrono::milliseconds m_timeLimit;
    QJSValue m_value;
    QJSValue m_guard; ///< calls a function, turning what it throws into a value
    QHash<const char*, QJSValue> m_helpers;
};

} // namespace Rewind
