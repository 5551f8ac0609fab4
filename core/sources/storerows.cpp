#include "sources/storerows.h"

#include "model/eventtime.h"
#include "sources/logrecord.h"

#include <array>
#include <cstring>
#include <optional>
#include <simdjson.h>
#include <string_view>

namespace Rewind {

namespace {
std::string_view view(QByteArrayView bytes) { return { bytes.data(), size_t(bytes.size()) }; }

/// Copies into the array's own buffer: no allocation per row once it is large enough, unless
/// the visitor kept a copy of the previous event (then it detaches, as it must).
void assignBytes(QByteArray& target, QByteArrayView bytes)
{
    target.resize(bytes.size());
    if (!bytes.isEmpty())
        std::memcpy(target.data(), bytes.data(), size_t(bytes.size()));
}

/// Days from 1970-01-01 to a date of the (proleptic) Gregorian calendar, years 1000 to 9999.
qint64 daysSinceEpoch(int year, int month, int day)
{
    static constexpr std::array<int, 12> daysBeforeMonth = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    const auto leapYearsBefore = [](int y) { return (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400; };
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return 365LL * (year - 1970) + (leapYearsBefore(year) - leapYearsBefore(1970)) + daysBeforeMonth.at(month - 1)
        + (leap && month > 2 ? 1 : 0) + day - 1;
}

/// The two forms Emmett's stores hold times in, read without QDateTime: JavaScript's
/// `Date.toISOString()` (`2026-08-05T09:00:00.250Z`), which applications put in metadata, and
/// SQLite's CURRENT_TIMESTAMP (`2026-08-05 09:00:00`, UTC), Emmett's `created` column. Nothing
/// for every other form, which parseEventTime reads: so the answer is always parseEventTime's.
std::optional<qint64> emmettTime(std::string_view s)
{
    const size_t n = s.size();
    if (n != 19 && n != 20 && n != 23 && n != 24)
        return std::nullopt;
    if ((n == 20 || n == 24) && s.back() != 'Z')
        return std::nullopt;
    if (n >= 23 && s[19] != '.')
        return std::nullopt;
    if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    const auto number = [s](size_t at, size_t digits) {
        int value = 0;
        for (size_t i = at; i < at + digits; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            value = value * 10 + (s[i] - '0');
        }
        return value;
    };
    const int year = number(0, 4);
    const int month = number(5, 2);
    const int day = number(8, 2);
    const int hour = number(11, 2);
    const int minute = number(14, 2);
    const int second = number(17, 2);
    const int millisecond = n >= 23 ? number(20, 3) : 0;
    if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || millisecond < 0)
        return std::nullopt;
    // The last day of the month: the first of the next one, less a day.
    const qint64 days = daysSinceEpoch(year, month, day);
    const qint64 nextMonth = month == 12 ? daysSinceEpoch(year + 1, 1, 1) : daysSinceEpoch(year, month + 1, 1);
    if (days >= nextMonth)
        return std::nullopt;
    return (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + millisecond;
}

/// The time rule's members of metadata as FieldMapping::normalizedKey writes them, in the order
/// the rule prefers them (LogRecord's: occurredAt, then timestamp, then time, in any spelling).
constexpr std::array<std::string_view, 3> TimeKeys = { "occurredat", "timestamp", "time" };

/// Where an ASCII key stands in TimeKeys: 0 is the best, TimeKeys.size() not a time member.
int timeRank(std::string_view key)
{
    std::array<char, 10> folded {};
    size_t size = 0;
    for (const char c : key) {
        if (c == '_' || c == '-')
            continue;
        if (size == folded.size())
            return int(TimeKeys.size());
        folded.at(size++) = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    const std::string_view name(folded.data(), size);
    for (size_t i = 0; i < TimeKeys.size(); ++i) {
        if (name == TimeKeys.at(i))
            return int(i);
    }
    return int(TimeKeys.size());
}

/// A time member's value as the time rule reads it, or nothing to leave the row to the
/// generic reader (which reads the forms this does not, or says why it is no time).
std::optional<qint64> timeOf(std::string_view written)
{
    if (written.front() == '"') {
        const std::string_view text = written.substr(1, written.size() - 2);
        if (text.find('\\') != std::string_view::npos)
            return std::nullopt;
        if (const std::optional<qint64> time = emmettTime(text))
            return time;
        return parseEventTime(QString::fromUtf8(text.data(), qsizetype(text.size())));
    }
    // Epoch milliseconds: an integer of up to 15 digits, which a double holds exactly.
    const bool negative = written.front() == '-';
    const std::string_view digits = written.substr(negative ? 1 : 0);
    if (digits.empty() || digits.size() > 15)
        return std::nullopt;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    value = negative ? -value : value;
    if (value < EarliestEventTime || value > LatestEventTime)
        return std::nullopt;
    return value;
}

}

/// One JSON object's text checked in a single pass, without a DOM: whether it is an object in
/// the form Emmett writes (JSON.stringify's: valid, compact), and where the time member of
/// metadata is. It says yes only to text the generic reader would take exactly as it is; to
/// anything else (white space between tokens, escapes in a key, surrogate escapes, numbers
/// longer than 18 characters, deep nesting) it says no, and the row goes to that reader, which
/// takes it or names what is wrong as it always did.
class PlainObject {
public:
    /// True when `text` is such an object. `findTime`: also note its best time member.
    bool scan(std::string_view text, bool findTime)
    {
        m_p = text.data();
        m_end = text.data() + text.size();
        m_findTime = findTime;
        m_ascii = true;
        m_time = {};
        m_timeRank = int(TimeKeys.size());
        if (text.empty() || text.front() != '{' || !object(0) || m_p != m_end)
            return false;
        return m_ascii || simdjson::validate_utf8(text.data(), text.size());
    }
    /// The text of the best time member's value as written, or empty when there is none.
    std::string_view timeValue() const { return m_time; }

private:
    static constexpr int MaxDepth = 32;

    bool object(int depth)
    {
        ++m_p; // the `{`
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        for (;;) {
            if (m_p == m_end || *m_p != '"')
                return false;
            const char* key = m_p + 1;
            if (!string())
                return false;
            int rank = int(TimeKeys.size());
            if (depth == 0 && m_findTime) {
                // An escaped or non-ASCII key might still spell a time member.
                if (!m_plainString)
                    return false;
                rank = timeRank(std::string_view(key, size_t(m_p - 1 - key)));
            }
            if (m_p == m_end || *m_p != ':')
                return false;
            const char* value = ++m_p;
            if (!this->value(depth + 1))
                return false;
            if (rank < m_timeRank) { // the first of the best spelling, as the rule takes it
                m_timeRank = rank;
                m_time = std::string_view(value, size_t(m_p - value));
            }
            if (m_p == m_end)
                return false;
            if (*m_p == '}') {
                ++m_p;
                return true;
            }
            if (*m_p++ != ',')
                return false;
        }
    }

    bool array(int depth)
    {
        ++m_p; // the `[`
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        for (;;) {
            if (!value(depth + 1) || m_p == m_end)
                return false;
            if (*m_p == ']') {
                ++m_p;
                return true;
            }
            if (*m_p++ != ',')
                return false;
        }
    }

    bool value(int depth)
    {
        if (m_p == m_end)
            return false;
        switch (*m_p) {
        case '"':
            return string();
        case '{':
            return depth < MaxDepth && object(depth);
        case '[':
            return depth < MaxDepth && array(depth);
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    /// Moves past the 8-byte blocks that hold no quote, backslash, control character or
    /// non-ASCII byte: most of a string (ids, names, times), eight bytes a step.
    void skipOrdinary()
    {
        constexpr quint64 ones = 0x0101010101010101ULL;
        constexpr quint64 highs = 0x8080808080808080ULL;
        const auto anyZero = [](quint64 v) { return (v - ones) & ~v & highs; };
        while (m_end - m_p >= 8) {
            quint64 block = 0;
            std::memcpy(&block, m_p, sizeof block);
            const quint64 special = anyZero(block ^ (ones * '"')) | anyZero(block ^ (ones * '\\'))
                | ((block - ones * 0x20) & ~block & highs) | (block & highs);
            if (special != 0)
                return;
            m_p += 8;
        }
    }

    bool string()
    {
        ++m_p; // the opening quote
        bool plain = true;
        for (;;) {
            skipOrdinary();
            if (m_p == m_end)
                return false;
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                m_plainString = plain;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c >= 0x80) {
                m_ascii = false;
                plain = false;
            }
            if (c != '\\') {
                ++m_p;
                continue;
            }
            plain = false;
            if (m_end - m_p < 2)
                return false;
            switch (m_p[1]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                m_p += 2;
                continue;
            case 'u':
                break;
            default:
                return false;
            }
            if (m_end - m_p < 6)
                return false;
            unsigned code = 0;
            for (int i = 2; i < 6; ++i) {
                const char h = m_p[i];
                const int digit = h >= '0' && h <= '9' ? h - '0'
                    : h >= 'a' && h <= 'f'             ? h - 'a' + 10
                    : h >= 'A' && h <= 'F'             ? h - 'A' + 10
                                                       : -1;
                if (digit < 0)
                    return false;
                code = code * 16 + unsigned(digit);
            }
            if (code >= 0xD800 && code <= 0xDFFF)
                return false; // surrogates: simdjson's rules for pairs decide, in the generic reader
            m_p += 6;
        }
    }

    bool number()
    {
        const char* start = m_p;
        const auto digits = [this] {
            const char* first = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            return m_p > first;
        };
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p < m_end && *m_p == '0')
            ++m_p;
        else if (!digits())
            return false;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digits())
                return false;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digits())
                return false;
        }
        // Longer ones may be beyond a double or an int64, where the generic reader has rules of
        // its own.
        return m_p - start <= 18;
    }

