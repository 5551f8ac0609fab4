#include "scripts/scriptprojection.h"

#include "scripts/scriptengine.h"
#include "scripts/scriptvalues.h"

#include <algorithm>

namespace Rewind {

namespace {
const QString When = QStringLiteral("when");
const QString Filter = QStringLiteral("filter");

const char* const SaveSource = "(function (state) { return JSON.stringify(state); })";
const char* const RestoreSource = "(function (text) { return text === undefined ? undefined : JSON.parse(text); })";

/// Every so many applied events the read model is saved (as JSON text, in the engine), so a
/// handler that throws half-way through changing it costs a replay of at most these events
/// rather than a copy of the read model at every event.
constexpr qsizetype SaveEvery = 1024;

/// One projection run on one engine.
class Fold {
public:
    Fold(ScriptEngine& js, QString file)
        : m_js(js)
        , m_file(std::move(file))
        , m_when(js.value().property(When))
        , m_filter(js.value().property(Filter))
    {
    }

    Status start()
    {
        const QJSValue init = m_js.value().property(QStringLiteral("init"));
        if (init.isUndefined()) {
            m_state = m_js.js().newObject();
        } else {
            const auto outcome = m_js.call(init, {});
            if (!outcome.ok())
                return Error::badInput(QStringLiteral("init() %1").arg(outcome.error), m_file);
            m_state = outcome.value;
        }
        return save();
    }

    Status take(const Event& event)
    {
        ++m_projected.eventsRead;
        const QJSValue handler = m_when.property(event.type);
        if (!handler.isCallable())
            return {};
        const QJSValue script = ScriptValues::eventToScript(m_js.js(), event);
        if (m_filter.isCallable()) {
            const auto kept = m_js.call(m_filter, { script });
            if (!kept.ok()) {
                m_projected.problems.append(problem(event, QStringLiteral("filter"), kept));
                return {};
            }
            if (!kept.value.toBool())
                return {};
        }
        m_sinceSave.append(event);
        if (apply(handler, script))
            return m_sinceSave.size() >= SaveEvery ? save() : Status();
        return rollBack();
    }

    Result<ScriptProjection::Projected> finish()
    {
        auto model = ScriptValues::fromScript(m_state);
        if (!model)
            return Error::badInput(QStringLiteral("the read model is not JSON: %1").arg(model.error().message), m_file);
        m_projected.eventsApplied = m_appliedAtSave + m_sinceSave.size();
        // A replay after a failure can find a later event's failure first.
        std::stable_sort(m_projected.problems.begin(), m_projected.problems.end(),
            [](const Anomaly& a, const Anomaly& b) { return a.position < b.position; });
        m_projected.readModel = model->isUndefined() ? JsonValue::null() : std::move(model).value();
        return m_projected;
    }

private:
    /// True when the handler took the event; otherwise the problem is noted and the read model
    /// may be half-changed (rollBack mends it).
    bool apply(const QJSValue& handler, const QJSValue& event)
    {
        const auto outcome = m_js.call(handler, { m_state, event });
        if (outcome.ok()) {
            if (!outcome.value.isUndefined())
                m_state = outcome.value;
            return true;
        }
        m_failed = outcome;
        return false;
    }

    Status save()
    {
        const auto saved = m_js.call(m_js.helper(SaveSource), { m_state });
        if (!saved.ok())
            return Error::badInput(QStringLiteral("the read model cannot be saved: %1").arg(saved.error), m_file);
        m_saved = saved.value;
        m_appliedAtSave += m_sinceSave.size();
        m_sinceSave.clear();
        return {};
    }

    /// Back to the last save, then the events since without the ones that failed (the last
    /// of m_sinceSave has just failed). Each round leaves one more event out, so it ends.
    Status rollBack()
    {
        QList<Event> pending = std::exchange(m_sinceSave, {});
        Event failed = pending.takeLast();
        for (;;) {
            m_projected.problems.append(problem(failed, QStringLiteral("when.") + failed.type, m_failed));
            const auto restored = m_js.call(m_js.helper(RestoreSource), { m_saved });
            if (!restored.ok())
                return Error::badInput(
                    QStringLiteral("the read model cannot be restored: %1").arg(restored.error), m_file);
            m_state = restored.value;
            qsizetype failedAt = -1;
            for (qsizetype i = 0; i < pending.size() && failedAt < 0; ++i) {
                const Event& event = pending.at(i);
                if (!apply(m_when.property(event.type), ScriptValues::eventToScript(m_js.js(), event)))
                    failedAt = i;
            }
            if (failedAt < 0) {
                m_sinceSave = std::move(pending);
                return {};
            }
            failed = pending.takeAt(failedAt);
        }
    }

    Anomaly problem(const Event& event, const QString& what, const ScriptEngine::Outcome& outcome) const
    {
        const bool late = outcome.kind == ScriptEngine::Outcome::Kind::TimedOut;
        return Anomaly::at(event, late ? AnomalyKind::ScriptTimeout : AnomalyKind::ScriptError,
            QStringLiteral("%1 (%2) %3%4; the event is left out")
                .arg(what, m_file, late ? QString() : QStringLiteral("threw: "), outcome.error));
    }

    ScriptEngine& m_js;
    QString m_file;
    QJSValue m_when;
    QJSValue m_filter;
    QJSValue m_state;
    QJSValue m_saved;
    QList<Event> m_sinceSave;
    qint64 m_appliedAtSave = 0;
    ScriptEngine::Outcome m_failed;
    ScriptProjection::Projected m_projected;
};
}

ScriptProjection::ScriptProjection(std::shared_ptr<const ScriptProgram> program)
    : m_program(std::move(program))
{
}

Result<ScriptProjection> ScriptProjection::load(const QString& path, std::chrono::milliseconds timeLimit)
{
    auto program = ScriptProgram::load(path, timeLimit);
    if (!program)
        return program.error();
    const auto engine = (*program)->engine();
    if (!engine)
        return engine.error();
    const QJSValue script = (*engine)->value();
    if (!script.isObject() || script.isCallable() || script.isArray())
        return Error::badInput(
            QStringLiteral("a projection file's value is an object: ({ init: () => ({}), when: { … } })"), path);
    const QJSValue when = script.property(When);
    if (!when.isObject() || when.isCallable())
        return Error::badInput(
            QStringLiteral(
                "the projection has no 'when' object: a handler (state, event) => state for each event type"),
            path);
    const QJSValue filter = script.property(Filter);
    if (!filter.isUndefined() && !filter.isCallable())
        return Error::badInput(QStringLiteral("'filter' is not a function (event) => true or false"), path);
    return ScriptProjection(std::move(program).value());
}

Result<ScriptProjection::Projected> ScriptProjection::project(const EventSource& source, qint64 through) const
{
    const auto engine = m_program->engine();
    if (!engine)
        return engine.error();
    Fold fold(**engine, m_program->file());
    if (const Status started = fold.start(); !started)
        return started.error();
    EventFilter filter;
    filter.toPosition = through;
    std::optional<Error> failed;
    const Status read = source.readEvents(filter, [&](const Event& event) {
        const Status taken = fold.take(event);
        if (!taken)
            failed = taken.error();
        return taken.ok();
    });
    if (!read)
        return read.error();
    if (failed)
        return *failed;
    return fold.finish();
}

} // namespace Rewind
