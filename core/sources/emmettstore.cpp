#include "sources/emmettstore.h"

#include "model/eventtime.h"
#include "sources/logrecord.h"
#include "store/interner.h"
#include "store/sqlitestatement.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUrl>

#include <array>
#include <cstring>
#include <simdjson.h>
#include <sqlite3.h>
#include <string_view>
#include <tuple>

namespace Rewind {

namespace {
constexpr const char* Events = "emt_messages WHERE message_kind = 'E' AND NOT is_archived";
const QString ImmutableOpen = QStringLiteral("read-only, immutable");

QString sqliteError(sqlite3* db) { return QString::fromUtf8(sqlite3_errmsg(db)); }

sqlite3* openUri(const QByteArray& uri, int* code)
{
    sqlite3* db = nullptr;
    *code =
        sqlite3_open_v2(uri.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (*code == SQLITE_OK)
        *code = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    return db;
}

QByteArray uriOf(const QString& path, const char* parameters)
{
    return QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() + '?' + parameters;
}

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
}

/// Turns rows of emt_messages into Events. Directly, in the common case: Emmett's columns are
/// known, so no field is looked for; stream ids and types are interned; data and metadata are
/// copied as they are (Emmett writes compact JSON, and every number keeps its digits); the time
/// is found by one scan of the metadata. Any row not in that form is read the generic way: as
/// the JSON record a log would hold, by LogRecord, as every text format is read. Either way the
/// event, or the reason there is none, is the same.
class EmmettStore::Rows {
public:
    struct Row {
        qint64 position = 0;
        qint64 version = 0;
        QByteArrayView stream;
        QByteArrayView type;
        QByteArrayView metadata;
        QByteArrayView created; ///< empty when the schema has no `created` column
        QByteArrayView data; ///< `{}` when the read does not want data
    };
    enum class Outcome { Event, Skipped, Problem };

    Rows(RowReading reading, bool withMetadata)
        : m_reading(reading)
        , m_withMetadata(withMetadata)
    {
    }

    /// Reads one row into event() (valid until the next call), or says why it cannot.
    Outcome read(const Row& row)
    {
        if (m_reading == RowReading::Direct && direct(row))
            return Outcome::Event;
        return generic(row);
    }
    const Event& event() const { return m_event; }
    const QString& problem() const { return m_problem; }

private:
    bool direct(const Row& row)
    {
        if (row.position < 1 || row.version < 1 || row.stream.isEmpty() || row.type.isEmpty())
            return false;
        if (!m_object.scan(view(row.metadata), true))
            return false;
        qint64 at = 0;
        if (const std::string_view written = m_object.timeValue(); !written.empty()) {
            const std::optional<qint64> time = timeOf(written);
            if (!time)
                return false;
            at = *time;
        }
        if (!m_object.scan(view(row.data), false))
            return false;
        m_event.position = row.position;
        m_event.version = row.version;
        m_event.stream = m_streams.intern(row.stream);
        m_event.type = m_types.intern(row.type);
        assignBytes(m_event.data, row.data);
        assignBytes(m_event.metadata, m_withMetadata ? row.metadata : QByteArrayView("{}"));
        m_event.at = at != 0 ? at : createdTime(row.created);
        return true;
    }

    /// A time member's value as the time rule reads it, or nothing to leave the row to the
    /// generic reader (which reads the forms this does not, or says why it is no time).
    static std::optional<qint64> timeOf(std::string_view written)
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

    qint64 createdTime(QByteArrayView created)
    {
        if (created != m_lastCreated) { // rows of one append share their insert time
            m_lastCreated = created.toByteArray();
            const std::string_view text = view(created);
            const std::optional<qint64> plain = emmettTime(text);
            m_lastCreatedAt =
                plain ? *plain : parseEventTime(QString::fromUtf8(text.data(), qsizetype(text.size()))).value_or(0);
        }
        return m_lastCreatedAt;
    }

    Outcome generic(const Row& row)
    {
        const auto quoted = [](QByteArrayView text) {
            return JsonWriter::compact(QJsonValue(QString::fromUtf8(text)));
        };
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
            m_event.at = createdTime(row.created);
        if (!m_withMetadata)
            m_event.metadata = QByteArrayLiteral("{}");
        return Outcome::Event;
    }

