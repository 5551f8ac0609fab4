// The bank domain as a script: the same states and anomalies as Rewind's built-in `bank` domain
// (a test compares them on random histories). Load it with --domain bank.js, or copy it as the
// start of your own domain.
//
// JavaScript numbers are doubles, where 0.1 + 0.2 is 0.30000000000000004. Money is therefore
// counted here in whole ten-thousandths (amounts have at most 4 decimal places), which doubles
// hold exactly, and turned back into an amount for the state.
const units = (amount) => Math.round(amount * 10000);
const isAmount = (value) => typeof value === "number" && isFinite(value)
    && Math.abs(value * 10000 - Math.round(value * 10000)) < 1e-6;
const plus = (balance, amount) => (units(balance) + units(amount)) / 10000;

function opened(state, event, report) {
    if (typeof event.data.owner !== "string")
        report("bad-data", event.type + " has no owner name");
    else
        state.owner = event.data.owner;
    return state;
}

function moved(sign) {
    return (state, event, report) => {
        const amount = event.data.amount;
        if (!isAmount(amount)) {
            report("bad-amount", event.type + " has amount " + JSON.stringify(amount)
                + ", not a number with at most 4 decimal places");
            return state;
        }
        if (amount <= 0)
            report("bad-amount", event.type + " amount " + amount + " is not positive");
        state.balance = plus(state.balance, sign * amount);
        if (sign < 0 && amount > 0 && state.balance < 0)
            report("overdraft", event.type + " " + amount + " leaves the balance at " + state.balance);
        return state;
    };
}

function closed(state) {
    state.closed = true;
    return state;
}

({
    name: "bank",
    init: () => ({ balance: 0, closed: false, owner: null }),
    when: {
        Opened: opened,
        Deposited: moved(+1),
        Withdrawn: moved(-1),
        Closed: closed,
        // The names other systems give the same facts.
        AccountOpened: opened,
        MoneyDeposited: moved(+1),
        MoneyWithdrawn: moved(-1),
        AccountClosed: closed,
    },
    invariants: [
        // A fact after the account closed still happened: applied, and pointed out.
        (state, event, previous) => !previous.closed
            || { kind: "after-close", message: event.type + " after the account was closed" },
    ],
    decide: {
        open: (state, args) => {
            if (state.closed) throw "account is closed";
            if (state.owner !== null) throw "already open";
            if (!args.owner) throw "owner must not be empty";
            return [{ type: "Opened", data: { owner: args.owner }, metadata: args.by ? { by: args.by } : {} }];
        },
        deposit: (state, args) => {
            const amount = Number(args.amount);
            if (state.closed) throw "account is closed";
            if (!(amount > 0)) throw "amount must be positive";
            const data = args.by ? { amount: amount, by: args.by } : { amount: amount };
            return [{ type: "Deposited", data: data, metadata: args.by ? { by: args.by } : {} }];
        },
        withdraw: (state, args) => {
            const amount = Number(args.amount);
            if (state.closed) throw "account is closed";
            if (!(amount > 0)) throw "amount must be positive";
            if (units(amount) > units(state.balance)) throw "insufficient funds";
            const data = args.by ? { amount: amount, by: args.by } : { amount: amount };
            return [{ type: "Withdrawn", data: data, metadata: args.by ? { by: args.by } : {} }];
        },
        close: (state, args) => {
            if (state.closed) throw "account is closed";
            return [{ type: "Closed", data: args.by ? { by: args.by } : {}, metadata: args.by ? { by: args.by } : {} }];
        },
    },
    chart: "/balance",
    summary: (event) => {
        const by = event.data.by ? " by " + event.data.by : "";
        switch (event.type) {
        case "Deposited": return "+" + event.data.amount + by;
        case "Withdrawn": return "-" + event.data.amount + by;
        case "Opened": return "opened for " + event.data.owner;
        case "Closed": return "closed" + by;
        }
        return event.type;
    },
})
