#pragma once

#include "domains/domainregistry.h"
#include "model/anomaly.h"
#include "model/error.h"
#include "model/eventsource.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Rewind {

/// What one full pass over a source found, kept in the user's cache directory so that the next
/// question about the source (the state at some version, its anomalies) costs one interval of
/// events instead of another pass: every stream's anomalies, which snapshots match the replay,
/// and a checkpoint of every stream's state every CheckpointEvery events.
///
/// A cache file is keyed by the source's identity (kind, canonical path) and the domain choice,
/// and carries a fingerprint of the source: its size and modification time when it is a file,
/// its streams and event count, every event (or, for Rewind's append-only store, events spread
/// over the whole history), and every snapshot. A source that grew is analysed again whole for
/// now; extending the kept analysis by the new events only is still to come. A file that does not match, is damaged, or
/// is of another version is never trusted: the pass runs again and the file is written anew. Files are written whole (a
/// new file renamed over the old), and the directory is kept under a size limit by removing the files used least
/// recently. Nothing is ever written beside the source.
class AnalysisCache {
public:
    static constexpr qint64 CheckpointEvery = 1024;
    static constexpr qint64 DefaultLimitBytes = qint64(2) << 30; // 2 GiB

    struct Checkpoint {
        QString stream;
        qint64 version = 0;
        qint64 position = 0;
        qint64 at = 0;
        QByteArray state; ///< the replayed state, exact JSON
    };
    struct SnapshotMark {
        QString stream;
        qint64 version = 0;
        bool matches = false;
    };
    /// A source's analysis as the cache keeps it.
    struct Contents {
        QStringList streams;
        QStringList domains; ///< the domain name of each stream, in the same order
        Anomalies anomalies; ///< every anomaly, in position order
        QList<SnapshotMark> snapshots;
        QList<Checkpoint> checkpoints; ///< by stream, then position

        /// The anomalies of `stream` at positions up to `through`.
        Anomalies anomaliesOf(const QString& stream, qint64 through) const;
        /// The latest checkpoint of `stream` at or before `position`, if any.
        const Checkpoint* checkpointBefore(const QString& stream, qint64 position) const;
        /// The latest checkpoint of `stream` whose version is at most `version`, if the stream's
        /// versions only ever grow (no out-of-order or repeated version among its anomalies):
        /// then the event at a version is at most one interval after it. Else nullptr.
        const Checkpoint* checkpointBeforeVersion(const QString& stream, qint64 version) const;
        bool versionsGrow(const QString& stream) const;
        /// Whether the snapshot of `stream` at `version` equals the replay there.
        bool snapshotMatches(const QString& stream, qint64 version) const;
    };

    /// `directory`: where the files go (made when first needed).
    explicit AnalysisCache(QString directory = defaultDirectory(), qint64 limitBytes = DefaultLimitBytes);

    /// `rewind` in the user's cache directory (~/.cache/rewind), shared by the window and the
    /// command line.
    static QString defaultDirectory();

    /// The analysis of `source` with `forced` as every stream's domain (nullptr: chosen per
    /// stream from its event types): read from the cache when the cache file is still the
    /// source's, else made by one pass over the source and kept. `fromCache` says which.
    /// A cache that cannot be written is no error: the answer is the same, only not kept.
    Result<Contents> contentsFor(
        const EventSource& source, const DomainRegistry& domains, const Domain* forced, bool* fromCache = nullptr);

    /// The cache file for `source` under that domain choice (for tests and `info`).
    QString fileFor(const EventSource& source, const Domain* forced) const;

private:
    Result<QByteArray> fingerprint(const EventSource& source) const;
    void evict() const;

    QString m_directory;
    qint64 m_limitBytes = DefaultLimitBytes;
};

} // namespace Rewind
