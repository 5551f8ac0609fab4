#pragma once

#include "domains/domain.h"
#include "model/state.h"
#include "scripts/scriptprogram.h"

#include <memory>

namespace Rewind {

/// The state a script domain folds: JSON, so it crosses threads and engines freely (each fold
/// hands it to the calling thread's engine and takes the handler's answer back).
struct ScriptState final : public State {
    JsonValue json;

    std::unique_ptr<State> clone() const override { return std::make_unique<ScriptState>(*this); }
    JsonValue toJson() const override { return json; }
};

/// A domain written in JavaScript by the user (docs/scripts.md): a file whose value is an object
/// with `name`, `init`, `when` (a handler per event type), and optionally `invariants`, `decide`,
/// `chart`, `summary` and `matches`. Its handlers run in the calling thread's engine, so a domain
/// may be folded by several threads at once. A handler that throws or runs past the time limit
/// never stops a fold: it is an anomaly at that event, and the state stays as it was before it.
class ScriptDomain final : public Domain {
public:
    /// Loads and checks a domain file: a syntax error names the file, line and column; a file
    /// whose value is not a domain says what is missing.
    static Result<std::unique_ptr<ScriptDomain>> load(
        const QString& path, std::chrono::milliseconds timeLimit = ScriptProgram::DefaultTimeLimit);

    QString name() const override { return m_name; }
    QByteArray identity() const override;
    QStringList eventTypes() const override { return m_eventTypes; }
    QString canonicalType(const QString& type) const override;

    std::unique_ptr<State> initialState() const override;
    std::unique_ptr<State> stateFromJson(const JsonValue& json) const override;
    void evolve(State& state, const Event& event, Anomalies& found) const override;

    QStringList commandNames() const override { return m_commandNames; }
    Decision decide(const Command& command, const State& state) const override;

    QString chartPath() const override { return m_chartPath; }
    QString summary(const Event& event) const override;

    /// The script's `matches(streamId, type)`, or true when it has none.
    bool matches(const QString& stream, const QString& type) const;
    QString file() const { return m_program->file(); }

private:
    explicit ScriptDomain(std::shared_ptr<const ScriptProgram> program);

    std::shared_ptr<const ScriptProgram> m_program;
    QString m_name;
    QStringList m_eventTypes;
    QStringList m_commandNames;
    QString m_chartPath;
    JsonValue m_initial;
    bool m_hasInvariants = false;
    bool m_hasSummary = false;
    bool m_hasMatches = false;
};

} // namespace Rewind