    bool literal(std::string_view word)
    {
        if (size_t(m_end - m_p) < word.size() || std::memcmp(m_p, word.data(), word.size()) != 0)
            return false;
        m_p += word.size();
        return true;
    }

    const char* m_p = nullptr;
    const char* m_end = nullptr;
    bool m_findTime = false;
    bool m_ascii = true;
    bool m_plainString = true; ///< the last string read had neither escapes nor non-ASCII bytes
    std::string_view m_time;
    int m_timeRank = 0;
};

StoreRows::StoreRows(Reading reading, bool withMetadata)
    : m_reading(reading)
    , m_withMetadata(withMetadata)
    , m_object(std::make_unique<PlainObject>())
{
}

StoreRows::~StoreRows() = default;

StoreRows::Outcome StoreRows::read(const Row& row)
{
    if (m_reading == Reading::Direct && direct(row))
        return Outcome::Event;
    return generic(row);
}

bool StoreRows::direct(const Row& row)
{
    if (row.position < 1 || row.version < 1 || row.stream.isEmpty() || row.type.isEmpty())
        return false;
    if (!m_object->scan(view(row.metadata), true))
        return false;
    qint64 at = 0;
    if (const std::string_view written = m_object->timeValue(); !written.empty()) {
        const std::optional<qint64> time = timeOf(written);
        if (!time)
            return false;
        at = *time;
    }
    if (!m_object->scan(view(row.data), false))
        return false;
    m_event.position = row.position;
    m_event.version = row.version;
    m_event.stream = m_streams.intern(row.stream);
    m_event.type = m_types.intern(row.type);
    assignBytes(m_event.data, row.data);
    assignBytes(m_event.metadata, m_withMetadata ? row.metadata : QByteArrayView("{}"));
    m_event.at = at != 0 ? at : createdTime(row);
    return true;
}

