#include "cli/openedsource.h"

#include "cli/terminalprogress.h"
#include "domains/domainregistry.h"
#include "replay/verifier.h"
#include "scripts/scriptdomain.h"
#include "sources/fieldmapping.h"
#include "sources/sourceopener.h"

namespace Rewind::Cli {

Result<OpenedSource> openSource(const QStringList& paths, const QString& domainName, DomainRegistry& domains,
    const QString& mappingPath, int keepProblems, TerminalProgress* progress)
{
    OpenedSource opened;
    if (!domainName.isEmpty()) {
        auto domain = resolveDomain(domains, domainName);
        if (!domain)
            return domain.error();
        opened.forcedDomain = *domain;
    }
    ReadOptions options;
    options.keepProblems = keepProblems;
    if (!mappingPath.isEmpty()) {
        auto mapping = FieldMapping::load(mappingPath);
        if (!mapping)
            return mapping.error();
        options.mapping = *mapping;
    }
    if (progress) {
        options.progress = [progress](qint64 done, qint64 total) {
            return progress->update(QStringLiteral("reading"), done, total, "bytes");
        };
    }
    auto source = SourceOpener::open(paths, options, &opened.report);
    if (progress)
        progress->clear();
    if (!source)
        return source.error();
    opened.source = std::move(source).value();
    return opened;
}

Result<OpenedStream> openStream(const QString& path, const QString& stream, const QString& domainName,
    const QString& mappingPath, DomainRegistry& domains)
{
    auto opened = openSource(QStringList { path }, domainName, domains, mappingPath);
    if (!opened)
        return opened.error();
    const auto domain = domainOfStream(*opened->source, domains, stream, opened->forcedDomain);
    if (!domain)
        return domain.error();
    return OpenedStream { std::move(opened).value(), stream, *domain };
}

Result<const Domain*> resolveDomain(DomainRegistry& domains, const QString& nameOrPath)
{
    if (!DomainRegistry::isScriptPath(nameOrPath))
        return domains.resolve(nameOrPath);
    auto loaded = ScriptDomain::load(nameOrPath.trimmed());
    if (!loaded)
        return loaded.error();
    return &domains.add(std::move(loaded).value());
}

Result<const Domain*> domainOfStream(
    const EventSource& source, const DomainRegistry& domains, const QString& stream, const Domain* forced)
{
    Verifier::Options options;
    options.stream = stream;
    options.domain = forced;
    auto chosen = Verifier::chooseDomains(source, domains, options);
    if (!chosen)
        return chosen.error();
    if (!chosen->contains(stream))
        return Error::badInput(QStringLiteral("no stream '%1'").arg(stream), source.path());
    return chosen->value(stream);
}

} // namespace Rewind::Cli