    const RowReading m_reading;
    const bool m_withMetadata;
    Event m_event;
    Interner m_streams;
    Interner m_types;
    PlainObject m_object;
    QByteArray m_lastCreated;
    qint64 m_lastCreatedAt = 0;
    QByteArray m_record;
    QString m_problem;
};

EmmettStore::~EmmettStore()
{
    if (m_db)
        sqlite3_close(m_db);
}

Result<sqlite3*> EmmettStore::openUntouched(const QString& path, std::unique_ptr<QTemporaryDir>* copy, QString* how)
{
    // No pending write-ahead log: `immutable` reads the file as it is and creates nothing beside
    // it. A pending log holds committed events that only SQLite's WAL reader sees: read it in
    // place (a read-only connection; Emmett's own `-shm` is there while it runs), or, when the
    // folder is read-only and that cannot work, from a copy of the file and its log.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    int code = SQLITE_OK;
    if (!wal.exists() || wal.size() == 0) {
        sqlite3* db = openUri(uriOf(path, "immutable=1"), &code);
        if (code == SQLITE_OK) {
            if (how)
                *how = ImmutableOpen;
            return db;
        }
        const QString message = sqliteError(db);
        sqlite3_close(db);
        return Error::badInput(QStringLiteral("cannot read the SQLite file: ") + message, path);
    }
    sqlite3* db = openUri(uriOf(path, "mode=ro"), &code);
    if (code == SQLITE_OK) {
        if (how)
            *how = QStringLiteral("read-only, with its write-ahead log");
        return db;
    }
    sqlite3_close(db);
    auto dir = std::make_unique<QTemporaryDir>();
    const QString copied = dir->filePath(QStringLiteral("store.sqlite"));
    if (!dir->isValid() || !QFile::copy(path, copied) || !QFile::copy(wal.filePath(), copied + QStringLiteral("-wal")))
        return Error::failure(QStringLiteral("cannot read the store's write-ahead log, nor copy it"), path);
    db = openUri(uriOf(copied, "mode=ro"), &code);
    if (code != SQLITE_OK) {
        const QString message = sqliteError(db);
        sqlite3_close(db);
        return Error::badInput(QStringLiteral("cannot read the SQLite file: ") + message, path);
    }
    if (how)
        *how = QStringLiteral("from a private copy (its folder is read-only and its write-ahead log pending)");
    if (copy)
        *copy = std::move(dir);
    return db;
}

Result<std::optional<QString>> EmmettStore::whyNot(sqlite3* db)
{
    SqliteStatement columns(db, "SELECT name FROM pragma_table_info('emt_messages')");
    QSet<QString> found;
    int stepped = SQLITE_ROW;
    while ((stepped = columns.step()) == SQLITE_ROW)
        found.insert(columns.columnString(0).toLower());
    // A schema SQLite cannot read is a damaged file, not a database of another program.
    if (stepped != SQLITE_DONE)
        return Error::badInput(columns.errorMessage());
    if (found.isEmpty())
        return std::optional<QString>(QStringLiteral("no emt_messages table"));
    QStringList missing;
    for (const char* name : { "stream_id", "stream_position", "global_position", "message_kind", "message_type",
             "message_data", "message_metadata", "is_archived" }) {
        if (!found.contains(QLatin1String(name)))
            missing.append(QLatin1String(name));
    }
    if (!missing.isEmpty()) {
        return std::optional<QString>(
            QStringLiteral("its emt_messages table is not Emmett's (no %1)").arg(missing.join(QStringLiteral(", "))));
    }
    return std::optional<QString>();
}

Result<std::unique_ptr<EmmettStore>> EmmettStore::open(const QString& path, ReadReport* report)
{
    std::unique_ptr<EmmettStore> store(new EmmettStore);
    store->m_path = path;
    QString how;
    auto db = openUntouched(path, &store->m_copy, &how);
    if (!db)
        return db.error();
    store->m_db = *db;
    if (how == ImmutableOpen) {
        // Nothing writes the file while it is read (that is what `immutable` says), so what it
        // holds can be kept, and its pages read from the mapped file rather than copied in
        // through the page cache, pass after pass (replay reads a stream more than once).
        store->m_immutable = true;
        std::ignore = sqliteExec(store->m_db, "PRAGMA mmap_size = 1073741824");
    }
    const auto why = whyNot(store->m_db);
    if (!why)
        return Error::badInput(QStringLiteral("cannot read the SQLite file: ") + why.error().message, path);
    if (*why)
        return Error::badInput(QStringLiteral("not an Emmett store: ") + **why, path);
    SqliteStatement created(
        store->m_db, "SELECT count(*) FROM pragma_table_info('emt_messages') WHERE name = 'created'");
    const Result<qint64> hasCreated = created.singleInt64();
    if (!hasCreated)
        return Error::badInput(QStringLiteral("cannot read the Emmett store: ") + hasCreated.error().message, path);
    store->m_hasCreated = *hasCreated > 0;

    // Counting every row reads every page of the table: a damaged or cut file says so now, in
    // one line, rather than in the middle of a replay.
    SqliteStatement counts(store->m_db,
        "SELECT count(*), coalesce(sum(message_kind = 'E' AND NOT is_archived), 0), "
        "coalesce(sum(message_kind <> 'E'), 0), coalesce(sum(message_kind = 'E' AND is_archived), 0), "
        "coalesce(sum(length(message_data) + length(message_metadata)), 0), "
        "coalesce(min(CASE WHEN message_kind = 'E' AND NOT is_archived THEN global_position END), 1) "
        "FROM emt_messages");
    if (!counts.isValid() || counts.step() != SQLITE_ROW)
        return Error::badInput(QStringLiteral("cannot read the Emmett store: ") + counts.errorMessage(), path);
    store->m_rowCount = counts.columnInt64(0);
    // Emmett numbers global positions from 1. Reads start at 1, so an event below would be passed
    // over while the counts included it: the rule every format has (a position is positive).
    if (const qint64 first = counts.columnInt64(5); first < 1) {
        return Error::badInput(
            QStringLiteral("emt_messages, global_position %1: an event's position must be a positive integer")
                .arg(first),
            path);
    }
    if (report) {
        report->notes.append(QStringLiteral("Emmett store (emt_messages), opened ") + how);
        report->notes.append(QStringLiteral("%1 events; skipped %2 messages that are not events, %3 archived events")
                                 .arg(counts.columnInt64(1))
                                 .arg(counts.columnInt64(2))
                                 .arg(counts.columnInt64(3)));
        report->notes.append(QStringLiteral("fields: stream ← stream_id, type ← message_type, version ← "
                                            "stream_position, position ← global_position, data ← message_data, "
                                            "metadata ← message_metadata, at ← metadata.occurredAt / timestamp / "
                                            "time, else created"));
    }
    return store;
}

Result<qint64> EmmettStore::eventCount() const
{
    const QByteArray sql = QByteArrayLiteral("SELECT count(*) FROM ") + Events;
    SqliteStatement count(m_db, sql.constData());
    const Result<qint64> counted = count.singleInt64();
    if (!counted)
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + counted.error().message, m_path);
    return *counted;
}

Result<QList<StreamInfo>> EmmettStore::streams() const
{
    {
        // The window reads from several threads; the connection is serialized, the list too.
        const std::lock_guard lock(m_streamsMutex);
        if (m_streams)
            return *m_streams;
    }
    const QByteArray sql = QByteArrayLiteral("SELECT stream_id, count(*), min(global_position), "
                                             "max(global_position), max(stream_position) FROM ")
        + Events + " GROUP BY stream_id ORDER BY min(global_position)";
    SqliteStatement query(m_db, sql.constData());
    QList<StreamInfo> result;
    int stepped = SQLITE_ROW;
    while ((stepped = query.step()) == SQLITE_ROW) {
        result.append({ query.columnString(0), query.columnInt64(1), query.columnInt64(2), query.columnInt64(3),
            query.columnInt64(4) });
    }
    if (stepped != SQLITE_DONE)
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + query.errorMessage(), m_path);
    if (m_immutable) {
        const std::lock_guard lock(m_streamsMutex);
        m_streams = result; // a replay asks more than once, and the file cannot change
    }
    return result;
}

