#pragma once

#include "model/eventsource.h"
#include "sources/logfile.h"
#include "sources/logindex.h"

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace Rewind {

/// How a file's records become an event's data and metadata again when the event is visited:
/// the same reading that checked them when the file was indexed, so the text is the same.
class PayloadReader {
public:
    virtual ~PayloadReader() = default;
    /// Writes the data, and the metadata when `withMetadata` (else `{}`), of the record `text`
    /// into `event`. `text` is readable for `paddedSize` bytes. A message when the record cannot
    /// give them (it is not what was indexed).
    virtual std::optional<QString> read(
        std::string_view text, size_t paddedSize, bool withMetadata, Event& event) const = 0;
    /// What decides how a record's bytes become data and metadata (the format, the mapping):
    /// two readers with the same identity read the same bytes the same way.
    virtual QByteArray identity() const = 0;

protected:
    PayloadReader() = default;
};

/// The lines records start on, kept as runs (a JSON Lines file without blank lines is one run:
/// record n is on line n) rather than one number per event. Lines are only said in errors.
class LineTable {
public:
    /// The next record of the file (rows come 0, 1, 2 …) starts on `line`.
    void append(qint64 line);
    qint64 lineOf(qint64 row) const;

private:
    struct Run {
        qint64 row = 0;
        qint64 line = 0;
        qint64 step = 0; ///< lines from one record to the next within the run
        qint64 count = 0;
    };
    std::vector<Run> m_runs;
    qint64 m_rows = 0;
};

/// A history read from text logs (JSON Lines, JSON, CSV), held as a LogIndex: about 40 bytes an
/// event whatever the size of the file, its snapshots, and the files themselves, held open.
/// An event's data and metadata are read from its file again, through the file's PayloadReader,
/// each time someone visits it. Several files merged are one LogSource with several parts.
///
/// Files are not to change while they are open: a record read again is checked against the
/// checksum taken when it was indexed, and a file cut short gives a short read, so a file
/// rewritten or truncated meanwhile gives an Error naming the file and line, never other events.
class LogSource : public EventSource {
public:
    /// One file of the history.
    struct Part {
        std::shared_ptr<const LogFile> file;
        std::shared_ptr<const PayloadReader> payloads;
        LineTable lines;
    };

    LogSource(QString path, QString kind);

    QString path() const override { return m_path; }
    QString kind() const override { return m_kind; }
    Result<qint64> eventCount() const override { return qint64(m_index.size()); }
    Result<QList<StreamInfo>> streams() const override;
    Result<QList<Snapshot>> snapshots(const QString& stream = {}) const override;
    Status readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const override;
    Result<Event> eventAt(qint64 position) const override;
    Status readIndex(HistoryIndex& index) const override;
    /// The index's digest (its rows hold a checksum of every record) with each file's name, size
    /// and payload reader: no byte of the files is read.
    std::optional<QByteArray> contentDigest() const override;

    /// For the readers: the index to append events to, the parts their places refer to.
    LogIndex& index() { return m_index; }
    const LogIndex& index() const { return m_index; }
    void addPart(Part part) { m_parts.push_back(std::move(part)); }
    Part& part(qsizetype i) { return m_parts[size_t(i)]; }
    void addSnapshot(Snapshot snapshot) { m_snapshots.append(std::move(snapshot)); }
    /// Fills in versions and positions (LogIndex::finish), places the snapshots that give no
    /// position and sorts them, as MemoryEventSource::finish does.
    void finish();
    /// False when the files gave no version at all and finish() numbered them.
    bool versionsGiven() const { return m_index.versionsGiven(); }
    /// Why finish() could not number an event, if it could not.
    const std::optional<QString>& numberingProblem() const { return m_numberingProblem; }

    /// Several logs as one, as MergedSource::merge does with any sources: events merged by time,
    /// ties in the order given, each log's own order kept; positions numbered anew; versions
    /// numbered across the logs for streams none of them gave versions for. Nothing is read
    /// from the files: the indexes are merged.
    static Result<std::unique_ptr<LogSource>> merge(std::vector<std::unique_ptr<LogSource>> sources);

private:
    class Reader;

    QString m_path;
    QString m_kind;
    LogIndex m_index;
    std::vector<Part> m_parts;
    QList<Snapshot> m_snapshots;
    std::optional<QString> m_numberingProblem;
};

} // namespace Rewind
