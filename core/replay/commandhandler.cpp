#include "replay/commandhandler.h"

#include "domains/domain.h"
#include "replay/replayer.h"
#include "store/eventstore.h"

#include <limits>

namespace Rewind {

CommandHandler::CommandHandler(EventStore& store, const Domain& domain)
    : m_store(store)
    , m_domain(domain)
{
}

Result<CommandOutcome> CommandHandler::handle(const QString& stream, const Command& command) const
{
    const auto version = m_store.streamVersion(stream);
    if (!version)
        return version.error();
    const auto current = Replayer(m_store, m_domain).load(stream, std::numeric_limits<qint64>::max());
    if (!current)
        return current.error();
    return handle(stream, command, *current->state, *version);
}

Result<CommandOutcome> CommandHandler::handle(
    const QString& stream, const Command& command, const State& state, qint64 seenVersion) const
{
    CommandOutcome outcome { stream, command, {}, {} };
    const Decision decision = m_domain.decide(command, state);
    if (decision.refused()) {
        outcome.refusal = decision.refusal;
        return outcome;
    }
    auto appended = m_store.append(stream, seenVersion, decision.events);
    if (!appended)
        return appended.error();
    outcome.appended = std::move(*appended);
    return outcome;
}

} // namespace Rewind
