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
    QString name;
};

DetectedKey detectKey(std::string_view key)
{
    thread_local std::vector<DetectedKey> cache;
    for (const DetectedKey& entry : cache) {
        if (entry.raw == key)
            return entry;
    }
    if (cache.size() >= 64)
        cache.clear(); // a log whose keys vary per line: stay small and correct
    DetectedKey entry { std::string(key), std::nullopt, 0, toQString(key) };
    entry.field = FieldMapping::detect(entry.name, &entry.rank);
    cache.push_back(entry);
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
    const QString wanted = FieldMapping::normalizedKey(toQString(key));
    // NOLINTNEXTLINE(readability-use-anyofallof): the loop hands back the value it found
    for (const auto [k, value] : object) {
        if (FieldMapping::normalizedKey(toQString(k)) == wanted) {
            *found = value;
            return true;
        }
    }
    return false;
}

bool findPath(dom::object root, const QStringList& path, dom::element* found)
{
    dom::object object = root;
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (!findKey(object, path.at(i).toStdString(), found))
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

/// The mapping's paths split at the dots once per mapping, not once per record.
const std::array<QStringList, FieldMapping::FieldCount>& splitPaths(const FieldMapping& mapping)
{
    thread_local FieldMapping cached;
    thread_local std::array<QStringList, FieldMapping::FieldCount> paths;
    thread_local bool filled = false;
    if (!filled || !(cached == mapping)) {
        for (int f = 0; f < FieldMapping::FieldCount; ++f)
            paths.at(f) = mapping.path(FieldMapping::Field(f)).split(QLatin1Char('.'), Qt::SkipEmptyParts);
        cached = mapping;
        filled = true;
    }
    return paths;
}
}

