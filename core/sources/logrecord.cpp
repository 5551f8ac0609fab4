#include "sources/logrecord.h"

#include "model/eventtime.h"
#include "sources/fieldmapping.h"
#include "sources/jsonscanner.h"

#include <QHash>
#include <QJsonDocument>

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <simdjson.h>
#include <string>
#include <vector>

namespace Rewind {

namespace {
using namespace simdjson;

QString describe(error_code code)
{
    switch (code) {
    case UNCLOSED_STRING:
        return QStringLiteral("unterminated string");
    case INCOMPLETE_ARRAY_OR_OBJECT:
        return QStringLiteral("unterminated object or array");
    case STRING_ERROR:
        return QStringLiteral("invalid string");
    case NUMBER_ERROR:
        return QStringLiteral("invalid number");
    case T_ATOM_ERROR:
    case F_ATOM_ERROR:
    case N_ATOM_ERROR:
        return QStringLiteral("invalid literal");
    case UTF8_ERROR:
        return QStringLiteral("invalid UTF-8");
    case DEPTH_ERROR:
        return QStringLiteral("nested too deeply");
    case EMPTY:
        return QStringLiteral("empty");
    case TAPE_ERROR:
        return QStringLiteral("unexpected character");
    default:
        return QString::fromUtf8(error_message(code));
    }
}

/// simdjson reports a record cut short as a generic structure error; people need to hear
/// that a string or a brace was left open, so look at the text once more.
QString describe(error_code code, std::string_view text)
{
    if (code != TAPE_ERROR && code != INCOMPLETE_ARRAY_OR_OBJECT && code != UNCLOSED_STRING)
        return describe(code);
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    if (inString)
        return QStringLiteral("unterminated string");
    if (depth > 0)
        return QStringLiteral("unterminated object or array");
    return describe(code);
}

QString toQString(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

/// Detecting a key normalizes a copy of it and looks it up; a log repeats the same few keys
/// on every line, so the answer for the key's bytes is kept, per thread.
struct DetectedKey {
    std::string raw;
    std::optional<FieldMapping::Field> field;
    int rank = 0;
    QString normalized; ///< as FieldMapping::normalizedKey writes it
    bool known = false;
};

/// The answer for `key`, valid until the next call (not copied: this runs for every key of
/// every record, twice when a record is read again). The answers are kept in a table with one
/// place per hash of the key: one comparison finds a key, and a log whose keys vary per line
/// overwrites places instead of growing it.
const DetectedKey& detectKey(std::string_view key)
{
    thread_local std::array<DetectedKey, 256> cache;
    size_t hash = key.size();
    for (const char c : key)
        hash = hash * 31 + static_cast<unsigned char>(c);
    DetectedKey& entry = cache.at((hash ^ (hash >> 8)) & 255);
    if (entry.known && entry.raw == key)
        return entry;
    entry.raw.assign(key);
    entry.known = true;
    const QString name = toQString(key);
    entry.field = FieldMapping::detect(name, &entry.rank);
    entry.normalized = FieldMapping::normalizedKey(name);
    return entry;
}

/// Streams and types repeat on every line: one QString each, shared by every event that
/// names it (less to allocate while reading, less memory once read).
QString interned(std::string_view s)
{
    thread_local QHash<QByteArray, QString> strings;
    const QByteArray probe = QByteArray::fromRawData(s.data(), qsizetype(s.size()));
    if (const auto it = strings.constFind(probe); it != strings.cend())
        return *it;
    if (strings.size() >= 4096)
        strings.clear(); // millions of distinct ids: bound the memory
    return *strings.insert(QByteArray(s.data(), qsizetype(s.size())), toQString(s));
}

/// A value as the user wrote it, cut short, for messages.
QString preview(dom::element e)
{
    QString text = QString::fromStdString(minify(e));
    if (text.size() > 40)
        text = text.left(37) + QStringLiteral("...");
    return text;
}

std::optional<qint64> integerOf(dom::element e)
{
    int64_t i = 0;
    if (e.get_int64().get(i) == SUCCESS)
        return i;
    double d = 0;
    if (e.get_double().get(d) == SUCCESS && d == std::floor(d) && std::abs(d) < 9e15)
        return qint64(d);
    std::string_view s;
    if (e.get_string().get(s) == SUCCESS) {
        bool ok = false;
        const qint64 v = toQString(s).trimmed().toLongLong(&ok);
        if (ok)
            return v;
    }
    return std::nullopt;
}

std::optional<qint64> timeOf(dom::element e, const FieldMapping& mapping)
{
    double number = 0;
    if (e.get_double().get(number) == SUCCESS) // int64, uint64 and double all convert
        return mapping.parseTime(number);
    std::string_view s;
    if (e.get_string().get(s) != SUCCESS)
        return std::nullopt;
    const auto format = mapping.timeFormat();
    if (format == FieldMapping::TimeFormat::Auto || format == FieldMapping::TimeFormat::Iso8601) {
        if (const auto common = parseUtcTimestamp(s))
            return common;
    }
    return mapping.parseTime(toQString(s));
}

/// A key of an object: the exact name first, else the same name up to case and `_`.
bool findKey(dom::object object, std::string_view key, dom::element* found)
{
    if (object.at_key(key).get(*found) == SUCCESS)
        return true;
    // Normalized names come from detectKey's table: a mapped field a record lacks (a CSV row
    // without a version) compared every key of every record anew.
    const QString wanted = detectKey(key).normalized;
    // NOLINTNEXTLINE(readability-use-anyofallof): the loop hands back the value it found
    for (const auto [k, value] : object) {
        if (detectKey(k).normalized == wanted) {
            *found = value;
            return true;
        }
    }
    return false;
}

bool findPath(dom::object root, const std::vector<std::string>& path, dom::element* found)
{
    dom::object object = root;
    for (size_t i = 0; i < path.size(); ++i) {
        if (!findKey(object, path[i], found))
            return false;
        if (i + 1 < path.size() && found->get_object().get(object) != SUCCESS)
            return false;
    }
    return true;
}

/// A JSON object as compact text; a string that holds a JSON object counts too, since
/// exports from databases often carry the payload as JSON text.
/// An element's compact JSON text, built in a per-thread buffer: one allocation per object
/// (the QByteArray) rather than a std::string and a copy of it, twice for every event.
QByteArray compactText(dom::element e)
{
    thread_local simdjson::internal::string_builder<> builder;
    builder.clear();
    builder.append(e);
    const std::string_view text = builder.str();
    return QByteArray(text.data(), qsizetype(text.size()));
}

/// JSON text without the white space between its tokens. Everything else stays as written:
/// a number keeps every digit it was given (a DOM would have made it a double).
QByteArray minified(std::string_view json)
{
    QByteArray out(qsizetype(json.size()), Qt::Uninitialized);
    size_t length = 0;
    if (simdjson::minify(json.data(), json.size(), out.data(), length) != SUCCESS)
        return {};
    out.truncate(qsizetype(length));
    return out;
}

/// `e` as compact JSON text, from `written` (the value's own text in the record) when known.
std::optional<QByteArray> objectText(dom::element e, std::optional<std::string_view> written)
{
    if (e.is_object()) {
        if (written && !written->empty() && written->front() == '{') {
            if (QByteArray text = minified(*written); !text.isEmpty())
                return text;
        }
        return compactText(e);
    }
    std::string_view s;
    if (e.get_string().get(s) != SUCCESS)
        return std::nullopt;
    thread_local dom::parser inner;
    dom::element parsed;
    if (inner.parse(s.data(), s.size(), true).get(parsed) != SUCCESS || !parsed.is_object())
        return std::nullopt;
    // The string's content is the object's own text.
    if (QByteArray text = minified(s); !text.isEmpty())
        return text;
    return compactText(parsed);
}

/// `text` with every number a double cannot hold (`1e400`, an integer of 21 digits) written
/// as 0, for the parser only: such a number is valid JSON, and the record's own text, which
/// data and metadata are taken from, keeps it as written. Empty when there is none.
std::string withTameNumbers(std::string_view text)
{
    std::string tamed;
    bool changed = false;
    for (size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '"') {
            const size_t start = i++;
            while (i < text.size() && text[i] != '"')
                i += text[i] == '\\' ? 2 : 1;
            i = std::min(i + 1, text.size());
            tamed.append(text.substr(start, i - start));
            continue;
        }
        if (c != '-' && (c < '0' || c > '9')) {
            tamed.push_back(c);
            ++i;
            continue;
        }
        const size_t start = i;
        while (i < text.size() && std::strchr("+-.0123456789eE", text[i]))
            ++i;
        const std::string number(text.substr(start, i - start));
        errno = 0;
        const double value = std::strtod(number.c_str(), nullptr);
        const bool integer = number.find_first_of(".eE") == std::string::npos;
        const size_t digits = number.size() - (number.front() == '-' ? 1 : 0);
        if (errno == ERANGE || std::isinf(value) || (integer && digits > 19)) {
            tamed.push_back('0');
            changed = true;
        } else {
            tamed.append(number);
        }
    }
    return changed ? tamed : std::string();
}

/// Each field's mapping path, as the steps between its dots (UTF-8).
using MappedPaths = std::array<std::vector<std::string>, FieldMapping::FieldCount>;

/// The mapping's paths split at the dots once per mapping, not once per record.
const MappedPaths& splitPaths(const FieldMapping& mapping)
{
    thread_local FieldMapping cached;
    thread_local MappedPaths paths;
    thread_local bool filled = false;
    if (!filled || !(cached == mapping)) {
        for (int f = 0; f < FieldMapping::FieldCount; ++f) {
            paths.at(f).clear();
            for (const QString& step : mapping.path(FieldMapping::Field(f)).split(QLatin1Char('.'), Qt::SkipEmptyParts))
                paths.at(f).push_back(step.toStdString());
        }
        cached = mapping;
        filled = true;
    }
    return paths;
}

using F = FieldMapping;
using Problem = LogRecord::Problem;

/// One record parsed, and where each of Rewind's fields is in it: what every reading of a record
/// (the whole event, the index's part of it, its data and metadata) starts from. The elements
/// live in the thread's parser, until the next record is parsed.
struct RecordFields {
    std::string_view text; ///< the record as written
    const FieldMapping* mapping = nullptr;
    const MappedPaths* paths = nullptr;
    std::array<dom::element, F::FieldCount> fields;
    std::array<std::string_view, F::FieldCount> keys; // the record's own name of each field found by name
    std::array<int, F::FieldCount> ranks;

