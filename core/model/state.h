#pragma once

#include "model/jsonvalue.h"

#include <memory>

namespace Rewind {

/// The state of one aggregate as a domain folds it. Built-in domains keep native fields (exact
/// decimals, flags) so a replay allocates nothing per event; everything outside the fold sees the
/// JSON form, which keeps every digit of every amount.
class State {
public:
    virtual ~State() = default;
    virtual std::unique_ptr<State> clone() const = 0;
    /// The state as JSON, numbers exact, keys sorted.
    virtual JsonValue toJson() const = 0;

protected:
    State() = default;
    State(const State&) = default;
    State& operator=(const State&) = default;
};

} // namespace Rewind
