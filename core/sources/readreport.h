#pragma once

#include "model/error.h"

#include <QList>
#include <QStringList>

namespace Rewind {

/// What a reader found besides the events: how it read the file (the kind, the field mapping it
/// detected, for `info` and the window) and, when told to go on past them, the bad records.
struct ReadReport {
    QStringList notes;
    qint64 badRecords = 0;
    QList<Error> problems; ///< the first few bad records, `file:line: what`

    /// Records a bad record. Returns false when the read must stop at it (strict reading).
    bool addProblem(const Error& error, int keep)
    {
        ++badRecords;
        if (problems.size() < keep)
            problems.append(error);
        return keep > 0;
    }
};

} // namespace Rewind
