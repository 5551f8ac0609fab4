#include "scripts/scriptdomain.h"

#include "scripts/scriptengine.h"
#include "scripts/scriptvalues.h"

#include <QFileInfo>
#include <QJSValueIterator>

namespace Rewind {

namespace {
const QString When = QStringLiteral("when");
const QString Invariants = QStringLiteral("invariants");
const QString Decide = QStringLiteral("decide");
const QString Threw = QStringLiteral("threw");
const QString StateKey = QStringLiteral("state");
const QString AnomaliesKey = QStringLiteral("anomalies");

/// Applies a handler and checks the invariants in one call into the engine. `previous` is a copy
/// of the state before the event (the handler may change its argument in place). A handler may
/// also report anomalies itself, with its third argument: `report(kind, message)`.
const char* const EvolveSource = R"js((function () {
    "use strict";
    var found = [];
    function report(kind, message) {
        found.push({ kind: String(kind), message: String(message === undefined ? "" : message) });
    }
    return function (handler, state, previous, event, invariants) {
        found = [];
        var result;
        try {
            result = handler(state, event, report);
        } catch (e) {
            var text = (e instanceof Error) ? e.name + ": " + e.message : String(e);
            if (e instanceof Error && e.lineNumber > 0)
                text += " (line " + e.lineNumber + ")";
            return { threw: text };
        }
        if (result === undefined)
            result = state;
        for (var i = 0; i < invariants.length; ++i) {
            var verdict;
            try {
                verdict = invariants[i](result, event, previous);
            } catch (e) {
                report("script-error", "invariant " + (i + 1) + " threw: " + String(e));
                continue;
            }
            if (verdict === true || verdict === undefined || verdict === null)
                continue;
            if (typeof verdict === "string")
                report("invariant", verdict);
            else if (verdict === false)
                report("invariant", "invariant " + (i + 1) + " does not hold");
            else if (typeof verdict === "object")
                report(verdict.kind || "invariant", verdict.message);
        }
        return { state: result, anomalies: found };
    };
})())js";

QStringList ownKeys(const QJSValue& object)
{
    QStringList keys;
    QJSValueIterator it(object);
    while (it.hasNext()) {
        it.next();
        keys.append(it.name());
    }
    return keys;
}

/// `{type, data?, metadata?}` as the event a command decided on, or an empty type.
NewEvent newEvent(const JsonValue& json)
{
    NewEvent event;
    event.type = json.value(QStringLiteral("type")).toString();
    const auto writer = [](const JsonValue& object) {
        JsonWriter written;
        for (qsizetype i = 0; i < object.size(); ++i)
            written.addJson(object.keyAt(i).toUtf8().constData(), object.at(i).toJson());
        return written;
    };
    if (const JsonValue data = json.value(QStringLiteral("data")); data.isObject())
        event.data = writer(data);
    if (const JsonValue metadata = json.value(QStringLiteral("metadata")); metadata.isObject())
        event.metadata = writer(metadata);
    return event;
}
}

ScriptDomain::ScriptDomain(std::shared_ptr<const ScriptProgram> program)
    : m_program(std::move(program))
{
}

