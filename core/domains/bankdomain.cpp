#include "domains/bankdomain.h"

#include "domains/eventdata.h"
#include "domains/eventtypetable.h"
#include "domains/summarytext.h"

namespace Rewind {

namespace {

enum class BankEvent { Unknown = -1, Opened, Deposited, Withdrawn, Closed };

// In BankEvent's order.
const EventTypeTable Types {
    { QLatin1String("Opened"), { QLatin1String("AccountOpened") } },
    { QLatin1String("Deposited"), { QLatin1String("MoneyDeposited") } },
    { QLatin1String("Withdrawn"), { QLatin1String("MoneyWithdrawn") } },
    { QLatin1String("Closed"), { QLatin1String("AccountClosed") } },
};

BankEvent bankEvent(const QString& type) { return BankEvent(Types.indexOf(type)); }

struct Amount {
    Decimal value;
    QString refusal;
};

Amount amountArgument(const Command& command)
{
    const QString text = command.argument({ QLatin1String("amount") });
    if (text.isEmpty())
        return { {}, QStringLiteral("amount must be positive") };
    Decimal::Failure why = Decimal::Failure::NotANumber;
    const std::optional<Decimal> amount = Decimal::parse(text, &why);
    if (!amount && why == Decimal::Failure::TooLarge)
        return { {}, QStringLiteral("amount is too large (amounts go up to 922,337,203,685,477.5807)") };
    if (!amount)
        return { {}, QStringLiteral("amount must be a number with at most 4 decimal places") };
    if (!amount->isPositive())
        return { {}, QStringLiteral("amount must be positive") };
    return { *amount, {} };
}

} // namespace

JsonValue BankState::toJson() const
{
    return JsonValue::object({
        { QStringLiteral("balance"), balance },
        { QStringLiteral("closed"), closed },
        { QStringLiteral("owner"), owner ? JsonValue(*owner) : JsonValue::null() },
    });
}

QString BankDomain::name() const { return QStringLiteral("bank"); }

QStringList BankDomain::eventTypes() const { return Types.names(); }

QString BankDomain::canonicalType(const QString& type) const { return Types.canonical(type); }

std::unique_ptr<State> BankDomain::initialState() const { return std::make_unique<BankState>(); }

std::unique_ptr<State> BankDomain::stateFromJson(const JsonValue& json) const
{
    auto state = std::make_unique<BankState>();
    state->balance = json.value(QStringLiteral("balance")).toDecimal().value_or(Decimal());
    state->closed = json.value(QStringLiteral("closed")).toBool();
    if (const JsonValue owner = json.value(QStringLiteral("owner")); owner.isString())
        state->owner = owner.toString();
    return state;
}

void BankDomain::evolve(State& state, const Event& event, Anomalies& found) const
{
    Q_ASSERT(dynamic_cast<BankState*>(&state));
    auto& account = static_cast<BankState&>(state);

    const BankEvent kind = bankEvent(event.type);
    if (kind == BankEvent::Unknown) {
        found.append(Anomaly::at(event, AnomalyKind::UnknownType,
            QStringLiteral("The bank domain does not know the event type \"%1\"").arg(event.type)));
        return;
    }

    EventData data;
    if (!data.read(event.data, { "amount", "owner" })) {
        found.append(
            Anomaly::at(event, AnomalyKind::BadData, event.type + QLatin1String(" data is not a JSON object")));
        return;
    }
    // A fact after the account closed still happened; it is applied and pointed out.
    if (account.closed) {
        found.append(
            Anomaly::at(event, AnomalyKind::AfterClose, event.type + QLatin1String(" after the account was closed")));
    }

    switch (kind) {
    case BankEvent::Opened: {
        std::optional<QString> owner = data.string("owner");
        if (!owner) {
            found.append(Anomaly::at(event, AnomalyKind::BadData,
                event.type + QLatin1String(" has owner ") + data.describe("owner") + QLatin1String(", not a name")));
            return;
        }
        account.owner = std::move(owner);
        return;
    }
    case BankEvent::Deposited:
    case BankEvent::Withdrawn: {
        Decimal::Failure why = Decimal::Failure::NotANumber;
        const std::optional<Decimal> amount = data.decimal("amount", &why);
        if (!amount) {
            found.append(Anomaly::at(event, AnomalyKind::BadAmount,
                event.type + QLatin1String(" has amount ") + data.describe("amount")
                    + (why == Decimal::Failure::TooLarge
                            ? QLatin1String(", which ") + Decimal::describe(why)
                            : QStringLiteral(", not a number with at most 4 decimal places"))));
            return;
        }
        if (!amount->isPositive()) {
            found.append(Anomaly::at(event, AnomalyKind::BadAmount,
                event.type + QLatin1String(" amount ") + amount->toString() + QLatin1String(" is not positive")));
        }
        const std::optional<Decimal> balance =
            kind == BankEvent::Deposited ? account.balance.plus(*amount) : account.balance.minus(*amount);
        if (!balance) {
            found.append(Anomaly::at(event, AnomalyKind::Overflow,
                event.type + QLatin1Char(' ') + amount->toString() + QLatin1String(" would take the balance of ")
                    + account.balance.toString() + QLatin1String(" beyond what an amount can hold; not applied")));
            return;
        }
        account.balance = *balance;
        if (kind == BankEvent::Deposited)
            return;
        if (account.balance.isNegative() && amount->isPositive()) {
            found.append(Anomaly::at(event, AnomalyKind::Overdraft,
                event.type + QLatin1Char(' ') + amount->toString() + QLatin1String(" leaves the balance at ")
                    + account.balance.toString()));
        }
        return;
    }
    case BankEvent::Closed:
        account.closed = true;
        return;
    case BankEvent::Unknown:
        break;
    }
}

QStringList BankDomain::commandNames() const
{
    return { QStringLiteral("open"), QStringLiteral("deposit"), QStringLiteral("withdraw"), QStringLiteral("close") };
}

Decision BankDomain::decide(const Command& command, const State& state) const
{
    Q_ASSERT(dynamic_cast<const BankState*>(&state));
    const auto& account = static_cast<const BankState&>(state);
    const QString name = Command::normalizedName(command.name);
    if (!commandNames().contains(name))
        return Domain::decide(command, state);
    if (account.closed)
        return Decision::refuse(QStringLiteral("account is closed"));

    const QString by = command.argument({ QLatin1String("by") });
    QJsonObject metadata;
    if (!by.isEmpty())
        metadata.insert(QLatin1String("by"), by);
    const auto withBy = [&by](QJsonObject data) {
        if (!by.isEmpty())
            data.insert(QLatin1String("by"), by);
        return data;
    };

    if (name == QLatin1String("open")) {
        if (account.owner)
            return Decision::refuse(QStringLiteral("already open"));
        const QString owner = command.argument({ QLatin1String("owner") });
        if (owner.isEmpty())
            return Decision::refuse(QStringLiteral("owner must not be empty"));
        return Decision::accept(
            { { QStringLiteral("Opened"), QJsonObject { { QLatin1String("owner"), owner } }, metadata } });
    }
    if (name == QLatin1String("close"))
        return Decision::accept({ { QStringLiteral("Closed"), withBy({}), metadata } });

    const Amount amount = amountArgument(command);
    if (!amount.refusal.isEmpty())
        return Decision::refuse(amount.refusal);
    // The amount as decided, every digit of it: a double would store another amount.
    JsonWriter data;
    data.add("amount", amount.value);
    if (!by.isEmpty())
        data.add("by", by);
    if (name == QLatin1String("deposit")) {
        if (!account.balance.plus(amount.value))
            return Decision::refuse(QStringLiteral("the balance would overflow"));
        return Decision::accept({ { QStringLiteral("Deposited"), data, metadata } });
    }
    if (amount.value > account.balance)
        return Decision::refuse(QStringLiteral("insufficient funds"));
    return Decision::accept({ { QStringLiteral("Withdrawn"), data, metadata } });
}

QList<CommandArgument> BankDomain::commandArguments(const QString& command) const
{
    const CommandArgument by { QStringLiteral("by"), QStringLiteral("who asks (optional)") };
    const QString name = Command::normalizedName(command);
    if (name == QLatin1String("open"))
        return { { QStringLiteral("owner"), QStringLiteral("the owner's name"), true }, by };
    if (name == QLatin1String("deposit") || name == QLatin1String("withdraw"))
        return { { QStringLiteral("amount"), QStringLiteral("100.00"), true }, by };
    if (name == QLatin1String("close"))
        return { by };
    return {};
}

QString BankDomain::handlerText(const QString& type) const
{
    switch (bankEvent(type)) {
    case BankEvent::Opened:
        return QStringLiteral("owner = owner");
    case BankEvent::Deposited:
        return QStringLiteral("balance += amount");
    case BankEvent::Withdrawn:
        return QStringLiteral("balance -= amount (below 0: overdraft)");
    case BankEvent::Closed:
        return QStringLiteral("closed = true");
    case BankEvent::Unknown:
        break;
    }
    return {};
}

QString BankDomain::chartPath() const { return QStringLiteral("/balance"); }

QString BankDomain::summary(const Event& event) const
{
    using namespace SummaryText;
    const JsonValue data = JsonValue::parse(event.data).value_or({});
    switch (bankEvent(event.type)) {
    case BankEvent::Deposited:
        return QLatin1Char('+') + money(data.value(QStringLiteral("amount"))) + byActor(event);
    case BankEvent::Withdrawn:
        return Minus + money(data.value(QStringLiteral("amount"))) + byActor(event);
    case BankEvent::Opened:
        return QLatin1String("opened for ") + data.value(QStringLiteral("owner")).toString();
    case BankEvent::Closed:
        return QLatin1String("closed") + byActor(event);
    case BankEvent::Unknown:
        break;
    }
    return Domain::summary(event);
}

bool BankDomain::isMoney(const QString& field) const
{
    return field == QLatin1String("balance") || field == QLatin1String("amount");
}

} // namespace Rewind
