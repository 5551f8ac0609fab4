#include "cli/arguments.h"

namespace Rewind::Cli {

QCommandLineOption valueOption(const char* name, const char* valueName)
{
    return { QString::fromLatin1(name), QString(), QString::fromLatin1(valueName) };
}

QCommandLineOption flag(const char* name) { return QCommandLineOption(QString::fromLatin1(name)); }

std::optional<qint64> positiveNumber(const QString& text)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    return ok && n >= 0 ? std::optional<qint64>(n) : std::nullopt;
}

Arguments::Arguments(const QStringList& args, const QList<QCommandLineOption>& options)
{
    // `-stream` reads as `--stream`, not as the flags s, t, r, e, a, m.
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOptions(options);
    m_ok = m_parser.parse(QStringList { QStringLiteral("rewind-cli") } + args);
}

} // namespace Rewind::Cli
