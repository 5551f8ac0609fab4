#include "domains/genericdomain.h"

namespace Rewind {

QString GenericDomain::name() const { return QStringLiteral("generic"); }

QStringList GenericDomain::eventTypes() const { return {}; }

QString GenericDomain::canonicalType(const QString& type) const
{
    Q_UNUSED(type)
    return {};
}

std::unique_ptr<State> GenericDomain::initialState() const { return std::make_unique<GenericState>(); }

std::unique_ptr<State> GenericDomain::stateFromJson(const JsonValue& json) const
{
    auto state = std::make_unique<GenericState>();
    state->fields = json.isObject() ? json : JsonValue::object({});
    return state;
}

void GenericDomain::evolve(State& state, const Event& event, Anomalies& found) const
{
    Q_ASSERT(dynamic_cast<GenericState*>(&state));
    auto& merged = static_cast<GenericState&>(state);
    // Exact, so ids and amounts in the merged state keep every digit.
    const Result<JsonValue> data = JsonValue::parse(event.data);
    if (!data || !data->isObject()) {
        found.append(Anomaly { QLatin1String(AnomalyKind::BadData), event.stream, event.version, event.position,
            event.type + QLatin1String(" data is not a JSON object") });
        return;
    }
    merged.fields = merged.fields.merged(*data);
}

} // namespace Rewind
