// Projection: each owner's balance over all of their accounts, and the accounts they hold.
// Amounts are summed in whole ten-thousandths so that they do not drift (see bank.js).
const units = (amount) => Math.round(amount * 10000);
const isAmount = (value) => typeof value === "number" && isFinite(value);

function move(sign) {
    return (state, event) => {
        const owner = state.ownerOf[event.stream];
        if (owner === undefined || !isAmount(event.data.amount))
            return state;
        const entry = state.owners[owner];
        entry.balance = (units(entry.balance) + sign * units(event.data.amount)) / 10000;
        return state;
    };
}

function opened(state, event) {
    const owner = event.data.owner;
    if (typeof owner !== "string")
        return state;
    state.ownerOf[event.stream] = owner;
    const entry = state.owners[owner] || (state.owners[owner] = { balance: 0, accounts: [] });
    entry.accounts.push(event.stream);
    return state;
}

({
    init: () => ({ owners: {}, ownerOf: {} }),
    when: {
        Opened: opened,
        AccountOpened: opened,
        Deposited: move(+1),
        MoneyDeposited: move(+1),
        Withdrawn: move(-1),
        MoneyWithdrawn: move(-1),
    },
})
