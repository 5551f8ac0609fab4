#pragma once

#include "sources/fieldmapping.h"

#include <functional>

namespace Rewind {

/// How a log file is to be read: the field mapping (empty: detect everything), progress and
/// cancel, and whether bad records stop the read (an import) or are counted and skipped (`info`).
struct ReadOptions {
    FieldMapping mapping;
    /// `progress(done, total)`, in bytes for text files; returning false cancels the read.
    std::function<bool(qint64 done, qint64 total)> progress;
    /// 0: the first bad record ends the read with its error. More: bad records are skipped, counted
    /// in the ReadReport, and the first `keepProblems` of them kept there.
    int keepProblems = 0;
    /// Records longer than this are refused rather than parsed: no event is this big, and a
    /// 100 MB line must not take a gigabyte of parser memory.
    qint64 maxRecordBytes = 32 * 1024 * 1024;
};

} // namespace Rewind
