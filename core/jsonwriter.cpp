#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Rewind {

QByteArray JsonWriter::compact(const QJsonValue& value)
{
    // QJsonDocument writes only arrays and objects: wrap the value and drop the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

void JsonWriter::addKey(const char* key)
{
    if (!m_body.isEmpty())
        m_body += ',';
    m_body += compact(QJsonValue(QString::fromUtf8(key))) + ':';
}

JsonWriter& JsonWriter::add(const char* key, const QJsonValue& value)
{
    addKey(key);
    m_body += compact(value);
    return *this;
}

JsonWriter& JsonWriter::add(const char* key, const JsonWriter& object)
{
    addKey(key);
    m_body += object.toJson();
    return *this;
}

JsonWriter& JsonWriter::add(const char* key, const QList<JsonWriter>& objects)
{
    addKey(key);
    m_body += '[';
    for (qsizetype i = 0; i < objects.size(); ++i) {
        if (i > 0)
            m_body += ',';
        m_body += objects.at(i).toJson();
    }
    m_body += ']';
    return *this;
}

} // namespace Rewind
