#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Runs the real rewind-cli, as a user does, for the command line's tests.
namespace RewindTest {

struct CliRun {
    int status = -1; ///< the exit status; -1 when a signal ended the process
    QByteArray out;
    QString err;
};

/// `environment`: the process's, or the inherited one when empty.
inline CliRun runCli(const QStringList& args, const QProcessEnvironment& environment = {})
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(QStringLiteral(REWIND_CLI_PATH), args);
    process.waitForFinished(120000);
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        QString::fromUtf8(process.readAllStandardError()) };
}

} // namespace RewindTest
