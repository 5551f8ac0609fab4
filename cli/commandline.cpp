#include "cli/commandline.h"

#include <QCoreApplication>
#include <QPair>

namespace Rewind {

CommandLine::CommandLine(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{
}

QString CommandLine::usage()
{
    return QStringLiteral(R"(usage:
  rewind-cli info     SOURCE... [--json] [--mapping FILE]
  rewind-cli events   SOURCE [--stream ID]
  rewind-cli state    SOURCE --stream ID [--at-version N | --at-position P | --at-time T] [--domain D]
                      [--no-cache]
  rewind-cli diff     SOURCE --stream ID --version N [--domain D]
  rewind-cli verify   SOURCE [--domain D] [--json]
  rewind-cli import   SOURCE... --out STORE [--mapping FILE]
  rewind-cli export   SOURCE --out FILE.jsonl [--stream ID]
  rewind-cli snapshot STORE --every N [--stream ID]
  rewind-cli command  STORE --stream ID NAME [key=value ...]
  rewind-cli demo     --out STORE
  rewind-cli query    SOURCE [--stream ID] (--first | --last | --all) EXPR [--domain D]
  rewind-cli query    SOURCE --stream ID --changes PATH [--domain D]
  rewind-cli project  SOURCE FILE.js [--at-position P]
  rewind-cli --version

SOURCE is a Rewind or Emmett SQLite store, or a JSON Lines, JSON or CSV log. Its kind is
detected from its content and its field names from common aliases (streamId, eventType,
payload, ...: docs/formats.md lists them); several SOURCEs are merged by time. A
postgresql://USER@HOST/DB URL attaches Emmett's, Marten's or Message DB's store read-only
(?schema=NAME, ?tenant=ID choose; docs/server-stores.md).
--mapping FILE names the fields detection cannot guess: {"stream": "aggregate.id",
"at": "meta.when", "timeFormat": "epoch-s"}. D is bank, cart, generic or a JavaScript
domain file (docs/scripts.md). EXPR is a JavaScript expression over state, previous and event,
such as 'state.balance < 0'; PATH a JSON Pointer such as /items/SKU-1/quantity.
Exit status: 0 ok, 2 bad usage or input, 3 verify found problems or the command was refused, 1 other errors.
)");
}

int CommandLine::run(const QStringList& arguments)
{
    if (arguments.isEmpty())
        return usageError(QStringLiteral("no subcommand given"));
    const QString& name = arguments.first();
    const QStringList args = arguments.mid(1);
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
        m_out << usage();
        return Ok;
    }
    if (name == QLatin1String("--version") || name == QLatin1String("-v")) {
        m_out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << '\n';
        return Ok;
    }
    using Handler = int (CommandLine::*)(const QStringList&);
    static const QList<QPair<QLatin1String, Handler>> subcommands = {
        { QLatin1String("info"), &CommandLine::info },
        { QLatin1String("events"), &CommandLine::events },
        { QLatin1String("state"), &CommandLine::state },
        { QLatin1String("diff"), &CommandLine::diff },
        { QLatin1String("verify"), &CommandLine::verify },
        { QLatin1String("import"), &CommandLine::importSources },
        { QLatin1String("export"), &CommandLine::exportSource },
        { QLatin1String("snapshot"), &CommandLine::snapshot },
        { QLatin1String("command"), &CommandLine::command },
        { QLatin1String("demo"), &CommandLine::demo },
        { QLatin1String("query"), &CommandLine::query },
        { QLatin1String("project"), &CommandLine::project },
    };
    for (const auto& [subcommand, handler] : subcommands) {
        if (name == subcommand)
            return (this->*handler)(args);
    }
    return usageError(QStringLiteral("unknown subcommand '%1'").arg(name));
}

int CommandLine::fail(const Error& error)
{
    m_err << "rewind-cli: " << error.toString() << Qt::endl;
    return error.isBadInput() ? BadInput : Failure;
}

int CommandLine::usageError(const QString& message)
{
    m_err << "rewind-cli: " << message << "\n\n" << usage() << Qt::flush;
    return BadInput;
}

void CommandLine::printJson(const JsonWriter& object) { m_out << QString::fromUtf8(object.toJson()) << '\n'; }

} // namespace Rewind
