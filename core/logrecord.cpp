#include "logrecord.h"

#include "eventtime.h"
#include "fieldmapping.h"

#include <QJsonDocument>

#include <simdjson.h>

#include <array>

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

    std::optional<qint64> integerOf(dom::element e)
    {
        int64_t i = 0;
        if (e.get_int64().get(i) == SUCCESS)
            return i;
        std::string_view s;
        if (e.get_string().get(s) == SUCCESS) {
            bool ok = false;
            const qint64 v = toQString(s).toLongLong(&ok);
            if (ok)
                return v;
        }
        return std::nullopt;
    }

    QByteArray compactObject(dom::element e) { return QByteArray::fromStdString(minify(e)); }

    std::optional<qint64> timeOf(dom::element e)
    {
        int64_t ms = 0;
        if (e.get_int64().get(ms) == SUCCESS)
            return ms;
        std::string_view s;
        if (e.get_string().get(s) == SUCCESS)
            return parseEventTime(toQString(s));
        return std::nullopt;
    }
}

LogRecord::Parsed LogRecord::fromJson(std::string_view text, size_t paddedSize)
{
    thread_local dom::parser parser;
    dom::element root;
    const bool padded = paddedSize >= text.size() + SIMDJSON_PADDING;
    if (const auto error = parser.parse(text.data(), text.size(), !padded).get(root))
        return Problem { QStringLiteral("invalid JSON: ") + describe(error, text) };
    dom::object object;
    if (root.get_object().get(object) != SUCCESS)
        return Problem { QStringLiteral("expected a JSON object") };

    std::array<dom::element, FieldMapping::FieldCount> fields;
    std::array<int, FieldMapping::FieldCount> ranks;
    ranks.fill(std::numeric_limits<int>::max());
    for (const auto [key, value] : object) {
        int rank = 0;
        const auto field = FieldMapping::detect(toQString(key), &rank);
        if (field && rank < ranks.at(*field)) {
            ranks.at(*field) = rank;
            fields.at(*field) = value;
        }
    }
    const auto has = [&](FieldMapping::Field f) { return ranks.at(f) != std::numeric_limits<int>::max(); };
    const auto missing = [](FieldMapping::Field f) {
        return Problem { QStringLiteral("missing field \"") + FieldMapping::fieldName(f) + QLatin1Char('"') };
    };
    const auto notAn = [](FieldMapping::Field f, const char* what) {
        return Problem { QStringLiteral("field \"") + FieldMapping::fieldName(f) + QStringLiteral("\" must be ")
            + QLatin1String(what) };
    };

    if (!has(FieldMapping::Stream))
        return missing(FieldMapping::Stream);
    QString stream;
    std::string_view s;
    if (fields[FieldMapping::Stream].get_string().get(s) == SUCCESS)
        stream = toQString(s);
    else if (const auto id = integerOf(fields[FieldMapping::Stream]))
        stream = QString::number(*id);
    else
        return notAn(FieldMapping::Stream, "a string");
    if (stream.isEmpty())
        return notAn(FieldMapping::Stream, "a non-empty string");

    qint64 version = 0;
    if (has(FieldMapping::Version)) {
        const auto v = integerOf(fields[FieldMapping::Version]);
        if (!v || *v < 1)
            return notAn(FieldMapping::Version, "a positive integer");
        version = *v;
    }
    qint64 at = 0;
    if (has(FieldMapping::At)) {
        const auto t = timeOf(fields[FieldMapping::At]);
        if (!t)
            return notAn(FieldMapping::At, "an ISO 8601 time or epoch milliseconds");
        at = *t;
    }

    std::string_view kind;
    if (has(FieldMapping::Kind) && fields[FieldMapping::Kind].get_string().get(kind) == SUCCESS
        && kind == "snapshot") {
        if (!has(FieldMapping::State))
            return missing(FieldMapping::State);
        if (!fields[FieldMapping::State].is_object())
            return notAn(FieldMapping::State, "a JSON object");
        if (version == 0)
            return missing(FieldMapping::Version);
        Snapshot snapshot;
        snapshot.stream = stream;
        snapshot.version = version;
        snapshot.at = at;
        snapshot.state = QJsonDocument::fromJson(compactObject(fields[FieldMapping::State])).object();
        return snapshot;
    }

    Event event;
    event.stream = stream;
    event.version = version;
    event.at = at;
    if (!has(FieldMapping::Type))
        return missing(FieldMapping::Type);
    if (fields[FieldMapping::Type].get_string().get(s) != SUCCESS || s.empty())
        return notAn(FieldMapping::Type, "a non-empty string");
    event.type = toQString(s);
    if (has(FieldMapping::Position)) {
        const auto p = integerOf(fields[FieldMapping::Position]);
        if (!p || *p < 1)
            return notAn(FieldMapping::Position, "a positive integer");
        event.position = *p;
    }
    if (has(FieldMapping::Data)) {
        if (!fields[FieldMapping::Data].is_object())
            return notAn(FieldMapping::Data, "a JSON object");
        event.data = compactObject(fields[FieldMapping::Data]);
    }
    if (has(FieldMapping::Metadata)) {
        const dom::element meta = fields[FieldMapping::Metadata];
        if (!meta.is_object())
            return notAn(FieldMapping::Metadata, "a JSON object");
        event.metadata = compactObject(meta);
        if (!has(FieldMapping::At)) {
            // The event time rule: the record's own time first, then the metadata's.
            for (const char* key : { "occurredAt", "timestamp", "time" }) {
                dom::element value;
                if (meta.at_key(key).get(value) == SUCCESS) {
                    if (const auto t = timeOf(value)) {
                        event.at = *t;
                        break;
                    }
                }
            }
        }
    }
    return event;
}

} // namespace Rewind
