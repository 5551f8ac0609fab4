#include "sources/recordcollector.h"

#include <limits>

namespace Rewind {

std::optional<QString> JsonPayloadReader::read(
    std::string_view text, size_t paddedSize, bool withMetadata, Event& event) const
{
    if (auto problem = LogRecord::payloadFromJson(text, paddedSize, m_mapping, withMetadata, event))
        return problem->message;
    return std::nullopt;
}

RecordCollector::RecordCollector(std::shared_ptr<const LogFile> file, const QString& kind, const ReadOptions& options,
    ReadReport* report, std::shared_ptr<const PayloadReader> payloads)
    : m_path(file->path())
    , m_options(options)
    , m_report(report ? report : &m_ownReport)
    , m_source(std::make_unique<LogSource>(file->path(), kind))
{
    m_source->addPart({ std::move(file), std::move(payloads), {} });
}

std::optional<Error> RecordCollector::add(
    LogRecord::Indexed indexed, qint64 line, qint64 offset, std::string_view text, const QString& rowNote)
{
    if (auto* problem = std::get_if<LogRecord::Problem>(&indexed))
        return addProblem(rowNote.isEmpty() ? problem->message : rowNote + problem->message, line,
            problem->unmapped ? Error::Kind::Unmapped : Error::Kind::BadInput);
    ++m_records;
    if (auto* header = std::get_if<LogRecord::Header>(&indexed)) {
        LogIndex& index = m_source->index();
        if (index.size() >= LogIndex::MaxRows || text.size() > std::numeric_limits<quint32>::max()) {
            return Error::badInput(
                QStringLiteral("more events, or a longer record, than one file can hold (%1 events of up to 4 GB)")
                    .arg(LogIndex::MaxRows),
                m_path, line);
        }
        const quint32 stream = index.streams().intern(header->stream);
        const quint32 type = index.types().intern(header->type);
        index.append(stream, type, header->version, header->position, header->at,
            { offset, quint32(text.size()), recordChecksum(text) });
        m_source->part(0).lines.append(line);
        m_usedKnown = true;
    } else {
        m_source->addSnapshot(std::get<Snapshot>(std::move(indexed)));
    }
    return std::nullopt;
}

std::optional<Error> RecordCollector::addProblem(const QString& message, qint64 line, Error::Kind kind)
{
    Error error { kind, m_path, line, message };
    if (!m_report->addProblem(error, m_options.keepProblems))
        return error;
    return std::nullopt;
}

bool RecordCollector::progress(qint64 done, qint64 total)
{
    return !m_options.progress || m_options.progress(done, total);
}

Error RecordCollector::cancelled() const { return Error::cancelled(m_path); }

Result<std::unique_ptr<LogSource>> RecordCollector::finish()
{
    m_source->finish();
    if (const auto& problem = m_source->numberingProblem())
        return Error::badInput(*problem, m_path);
    // What `info` shows: where the fields were found, judged by the first event (records of one
    // export share a shape), and what was filled in for the ones no record gave.
    if (m_usedKnown)
        m_report->notes.append(QStringLiteral("fields: ") + m_used.describe(true));
    if (!m_options.mapping.isEmpty())
        m_report->notes.append(QStringLiteral("mapping file: ") + m_options.mapping.describe());
    return std::move(m_source);
}

} // namespace Rewind
