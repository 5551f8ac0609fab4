#include "cli/arguments.h"
#include "cli/commandline.h"
#include "cli/openedsource.h"
#include "cli/terminalprogress.h"
#include "demo/demohistory.h"
#include "replay/commandhandler.h"
#include "replay/snapshotter.h"
#include "sources/sourceopener.h"
#include "store/eventstore.h"

#include <QFileInfo>

namespace Rewind {

using namespace Cli;

int CommandLine::importSources(const QStringList& args)
{
    const Arguments a(args, { valueOption("out", "STORE"), valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().isEmpty() || !a.isSet("out"))
        return usageError(QStringLiteral("import needs SOURCE... and --out STORE"));
    const QString out = a.value("out");
    for (const QString& path : a.positional()) {
        if (!SourceOpener::isServer(path) && QFileInfo(path) == QFileInfo(out))
            return fail(Error::badInput(QStringLiteral("a store cannot be imported into itself"), path));
    }

    // Every source is read (several merged by time into one history) before the store is
    // touched: a bad record anywhere writes nothing. Ctrl+C, while reading or writing, too.
    TerminalProgress progress;
    auto opened = openSource(a.positional(), {}, m_domains, a.value("mapping"), 0, &progress);
    if (!opened)
        return fail(opened.error().kind == Error::Kind::Cancelled
                ? Error::failure(QStringLiteral("import cancelled: nothing was written"), out)
                : opened.error());
    const EventSource& source = *opened->source;
    const bool existed = QFileInfo::exists(out);
    auto store = EventStore::create(out);
    if (!store)
        return fail(store.error());
    const auto counted = source.eventCount();
    if (!counted)
        return fail(counted.error());
    const qint64 total = *counted;
    const Status imported = (*store)->import(
        source, [&](qint64 done) { return progress.update(QStringLiteral("importing"), done, total, " events"); });
    progress.clear();
    if (!imported) {
        store->reset(); // closed before its files go
        if (!existed)
            EventStore::discard(out);
        return fail(imported.error());
    }
    const auto snapshots = source.snapshots();
    if (!snapshots)
        return fail(snapshots.error());
    const auto inStore = (*store)->eventCount();
    if (!inStore)
        return fail(inStore.error());
    m_out << "imported " << total << " events, " << snapshots->size() << " snapshots from " << source.path() << '\n';
    m_out << out << ": " << *inStore << " events in total\n";
    return Ok;
}

int CommandLine::snapshot(const QStringList& args)
{
    const Arguments a(args, { valueOption("every", "N"), valueOption("stream", "ID"), valueOption("domain", "D") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().size() != 1 || !a.isSet("every"))
        return usageError(QStringLiteral("snapshot needs one STORE and --every N"));
    const auto every = positiveNumber(a.value("every"));
    if (!every || *every < 1)
        return usageError(QStringLiteral("--every needs a positive number"));
    const Domain* forced = nullptr;
    if (a.isSet("domain")) {
        const auto domain = resolveDomain(m_domains, a.value("domain"));
        if (!domain)
            return fail(domain.error());
        forced = *domain;
    }
    const QString path = a.positional().first();
    if (SourceOpener::detect(path) != SourceOpener::Kind::RewindStore)
        return fail(Error::badInput(QStringLiteral("snapshots are written to a Rewind store only; "
                                                   "import this file first"),
            path));
    auto store = EventStore::open(path, EventStore::Mode::ReadWrite);
    if (!store)
        return fail(store.error());
    const auto taken = Snapshotter::takeEvery(**store, m_domains, *every, a.value("stream"), forced);
    if (!taken)
        return fail(taken.error());
    m_out << "wrote " << *taken << " snapshots\n";
    return Ok;
}

int CommandLine::command(const QStringList& args)
{
    const Arguments a(args, { valueOption("stream", "ID"), valueOption("domain", "D") });
    if (!a.ok())
        return usageError(a.errorText());
    const QStringList positional = a.positional();
    if (positional.size() < 2 || !a.isSet("stream"))
        return usageError(QStringLiteral("command needs STORE, --stream ID and a command NAME"));
    const QString& path = positional.at(0);
    Command cmd;
    cmd.name = positional.at(1);
    for (const QString& pair : positional.mid(2)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return usageError(QStringLiteral("command arguments are key=value, not '%1'").arg(pair));
        cmd.args.insert(pair.left(equals), pair.mid(equals + 1));
    }
    // An empty file is what a store whose creation was cut short leaves behind (or what a person
    // made to hold one): the write below turns it into a store.
    const QFileInfo file(path);
    if (file.exists() && file.size() > 0 && SourceOpener::detect(path) != SourceOpener::Kind::RewindStore)
        return fail(Error::badInput(QStringLiteral("commands append to a Rewind store only"), path));
    auto store = EventStore::create(path);
    if (!store)
        return fail(store.error());
    const QString stream = a.value("stream");

    const auto version = (*store)->streamVersion(stream);
    if (!version)
        return fail(version.error());

    // The domain: forced, else the stream's, else the one that understands this command.
    const Domain* domain = nullptr;
    if (a.isSet("domain")) {
        const auto resolved = resolveDomain(m_domains, a.value("domain"));
        if (!resolved)
            return fail(resolved.error());
        domain = *resolved;
    } else if (*version > 0) {
        const auto chosen = domainOfStream(**store, m_domains, stream, nullptr);
        if (!chosen)
            return fail(chosen.error());
        domain = *chosen;
    } else {
        domain = m_domains.forCommand(cmd.name);
        if (!domain)
            return fail(Error::badInput(QStringLiteral("no domain knows the command '%1'").arg(cmd.name)));
    }

    const auto outcome = CommandHandler(**store, *domain).handle(stream, cmd);
    if (!outcome)
        return fail(outcome.error());
    if (outcome->refused()) {
        JsonWriter json;
        json.add("stream", stream).add("command", cmd.name).add("refused", outcome->refusal);
        printJson(json);
        return Problems;
    }
    for (const Event& event : outcome->appended) {
        const auto json = event.toJsonWriter();
        if (!json)
            return fail(Error { json.error().kind, path, 0, json.error().message });
        printJson(*json);
    }
    return Ok;
}

int CommandLine::demo(const QStringList& args)
{
    const Arguments a(args, { valueOption("out", "STORE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (!a.positional().isEmpty() || !a.isSet("out"))
        return usageError(QStringLiteral("demo needs --out STORE"));
    if (const Status written = DemoHistory::write(a.value("out")); !written)
        return fail(written.error());
    m_out << "wrote the demo to " << a.value("out") << '\n';
    return Ok;
}

} // namespace Rewind
