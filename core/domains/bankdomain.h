#pragma once

#include "domains/domain.h"
#include "model/decimal.h"
#include "model/state.h"

#include <QString>

#include <optional>

namespace Rewind {

/// One bank account as the `bank` domain folds it. Native fields, so a replay allocates nothing
/// per event; `{"balance": number, "closed": bool, "owner": string|null}` outside the fold.
struct BankState final : public State {
    Decimal balance;
    bool closed = false;
    std::optional<QString> owner; ///< set by Opened; null for an account that never was

    std::unique_ptr<State> clone() const override { return std::make_unique<BankState>(*this); }
    JsonValue toJson() const override;
};

/// The built-in `bank` domain: Opened, Deposited, Withdrawn, Closed (and their older names), and
/// the commands open, deposit, withdraw, close. Amounts are exact decimals read from the JSON text.
class BankDomain final : public Domain {
public:
    BankDomain() = default;

    QString name() const override;
    QStringList eventTypes() const override;
    QString canonicalType(const QString& type) const override;

    std::unique_ptr<State> initialState() const override;
    std::unique_ptr<State> stateFromJson(const JsonValue& json) const override;
    void evolve(State& state, const Event& event, Anomalies& found) const override;

    QStringList commandNames() const override;
    Decision decide(const Command& command, const State& state) const override;
    QList<CommandArgument> commandArguments(const QString& command) const override;
    QString handlerText(const QString& type) const override;

    QString chartPath() const override;
    QString summary(const Event& event) const override;
    bool isMoney(const QString& field) const override;
};

} // namespace Rewind