qint64 StoreRows::createdTime(const Row& row)
{
    if (row.created.isEmpty())
        return row.createdMs;
    if (row.created != m_lastCreated) { // rows of one append share their insert time
        m_lastCreated = row.created.toByteArray();
        const std::string_view text = view(row.created);
        const std::optional<qint64> plain = emmettTime(text);
        m_lastCreatedAt =
            plain ? *plain : parseEventTime(QString::fromUtf8(text.data(), qsizetype(text.size()))).value_or(0);
    }
    return m_lastCreatedAt;
}

StoreRows::Outcome StoreRows::generic(const Row& row)
{
    const auto quoted = [](QByteArrayView text) { return JsonWriter::compact(QJsonValue(QString::fromUtf8(text))); };
    m_record = "{\"stream\":" + quoted(row.stream) + ",\"type\":" + quoted(row.type)
        + ",\"version\":" + QByteArray::number(row.version) + ",\"position\":" + QByteArray::number(row.position)
        + ",\"data\":" + row.data.toByteArray() + ",\"metadata\":" + row.metadata.toByteArray() + '}';
    LogRecord::Parsed parsed = LogRecord::fromJson(std::string_view(m_record.constData(), size_t(m_record.size())));
    if (auto* problem = std::get_if<LogRecord::Problem>(&parsed)) {
        m_problem = problem->message;
        return Outcome::Problem;
    }
    auto* event = std::get_if<Event>(&parsed);
    if (!event)
        return Outcome::Skipped;
    m_event = std::move(*event);
    if (m_event.at == 0)
        m_event.at = createdTime(row);
    if (!m_withMetadata)
        m_event.metadata = QByteArrayLiteral("{}");
    return Outcome::Event;
}

} // namespace Rewind
