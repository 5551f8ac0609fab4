// Projection: who did what and when. For each actor (`by` in the event's data, else `by`,
// `actor` or `user` in its metadata): how many events of each type, and the first and last time.
function actorOf(event) {
    return event.data.by || event.metadata.by || event.metadata.actor || event.metadata.user;
}

({
    init: () => ({}),
    // Only events someone is named for.
    filter: (event) => typeof actorOf(event) === "string",
    when: new Proxy({}, {
        // Every event type has the one handler.
        get: () => (state, event) => {
            const actor = actorOf(event);
            const entry = state[actor] || (state[actor] = { events: 0, types: {}, first: event.at, last: event.at });
            entry.events += 1;
            entry.types[event.type] = (entry.types[event.type] || 0) + 1;
            entry.last = event.at;
            return state;
        },
    }),
})