LogRecord::Parsed LogRecord::fromJson(
    std::string_view text, size_t paddedSize, const FieldMapping& mapping, FieldMapping* used)
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

    using F = FieldMapping;
    std::array<dom::element, F::FieldCount> fields;
    std::array<QString, F::FieldCount> names; // the record's own name of each field, for messages
    std::array<std::string_view, F::FieldCount> keys; // the same, as the parser holds it
    std::array<int, F::FieldCount> ranks;
    ranks.fill(std::numeric_limits<int>::max());
    const auto& paths = splitPaths(mapping);
    bool detectAny = false;
    for (int f = 0; f < F::FieldCount; ++f) {
        if (!mapping.isMapped(F::Field(f))) {
            detectAny = true;
        } else if (!paths.at(f).isEmpty() && findPath(object, paths.at(f), &fields.at(f))) {
            ranks.at(f) = 0;
            names.at(f) = mapping.path(F::Field(f));
        }
    }
    if (detectAny) {
        for (const auto [key, value] : object) {
            const DetectedKey detected = detectKey(key);
            const auto field = detected.field;
            if (field && !mapping.isMapped(*field) && detected.rank < ranks.at(*field)) {
                ranks.at(*field) = detected.rank;
                fields.at(*field) = value;
                names.at(*field) = detected.name;
                keys.at(*field) = key;
            }
        }
    }
    const auto has = [&](F::Field f) { return ranks.at(f) != std::numeric_limits<int>::max(); };
    const auto missing = [&](F::Field f) {
        if (mapping.isMapped(f)) {
            return Problem {
                QStringLiteral("missing field \"%1\" (the mapping's %2)").arg(mapping.path(f), F::fieldName(f)),
                true,
            };
        }
        return Problem { QStringLiteral("missing field \"%1\" (looked for %2)")
                             .arg(F::fieldName(f), F::aliases(f).join(QStringLiteral(", "))),
            true };
    };
    const auto invalid = [&](F::Field f, const char* what) {
        QString name = QLatin1Char('"') + names.at(f) + QLatin1Char('"');
        if (names.at(f) != F::fieldName(f))
            name += QStringLiteral(" (") + F::fieldName(f) + QLatin1Char(')');
        return Problem {
            QStringLiteral("field %1 must be %2, not %3").arg(name, QLatin1String(what), preview(fields.at(f))),
            true,
        };
    };

    if (!has(F::Stream))
        return missing(F::Stream);
    QString stream;
    std::string_view s;
    if (fields[F::Stream].get_string().get(s) == SUCCESS)
        stream = interned(s);
    else if (const auto id = integerOf(fields[F::Stream]))
        stream = QString::number(*id);
    else
        return invalid(F::Stream, "a string");
    if (stream.isEmpty())
        return invalid(F::Stream, "a non-empty string");

    qint64 version = 0;
    if (has(F::Version)) {
        const auto v = integerOf(fields[F::Version]);
        if (!v || *v < 1)
            return invalid(F::Version, "a positive integer");
        version = *v;
    }
    qint64 at = 0;
    QString atFrom;
    if (has(F::At)) {
        const auto t = timeOf(fields[F::At], mapping);
        if (!t) {
            return invalid(F::At,
                mapping.timeFormat() == F::TimeFormat::Auto ? "an ISO 8601 time or epoch milliseconds"
                                                            : "a time in the mapping's timeFormat");
        }
        at = *t;
        atFrom = names.at(F::At);
    }

    // Data, metadata and a snapshot's state keep their own text: only this record's JSON knows how each number
    // was written (1234567890123.4567 is no double, nor is an id of 20 digits).
    const auto written = [&](F::Field f) -> std::optional<std::string_view> {
        if (!mapping.isMapped(f))
            return JsonScanner::memberText(text, keys.at(f));
        std::optional<std::string_view> at = text;
        for (const QString& step : paths.at(f)) {
            const QByteArray name = step.toUtf8();
            at = JsonScanner::memberText(*at, std::string_view(name.constData(), size_t(name.size())));
            if (!at)
                return std::nullopt;
        }
        return at;
    };
    std::string_view kind;
    if (has(F::Kind) && fields[F::Kind].get_string().get(kind) == SUCCESS && kind == "snapshot") {
        if (!has(F::State))
            return missing(F::State);
        if (!fields[F::State].is_object())
            return invalid(F::State, "a JSON object");
        if (version == 0)
            return missing(F::Version);
        Snapshot snapshot;
        snapshot.stream = stream;
        snapshot.version = version;
        snapshot.at = at;
        const std::optional<QByteArray> stateText = objectText(fields[F::State], written(F::State));
        Result<JsonValue> state = stateText ? JsonValue::parse(*stateText) : Result<JsonValue>(Error::badInput({}));
        if (!state)
            return invalid(F::State, "a JSON object");
        snapshot.state = std::move(*state);
        return snapshot;
    }

    Event event;
    event.stream = stream;
    event.version = version;
    if (!has(F::Type))
        return missing(F::Type);
    if (fields[F::Type].get_string().get(s) != SUCCESS || s.empty())
        return invalid(F::Type, "a non-empty string");
    event.type = interned(s);
    if (has(F::Position)) {
        const auto p = integerOf(fields[F::Position]);
        if (!p || *p < 1)
            return invalid(F::Position, "a positive integer");
        event.position = *p;
    }
    if (has(F::Data) && !fields[F::Data].is_null()) {
        auto data = objectText(fields[F::Data], written(F::Data));
        if (!data)
            return invalid(F::Data, "a JSON object");
        event.data = std::move(*data);
    }
    if (has(F::Metadata) && !fields[F::Metadata].is_null()) {
        const dom::element meta = fields[F::Metadata];
        auto metadata = objectText(meta, written(F::Metadata));
        if (!metadata)
            return invalid(F::Metadata, "a JSON object");
        event.metadata = std::move(*metadata);
        dom::object metaObject;
        if (!has(F::At) && meta.get_object().get(metaObject) == SUCCESS) {
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
                                         .arg(names.at(F::Metadata), toQString(bestKey), preview(value)),
                        true };
                }
                at = *t;
                atFrom = names.at(F::Metadata) + QLatin1Char('.') + toQString(bestKey);
            }
        }
    }
    event.at = at;
    if (used) {
        for (const F::Field f : { F::Stream, F::Type, F::Version, F::Position, F::Data, F::Metadata }) {
            if (has(f))
                used->setPath(f, names.at(f));
        }
        if (!atFrom.isEmpty())
            used->setPath(F::At, atFrom);
        used->setTimeFormat(mapping.timeFormat(), mapping.timePattern());
    }
    return event;
}

} // namespace Rewind
