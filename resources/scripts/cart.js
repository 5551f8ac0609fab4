// The cart domain as a script: the same states and anomalies as Rewind's built-in `cart` domain
// (a test compares them on random histories). Prices are counted in whole ten-thousandths, which
// doubles hold exactly, so totals do not drift (see bank.js).
const units = (amount) => Math.round(amount * 10000);
const isAmount = (value) => typeof value === "number" && isFinite(value)
    && Math.abs(value * 10000 - Math.round(value * 10000)) < 1e-6;
const given = (value) => value !== undefined && value !== null;

function totalOf(items) {
    let sum = 0;
    for (const sku of Object.keys(items))
        sum += units(items[sku].unitPrice) * items[sku].quantity;
    return sum / 10000;
}

function withTotal(state) {
    state.total = totalOf(state.items);
    return state;
}

// The line an event names, or a report of why it names none.
function skuOf(event, report) {
    if (typeof event.data.sku !== "string") {
        report("bad-data", event.type + " has sku " + JSON.stringify(event.data.sku) + ", not a string");
        return null;
    }
    return event.data.sku;
}

function wholeQuantity(event, report) {
    const quantity = event.data.quantity;
    if (!Number.isInteger(quantity)) {
        report("bad-quantity", event.type + " has quantity " + JSON.stringify(quantity) + ", not a whole number");
        return null;
    }
    if (quantity <= 0)
        report("bad-quantity", event.type + " quantity " + quantity + " is not positive");
    return quantity;
}

function inCart(state, sku, event, report) {
    if (!(sku in state.items)) {
        report("unknown-sku", event.type + " names sku \"" + sku + "\", which is not in the cart");
        return false;
    }
    return true;
}

function checkedOut(state, event, report) {
    state.checkedOut = true;
    const claimed = event.data.total;
    if (!given(claimed)) return state;
    if (!isAmount(claimed))
        report("bad-amount", event.type + " has total " + JSON.stringify(claimed)
            + ", not a number with at most 4 decimal places");
    else if (units(claimed) !== units(state.total))
        report("total-mismatch", event.type + " total " + claimed + " differs from the items' total " + state.total);
    return state;
}

({
    name: "cart",
    init: () => ({ checkedOut: false, items: {}, total: 0 }),
    when: {
        ItemAdded: (state, event, report) => {
            const sku = skuOf(event, report);
            if (sku === null) return state;
            const quantity = wholeQuantity(event, report);
            if (quantity === null) return state;
            const price = event.data.unitPrice;
            if (price !== undefined) {
                if (!isAmount(price)) {
                    report("bad-amount", event.type + " has unitPrice " + JSON.stringify(price)
                        + ", not a number with at most 4 decimal places");
                    return state;
                }
                if (price < 0) report("bad-amount", event.type + " unitPrice " + price + " is negative");
            } else if (!(sku in state.items)) {
                report("bad-data", event.type + " adds sku \"" + sku + "\" without a unitPrice");
                return state;
            }
            const line = state.items[sku] || (state.items[sku] = { name: null, quantity: 0, unitPrice: 0 });
            line.quantity += quantity;
            if (price !== undefined) line.unitPrice = price;
            if (typeof event.data.name === "string") line.name = event.data.name;
            return withTotal(state);
        },
        ItemRemoved: (state, event, report) => {
            const sku = skuOf(event, report);
            if (sku === null || !inCart(state, sku, event, report)) return state;
            if (!given(event.data.quantity)) {
                delete state.items[sku];
                return withTotal(state);
            }
            const quantity = wholeQuantity(event, report);
            if (quantity === null || quantity <= 0) return state; // removing nothing changes nothing
            if (state.items[sku].quantity - quantity <= 0) delete state.items[sku];
            else state.items[sku].quantity -= quantity;
            return withTotal(state);
        },
        QuantityChanged: (state, event, report) => {
            const sku = skuOf(event, report);
            if (sku === null || !inCart(state, sku, event, report)) return state;
            const quantity = wholeQuantity(event, report);
            if (quantity === null) return state;
            state.items[sku].quantity = quantity;
            return withTotal(state);
        },
        CheckedOut: checkedOut,
        CartCheckedOut: checkedOut, // another system's name for it
    },
    invariants: [
        (state, event, previous) => !previous.checkedOut
            || { kind: "after-checkout", message: event.type + " after the cart was checked out" },
    ],
    chart: "/total",
    summary: (event) => event.type === "CheckedOut" ? "checked out" : event.type + " " + (event.data.sku || ""),
})