Result<std::unique_ptr<ScriptDomain>> ScriptDomain::load(const QString& path, std::chrono::milliseconds timeLimit)
{
    auto program = ScriptProgram::load(path, timeLimit);
    if (!program)
        return program.error();
    auto engine = (*program)->engine();
    if (!engine)
        return engine.error();
    const QJSValue script = (*engine)->value();
    const auto bad = [&path](const QString& message) { return Error::badInput(message, path); };
    if (!script.isObject() || script.isCallable() || script.isArray())
        return bad(
            QStringLiteral("a domain file's value is an object: ({ name: \"…\", init: () => ({}), when: { … } })"));

    std::unique_ptr<ScriptDomain> domain(new ScriptDomain(std::move(program).value()));
    const QJSValue name = script.property(QStringLiteral("name"));
    domain->m_name = name.isString() && !name.toString().trimmed().isEmpty() ? name.toString().trimmed()
                                                                             : QFileInfo(path).completeBaseName();
    const QJSValue when = script.property(When);
    if (!when.isObject() || when.isCallable())
        return bad(
            QStringLiteral("the domain has no 'when' object: a handler (state, event) => state for each event type"));
    for (const QString& type : ownKeys(when)) {
        if (!when.property(type).isCallable())
            return bad(QStringLiteral("when.%1 is not a function (state, event) => state").arg(type));
        domain->m_eventTypes.append(type);
    }
    const QJSValue invariants = script.property(Invariants);
    if (!invariants.isUndefined()) {
        if (!invariants.isArray())
            return bad(QStringLiteral("'invariants' is not a list of functions (state, event) => true or \"rule\""));
        const quint32 count = invariants.property(QStringLiteral("length")).toUInt();
        for (quint32 i = 0; i < count; ++i) {
            if (!invariants.property(i).isCallable())
                return bad(QStringLiteral("invariant %1 is not a function").arg(i + 1));
        }
        domain->m_hasInvariants = count > 0;
    }
    const QJSValue decide = script.property(Decide);
    if (!decide.isUndefined()) {
        if (!decide.isObject() || decide.isCallable())
            return bad(QStringLiteral("'decide' is not an object of functions (state, args) => [events]"));
        for (const QString& command : ownKeys(decide)) {
            if (!decide.property(command).isCallable())
                return bad(QStringLiteral("decide.%1 is not a function (state, args) => [events]").arg(command));
            domain->m_commandNames.append(command);
        }
    }
    const QJSValue chart = script.property(QStringLiteral("chart"));
    if (chart.isString())
        domain->m_chartPath = chart.toString();
    else if (!chart.isUndefined())
        return bad(QStringLiteral("'chart' is not a JSON Pointer such as \"/balance\""));
    domain->m_hasSummary = script.property(QStringLiteral("summary")).isCallable();
    domain->m_hasMatches = script.property(QStringLiteral("matches")).isCallable();

    // The initial state, once: every fold starts from this JSON.
    const QJSValue init = script.property(QStringLiteral("init"));
    if (init.isUndefined()) {
        domain->m_initial = JsonValue::object({});
    } else {
        if (!init.isCallable())
            return bad(QStringLiteral("'init' is not a function () => state"));
        const auto outcome = (*engine)->call(init, {});
        if (!outcome.ok())
            return bad(
                QStringLiteral("init() %1")
                    .arg(outcome.kind == ScriptEngine::Outcome::Kind::Threw ? QStringLiteral("threw: ") + outcome.error
                                                                            : outcome.error));
        auto initial = ScriptValues::fromScript(outcome.value);
        if (!initial)
            return bad(QStringLiteral("init() returned a state that is not JSON: ") + initial.error().message);
        domain->m_initial = initial->isUndefined() ? JsonValue::object({}) : std::move(initial).value();
    }
    return domain;
}

QByteArray ScriptDomain::identity() const { return m_name.toUtf8() + " script " + m_program->digest().toHex(); }

QString ScriptDomain::canonicalType(const QString& type) const
{
    return m_eventTypes.contains(type) ? type : QString();
}

std::unique_ptr<State> ScriptDomain::initialState() const
{
    auto state = std::make_unique<ScriptState>();
    state->json = m_initial;
    return state;
}

std::unique_ptr<State> ScriptDomain::stateFromJson(const JsonValue& json) const
{
    auto state = std::make_unique<ScriptState>();
    state->json = json.isUndefined() ? m_initial : json;
    return state;
}

