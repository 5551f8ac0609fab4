#include "scripts/scriptexpression.h"

#include "scripts/scriptengine.h"
#include "scripts/scriptvalues.h"

namespace Rewind {

namespace {
const QLatin1String Prefix("(function (state, previous, event) { \"use strict\"; return (");
}

ScriptExpression::ScriptExpression(std::shared_ptr<const ScriptProgram> program, QString text)
    : m_program(std::move(program))
    , m_text(std::move(text))
{
}

Result<ScriptExpression> ScriptExpression::compile(const QString& expression, std::chrono::milliseconds timeLimit)
{
    if (expression.trimmed().isEmpty())
        return Error::badInput(QStringLiteral("the expression is empty (e.g. 'state.balance < 0')"));
    // The closing parenthesis on a line of its own, so a trailing `//` comment cannot hide it.
    auto program = ScriptProgram::fromText(
        Prefix + expression + QLatin1String("\n); })"), QStringLiteral("expression"), int(Prefix.size()), timeLimit);
    if (!program) {
        Error error = program.error();
        // Past the expression (the wrapper's closing line): it ended too early.
        if (error.line > expression.count(QLatin1Char('\n')) + 1) {
            error.line = 1;
            error.column = expression.size() + 1;
        }
        return error;
    }
    return ScriptExpression(std::move(program).value(), expression);
}

Result<bool> ScriptExpression::holds(const JsonValue& state, const JsonValue& previous, const Event& event) const
{
    const auto engine = m_program->engine();
    if (!engine)
        return engine.error();
    ScriptEngine& js = **engine;
    const auto outcome = js.call(js.value(),
        { ScriptValues::toScript(js.js(), state), ScriptValues::toScript(js.js(), previous),
            ScriptValues::eventToScript(js.js(), event) });
    if (!outcome.ok()) {
        return Error::badInput(QStringLiteral("the expression %1 at %2 v%3 (position %4): %5")
                                   .arg(outcome.kind == ScriptEngine::Outcome::Kind::Threw ? QStringLiteral("threw")
                                                                                           : QStringLiteral("stopped"))
                                   .arg(event.stream)
                                   .arg(event.version)
                                   .arg(event.position)
                                   .arg(outcome.error));
    }
    return outcome.value.toBool();
}

} // namespace Rewind
