// Projection: every cart's total as its events left it, and the sum of the carts checked out.
// Prices are counted in whole ten-thousandths so that totals do not drift (see cart.js).
const units = (amount) => Math.round(amount * 10000);
const known = (value) => typeof value === "number" && isFinite(value);

function cart(state, event) {
    return state.carts[event.stream] || (state.carts[event.stream] = { lines: {}, total: 0, checkedOut: false });
}

function retotal(entry) {
    let sum = 0;
    for (const sku of Object.keys(entry.lines))
        sum += units(entry.lines[sku].unitPrice) * entry.lines[sku].quantity;
    entry.total = sum / 10000;
}

function checkedOut(state, event) {
    const entry = cart(state, event);
    if (!entry.checkedOut) {
        entry.checkedOut = true;
        state.checkedOut = (units(state.checkedOut) + units(entry.total)) / 10000;
    }
    return state;
}

({
    init: () => ({ carts: {}, checkedOut: 0 }),
    when: {
        ItemAdded: (state, event) => {
            const entry = cart(state, event);
            const sku = event.data.sku;
            if (typeof sku !== "string" || !Number.isInteger(event.data.quantity)) return state;
            const line = entry.lines[sku] || (entry.lines[sku] = { quantity: 0, unitPrice: 0 });
            line.quantity += event.data.quantity;
            if (known(event.data.unitPrice)) line.unitPrice = event.data.unitPrice;
            retotal(entry);
            return state;
        },
        ItemRemoved: (state, event) => {
            const entry = cart(state, event);
            const line = entry.lines[event.data.sku];
            if (!line) return state;
            const quantity = event.data.quantity;
            if (quantity === undefined || quantity === null || line.quantity - quantity <= 0)
                delete entry.lines[event.data.sku];
            else if (Number.isInteger(quantity) && quantity > 0)
                line.quantity -= quantity;
            retotal(entry);
            return state;
        },
        QuantityChanged: (state, event) => {
            const line = cart(state, event).lines[event.data.sku];
            if (!line || !Number.isInteger(event.data.quantity)) return state;
            line.quantity = event.data.quantity;
            retotal(cart(state, event));
            return state;
        },
        CheckedOut: checkedOut,
        CartCheckedOut: checkedOut,
    },
})
