#include "sources/jsonreader.h"

#include "sources/fieldmapping.h"
#include "sources/logrecord.h"
#include "sources/recordcollector.h"

#include <cstring>
#include <simdjson.h>

namespace Rewind {

namespace {
/// Walks the document's outer structure byte by byte, counting lines, to find where each
/// record starts and ends; simdjson then parses each record alone. A DOM of the whole
/// document would know no line numbers, and would need several times the file in memory.
class Scanner {
public:
    Scanner(const char* begin, const char* end)
        : m_p(begin)
        , m_end(end)
    {
    }

    const char* position() const { return m_p; }
    qint64 line() const { return m_line; }
    bool atEnd() const { return m_p >= m_end; }
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    void advance() { ++m_p; }

    void skipWhitespace()
    {
        for (; m_p < m_end; ++m_p) {
            if (*m_p == '\n')
                ++m_line;
            else if (*m_p != ' ' && *m_p != '\t' && *m_p != '\r')
                break;
        }
    }

    /// At a `"`: moves past the closing quote. False when the string never ends.
    bool skipString()
    {
        for (++m_p; m_p < m_end; ++m_p) {
            if (*m_p == '\\')
                ++m_p;
            else if (*m_p == '"') {
                ++m_p;
                return true;
            } else if (*m_p == '\n')
                ++m_line;
        }
        return false;
    }

    /// Moves past one value. Returns an error message, or an empty string.
    QString skipValue()
    {
        if (peek() == '"')
            return skipString() ? QString() : QStringLiteral("invalid JSON: unterminated string");
        if (peek() != '{' && peek() != '[') {
            while (m_p < m_end && !std::strchr(",]} \t\r\n", *m_p))
                ++m_p;
            return {};
        }
        int depth = 0;
        for (; m_p < m_end; ++m_p) {
            const char c = *m_p;
            if (c == '"') {
                if (!skipString())
                    return QStringLiteral("invalid JSON: unterminated string");
                --m_p;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    ++m_p;
                    return {};
                }
            } else if (c == '\n') {
                ++m_line;
            }
        }
        return QStringLiteral("invalid JSON: unterminated object or array");
    }

private:
    const char* m_p = nullptr;
    const char* m_end = nullptr;
    qint64 m_line = 1;
};

struct ScanError {
    QString message;
    qint64 line = 0;
};
}

Result<std::unique_ptr<MemoryEventSource>> JsonReader::read(
    const QString& path, const ReadOptions& options, ReadReport* report)
{
    auto buffer = RecordCollector::readFile(path);
    if (!buffer)
        return buffer.error();
    RecordCollector collector(path, QStringLiteral("json"), options, report);
    const char* const begin = buffer->constData();
    const char* const end = begin + buffer->size();
    Scanner scanner(buffer->startsWith("\xEF\xBB\xBF") ? begin + 3 : begin, end);

    // The records of one array; a structural error ends the whole read.
    const auto readArray = [&]() -> std::variant<std::monostate, Error, ScanError> {
        scanner.advance(); // [
        scanner.skipWhitespace();
        if (scanner.peek() == ']') {
            scanner.advance();
            return {};
        }
        qint64 count = 0;
        for (;;) {
            const char* start = scanner.position();
            const qint64 line = scanner.line();
            if (const QString error = scanner.skipValue(); !error.isEmpty())
                return ScanError { error, line };
            const std::string_view text(start, size_t(scanner.position() - start));
            std::optional<Error> stop;
            if (qint64(text.size()) > collector.maxRecordBytes()) {
                stop = collector.addProblem(QStringLiteral("record too long (%1 bytes; a record may have at most %2)")
                                                .arg(text.size())
                                                .arg(collector.maxRecordBytes()),
                    line);
            } else {
                const size_t available = size_t(end - start) + simdjson::SIMDJSON_PADDING;
                stop = collector.add(
                    LogRecord::fromJson(text, available, collector.mapping(), collector.usedSlot()), line);
            }
            if (stop)
                return *stop;
            if (++count % 65536 == 0 && !collector.progress(start - begin, end - begin))
                return collector.cancelled();
            scanner.skipWhitespace();
            if (scanner.peek() == ',') {
                scanner.advance();
                scanner.skipWhitespace();
                continue;
            }
            if (scanner.peek() == ']') {
                scanner.advance();
                return {};
            }
            return ScanError { scanner.atEnd() ? QStringLiteral("invalid JSON: the array of events is not closed")
                                               : QStringLiteral("invalid JSON: expected ',' or ']' after a record"),
                scanner.line() };
        }
    };

    std::variant<std::monostate, Error, ScanError> outcome;
    scanner.skipWhitespace();
    if (scanner.peek() == '[') {
        outcome = readArray();
    } else if (scanner.peek() == '{') {
        scanner.advance();
        bool found = false;
        for (;;) {
            scanner.skipWhitespace();
            if (scanner.peek() == '}' && !found) {
                outcome = ScanError { QStringLiteral("a JSON object without an \"events\" array"), 1 };
                break;
            }
            if (scanner.peek() != '"') {
                outcome = ScanError { QStringLiteral("invalid JSON: expected a key"), scanner.line() };
                break;
            }
            const char* keyStart = scanner.position() + 1;
            if (!scanner.skipString()) {
                outcome = ScanError { QStringLiteral("invalid JSON: unterminated string"), scanner.line() };
                break;
            }
            const QString key = QString::fromUtf8(keyStart, scanner.position() - 1 - keyStart);
            scanner.skipWhitespace();
            if (scanner.peek() != ':') {
                outcome = ScanError { QStringLiteral("invalid JSON: expected ':' after a key"), scanner.line() };
                break;
            }
            scanner.advance();
            scanner.skipWhitespace();
            if (!found && FieldMapping::normalizedKey(key) == QLatin1String("events") && scanner.peek() == '[') {
                found = true;
                outcome = readArray();
                if (outcome.index() != 0)
                    break;
            } else if (const QString error = scanner.skipValue(); !error.isEmpty()) {
                outcome = ScanError { error, scanner.line() };
                break;
            }
            scanner.skipWhitespace();
            if (scanner.peek() == ',') {
                scanner.advance();
                continue;
            }
            if (scanner.peek() == '}') {
                scanner.advance();
                if (!found)
                    outcome = ScanError { QStringLiteral("a JSON object without an \"events\" array"), 1 };
                break;
            }
            outcome = ScanError { QStringLiteral("invalid JSON: expected ',' or '}'"), scanner.line() };
            break;
        }
    } else {
        outcome = ScanError { QStringLiteral("not a JSON array or object"), scanner.line() };
    }
    if (outcome.index() == 0) {
        scanner.skipWhitespace();
        if (!scanner.atEnd())
            outcome = ScanError { QStringLiteral("invalid JSON: text after the end of the document"), scanner.line() };
    }
    if (const auto* error = std::get_if<Error>(&outcome))
        return *error;
    if (const auto* error = std::get_if<ScanError>(&outcome)) {
        // The structure is broken: nothing after this point can be read, even when counting.
        if (auto stop = collector.addProblem(error->message, error->line))
            return *stop;
    }
    if (!collector.progress(end - begin, end - begin))
        return collector.cancelled();
    return collector.finish();
}

} // namespace Rewind
