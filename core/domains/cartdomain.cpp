#include "domains/cartdomain.h"

#include "domains/eventdata.h"
#include "domains/eventtypetable.h"
#include "domains/summarytext.h"

#include <initializer_list>

namespace Rewind {

namespace {

enum class CartEvent { Unknown = -1, ItemAdded, ItemRemoved, QuantityChanged, CheckedOut };

// In CartEvent's order.
const EventTypeTable Types {
    { QLatin1String("ItemAdded"), {} },
    { QLatin1String("ItemRemoved"), {} },
    { QLatin1String("QuantityChanged"), {} },
    { QLatin1String("CheckedOut"), { QLatin1String("CartCheckedOut") } },
};

CartEvent cartEvent(const QString& type) { return CartEvent(Types.indexOf(type)); }

struct Quantity {
    qint64 value = 0;
    QString refusal;
};

Quantity quantityArgument(const QString& text)
{
    const std::optional<Decimal> quantity = Decimal::parse(text);
    if (!text.isEmpty() && (!quantity || quantity->units() % Decimal::Scale != 0))
        return { 0, QStringLiteral("quantity must be a whole number") };
    if (!quantity || !quantity->isPositive())
        return { 0, QStringLiteral("quantity must be positive") };
    return { quantity->units() / Decimal::Scale, {} };
}

} // namespace

std::optional<Decimal> CartState::total() const
{
    Decimal sum;
    for (const auto& [sku, item] : items) {
        const std::optional<Decimal> line = item.unitPrice.times(item.quantity);
        const std::optional<Decimal> next = line ? sum.plus(*line) : std::nullopt;
        if (!next)
            return std::nullopt;
        sum = *next;
    }
    return sum;
}

JsonValue CartState::toJson() const
{
    QList<JsonValue::Member> lines;
    for (const auto& [sku, item] : items) {
        lines.append({ sku,
            JsonValue::object({
                { QStringLiteral("name"), item.name ? JsonValue(*item.name) : JsonValue::null() },
                { QStringLiteral("quantity"), item.quantity },
                { QStringLiteral("unitPrice"), item.unitPrice },
            }) });
    }
    const std::optional<Decimal> sum = total();
    return JsonValue::object({
        { QStringLiteral("checkedOut"), checkedOut },
        { QStringLiteral("items"), JsonValue::object(std::move(lines)) },
        { QStringLiteral("total"), sum ? JsonValue(*sum) : JsonValue::null() },
    });
}

QString CartDomain::name() const { return QStringLiteral("cart"); }

QStringList CartDomain::eventTypes() const { return Types.names(); }

QString CartDomain::canonicalType(const QString& type) const { return Types.canonical(type); }

std::unique_ptr<State> CartDomain::initialState() const { return std::make_unique<CartState>(); }

std::unique_ptr<State> CartDomain::stateFromJson(const JsonValue& json) const
{
    auto state = std::make_unique<CartState>();
    const JsonValue lines = json.value(QStringLiteral("items"));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const JsonValue line = lines.at(i);
        CartItem item;
        if (const JsonValue name = line.value(QStringLiteral("name")); name.isString())
            item.name = name.toString();
        item.quantity = line.value(QStringLiteral("quantity")).toInteger().value_or(0);
        item.unitPrice = line.value(QStringLiteral("unitPrice")).toDecimal().value_or(Decimal());
        state->items.emplace(lines.keyAt(i), std::move(item));
    }
    // The total is derived from the lines, so a stored one is not read back.
    state->checkedOut = json.value(QStringLiteral("checkedOut")).toBool();
    return state;
}

