#pragma once

#include "domains/domain.h"
#include "model/decimal.h"
#include "model/state.h"

#include <QString>

#include <map>
#include <optional>

namespace Rewind {

/// One line of a cart.
struct CartItem {
    std::optional<QString> name;
    qint64 quantity = 0;
    Decimal unitPrice;

    bool operator==(const CartItem&) const = default;
};

/// One shopping cart as the `cart` domain folds it: its lines by sku, in sku order, and whether
/// it was checked out. The total is not stored but computed exactly, Σ quantity × unitPrice.
/// `{"items": {"<sku>": {"name", "quantity", "unitPrice"}}, "total": number, "checkedOut": bool}`.
struct CartState final : public State {
    std::map<QString, CartItem> items;
    bool checkedOut = false;

    /// The lines' sum; empty when it does not fit an amount (the fold keeps that from happening).
    std::optional<Decimal> total() const;
    std::unique_ptr<State> clone() const override { return std::make_unique<CartState>(*this); }
    JsonValue toJson() const override;
};

/// The built-in `cart` domain: ItemAdded, ItemRemoved, QuantityChanged, CheckedOut, and the
/// commands add-item, remove-item, change-quantity, check-out.
class CartDomain final : public Domain {
public:
    CartDomain() = default;

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
