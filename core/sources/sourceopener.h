#pragma once

#include "model/error.h"
#include "model/eventsource.h"
#include "sources/readoptions.h"
#include "sources/readreport.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace Rewind {

/// Opens any history Rewind reads, recognizing its kind by content, not by file name: Rewind's
/// store and Emmett's SQLite store (both read-only), JSON Lines, JSON, CSV; several files at once
/// as one history merged by time. A file that is none of them gets one line saying so.
class SourceOpener {
public:
    enum class Kind {
        Unknown,
        RewindStore,
        EmmettStore,
        OtherSqlite,
        DamagedSqlite,
        JsonLines,
        Json,
        Csv,
        Empty,
        Binary,
        Missing
    };

    static Kind detect(const QString& path);
    /// Whether a SOURCE names a server store (a PostgreSQL URL) rather than a file.
    static bool isServer(const QString& source);
    static Result<std::unique_ptr<EventSource>> open(
        const QString& path, const std::function<bool(qint64, qint64)>& progress = {});
    /// `report` receives what was detected (for `info`) and, when the options say so, the bad
    /// records that were skipped.
    static Result<std::unique_ptr<EventSource>> open(
        const QString& path, const ReadOptions& options, ReadReport* report = nullptr);
    /// Several files as one history (MergedSource); one file as itself. Progress runs over all.
    static Result<std::unique_ptr<EventSource>> open(
        const QStringList& paths, const ReadOptions& options, ReadReport* report = nullptr);

private:
    static Kind detect(const QString& path, QString* why);
};

} // namespace Rewind
