#pragma once

#include "domains/domain.h"
#include "model/state.h"

namespace Rewind {

/// The state of a stream no domain claims: the merged data of its events, as JSON.
struct GenericState final : public State {
    JsonValue fields = JsonValue::object({});

    std::unique_ptr<State> clone() const override { return std::make_unique<GenericState>(*this); }
    JsonValue toJson() const override { return fields; }
};

/// The built-in `generic` domain, for any log before a domain exists for it: it knows no event
/// types (so it never claims a stream by them) and folds every event by a deep, last-write-wins
/// merge of its data object. It decides no commands.
class GenericDomain final : public Domain {
public:
    GenericDomain() = default;

    QString name() const override;
    QStringList eventTypes() const override;
    QString canonicalType(const QString& type) const override;

    std::unique_ptr<State> initialState() const override;
    std::unique_ptr<State> stateFromJson(const JsonValue& json) const override;
    void evolve(State& state, const Event& event, Anomalies& found) const override;
};

} // namespace Rewind
