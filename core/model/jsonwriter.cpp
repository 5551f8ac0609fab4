#include "model/jsonwriter.h"

#include "model/decimal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace Rewind {

QByteArray JsonWriter::compact(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Double: {
        // Money reads 0.0001, not Qt's 1e-04: fixed notation in the shortest form that reads
        // back exactly, for every magnitude people write amounts in.
        const double number = value.toDouble();
        const double magnitude = std::abs(number);
        const bool fixed = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e21);
        return QByteArray::number(number, fixed ? 'f' : 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QByteArray out = "{";
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it != object.begin())
                out += ',';
            out += compact(it.key()) + ':' + compact(it.value());
        }
        return out + '}';
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        QByteArray out = "[";
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            out += compact(array.at(i));
        }
        return out + ']';
    }
    case QJsonValue::Undefined:
        return "null";
    default: {
        // Strings, booleans, null: QJsonDocument writes only arrays and objects, so wrap the
        // value and drop the brackets (it knows JSON's string escapes).
        const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    }
    }
}

JsonWriter::JsonWriter(const QJsonObject& object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!m_body.isEmpty())
            m_body += ',';
        m_body += compact(it.key()) + ':' + compact(it.value());
    }
}

JsonWriter& JsonWriter::add(const char* key, qint64 value)
{
    addKey(key);
    m_body += QByteArray::number(value);
    return *this;
}

JsonWriter& JsonWriter::add(const char* key, const Decimal& value)
{
    addKey(key);
    m_body += value.toString().toLatin1();
    return *this;
}

JsonWriter& JsonWriter::addJson(const char* key, const QByteArray& json)
{
    addKey(key);
    m_body += json;
    return *this;
}

JsonWriter& JsonWriter::add(const QString& key, const JsonWriter& object)
{
    addKey(key);
    m_body += object.toJson();
    return *this;
}

void JsonWriter::addKey(const QString& key)
{
    if (!m_body.isEmpty())
        m_body += ',';
    m_body += compact(QJsonValue(key)) + ':';
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
