#include "jsonlinesreader.h"

#include "logrecord.h"

#include <QFile>

#include <simdjson.h>

#include <cstring>

namespace Rewind {

Result<std::unique_ptr<MemoryEventSource>> JsonLinesReader::read(
    const QString& path, const std::function<bool(qint64, qint64)>& progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::badInput(file.errorString(), path);

    // One read of the whole file, with simdjson's padding after it, so each line is parsed
    // in place without a copy.
    const qint64 size = file.size();
    QByteArray buffer;
    buffer.reserve(size + qint64(simdjson::SIMDJSON_PADDING));
    buffer = file.readAll();
    if (buffer.size() != size)
        return Error::failure(QStringLiteral("could not read the whole file"), path);
    buffer.reserve(size + qint64(simdjson::SIMDJSON_PADDING));

    auto source = std::make_unique<MemoryEventSource>(path, QStringLiteral("jsonl"));
    const char* const begin = buffer.constData();
    const char* const end = begin + buffer.size();
    const char* lineStart = begin;
    qint64 lineNumber = 0;
    while (lineStart < end) {
        ++lineNumber;
        const char* newline = static_cast<const char*>(std::memchr(lineStart, '\n', size_t(end - lineStart)));
        const char* lineEnd = newline ? newline : end;
        std::string_view line(lineStart, size_t(lineEnd - lineStart));
        lineStart = lineEnd + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            continue;

        const size_t available = size_t(end - line.data()) + simdjson::SIMDJSON_PADDING;
        LogRecord::Parsed parsed = LogRecord::fromJson(line, available);
        if (auto* problem = std::get_if<LogRecord::Problem>(&parsed))
            return Error::badInput(problem->message, path, lineNumber);
        if (auto* event = std::get_if<Event>(&parsed))
            source->addEvent(std::move(*event));
        else
            source->addSnapshot(std::get<Snapshot>(std::move(parsed)));

        if (progress && lineNumber % 65536 == 0 && !progress(lineStart - begin, size))
            return Error::failure(QStringLiteral("cancelled"), path);
    }
    source->finish();
    return source;
}

} // namespace Rewind
