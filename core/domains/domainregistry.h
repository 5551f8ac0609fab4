#pragma once

#include "domains/domain.h"
#include "model/error.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace Rewind {

/// The domains Rewind knows (the built-in `bank`, `cart` and `generic`) and the rule that picks
/// one for a stream: the domain that knows every event type of the stream; failing that, the one
/// that knows most of them (its unknown types become anomalies); failing that, `generic`.
class DomainRegistry {
public:
    DomainRegistry(); ///< with the built-in domains

    const Domain& generic() const;
    /// A domain by name, or nullptr.
    const Domain* find(const QString& name) const;
    QStringList names() const;
    /// The domain for a stream whose events have these types.
    const Domain& chooseFor(const QStringList& eventTypes) const;
    /// The domain that decides a command of this name (`withdraw`, `Add Item`), or nullptr: how
    /// a new stream's domain is found from its first command.
    const Domain* forCommand(const QString& commandName) const;

    /// A name from the command line or the window: a built-in name. (A JavaScript file path is
    /// the JavaScript domain's business; until then it is an error.)
    Result<const Domain*> resolve(const QString& nameOrPath) const;

private:
    std::vector<std::unique_ptr<Domain>> m_domains;
};

} // namespace Rewind
