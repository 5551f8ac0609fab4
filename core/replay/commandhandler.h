#pragma once

#include "model/command.h"
#include "model/error.h"
#include "model/event.h"

#include <QList>
#include <QString>

namespace Rewind {

class Domain;
class EventStore;
class State;

/// What became of one command: the events it appended, or why it was refused (and then nothing
/// was written). A command is a wish in the imperative; only its events become part of the log.
struct CommandOutcome {
    QString stream;
    Command command;
    QString refusal; ///< empty when accepted
    QList<Event> appended; ///< with their versions and positions

    bool refused() const { return !refusal.isEmpty(); }
};

/// The write side of an event-sourced system, as the command line and the window's command panel
/// use it: decide a command against a stream's state, then append the events it decided on only
/// if nobody appended to that stream in between (optimistic concurrency). Another writer's append
/// is an Error of kind Conflict that names both versions; the caller may load again and retry.
class CommandHandler {
public:
    CommandHandler(EventStore& store, const Domain& domain);

    /// Loads the stream's current state (latest snapshot + the events since), decides, appends.
    Result<CommandOutcome> handle(const QString& stream, const Command& command) const;
    /// Decides against `state`, the stream as the caller last saw it at `seenVersion` (the
    /// window's head), and appends only if the store's stream is still at that version.
    Result<CommandOutcome> handle(
        const QString& stream, const Command& command, const State& state, qint64 seenVersion) const;

private:
    EventStore& m_store;
    const Domain& m_domain;
};

} // namespace Rewind