void CartDomain::evolve(State& state, const Event& event, Anomalies& found) const
{
    Q_ASSERT(dynamic_cast<CartState*>(&state));
    auto& cart = static_cast<CartState&>(state);

    const CartEvent kind = cartEvent(event.type);
    if (kind == CartEvent::Unknown) {
        found.append(Anomaly::at(event, AnomalyKind::UnknownType,
            QStringLiteral("The cart domain does not know the event type \"%1\"").arg(event.type)));
        return;
    }

    EventData data;
    if (!data.read(event.data, { "sku", "name", "quantity", "unitPrice", "total" })) {
        found.append(
            Anomaly::at(event, AnomalyKind::BadData, event.type + QLatin1String(" data is not a JSON object")));
        return;
    }
    if (cart.checkedOut) {
        found.append(Anomaly::at(
            event, AnomalyKind::AfterCheckout, event.type + QLatin1String(" after the cart was checked out")));
    }

    if (kind == CartEvent::CheckedOut) {
        cart.checkedOut = true;
        if (!data.has("total") || data.type("total") == EventData::Type::Null)
            return;
        const std::optional<Decimal> claimed = data.decimal("total");
        if (!claimed) {
            found.append(Anomaly::at(event, AnomalyKind::BadAmount,
                event.type + QLatin1String(" has total ") + data.describe("total")
                    + QLatin1String(", not a number with at most 4 decimal places")));
        } else if (const std::optional<Decimal> total = cart.total(); total && *claimed != *total) {
            found.append(Anomaly::at(event, AnomalyKind::TotalMismatch,
                event.type + QLatin1String(" total ") + claimed->toString()
                    + QLatin1String(" differs from the items' total ") + total->toString()));
        }
        return;
    }

    // Every other event is about one line.
    std::optional<QString> sku = data.string("sku");
    if (!sku) {
        found.append(Anomaly::at(event, AnomalyKind::BadData,
            event.type + QLatin1String(" has sku ") + data.describe("sku") + QLatin1String(", not a string")));
        return;
    }
    const auto line = cart.items.find(*sku);
    if (kind != CartEvent::ItemAdded && line == cart.items.end()) {
        found.append(Anomaly::at(event, AnomalyKind::UnknownSku,
            event.type + QLatin1String(" names sku \"") + *sku + QLatin1String("\", which is not in the cart")));
        return;
    }

    const bool quantityGiven = data.has("quantity") && data.type("quantity") != EventData::Type::Null;
    const std::optional<qint64> quantity = data.integer("quantity");
    if ((kind != CartEvent::ItemRemoved || quantityGiven) && !quantity) {
        found.append(Anomaly::at(event, AnomalyKind::BadQuantity,
            event.type + QLatin1String(" has quantity ") + data.describe("quantity")
                + QLatin1String(", not a whole number")));
        return;
    }
    const bool quantityBad = quantity && *quantity <= 0;
    if (quantityBad) {
        found.append(Anomaly::at(event, AnomalyKind::BadQuantity,
            event.type + QLatin1String(" quantity ") + QString::number(*quantity) + QLatin1String(" is not positive")));
    }

    // A line whose amount would not fit is not applied: the cart stays as it was, and says why.
    const std::optional<CartItem> lineBefore =
        line == cart.items.end() ? std::nullopt : std::optional<CartItem>(line->second);
    const QString changedSku = *sku;
    const auto undoIfOverflowing = [&] {
        if (cart.total())
            return;
        if (lineBefore)
            cart.items[changedSku] = *lineBefore;
        else
            cart.items.erase(changedSku);
        found.append(Anomaly::at(event, AnomalyKind::Overflow,
            event.type + QLatin1String(" would take the cart's total beyond what an amount can hold; not applied")));
    };

    switch (kind) {
    case CartEvent::ItemAdded: {
        std::optional<Decimal> price;
        if (data.has("unitPrice")) {
            price = data.decimal("unitPrice");
            if (!price) {
                found.append(Anomaly::at(event, AnomalyKind::BadAmount,
                    event.type + QLatin1String(" has unitPrice ") + data.describe("unitPrice")
                        + QLatin1String(", not a number with at most 4 decimal places")));
                return;
            }
            if (price->isNegative()) {
                found.append(Anomaly::at(event, AnomalyKind::BadAmount,
                    event.type + QLatin1String(" unitPrice ") + price->toString() + QLatin1String(" is negative")));
            }
        } else if (line == cart.items.end()) {
            found.append(Anomaly::at(event, AnomalyKind::BadData,
                event.type + QLatin1String(" adds sku \"") + *sku + QLatin1String("\" without a unitPrice")));
            return;
        }
        // A quantity ≤ 0 is reported above and still added as written: the debugger shows the
        // literal fold of the history, not a repaired one.
        CartItem& item = cart.items[*std::move(sku)];
        item.quantity += *quantity;
        if (price)
            item.unitPrice = *price;
        if (std::optional<QString> name = data.string("name"))
            item.name = std::move(name);
        undoIfOverflowing();
        return;
    }
    case CartEvent::ItemRemoved:
        // Removing nothing or a negative amount has no literal meaning, so it changes nothing.
        if (quantityBad)
            return;
        if (!quantityGiven || line->second.quantity - *quantity <= 0)
            cart.items.erase(line);
        else
            line->second.quantity -= *quantity;
        return;
    case CartEvent::QuantityChanged:
        // Like ItemAdded, a quantity ≤ 0 is set as written (and reported above).
        line->second.quantity = *quantity;
        undoIfOverflowing();
        return;
    case CartEvent::CheckedOut:
    case CartEvent::Unknown:
        break;
    }
}

