#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QStringList>

#include <optional>

namespace Rewind::Cli {

/// `--name VALUE`
QCommandLineOption valueOption(const char* name, const char* valueName);
/// `--name`
QCommandLineOption flag(const char* name);
/// A whole number ≥ 0 as typed on the command line, or nothing.
std::optional<qint64> positiveNumber(const QString& text);

/// A subcommand's arguments, parsed by QCommandLineParser with that subcommand's options.
class Arguments {
public:
    Arguments(const QStringList& args, const QList<QCommandLineOption>& options);

    bool ok() const { return m_ok; }
    QString errorText() const { return m_parser.errorText(); }
    QStringList positional() const { return m_parser.positionalArguments(); }
    bool isSet(const char* name) const { return m_parser.isSet(QString::fromLatin1(name)); }
    QString value(const char* name) const { return m_parser.value(QString::fromLatin1(name)); }

private:
    QCommandLineParser m_parser;
    bool m_ok = false;
};

} // namespace Rewind::Cli
