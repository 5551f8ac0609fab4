#pragma once

#include "benchtable.h"

#include <QString>
#include <QTextStream>

namespace Rewind {

/// The Emmett row of the benchmark: `rewind-cli state` on an Emmett SQLite store holding one
/// long stream, beside Emmett's own `aggregateStream` folding the same stream of the same file
/// in the same run, both timed as whole processes. Emmett is installed from npm into the build
/// folder (the versions tests/data/emmett pins) and writes the store itself; without node or
/// npm, or when the install fails, the row says so and the rest of the benchmark goes on.
class EmmettBench {
public:
    struct Options {
        QString workDir; ///< where Emmett is installed and the store written (kept for the next run)
        QString scriptsDir; ///< tests/data/emmett: package.json, its lock file, the two scripts
        QString cli; ///< rewind-cli
        qint64 events = 200000;
        int runs = 3; ///< runs of each program; the fastest counts (the machine may be busy)
    };

    static BenchTable::Row measure(const Options& options, QTextStream& progress);
};

} // namespace Rewind