void ScriptDomain::evolve(State& state, const Event& event, Anomalies& found) const
{
    Q_ASSERT(dynamic_cast<ScriptState*>(&state));
    auto& current = static_cast<ScriptState&>(state);
    if (!m_eventTypes.contains(event.type)) {
        found.append(Anomaly::at(event, AnomalyKind::UnknownType,
            QStringLiteral("The %1 domain does not know the event type \"%2\"").arg(m_name, event.type)));
        return;
    }
    const auto engine = m_program->engine();
    if (!engine) {
        found.append(Anomaly::at(event, AnomalyKind::ScriptError, engine.error().toString()));
        return;
    }
    ScriptEngine& js = **engine;
    const QJSValue driver = js.helper(EvolveSource);
    const QJSValue script = js.value();
    const QJSValue handler = script.property(When).property(event.type);
    const QJSValue invariants = m_hasInvariants ? script.property(Invariants) : js.js().newArray(0);
    const QJSValue before = ScriptValues::toScript(js.js(), current.json);
    const QJSValue previous = m_hasInvariants ? ScriptValues::toScript(js.js(), current.json) : QJSValue();
    auto outcome =
        js.callHelper(driver, { handler, before, previous, ScriptValues::eventToScript(js.js(), event), invariants });
    if (outcome.ok() && outcome.value.hasOwnProperty(Threw)) {
        outcome.kind = ScriptEngine::Outcome::Kind::Threw;
        outcome.error = outcome.value.property(Threw).toString();
    }
    const QString where = QStringLiteral("when.%1 (%2)").arg(event.type, m_program->file());
    if (outcome.kind == ScriptEngine::Outcome::Kind::TimedOut) {
        found.append(Anomaly::at(event, AnomalyKind::ScriptTimeout,
            where + QLatin1Char(' ') + outcome.error + QLatin1String("; the event is not applied")));
        return;
    }
    if (outcome.kind == ScriptEngine::Outcome::Kind::Threw) {
        found.append(Anomaly::at(event, AnomalyKind::ScriptError,
            where + QLatin1String(" threw: ") + outcome.error + QLatin1String("; the event is not applied")));
        return;
    }
    auto after = ScriptValues::fromScript(outcome.value.property(StateKey), current.json);
    if (!after) {
        found.append(Anomaly::at(event, AnomalyKind::ScriptError,
            where + QLatin1String(" returned a state that is not JSON: ") + after.error().message
                + QLatin1String("; the event is not applied")));
        return;
    }
    current.json = after->isUndefined() ? JsonValue::null() : std::move(after).value();
    const QJSValue broken = outcome.value.property(AnomaliesKey);
    const quint32 count = broken.property(QStringLiteral("length")).toUInt();
    for (quint32 i = 0; i < count; ++i) {
        const QJSValue anomaly = broken.property(i);
        found.append(Anomaly { anomaly.property(QStringLiteral("kind")).toString(), event.stream, event.version,
            event.position, anomaly.property(QStringLiteral("message")).toString() });
    }
}

Decision ScriptDomain::decide(const Command& command, const State& state) const
{
    Q_ASSERT(dynamic_cast<const ScriptState*>(&state));
    const auto& current = static_cast<const ScriptState&>(state);
    const QString wanted = Command::normalizedName(command.name);
    QString name;
    for (const QString& known : m_commandNames) {
        if (Command::normalizedName(known) == wanted)
            name = known;
    }
    if (name.isEmpty())
        return Domain::decide(command, state);
    const auto engine = m_program->engine();
    if (!engine)
        return Decision::refuse(engine.error().toString());
    ScriptEngine& js = **engine;
    QJSValue args = js.js().newObject();
    for (auto it = command.args.cbegin(); it != command.args.cend(); ++it)
        args.setProperty(it.key(), it.value());
    const auto outcome =
        js.call(js.value().property(Decide).property(name), { ScriptValues::toScript(js.js(), current.json), args });
    if (outcome.kind == ScriptEngine::Outcome::Kind::TimedOut)
        return Decision::refuse(QStringLiteral("decide.%1 %2").arg(name, outcome.error));
    if (outcome.kind == ScriptEngine::Outcome::Kind::Threw) // a refusal, as the script meant it
        return Decision::refuse(outcome.error);
    const auto answer = ScriptValues::fromScript(outcome.value);
    if (answer && answer->isString()) // a refusal returned rather than thrown
        return Decision::refuse(answer->toString());
    const auto notEvents = [&name] {
        return Decision::refuse(QStringLiteral(
            "decide.%1 returned something else than a list of events [{type, data}]; nothing was appended")
                                    .arg(name));
    };
    if (!answer || !answer->isArray())
        return notEvents();
    QList<NewEvent> events;
    for (qsizetype i = 0; i < answer->size(); ++i) {
        NewEvent event = newEvent(answer->at(i));
        if (event.type.isEmpty())
            return notEvents();
        events.append(std::move(event));
    }
    if (events.isEmpty())
        return Decision::refuse(QStringLiteral("decide.%1 decided on no events").arg(name));
    return Decision::accept(std::move(events));
}

QString ScriptDomain::summary(const Event& event) const
{
    if (!m_hasSummary)
        return Domain::summary(event);
    const auto engine = m_program->engine();
    if (!engine)
        return Domain::summary(event);
    ScriptEngine& js = **engine;
    const auto outcome =
        js.call(js.value().property(QStringLiteral("summary")), { ScriptValues::eventToScript(js.js(), event) });
    if (!outcome.ok() || !outcome.value.isString())
        return Domain::summary(event);
    return outcome.value.toString();
}

bool ScriptDomain::matches(const QString& stream, const QString& type) const
{
    if (!m_hasMatches)
        return true;
    const auto engine = m_program->engine();
    if (!engine)
        return false;
    ScriptEngine& js = **engine;
    const auto outcome = js.call(js.value().property(QStringLiteral("matches")), { stream, type });
    return outcome.ok() && outcome.value.toBool();
}

} // namespace Rewind
