#include "sources/jsonscanner.h"

#include "sources/fieldmapping.h"

#include <cstring>

namespace Rewind {

namespace {
const QString UnterminatedString = QStringLiteral("invalid JSON: unterminated string");
// Said with line 1: the document as a whole, not one place in it, lacks the array.
const QString NoEventsArray = QStringLiteral("a JSON object without an \"events\" array");
}

JsonScanner::JsonScanner(const char* begin, const char* end)
    : m_p(begin)
    , m_end(end)
{
}

std::optional<std::string_view> JsonScanner::memberText(std::string_view object, std::string_view key)
{
    // Two passes: the exact name first (what detection found in this very record, so nearly
    // always the answer), and only then names FieldMapping would take for it, which cost a
    // normalized copy of every key.
    for (const bool exact : { true, false }) {
        const QString wanted =
            exact ? QString() : FieldMapping::normalizedKey(QString::fromUtf8(key.data(), qsizetype(key.size())));
        JsonScanner scanner(object.data(), object.data() + object.size());
        scanner.skipWhitespace();
        if (scanner.peek() != '{')
            return std::nullopt;
        ++scanner.m_p;
        for (;;) {
            scanner.skipWhitespace();
            if (scanner.peek() != '"')
                break;
            const char* keyStart = scanner.m_p + 1;
            if (!scanner.skipString())
                return std::nullopt;
            const std::string_view name(keyStart, size_t(scanner.m_p - 1 - keyStart));
            scanner.skipWhitespace();
            if (scanner.peek() != ':')
                return std::nullopt;
            ++scanner.m_p;
            scanner.skipWhitespace();
            const char* valueStart = scanner.m_p;
            if (!scanner.skipValue().isEmpty())
                return std::nullopt;
            const std::string_view value(valueStart, size_t(scanner.m_p - valueStart));
            if (name.find('\\') == std::string_view::npos) {
                if (exact
                        ? name == key
                        : FieldMapping::normalizedKey(QString::fromUtf8(name.data(), qsizetype(name.size()))) == wanted)
                    return value;
            }
            scanner.skipWhitespace();
            if (scanner.peek() != ',')
                break;
            ++scanner.m_p;
        }
    }
    return std::nullopt;
}

QString JsonScanner::skipValue()
{
    if (peek() == '"')
        return skipString() ? QString() : UnterminatedString;
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
                return UnterminatedString;
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

std::optional<JsonScanner::Problem> JsonScanner::enterRecords()
{
    skipWhitespace();
    if (peek() == '[') {
        ++m_p;
        return std::nullopt;
    }
    if (peek() != '{')
        return problem(QStringLiteral("not a JSON array or object"));
    ++m_p;
    m_inObject = true;
    for (;;) {
        skipWhitespace();
        if (peek() == '}')
            return Problem { NoEventsArray, 1 };
        if (peek() != '"')
            return problem(QStringLiteral("invalid JSON: expected a key"));
        const char* keyStart = m_p + 1;
        if (!skipString())
            return problem(UnterminatedString);
        const QString key = QString::fromUtf8(keyStart, m_p - 1 - keyStart);
        skipWhitespace();
        if (peek() != ':')
            return problem(QStringLiteral("invalid JSON: expected ':' after a key"));
        ++m_p;
        skipWhitespace();
        if (FieldMapping::normalizedKey(key) == QLatin1String("events") && peek() == '[') {
            ++m_p;
            return std::nullopt;
        }
        if (const QString error = skipValue(); !error.isEmpty())
            return problem(error);
        skipWhitespace();
        if (peek() == ',') {
            ++m_p;
            continue;
        }
        if (peek() == '}')
            return Problem { NoEventsArray, 1 };
        return problem(QStringLiteral("invalid JSON: expected ',' or '}'"));
    }
}

std::optional<JsonScanner::Record> JsonScanner::nextRecord(std::optional<Problem>* problemFound)
{
    skipWhitespace();
    if (m_firstRecord) {
        m_firstRecord = false;
        if (peek() == ']') {
            ++m_p;
            return std::nullopt;
        }
    } else if (peek() == ',') {
        ++m_p;
        skipWhitespace();
    } else if (peek() == ']') {
        ++m_p;
        return std::nullopt;
    } else {
        *problemFound = problem(atEnd() ? QStringLiteral("invalid JSON: the array of events is not closed")
                                        : QStringLiteral("invalid JSON: expected ',' or ']' after a record"));
        return std::nullopt;
    }
    const char* start = m_p;
    const qint64 line = m_line;
    if (const QString error = skipValue(); !error.isEmpty()) {
        *problemFound = Problem { error, line };
        return std::nullopt;
    }
    return Record { std::string_view(start, size_t(m_p - start)), line };
}

std::optional<JsonScanner::Problem> JsonScanner::leaveRecords()
{
    // The object's other members, after the array (another `events` key is only skipped).
    while (m_inObject) {
        skipWhitespace();
        if (peek() == '}') {
            ++m_p;
            break;
        }
        if (peek() != ',')
            return problem(QStringLiteral("invalid JSON: expected ',' or '}'"));
        ++m_p;
        skipWhitespace();
        if (peek() != '"')
            return problem(QStringLiteral("invalid JSON: expected a key"));
        if (!skipString())
            return problem(UnterminatedString);
        skipWhitespace();
        if (peek() != ':')
            return problem(QStringLiteral("invalid JSON: expected ':' after a key"));
        ++m_p;
        skipWhitespace();
        if (const QString error = skipValue(); !error.isEmpty())
            return problem(error);
    }
    skipWhitespace();
    if (!atEnd())
        return problem(QStringLiteral("invalid JSON: text after the end of the document"));
    return std::nullopt;
}

} // namespace Rewind
