#include "domains/domainregistry.h"

#include "domains/bankdomain.h"
#include "domains/cartdomain.h"
#include "domains/genericdomain.h"

namespace Rewind {

DomainRegistry::DomainRegistry()
{
    // The order breaks ties in chooseFor; generic stays last, as the fallback.
    m_domains.push_back(std::make_unique<BankDomain>());
    m_domains.push_back(std::make_unique<CartDomain>());
    m_domains.push_back(std::make_unique<GenericDomain>());
}

const Domain& DomainRegistry::generic() const { return *m_domains.back(); }

const Domain* DomainRegistry::find(const QString& name) const
{
    for (const auto& domain : m_domains) {
        if (domain->name().compare(name, Qt::CaseInsensitive) == 0)
            return domain.get();
    }
    return nullptr;
}

QStringList DomainRegistry::names() const
{
    QStringList result;
    for (const auto& domain : m_domains)
        result.append(domain->name());
    return result;
}

const Domain* DomainRegistry::forCommand(const QString& commandName) const
{
    const QString wanted = Command::normalizedName(commandName);
    for (const auto& domain : m_domains) {
        for (const QString& known : domain->commandNames()) {
            if (Command::normalizedName(known) == wanted)
                return domain.get();
        }
    }
    return nullptr;
}

const Domain& DomainRegistry::chooseFor(const QStringList& eventTypes) const
{
    const Domain* best = nullptr;
    qsizetype bestCount = 0;
    for (const auto& domain : m_domains) {
        qsizetype count = 0;
        for (const QString& type : eventTypes) {
            if (domain->knows(type))
                ++count;
        }
        // Strictly more, so that the earlier domain wins a tie; a domain that knows every type
        // knows the most.
        if (count > bestCount) {
            best = domain.get();
            bestCount = count;
        }
    }
    return best ? *best : generic();
}

const Domain& DomainRegistry::add(std::unique_ptr<Domain> domain)
{
    m_domains.insert(m_domains.begin(), std::move(domain));
    return *m_domains.front();
}

bool DomainRegistry::isScriptPath(const QString& nameOrPath)
{
    return nameOrPath.trimmed().endsWith(QLatin1String(".js"), Qt::CaseInsensitive);
}

Result<const Domain*> DomainRegistry::resolve(const QString& nameOrPath) const
{
    const QString name = nameOrPath.trimmed();
    if (isScriptPath(name)) {
        return Error::badInput(
            QStringLiteral("'%1' is a JavaScript domain, which this program does not load").arg(name), name);
    }
    if (const Domain* domain = find(name))
        return domain;
    return Error::badInput(
        QStringLiteral("unknown domain '%1' (expected %2)").arg(name, names().join(QLatin1String(", "))));
}

} // namespace Rewind
