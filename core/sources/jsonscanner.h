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

    /// Moves to the first record. A Problem when the document holds no array of records.
    std::optional<Problem> enterRecords();
    /// The next record, or nothing after the last one; a Problem when the structure breaks.
    /// After a Problem, nothing more can be read.
    std::optional<Record> nextRecord(std::optional<Problem>* problem);
    /// After the last record: the rest of the document, which must be well formed and end.
    std::optional<Problem> leaveRecords();

    const char* position() const { return m_p; }
    qint64 line() const { return m_line; }
    bool atEnd() const { return m_p >= m_end; }

private:
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    void skipWhitespace();
    /// At a `"`: moves past the closing quote. False when the string never ends.
    bool skipString();
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
