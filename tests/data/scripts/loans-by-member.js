// A projection over the library's titles: how many books each member borrowed, and which
// copies each has now.
({
    init: () => ({}),
    filter: (event) => event.stream.startsWith("title-"),
    when: {
        BookBorrowed: (state, event) => {
            const member = state[event.data.member] || (state[event.data.member] = { borrowed: 0, holds: [] });
            member.borrowed += 1;
            member.holds.push(event.data.copy);
            return state;
        },
        BookReturned: (state, event) => {
            for (const name of Object.keys(state)) {
                const at = state[name].holds.indexOf(event.data.copy);
                if (at >= 0) state[name].holds.splice(at, 1);
            }
            return state;
        },
        Reshelved: (state, event) => { throw new Error("nobody reshelves " + event.data.copy); },
    },
})
