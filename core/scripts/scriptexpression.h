#pragma once

#include "model/error.h"
#include "model/event.h"
#include "model/jsonvalue.h"
#include "scripts/scriptprogram.h"

#include <memory>

namespace Rewind {

/// A question asked of every event, in JavaScript: an expression over `state` (the stream's
/// state after the event), `previous` (before it) and `event`, such as `state.balance < 0`.
/// Its value is taken as JavaScript takes a condition (truthy or not).
class ScriptExpression {
public:
    /// A syntax error names "expression", line 1 and the column within `expression`.
    static Result<ScriptExpression> compile(
        const QString& expression, std::chrono::milliseconds timeLimit = ScriptProgram::DefaultTimeLimit);

    /// Whether the expression holds at `event`; an Error naming the event when it throws or runs
    /// past the time limit.
    Result<bool> holds(const JsonValue& state, const JsonValue& previous, const Event& event) const;

    QString text() const { return m_text; }

private:
    ScriptExpression(std::shared_ptr<const ScriptProgram> program, QString text);

    std::shared_ptr<const ScriptProgram> m_program;
    QString m_text;
};

} // namespace Rewind