QStringList CartDomain::commandNames() const
{
    return { QStringLiteral("add-item"), QStringLiteral("remove-item"), QStringLiteral("change-quantity"),
        QStringLiteral("check-out") };
}

Decision CartDomain::decide(const Command& command, const State& state) const
{
    Q_ASSERT(dynamic_cast<const CartState*>(&state));
    const auto& cart = static_cast<const CartState&>(state);
    const QString name = Command::normalizedName(command.name);
    const bool known = name == QLatin1String("additem") || name == QLatin1String("removeitem")
        || name == QLatin1String("changequantity") || name == QLatin1String("checkout");
    if (!known)
        return Domain::decide(command, state);
    if (cart.checkedOut)
        return Decision::refuse(QStringLiteral("cart is checked out"));

    QJsonObject metadata;
    if (const QString by = command.argument({ QLatin1String("by") }); !by.isEmpty())
        metadata.insert(QLatin1String("by"), by);

    if (name == QLatin1String("checkout")) {
        if (cart.items.empty())
            return Decision::refuse(QStringLiteral("cart is empty"));
        const std::optional<Decimal> total = cart.total();
        if (!total)
            return Decision::refuse(QStringLiteral("the cart's total does not fit an amount"));
        JsonWriter data;
        data.add("total", *total);
        return Decision::accept({ { QStringLiteral("CheckedOut"), data, metadata } });
    }

    const QString sku = command.argument({ QLatin1String("sku") });
    if (sku.isEmpty())
        return Decision::refuse(QStringLiteral("sku must not be empty"));
    const auto line = cart.items.find(sku);
    const QString quantityText = command.argument({ QLatin1String("quantity"), QLatin1String("qty") });

    if (name == QLatin1String("additem")) {
        // Adding one is what a person means when they leave the quantity out.
        const Quantity quantity = quantityArgument(quantityText.isEmpty() ? QStringLiteral("1") : quantityText);
        if (!quantity.refusal.isEmpty())
            return Decision::refuse(quantity.refusal);
        const QString priceText = command.argument({ QLatin1String("unitprice"), QLatin1String("price") });
        Decimal price;
        if (priceText.isEmpty()) {
            if (line == cart.items.end())
                return Decision::refuse(QStringLiteral("price is required for a new item"));
            price = line->second.unitPrice;
        } else {
            const std::optional<Decimal> parsed = Decimal::parse(priceText);
            if (!parsed)
                return Decision::refuse(QStringLiteral("price must be a number with at most 4 decimal places"));
            if (parsed->isNegative())
                return Decision::refuse(QStringLiteral("price must not be negative"));
            price = *parsed;
        }
        CartState after = cart;
        CartItem& added = after.items[sku];
        added.quantity += quantity.value;
        added.unitPrice = price;
        if (!after.total())
            return Decision::refuse(QStringLiteral("the cart's total would overflow"));
        // Keys in the order the store has always written them (sorted), the price exactly.
        JsonWriter data;
        if (const QString itemName = command.argument({ QLatin1String("name") }); !itemName.isEmpty())
            data.add("name", itemName);
        data.add("quantity", quantity.value).add("sku", sku).add("unitPrice", price);
        return Decision::accept({ { QStringLiteral("ItemAdded"), data, metadata } });
    }

    if (line == cart.items.end())
        return Decision::refuse(QStringLiteral("item not in cart"));
    QJsonObject data { { QLatin1String("sku"), sku } };
    if (name == QLatin1String("removeitem")) {
        if (!quantityText.isEmpty()) {
            const Quantity quantity = quantityArgument(quantityText);
            if (!quantity.refusal.isEmpty())
                return Decision::refuse(quantity.refusal);
            data.insert(QLatin1String("quantity"), quantity.value);
        }
        return Decision::accept({ { QStringLiteral("ItemRemoved"), data, metadata } });
    }

    const Quantity quantity = quantityArgument(quantityText);
    if (!quantity.refusal.isEmpty())
        return Decision::refuse(quantity.refusal);
    CartState after = cart;
    after.items[sku].quantity = quantity.value;
    if (!after.total())
        return Decision::refuse(QStringLiteral("the cart's total would overflow"));
    data.insert(QLatin1String("quantity"), quantity.value);
    return Decision::accept({ { QStringLiteral("QuantityChanged"), data, metadata } });
}

