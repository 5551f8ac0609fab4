// A lending library: each stream is one title, its copies and who has each copy on loan.
({
    name: "library",
    matches: (streamId, type) => streamId.startsWith("title-"),
    init: () => ({ title: null, copies: 0, onLoan: {}, loans: 0 }),
    when: {
        TitleCatalogued: (state, event) => { state.title = event.data.title; return state; },
        CopyAcquired: (state, event) => { state.copies += event.data.count; return state; },
        BookBorrowed: (state, event) => {
            state.onLoan[event.data.copy] = event.data.member;
            state.loans += 1;
            return state;
        },
        BookReturned: (state, event) => { delete state.onLoan[event.data.copy]; return state; },
        CopyLost: (state, event) => {
            if (!(event.data.copy in state.onLoan))
                throw new Error("copy " + event.data.copy + " is not on loan");
            delete state.onLoan[event.data.copy];
            state.copies -= 1;
            return state;
        },
    },
    invariants: [
        (state) => Object.keys(state.onLoan).length <= state.copies || "more loans than copies",
        (state, event, previous) => event.type !== "BookReturned" || event.data.copy in previous.onLoan
            || { kind: "not-on-loan", message: "copy " + event.data.copy + " was returned but not on loan" },
    ],
    decide: {
        borrow: (state, args) => {
            if (!args.copy) throw "which copy?";
            if (args.copy in state.onLoan) throw "copy " + args.copy + " is on loan to " + state.onLoan[args.copy];
            if (Object.keys(state.onLoan).length >= state.copies) throw "no copy left";
            return [{ type: "BookBorrowed", data: { copy: args.copy, member: args.member || null } }];
        },
        "return": (state, args) => {
            if (!(args.copy in state.onLoan)) throw "copy " + args.copy + " is not on loan";
            return [{ type: "BookReturned", data: { copy: args.copy } }];
        },
    },
    chart: "/loans",
    summary: (event) => event.type + " " + (event.data.copy || event.data.title || ""),
})
