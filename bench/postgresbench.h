#pragma once

#include "benchtable.h"

#include <QList>
#include <QString>
#include <QTextStream>

namespace Rewind {

/// The PostgreSQL rows of the benchmark, on a throw-away server on this machine (started and
/// stopped by tests/data/postgres/server.sh, as the tests do): Emmett writes one long bank
/// stream into its PostgreSQL store, then `rewind-cli state` replays it whole, beside Emmett's
/// own `aggregateStream` over the same stream and `psql` copying the same rows' data out, all
/// timed as whole processes. When no server can be started here the rows say why and the rest
/// of the benchmark goes on.
class PostgresBench {
public:
    struct Options {
        QString workDir; ///< the server's work folder (npm packages kept for the next run)
        QString scriptsDir; ///< tests/data/postgres
        QString cli; ///< rewind-cli
        qint64 events = 200000;
        int runs = 3; ///< runs of each program; the fastest counts (the machine may be busy)
    };

    static QList<BenchTable::Row> measure(const Options& options, QTextStream& progress);
};

} // namespace Rewind
