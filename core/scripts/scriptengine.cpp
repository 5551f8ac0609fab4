#include "scripts/scriptengine.h"

#include <QStringList>

namespace Rewind {

namespace {
/// `(f, args) → {ok, value | error}`: what a function throws, whatever it is (an Error, a
/// string, a number), comes back as text instead of leaving the engine in an exception.
const char* const GuardSource = R"js((function (f, args) {
    "use strict";
    try {
        return { ok: true, value: f.apply(undefined, args) };
    } catch (e) {
        var text = (e instanceof Error) ? e.name + ": " + e.message : String(e);
        if (e instanceof Error && e.lineNumber > 0)
            text += " (line " + e.lineNumber + ")";
        return { ok: false, error: text };
    }
}))js";
}

ScriptEngine::ScriptEngine(std::chrono::milliseconds timeLimit)
    : m_timeLimit(timeLimit)
{
    // Deliberately no installExtensions(): no console, no print, no gc, no translation.
    m_guard = m_js.evaluate(QString::fromLatin1(GuardSource));
    Q_ASSERT(m_guard.isCallable());
}

ScriptEngine::~ScriptEngine() = default;

QString ScriptEngine::timeLimitText() const
{
    const auto ms = m_timeLimit.count();
    return ms % 1000 == 0 ? QStringLiteral("%1 s").arg(ms / 1000) : QStringLiteral("%1 ms").arg(ms);
}

Status ScriptEngine::evaluate(const QString& text, const QString& file, int columnOffset)
{
    QStringList trace;
    m_watch.start(m_timeLimit);
    QJSValue value = m_js.evaluate(text, file, 1, &trace);
    if (m_watch.finish())
        return Error::badInput(
            QStringLiteral("the script ran past the time limit of %1 and was stopped").arg(timeLimitText()), file);
    if (value.isError()) {
        Error error = Error::badInput(value.toString(), file, value.property(QStringLiteral("lineNumber")).toInt());
        // A syntax error's place comes as ":line:column:file" in the trace, the column nowhere else.
        if (!trace.isEmpty()) {
            const QStringList parts = trace.first().split(QLatin1Char(':'));
            if (parts.size() >= 3) {
                if (const int line = parts.at(1).toInt(); line > 0)
                    error.line = line;
                if (const int column = parts.at(2).toInt() - (error.line == 1 ? columnOffset : 0); column > 0)
                    error.column = column;
            }
        }
        return error;
    }
    m_value = value;
    return {};
}

QJSValue ScriptEngine::helper(const char* source)
{
    auto found = m_helpers.find(source);
    if (found == m_helpers.end())
        found = m_helpers.insert(source, m_js.evaluate(QString::fromLatin1(source)));
    return found.value();
}

ScriptEngine::Outcome ScriptEngine::callHelper(const QJSValue& helper, const QJSValueList& arguments)
{
    m_watch.start(m_timeLimit);
    const QJSValue result = helper.call(arguments);
    if (m_watch.finish()) {
        return { Outcome::Kind::TimedOut, {},
            QStringLiteral("ran past the time limit of %1 and was interrupted").arg(timeLimitText()) };
    }
    if (result.isError())
        return { Outcome::Kind::Threw, {}, result.toString() };
    return { Outcome::Kind::Returned, result, {} };
}

ScriptEngine::Outcome ScriptEngine::call(const QJSValue& function, const QJSValueList& arguments)
{
    QJSValue list = m_js.newArray(quint32(arguments.size()));
    for (quint32 i = 0; i < quint32(arguments.size()); ++i)
        list.setProperty(i, arguments.at(qsizetype(i)));
    m_watch.start(m_timeLimit);
    const QJSValue result = m_guard.call({ function, list });
    if (m_watch.finish()) {
        return { Outcome::Kind::TimedOut, {},
            QStringLiteral("ran past the time limit of %1 and was interrupted").arg(timeLimitText()) };
    }
    if (result.isError()) // the guard itself failed: the stack overflowed, memory ran out
        return { Outcome::Kind::Threw, {}, result.toString() };
    if (!result.property(QStringLiteral("ok")).toBool())
        return { Outcome::Kind::Threw, {}, result.property(QStringLiteral("error")).toString() };
    return { Outcome::Kind::Returned, result.property(QStringLiteral("value")), {} };
}

} // namespace Rewind