Status EmmettStore::readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const
{
    // Only the columns the read needs. The metadata is always read: the event time is in it.
    QByteArray sql = QByteArrayLiteral("SELECT global_position, stream_position, stream_id, message_type, "
                                       "message_metadata, ")
        + (m_hasCreated ? "created" : "NULL") + (filter.withData ? ", message_data" : ", '{}'") + " FROM " + Events
        + " AND global_position BETWEEN ?1 AND ?2";
    if (!filter.stream.isEmpty()) {
        const Result<bool> wide = isWideStream(filter.stream);
        if (!wide)
            return wide.error();
        // SQLite would take the stream's index and sort every row it finds, data and all, into
        // position order; a stream that holds much of the table is read faster in the table's
        // own order (global_position is its key), passing over the other streams' rows.
        sql += *wide ? " AND +stream_id = ?3" : " AND stream_id = ?3";
    }
    sql += " ORDER BY global_position";
    SqliteStatement query(m_db, sql.constData());
    if (!query.isValid())
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + query.errorMessage(), m_path);
    query.bind(1, filter.fromPosition);
    query.bind(2, filter.toPosition);
    if (!filter.stream.isEmpty())
        query.bind(3, filter.stream);

    Rows rows(m_rowReading, filter.withMetadata);
    int code = SQLITE_ROW;
    while ((code = query.step()) == SQLITE_ROW) {
        const Rows::Row row { query.columnInt64(0), query.columnInt64(1), query.columnUtf8(2), query.columnUtf8(3),
            query.columnUtf8(4), query.columnUtf8(5), query.columnUtf8(6) };
        const Rows::Outcome outcome = rows.read(row);
        if (outcome == Rows::Outcome::Problem) {
            return Error::badInput(
                QStringLiteral("emt_messages, global_position %1: %2").arg(row.position).arg(rows.problem()), m_path);
        }
        if (outcome == Rows::Outcome::Event && !visit(rows.event()))
            return {};
    }
    if (code != SQLITE_DONE)
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + query.errorMessage(), m_path);
    return {};
}

Result<bool> EmmettStore::isWideStream(const QString& stream) const
{
    SqliteStatement count(m_db, "SELECT count(*) FROM emt_messages WHERE stream_id = ?1");
    count.bind(1, stream);
    const Result<qint64> counted = count.singleInt64();
    if (!counted)
        return Error::failure(QStringLiteral("cannot read the Emmett store: ") + counted.error().message, m_path);
    // Passing over a row costs a fraction of finding one through the index and sorting it.
    return *counted * 8 >= m_rowCount;
}

Result<Event> EmmettStore::eventAt(qint64 position) const
{
    Event found;
    const Status status = readEvents({ {}, position, position }, [&](const Event& event) {
        found = event;
        return false;
    });
    if (!status)
        return status.error();
    return found;
}

} // namespace Rewind
