#include "sources/fieldmapping.h"

#include "model/eventtime.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cmath>

namespace Rewind {

namespace {
struct Alias {
    FieldMapping::Field field;
    int rank;
};

const std::array<QStringList, FieldMapping::FieldCount>& aliasLists()
{
    static const std::array<QStringList, FieldMapping::FieldCount> lists = [] {
        const auto names = [](std::initializer_list<const char*> list) {
            QStringList result;
            for (const char* name : list)
                result.append(QString::fromLatin1(name));
            return result;
        };
        std::array<QStringList, FieldMapping::FieldCount> l;
        l[FieldMapping::Stream] =
            names({ "stream", "streamId", "streamName", "aggregateId", "aggregate_uuid", "originator_id" });
        l[FieldMapping::Type] = names({ "type", "eventType", "event_type", "messageType" });
        l[FieldMapping::Version] = names({ "version", "streamVersion", "streamPosition", "sequence", "seq", "revision",
            "aggregate_version", "originator_version" });
        l[FieldMapping::Position] = names({ "position", "globalPosition", "logPosition" });
        l[FieldMapping::At] = names({ "at", "timestamp", "time", "occurredAt", "createdAt", "created", "recordedAt" });
        l[FieldMapping::Data] = names({ "data", "payload", "body", "event_data" });
        l[FieldMapping::Metadata] = names({ "metadata", "meta", "headers" });
        l[FieldMapping::Kind] = names({ "kind" });
        l[FieldMapping::State] = names({ "state" });
        return l;
    }();
    return lists;
}

const QHash<QString, Alias>& aliasTable()
{
    static const QHash<QString, Alias> table = [] {
        QHash<QString, Alias> t;
        for (int field = 0; field < FieldMapping::FieldCount; ++field) {
            int rank = 0;
            for (const QString& name : aliasLists().at(field))
                t.insert(FieldMapping::normalizedKey(name), { FieldMapping::Field(field), rank++ });
        }
        return t;
    }();
    return table;
}

constexpr std::array<const char*, FieldMapping::FieldCount> FieldNames = { "stream", "type", "version", "position",
    "at", "data", "metadata", "kind", "state" };
}

QString FieldMapping::fieldName(Field field) { return QString::fromLatin1(FieldNames.at(field)); }

std::optional<FieldMapping::Field> FieldMapping::fieldFromName(QStringView name)
{
    for (int field = 0; field < FieldCount; ++field) {
        if (name == QLatin1String(FieldNames.at(field)))
            return Field(field);
    }
    return std::nullopt;
}

QString FieldMapping::normalizedKey(QStringView key)
{
    QString result;
    result.reserve(key.size());
    for (const QChar c : key) {
        if (c != QLatin1Char('_') && c != QLatin1Char('-'))
            result.append(c.toLower());
    }
    return result;
}

std::optional<FieldMapping::Field> FieldMapping::detect(QStringView key, int* rank)
{
    const auto it = aliasTable().constFind(normalizedKey(key));
    if (it == aliasTable().cend())
        return std::nullopt;
    if (rank)
        *rank = it->rank;
    return it->field;
}

QStringList FieldMapping::aliases(Field field) { return aliasLists().at(field); }

Result<FieldMapping> FieldMapping::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::badInput(QStringLiteral("cannot read the mapping file: ") + file.errorString(), path);
    return fromJson(file.readAll(), path);
}

Result<FieldMapping> FieldMapping::fromJson(const QByteArray& json, const QString& file)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::badInput(QStringLiteral("invalid mapping file: ") + parseError.errorString(), file);
    if (!document.isObject())
        return Error::badInput(QStringLiteral("a mapping file is a JSON object: our field → their field path"), file);
    FieldMapping mapping;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("timeFormat")) {
            const QString name = it.value().toString();
            if (name.isEmpty() || name == QLatin1String("auto"))
                mapping.setTimeFormat(TimeFormat::Auto);
            else if (name == QLatin1String("iso8601"))
                mapping.setTimeFormat(TimeFormat::Iso8601);
            else if (name == QLatin1String("epoch-ms"))
                mapping.setTimeFormat(TimeFormat::EpochMilliseconds);
            else if (name == QLatin1String("epoch-s"))
                mapping.setTimeFormat(TimeFormat::EpochSeconds);
            else if (name.contains(QLatin1String("yy")))
                mapping.setTimeFormat(TimeFormat::Pattern, name);
            else
                return Error::badInput(QStringLiteral("unknown timeFormat \"%1\" (expected auto, iso8601, epoch-ms, "
                                                      "epoch-s or a pattern such as dd.MM.yyyy HH:mm:ss)")
                                           .arg(name),
                    file);
            continue;
        }
        const auto field = fieldFromName(key);
        if (!field) {
            return Error::badInput(QStringLiteral("unknown field \"%1\" in the mapping (expected stream, type, "
                                                  "version, position, at, data, metadata, kind, state, timeFormat)")
                                       .arg(key),
                file);
        }
        if (it.value().isNull())
            mapping.setPath(*field, QString());
        else if (it.value().isString() && !it.value().toString().isEmpty())
            mapping.setPath(*field, it.value().toString());
        else
            return Error::badInput(
                QStringLiteral("the mapping of \"%1\" must be a field path (text) or null").arg(key), file);
    }
    return mapping;
}