QList<CommandArgument> CartDomain::commandArguments(const QString& command) const
{
    const CommandArgument sku { QStringLiteral("sku"), QStringLiteral("SKU-1"), true };
    const CommandArgument by { QStringLiteral("by"), QStringLiteral("who asks (optional)") };
    const QString name = Command::normalizedName(command);
    if (name == QLatin1String("additem")) {
        return { sku, { QStringLiteral("quantity"), QStringLiteral("1") },
            { QStringLiteral("unitPrice"), QStringLiteral("9.99 (needed for a new item)") },
            { QStringLiteral("name"), QStringLiteral("what it is (optional)") }, by };
    }
    if (name == QLatin1String("removeitem"))
        return { sku, { QStringLiteral("quantity"), QStringLiteral("all of it when empty") }, by };
    if (name == QLatin1String("changequantity"))
        return { sku, { QStringLiteral("quantity"), QStringLiteral("2"), true }, by };
    if (name == QLatin1String("checkout"))
        return { by };
    return {};
}

QString CartDomain::handlerText(const QString& type) const
{
    switch (cartEvent(type)) {
    case CartEvent::ItemAdded:
        return QStringLiteral("items[sku].quantity += quantity; unitPrice = unitPrice");
    case CartEvent::ItemRemoved:
        return QStringLiteral("items[sku].quantity -= quantity (all: remove the line)");
    case CartEvent::QuantityChanged:
        return QStringLiteral("items[sku].quantity = quantity");
    case CartEvent::CheckedOut:
        return QStringLiteral("checkedOut = true");
    case CartEvent::Unknown:
        break;
    }
    return {};
}

QString CartDomain::chartPath() const { return QStringLiteral("/total"); }

QString CartDomain::summary(const Event& event) const
{
    using namespace SummaryText;
    const JsonValue data = JsonValue::parse(event.data).value_or({});
    const auto field = [&data](const char* key) { return data.value(QString::fromLatin1(key)); };
    const auto text = [&field](const char* key, const QString& otherwise = {}) {
        const JsonValue value = field(key);
        return value.isString() ? value.toString() : otherwise;
    };
    switch (cartEvent(event.type)) {
    case CartEvent::ItemAdded:
        return QStringLiteral("+%1 %2 %3 @ %4")
            .arg(field("quantity").toInteger().value_or(0))
            .arg(Times)
            .arg(text("name", text("sku")), money(field("unitPrice")));
    case CartEvent::ItemRemoved:
        if (field("quantity").isUndefined())
            return Minus + text("sku") + QLatin1String(" (whole line)");
        return QStringLiteral("%1%2 %3 %4")
            .arg(Minus)
            .arg(field("quantity").toInteger().value_or(0))
            .arg(Times)
            .arg(text("sku"));
    case CartEvent::QuantityChanged:
        return QStringLiteral("%1 %2 %3")
            .arg(text("sku"), QChar(0x2192)) // →
            .arg(field("quantity").toInteger().value_or(0));
    case CartEvent::CheckedOut:
        return field("total").isUndefined() ? QStringLiteral("checked out")
                                            : QLatin1String("checked out, total ") + money(field("total"));
    case CartEvent::Unknown:
        break;
    }
    return Domain::summary(event);
}

bool CartDomain::isMoney(const QString& field) const
{
    return field == QLatin1String("total") || field == QLatin1String("unitPrice") || field == QLatin1String("price");
}

} // namespace Rewind
