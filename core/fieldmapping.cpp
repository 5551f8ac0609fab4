#include "fieldmapping.h"

#include <QHash>

namespace Rewind {

namespace {
    struct Alias {
        FieldMapping::Field field;
        int rank;
    };

    const QHash<QString, Alias>& aliases()
    {
        static const QHash<QString, Alias> table = [] {
            QHash<QString, Alias> t;
            const auto add = [&t](FieldMapping::Field field, std::initializer_list<const char*> names) {
                int rank = 0;
                for (const char* name : names)
                    t.insert(FieldMapping::normalizedKey(QString::fromLatin1(name)), { field, rank++ });
            };
            add(FieldMapping::Stream,
                { "stream", "streamId", "streamName", "aggregateId", "aggregate_uuid", "originator_id" });
            add(FieldMapping::Type, { "type", "eventType", "event_type", "messageType" });
            add(FieldMapping::Version,
                { "version", "streamVersion", "streamPosition", "sequence", "seq", "revision", "aggregate_version",
                    "originator_version" });
            add(FieldMapping::Position, { "position", "globalPosition", "logPosition" });
            add(FieldMapping::At,
                { "at", "timestamp", "time", "occurredAt", "createdAt", "created", "recordedAt" });
            add(FieldMapping::Data, { "data", "payload", "body", "event_data" });
            add(FieldMapping::Metadata, { "metadata", "meta", "headers" });
            add(FieldMapping::Kind, { "kind" });
            add(FieldMapping::State, { "state" });
            return t;
        }();
        return table;
    }
}

QString FieldMapping::fieldName(Field field)
{
    static const std::array<const char*, FieldCount> names
        = { "stream", "type", "version", "position", "at", "data", "metadata", "kind", "state" };
    return QString::fromLatin1(names.at(field));
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
    const auto it = aliases().constFind(normalizedKey(key));
    if (it == aliases().cend())
        return std::nullopt;
    if (rank)
        *rank = it->rank;
    return it->field;
}

} // namespace Rewind