QByteArray FieldMapping::toJson() const
{
    QJsonObject object;
    for (int field = 0; field < FieldCount; ++field) {
        if (isMapped(Field(field))) {
            const QString p = path(Field(field));
            object.insert(fieldName(Field(field)), p.isEmpty() ? QJsonValue() : QJsonValue(p));
        }
    }
    if (m_timeFormat != TimeFormat::Auto)
        object.insert(QStringLiteral("timeFormat"), timeFormatName());
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

bool FieldMapping::isEmpty() const
{
    return m_timeFormat == TimeFormat::Auto
        && std::none_of(m_paths.cbegin(), m_paths.cend(), [](const auto& p) { return p.has_value(); });
}

void FieldMapping::setTimeFormat(TimeFormat format, const QString& pattern)
{
    m_timeFormat = format;
    m_timePattern = format == TimeFormat::Pattern ? pattern : QString();
}

QString FieldMapping::timeFormatName() const
{
    switch (m_timeFormat) {
    case TimeFormat::Auto:
        return QStringLiteral("auto");
    case TimeFormat::Iso8601:
        return QStringLiteral("iso8601");
    case TimeFormat::EpochMilliseconds:
        return QStringLiteral("epoch-ms");
    case TimeFormat::EpochSeconds:
        return QStringLiteral("epoch-s");
    case TimeFormat::Pattern:
        return m_timePattern;
    }
    return {};
}

std::optional<qint64> FieldMapping::parseTime(const QString& text) const
{
    switch (m_timeFormat) {
    case TimeFormat::Auto:
        return parseEventTime(text);
    case TimeFormat::Iso8601: {
        bool isNumber = false;
        text.trimmed().toDouble(&isNumber);
        return isNumber ? std::nullopt : parseEventTime(text);
    }
    case TimeFormat::EpochMilliseconds:
    case TimeFormat::EpochSeconds: {
        bool ok = false;
        const double number = text.trimmed().toDouble(&ok);
        return ok ? parseTime(number) : std::nullopt;
    }
    case TimeFormat::Pattern: {
        QDateTime time = QDateTime::fromString(text.trimmed(), m_timePattern);
        if (!time.isValid())
            return std::nullopt;
        time.setTimeZone(QTimeZone::utc()); // a pattern without a zone: the log means UTC
        return time.toMSecsSinceEpoch();
    }
    }
    return std::nullopt;
}

std::optional<qint64> FieldMapping::parseTime(double number) const
{
    if (!std::isfinite(number) || m_timeFormat == TimeFormat::Iso8601 || m_timeFormat == TimeFormat::Pattern)
        return std::nullopt;
    const double ms = m_timeFormat == TimeFormat::EpochSeconds ? number * 1000.0 : number;
    // Years 0 to 9999 only: a wrong unit (seconds read as ms) still lands there, nonsense does not.
    if (ms < double(EarliestEventTime) || ms > double(LatestEventTime))
        return std::nullopt;
    return qint64(std::llround(ms));
}

QString FieldMapping::describe(bool withAbsent) const
{
    QStringList parts;
    for (const Field field : { Stream, Type, Version, Position, At, Data, Metadata }) {
        if (isMapped(field) && !path(field).isEmpty()) {
            parts.append(fieldName(field) + QStringLiteral(" ← ") + path(field));
            continue;
        }
        if (!withAbsent && !isMapped(field))
            continue;
        switch (field) {
        case Version:
            parts.append(QStringLiteral("version: filled in (1, 2, 3 … per stream)"));
            break;
        case Position:
            parts.append(QStringLiteral("position: filled in (record order)"));
            break;
        case At:
            parts.append(QStringLiteral("at: none"));
            break;
        case Data:
        case Metadata:
            parts.append(fieldName(field) + QStringLiteral(": {}"));
            break;
        default:
            parts.append(fieldName(field) + QStringLiteral(": none"));
        }
    }
    QString line = parts.join(QStringLiteral(", "));
    if (m_timeFormat != TimeFormat::Auto)
        line += QStringLiteral("; times: ") + timeFormatName();
    return line;
}

} // namespace Rewind
