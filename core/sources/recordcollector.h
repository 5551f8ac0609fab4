#pragma once

#include "model/error.h"
#include "sources/logfile.h"
#include "sources/logrecord.h"
#include "sources/logsource.h"
#include "sources/readoptions.h"
#include "sources/readreport.h"

#include <memory>
#include <optional>

namespace Rewind {

/// A JSON record's data and metadata read again, through LogRecord with the mapping the file was
/// read with: the JSON Lines and JSON readers' PayloadReader.
class JsonPayloadReader : public PayloadReader {
public:
    explicit JsonPayloadReader(FieldMapping mapping)
        : m_mapping(std::move(mapping))
    {
    }
    std::optional<QString> read(
        std::string_view text, size_t paddedSize, bool withMetadata, Event& event) const override;
    QByteArray identity() const override { return "json " + m_mapping.toJson(); }

private:
    FieldMapping m_mapping;
};

/// What every text reader (JSON Lines, JSON, CSV) does with the records it finds: indexes them
/// into a LogSource (where each record is, what it holds but its data and metadata), stops at the
/// first bad one or counts it (ReadOptions::keepProblems), reports progress and cancel, and notes
/// the field mapping detected for `info`.
class RecordCollector {
public:
    /// Records of `file`, whose data and metadata `payloads` reads back when they are visited.
    RecordCollector(std::shared_ptr<const LogFile> file, const QString& kind, const ReadOptions& options,
        ReadReport* report, std::shared_ptr<const PayloadReader> payloads);

    /// Takes one indexed record found at `line`, whose bytes in the file are `text` starting at
    /// `offset`. An error means: stop reading, return it.
    std::optional<Error> add(
        LogRecord::Indexed indexed, qint64 line, qint64 offset, std::string_view text, const QString& rowNote = {});
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
    Result<std::unique_ptr<LogSource>> finish();

private:
    QString m_path;
    const ReadOptions& m_options;
    ReadReport m_ownReport;
    ReadReport* m_report = nullptr;
    std::unique_ptr<LogSource> m_source;
    FieldMapping m_used; ///< where the first event's fields were found
    bool m_usedKnown = false;
    qint64 m_records = 0;
};

} // namespace Rewind
