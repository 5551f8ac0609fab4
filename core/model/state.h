#pragma once

#include "model/jsonwriter.h"

#include <QJsonObject>

#include <memory>

namespace Rewind {

/// The state of one aggregate as a domain folds it. Built-in domains keep native fields (exact
/// decimals, flags) so a replay allocates nothing per event; everything outside the fold sees the
/// JSON form.
class State {
public:
    virtual ~State() = default;
    virtual std::unique_ptr<State> clone() const = 0;
    virtual QJsonObject toJson() const = 0;
    /// The same JSON, written exactly: where toJson's numbers are doubles, a state that holds
    /// exact amounts writes their every digit here. Keys in toJson's (sorted) order.
    virtual JsonWriter toJsonWriter() const { return JsonWriter(toJson()); }

protected:
    State() = default;
    State(const State&) = default;
    State& operator=(const State&) = default;
};

} // namespace Rewind
