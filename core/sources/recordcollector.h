#pragma once

#include "model/error.h"
#include "sources/logrecord.h"
#include "sources/memoryeventsource.h"
#include "sources/readoptions.h"
#include "sources/readreport.h"

#include <memory>
#include <optional>

namespace Rewind {

/// What every text reader (JSON Lines, JSON, CSV) does with the records it finds: collects them
/// into a MemoryEventSource, stops at the first bad one or counts it (ReadOptions::keepProblems),
/// reports progress and cancel, and notes the field mapping detected for `info`.
class RecordCollector {
public:
    RecordCollector(const QString& path, const QString& kind, const ReadOptions& options, ReadReport* report);

    /// Reads the whole file, with simdjson's padding reserved after its end.
    static Result<QByteArray> readFile(const QString& path);

    /// Takes one parsed record found at `line`. An error means: stop reading, return it.
    std::optional<Error> add(LogRecord::Parsed parsed, qint64 line, const QString& rowNote = {});
    /// A problem the reader itself found (a broken quote, an overlong line).
    std::optional<Error> addProblem(const QString& message, qint64 line, Error::Kind kind = Error::Kind::BadInput);
    /// False when the user cancelled.
    bool progress(qint64 done, qint64 total);
    Error cancelled() const;

    /// The mapping used while parsing: the options' mapping.
    const FieldMapping& mapping() const { return m_options.mapping; }
    /// Where LogRecord notes the fields it used, until the first event has been read.
    FieldMapping* usedSlot() { return m_usedKnown ? nullptr : &m_used; }
    /// For readers that know better than LogRecord where the fields came from (CSV columns).
    void setUsed(const FieldMapping& used)
    {
        m_used = used;
        m_usedKnown = true;
    }
    void addNote(const QString& note) { m_report->notes.append(note); }
    qint64 maxRecordBytes() const { return m_options.maxRecordBytes; }
    /// Room for about `records` events, so a million are not moved again and again as they come.
    void expect(qint64 records) { m_source->reserve(records); }
    Result<std::unique_ptr<MemoryEventSource>> finish();

private:
    QString m_path;
    const ReadOptions& m_options;
    ReadReport m_ownReport;
    ReadReport* m_report = nullptr;
    std::unique_ptr<MemoryEventSource> m_source;
    FieldMapping m_used; ///< where the first event's fields were found
    bool m_usedKnown = false;
    qint64 m_records = 0;
};

} // namespace Rewind
