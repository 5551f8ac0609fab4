#pragma once

#include <QString>

#include <optional>
#include <string_view>

namespace Rewind {

/// Walks a JSON document's outer structure byte by byte, counting lines, to find where each
/// event record starts and ends; a parser then reads each record alone. A DOM of the whole
/// document would know no line numbers and would need several times the file in memory. The
/// JSON reader and the mapping dialog's preview find records with this one scanner.
///
/// The records are the elements of the top-level array, or of the array under the top-level
/// object's `events` key (`{"events": [...]}`, any case or spelling FieldMapping accepts).
class JsonScanner {
public:
    /// Where the document's structure is broken, and how.
    struct Problem {
        QString message;
        qint64 line = 0;
    };
    /// One record's text and the line it starts on.
    struct Record {
        std::string_view text;
        qint64 line = 0;
    };

    JsonScanner(const char* begin, const char* end);

    /// The text of a member's value in the JSON object `object`, as written (numbers keep
    /// every digit): the first member whose key is `key`, else the first whose key matches it
    /// as FieldMapping matches names (`Payload`, `payload`). Nothing when there is no such
    /// member, when its key is written with escapes, or when `object` is not an object.
    static std::optional<std::string_view> memberText(std::string_view object, std::string_view key);
    /// Calls `visit(key, value)` for each member of the JSON object `object` in order, the key as
    /// written between its quotes (escapes kept) and the value's text as written, until `visit`
    /// returns false. False when `object` is no object or breaks off before its end.
    template <typename Visit> static bool forEachMember(std::string_view object, Visit visit)
    {
        JsonScanner scanner(object.data(), object.data() + object.size());
        scanner.skipWhitespace();
        if (scanner.peek() != '{')
            return false;
        ++scanner.m_p;
        for (;;) {
            scanner.skipWhitespace();
            if (scanner.peek() == '}')
                return true;
            if (scanner.peek() != '"')
                return false;
            const char* keyStart = scanner.m_p + 1;
            if (!scanner.skipString())
                return false;
            const std::string_view key(keyStart, size_t(scanner.m_p - 1 - keyStart));
            scanner.skipWhitespace();
            if (scanner.peek() != ':')
                return false;
            ++scanner.m_p;
            scanner.skipWhitespace();
            const char* valueStart = scanner.m_p;
            if (!scanner.skipValue().isEmpty() || scanner.m_p == valueStart)
                return false;
            if (!visit(key, std::string_view(valueStart, size_t(scanner.m_p - valueStart))))
                return true;
            scanner.skipWhitespace();
            if (scanner.peek() == ',')
                ++scanner.m_p;
            else
                return scanner.peek() == '}';
        }
    }

    /// Moves to the first record. A Problem when the document holds no array of records.
    std::optional<Problem> enterRecords();
    /// The next record, or nothing after the last one; a Problem when the structure breaks.
    /// After a Problem, nothing more can be read.
    std::optional<Record> nextRecord(std::optional<Problem>* problem);
    /// After the last record: the rest of the document, which must be well formed and end.
    std::optional<Problem> leaveRecords();

    const char* position() const { return m_p; }
    /// Goes on over another buffer that holds the same bytes from position() on, starting at
    /// `position` and ending at `end`: a reader that holds a window of the file, not all of it,
    /// moves the scanner along when the window moves.
    void moveTo(const char* position, const char* end)
    {
        m_p = position;
        m_end = end;
    }
    qint64 line() const { return m_line; }
    bool atEnd() const { return m_p >= m_end; }

private:
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    // Inline: they run for every byte of every record the readers look through.
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
            if (*m_p == '\\') {
                ++m_p;
            } else if (*m_p == '"') {
                ++m_p;
                return true;
            } else if (*m_p == '\n') {
                ++m_line;
            }
        }
        return false;
    }
    /// Moves past one value. Returns an error message, or an empty string.
    QString skipValue();
    Problem problem(QString message) const { return { std::move(message), m_line }; }

    const char* m_p = nullptr;
    const char* m_end = nullptr;
    qint64 m_line = 1;
    bool m_inObject = false; ///< the records are under a key of the top-level object
    bool m_firstRecord = true;
};

} // namespace Rewind
