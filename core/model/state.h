#pragma once

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

protected:
    State() = default;
    State(const State&) = default;
    State& operator=(const State&) = default;
};

} // namespace Rewind
