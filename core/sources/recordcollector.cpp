#include "sources/recordcollector.h"

#include <QFile>

#include <simdjson.h>

namespace Rewind {

RecordCollector::RecordCollector(
    const QString& path, const QString& kind, const ReadOptions& options, ReadReport* report)
    : m_path(path)
    , m_options(options)
    , m_report(report ? report : &m_ownReport)
    , m_source(std::make_unique<MemoryEventSource>(path, kind))
{
}

Result<QByteArray> RecordCollector::readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::badInput(file.errorString(), path);
    const qint64 size = file.size();
    QByteArray buffer;
    buffer.reserve(size + qint64(simdjson::SIMDJSON_PADDING));
    buffer = file.readAll();
    if (buffer.size() != size)
        return Error::failure(QStringLiteral("could not read the whole file"), path);
    // One read of the whole file with the padding after it, so records are parsed in place.
    buffer.reserve(size + qint64(simdjson::SIMDJSON_PADDING));
    return buffer;
}

std::optional<Error> RecordCollector::add(LogRecord::Parsed parsed, qint64 line, const QString& rowNote)
{
    if (auto* problem = std::get_if<LogRecord::Problem>(&parsed))
        return addProblem(rowNote.isEmpty() ? problem->message : rowNote + problem->message, line,
            problem->unmapped ? Error::Kind::Unmapped : Error::Kind::BadInput);
    ++m_records;
    if (auto* event = std::get_if<Event>(&parsed)) {
        m_source->addEvent(std::move(*event));
        m_usedKnown = true;
    } else
        m_source->addSnapshot(std::get<Snapshot>(std::move(parsed)));
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

Result<std::unique_ptr<MemoryEventSource>> RecordCollector::finish()
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