    bool has(F::Field f) const { return ranks.at(f) != std::numeric_limits<int>::max(); }
    const dom::element& operator[](F::Field f) const { return fields.at(f); }
    /// The record's own name of a field, for messages: made only when one is said.
    QString name(F::Field f) const { return mapping->isMapped(f) ? mapping->path(f) : toQString(keys.at(f)); }

    Problem missing(F::Field f) const
    {
        if (mapping->isMapped(f)) {
            return Problem {
                QStringLiteral("missing field \"%1\" (the mapping's %2)").arg(mapping->path(f), F::fieldName(f)),
                true,
            };
        }
        return Problem { QStringLiteral("missing field \"%1\" (looked for %2)")
                             .arg(F::fieldName(f), F::aliases(f).join(QStringLiteral(", "))),
            true };
    }

    Problem invalid(F::Field f, const char* what) const
    {
        const QString own = name(f);
        QString name = QLatin1Char('"') + own + QLatin1Char('"');
        if (own != F::fieldName(f))
            name += QStringLiteral(" (") + F::fieldName(f) + QLatin1Char(')');
        return Problem {
            QStringLiteral("field %1 must be %2, not %3").arg(name, QLatin1String(what), preview(fields.at(f))),
            true,
        };
    }

    /// Where the value of a field is written in the record's text. Data, metadata and a
    /// snapshot's state keep their own text: only this record's JSON knows how each number was
    /// written (1234567890123.4567 is no double, nor is an id of 20 digits).
    std::optional<std::string_view> written(F::Field f) const
    {
        if (!mapping->isMapped(f))
            return JsonScanner::memberText(text, keys.at(f));
        std::optional<std::string_view> at = text;
        for (const std::string& step : paths->at(f)) {
            at = JsonScanner::memberText(*at, step);
            if (!at)
                return std::nullopt;
        }
        return at;
    }
};

/// Parses `text` and finds the fields in it, by the mapping's paths or by their names.
std::optional<Problem> findFields(
    std::string_view text, size_t paddedSize, const FieldMapping& mapping, RecordFields& found)
{
    thread_local dom::parser parser;
    dom::element root;
    const bool padded = paddedSize >= text.size() + SIMDJSON_PADDING;
    if (auto error = parser.parse(text.data(), text.size(), !padded).get(root)) {
        // Numbers beyond a double are valid JSON: parse once more with them tamed.
        const std::string tamed = error == NUMBER_ERROR ? withTameNumbers(text) : std::string();
        if (tamed.empty() || (error = parser.parse(tamed).get(root)))
            return Problem { QStringLiteral("invalid JSON: ") + describe(error, text) };
    }
    dom::object object;
    if (root.get_object().get(object) != SUCCESS)
        return Problem { QStringLiteral("expected a JSON object") };

    found.text = text;
    found.mapping = &mapping;
    found.ranks.fill(std::numeric_limits<int>::max());
    const auto& paths = splitPaths(mapping);
    found.paths = &paths;
    bool detectAny = false;
    for (int f = 0; f < F::FieldCount; ++f) {
        if (!mapping.isMapped(F::Field(f))) {
            detectAny = true;
        } else if (!paths.at(f).empty() && findPath(object, paths.at(f), &found.fields.at(f))) {
            found.ranks.at(f) = 0;
        }
    }
    if (detectAny) {
        for (const auto [key, value] : object) {
            const DetectedKey& detected = detectKey(key);
            const auto field = detected.field;
            if (field && !mapping.isMapped(*field) && detected.rank < found.ranks.at(*field)) {
                found.ranks.at(*field) = detected.rank;
                found.fields.at(*field) = value;
                found.keys.at(*field) = key;
            }
        }
    }
    return std::nullopt;
}

/// Whether objectText would find an object in `e`, without writing its text.
bool holdsObject(dom::element e)
{
    if (e.is_object())
        return true;
    std::string_view s;
    if (e.get_string().get(s) != SUCCESS)
        return false;
    thread_local dom::parser inner;
    dom::element parsed;
    return inner.parse(s.data(), s.size(), true).get(parsed) == SUCCESS && parsed.is_object();
}

/// Everything but the event's data and metadata, in the order fromJson has always checked the
/// fields (the first problem of a record is the one reported); data and metadata are checked
/// too, so that reading them later cannot fail.
std::variant<LogRecord::Header, Snapshot, Problem> readHeader(const RecordFields& found, FieldMapping* used)
{
    const FieldMapping& mapping = *found.mapping;
    thread_local std::string streamNumber;
    LogRecord::Header header;
    if (!found.has(F::Stream))
        return found.missing(F::Stream);
    std::string_view s;
    if (found[F::Stream].get_string().get(s) == SUCCESS) {
        header.stream = s;
    } else if (const auto id = integerOf(found[F::Stream])) {
        streamNumber = std::to_string(*id);
        header.stream = streamNumber;
    } else {
        return found.invalid(F::Stream, "a string");
    }
    if (header.stream.empty())
        return found.invalid(F::Stream, "a non-empty string");

    if (found.has(F::Version)) {
        const auto v = integerOf(found[F::Version]);
        if (!v || *v < 1)
            return found.invalid(F::Version, "a positive integer");
        header.version = *v;
    }
    std::string_view atInMetadata; // the metadata key the time came from, if it did
    if (found.has(F::At)) {
        const auto t = timeOf(found[F::At], mapping);
        if (!t) {
            return found.invalid(F::At,
                mapping.timeFormat() == F::TimeFormat::Auto ? "an ISO 8601 time or epoch milliseconds"
                                                            : "a time in the mapping's timeFormat");
        }
        header.at = *t;
    }

    std::string_view kind;
    if (found.has(F::Kind) && found[F::Kind].get_string().get(kind) == SUCCESS && kind == "snapshot") {
        if (!found.has(F::State))
            return found.missing(F::State);
        if (!found[F::State].is_object())
            return found.invalid(F::State, "a JSON object");
        if (header.version == 0)
            return found.missing(F::Version);
        Snapshot snapshot;
        snapshot.stream = interned(header.stream);
        snapshot.version = header.version;
        snapshot.at = header.at;
        const std::optional<QByteArray> stateText = objectText(found[F::State], found.written(F::State));
        Result<JsonValue> state = stateText ? JsonValue::parse(*stateText) : Result<JsonValue>(Error::badInput({}));
        if (!state)
            return found.invalid(F::State, "a JSON object");
        snapshot.state = std::move(*state);
        return snapshot;
    }

    if (!found.has(F::Type))
        return found.missing(F::Type);
    if (found[F::Type].get_string().get(s) != SUCCESS || s.empty())
        return found.invalid(F::Type, "a non-empty string");
    header.type = s;
    if (found.has(F::Position)) {
        const auto p = integerOf(found[F::Position]);
        if (!p || *p < 1)
            return found.invalid(F::Position, "a positive integer");
        header.position = *p;
    }
    if (found.has(F::Data) && !found[F::Data].is_null() && !holdsObject(found[F::Data]))
        return found.invalid(F::Data, "a JSON object");
    if (found.has(F::Metadata) && !found[F::Metadata].is_null()) {
        const dom::element meta = found[F::Metadata];
        if (!holdsObject(meta))
            return found.invalid(F::Metadata, "a JSON object");
        dom::object metaObject;
        if (!found.has(F::At) && meta.get_object().get(metaObject) == SUCCESS) {
            // The event time rule: the record's own time first, then the metadata's, under any
            // of the spellings exports use (`occurred_at`, `Timestamp` …).
            static const std::array<QString, 3> timeKeys = { QStringLiteral("occurredat"), QStringLiteral("timestamp"),
                QStringLiteral("time") };
            int best = int(timeKeys.size());
            dom::element value;
            std::string_view bestKey;
            for (const auto [key, v] : metaObject) {
                const QString normalized = F::normalizedKey(toQString(key));
                for (int i = 0; i < best; ++i) {
                    if (normalized == timeKeys.at(i)) {
                        best = i;
                        value = v;
                        bestKey = key;
                    }
                }
            }
            if (best < int(timeKeys.size())) {
                const auto t = timeOf(value, mapping);
                if (!t) {
                    return Problem { QStringLiteral("field \"%1.%2\" must be an ISO 8601 time or epoch "
                                                    "milliseconds, not %3")
                                         .arg(found.name(F::Metadata), toQString(bestKey), preview(value)),
                        true };
                }
                header.at = *t;
                atInMetadata = bestKey;
            }
        }
    }
    if (used) {
        for (const F::Field f : { F::Stream, F::Type, F::Version, F::Position, F::Data, F::Metadata }) {
            if (found.has(f))
                used->setPath(f, found.name(f));
        }
        if (found.has(F::At))
            used->setPath(F::At, found.name(F::At));
        else if (!atInMetadata.empty())
            used->setPath(F::At, found.name(F::Metadata) + QLatin1Char('.') + toQString(atInMetadata));
        used->setTimeFormat(mapping.timeFormat(), mapping.timePattern());
    }
    return header;
}

const QByteArray& emptyObject()
{
    static const QByteArray empty = QByteArrayLiteral("{}");
    return empty;
}

/// JSON text without the white space between its tokens, written over `out`'s bytes (a reader
/// visiting a million events fills the same buffer each time). False when simdjson refuses it.
bool minifyInto(std::string_view json, QByteArray& out)
{
    out.resize(qsizetype(json.size()));
    size_t length = 0;
    if (simdjson::minify(json.data(), json.size(), out.data(), length) != SUCCESS || length == 0)
        return false;
    out.resize(qsizetype(length));
    return true;
}

/// readPayload without a parser, for a record as logs mostly write it: data and metadata each
/// an object, null or absent, under a name detection finds or under a mapping path of one step.
/// The record was checked when it was indexed, so its members are found by its text alone, as
/// the parser finds them: by detection, the first of the best-ranked names; by a mapping, the
/// first member of exactly that name. The text then is what objectText takes. Anything else (a
/// key written with an escape, data written as a string, a path of several steps, a mapped name
/// matched only up to case) is left to the parser: false.
bool quickPayload(std::string_view text, const FieldMapping& mapping, bool withMetadata, Event& event)
{
    constexpr int None = std::numeric_limits<int>::max();
    const auto& paths = splitPaths(mapping);
    const std::array<F::Field, 2> wanted = { F::Data, F::Metadata };
    std::array<std::string_view, 2> values;
    std::array<int, 2> ranks = { None, None };
    for (const F::Field f : wanted) {
        if (mapping.isMapped(f) && paths.at(f).size() > 1 && (f == F::Data || withMetadata))
            return false;
    }
    bool plain = true;
    const bool whole = JsonScanner::forEachMember(text, [&](std::string_view key, std::string_view value) {
        if (key.find('\\') != std::string_view::npos) {
            plain = false; // the parser sees the key unescaped: it may name a field
            return false;
        }
        const DetectedKey* detected = nullptr;
        for (size_t slot = 0; slot < wanted.size(); ++slot) {
            const F::Field f = wanted.at(slot);
            if (mapping.isMapped(f)) {
                if (ranks.at(slot) == None && !paths.at(f).empty() && key == paths.at(f).front()) {
                    ranks.at(slot) = 0;
                    values.at(slot) = value;
                }
                continue;
            }
            if (!detected)
                detected = &detectKey(key);
            if (detected->field == f && detected->rank < ranks.at(slot)) {
                ranks.at(slot) = detected->rank;
                values.at(slot) = value;
            }
        }
        return true;
    });
    if (!whole || !plain)
        return false;
    const auto place = [&](size_t slot, QByteArray& into) {
        const F::Field f = wanted.at(slot);
        if (ranks.at(slot) == None && mapping.isMapped(f) && !paths.at(f).empty())
            return false; // named by the mapping, not found as written: the parser looks further
        if (ranks.at(slot) == None || values.at(slot) == "null") {
            into = emptyObject();
            return true;
        }
        return values.at(slot).front() == '{' && minifyInto(values.at(slot), into);
    };
    if (!place(0, event.data))
        return false;
    if (!withMetadata) {
        event.metadata = emptyObject();
        return true;
    }
    return place(1, event.metadata);
}

/// The event's data and metadata as compact JSON text, `{}` for what the record lacks (and for
/// metadata not asked for).
std::optional<Problem> readPayload(const RecordFields& found, bool withMetadata, Event& event)
{
    const QByteArray& empty = emptyObject();
    event.data = empty;
    event.metadata = empty;
    if (found.has(F::Data) && !found[F::Data].is_null()) {
        auto data = objectText(found[F::Data], found.written(F::Data));
        if (!data)
            return found.invalid(F::Data, "a JSON object");
        event.data = std::move(*data);
    }
    if (withMetadata && found.has(F::Metadata) && !found[F::Metadata].is_null()) {
        auto metadata = objectText(found[F::Metadata], found.written(F::Metadata));
        if (!metadata)
            return found.invalid(F::Metadata, "a JSON object");
        event.metadata = std::move(*metadata);
    }
    return std::nullopt;
}
}

LogRecord::Parsed LogRecord::fromJson(
    std::string_view text, size_t paddedSize, const FieldMapping& mapping, FieldMapping* used)
{
    RecordFields found;
    if (auto problem = findFields(text, paddedSize, mapping, found))
        return std::move(*problem);
    auto header = readHeader(found, used);
    if (auto* snapshot = std::get_if<Snapshot>(&header))
        return std::move(*snapshot);
    if (auto* problem = std::get_if<Problem>(&header))
        return std::move(*problem);
    const Header& h = std::get<Header>(header);
    Event event;
    event.stream = interned(h.stream);
    event.version = h.version;
    event.position = h.position;
    event.type = interned(h.type);
    event.at = h.at;
    if (auto problem = readPayload(found, true, event))
        return std::move(*problem);
    return event;
}

LogRecord::Indexed LogRecord::headerFromJson(
    std::string_view text, size_t paddedSize, const FieldMapping& mapping, FieldMapping* used)
{
    RecordFields found;
    if (auto problem = findFields(text, paddedSize, mapping, found))
        return std::move(*problem);
    auto header = readHeader(found, used);
    if (auto* snapshot = std::get_if<Snapshot>(&header))
        return std::move(*snapshot);
    if (auto* problem = std::get_if<Problem>(&header))
        return std::move(*problem);
    return std::get<Header>(header);
}

std::optional<LogRecord::Problem> LogRecord::payloadFromJson(
    std::string_view text, size_t paddedSize, const FieldMapping& mapping, bool withMetadata, Event& event)
{
    if (quickPayload(text, mapping, withMetadata, event))
        return std::nullopt;
    RecordFields found;
    if (auto problem = findFields(text, paddedSize, mapping, found))
        return problem;
    return readPayload(found, withMetadata, event);
}

} // namespace Rewind
