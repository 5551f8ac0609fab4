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

    /// A name from the command line or the window. A path to a JavaScript file is not resolved
    /// here (the scripts layer loads it and adds() it): it is an error naming the file.
    Result<const Domain*> resolve(const QString& nameOrPath) const;

    /// Adds a domain a person loaded (a JavaScript file), ahead of the built-in ones: it wins a
    /// tie, and find() by its name gives it even when it shares a built-in domain's name (a
    /// `bank.js`). Not while other threads read this registry.
    const Domain& add(std::unique_ptr<Domain> domain);
    /// Whether `nameOrPath` names a JavaScript file rather than a domain.
    static bool isScriptPath(const QString& nameOrPath);

private:
    std::vector<std::unique_ptr<Domain>> m_domains;
};

} // namespace Rewind
