#pragma once

#include "model/error.h"
#include "model/eventsource.h"
#include "sources/readreport.h"

#include <QStringList>

#include <memory>

namespace Rewind {

class Domain;
class DomainRegistry;
class TerminalProgress;

namespace Cli {

/// What most subcommands share: one SOURCE opened, an optional --domain resolved, an
/// optional --mapping FILE applied, and what the reader detected (for `info`).
struct OpenedSource {
    std::unique_ptr<EventSource> source;
    const Domain* forcedDomain = nullptr;
    ReadReport report;
};

/// `paths`: one SOURCE, or several merged by time. `keepProblems` > 0 reads past bad
/// records, counting them (`info`). With `progress`, reading shows progress on a terminal
/// and Ctrl+C cancels.
Result<OpenedSource> openSource(const QStringList& paths, const QString& domainName, DomainRegistry& domains,
    const QString& mappingPath = {}, int keepProblems = 0, TerminalProgress* progress = nullptr);

/// One stream of an opened SOURCE, with the domain that folds it.
struct OpenedStream {
    OpenedSource opened;
    QString id;
    const Domain* domain = nullptr;
    const EventSource& source() const { return *opened.source; }
};

/// What `state` and `diff` share: a SOURCE opened and one of its streams with its domain.
Result<OpenedStream> openStream(const QString& path, const QString& stream, const QString& domainName,
    const QString& mappingPath, DomainRegistry& domains);

/// `--domain D`: a built-in domain's name, or a JavaScript domain file, which is loaded and added
/// to `domains` (docs/scripts.md).
Result<const Domain*> resolveDomain(DomainRegistry& domains, const QString& nameOrPath);

/// The domain of one stream of `source`: `forced`, or the one chosen from its event types.
Result<const Domain*> domainOfStream(
    const EventSource& source, const DomainRegistry& domains, const QString& stream, const Domain* forced);

} // namespace Cli

} // namespace Rewind
