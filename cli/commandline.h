#pragma once

#include "domains/domainregistry.h"
#include "model/error.h"
#include "model/jsonwriter.h"

#include <QStringList>
#include <QTextStream>

namespace Rewind {

/// `rewind-cli`: each subcommand of docs/cli.md over the core library. Output goes to `out`,
/// errors to `err`; `run` returns the exit status (0 ok, 2 bad usage or input, 3 problems found
/// or command refused, 1 anything else). Kept apart from main() so tests can drive it directly.
///
/// The subcommands that only read a SOURCE live in readcommands.cpp, those that write a store
/// in writecommands.cpp, `query` and `project` in scriptcommands.cpp; this class's own file
/// dispatches and reports.
class CommandLine {
public:
    enum ExitStatus { Ok = 0, Failure = 1, BadInput = 2, Problems = 3 };

    CommandLine(QTextStream& out, QTextStream& err);

    /// `arguments` without the program name: `{"state", "bank.jsonl", "--stream", "a-1"}`.
    int run(const QStringList& arguments);

    static QString usage();

private:
    // Reading (readcommands.cpp)
    int info(const QStringList& args);
    int events(const QStringList& args);
    int state(const QStringList& args);
    int diff(const QStringList& args);
    int verify(const QStringList& args);
    int exportSource(const QStringList& args);

    // Questions in JavaScript (scriptcommands.cpp)
    int query(const QStringList& args);
    int project(const QStringList& args);

    // Writing (writecommands.cpp)
    int importSources(const QStringList& args);
    int snapshot(const QStringList& args);
    int command(const QStringList& args);
    int demo(const QStringList& args);

    int fail(const Error& error);
    int usageError(const QString& message);
    void printJson(const JsonWriter& object);

    QTextStream& m_out;
    QTextStream& m_err;
    DomainRegistry m_domains;
};

} // namespace Rewind
