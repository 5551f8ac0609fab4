#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace Rewind {

class Decimal;

/// A compact JSON object whose keys keep the order they were added in. QJsonObject sorts its
/// keys; output meant for people (`{"stream", "version", "position", "type", …}`) reads better
/// in the order the documentation gives (docs/cli.md).
class JsonWriter {
public:
    JsonWriter() = default;
    /// The object's members in its (sorted) key order.
    JsonWriter(const QJsonObject& object); // NOLINT(google-explicit-constructor): data is often a QJsonObject

    JsonWriter& add(const char* key, const QJsonValue& value);
    JsonWriter& add(const char* key, const QJsonObject& object) { return add(key, QJsonValue(object)); }
    /// Whole numbers exactly (a QJsonValue would hold versions and ids above 2^53 as doubles).
    JsonWriter& add(const char* key, qint64 value);
    JsonWriter& add(const char* key, int value) { return add(key, qint64(value)); }
    JsonWriter& add(const char* key, bool value) { return add(key, QJsonValue(value)); }
    JsonWriter& add(const char* key, const QString& value) { return add(key, QJsonValue(value)); }
    /// An exact amount in its shortest form (`99999999999999.9999`), not through a double.
    JsonWriter& add(const char* key, const Decimal& value);
    JsonWriter& add(const char* key, const JsonWriter& object);
    /// A member whose name is data (a cart line's sku).
    JsonWriter& add(const QString& key, const JsonWriter& object);
    JsonWriter& add(const char* key, const QList<JsonWriter>& objects);
    /// `json` written as it is: JSON text the caller vouches for, such as an event's data kept
    /// as it was read, so its numbers keep every digit (a QJsonValue would hold a double).
    JsonWriter& addJson(const char* key, const QByteArray& json);

    QByteArray toJson() const { return '{' + m_body + '}'; }
    bool isEmpty() const { return m_body.isEmpty(); }
    /// A value alone, compact: `900`, `"alice"`, `{"a":1}`.
    static QByteArray compact(const QJsonValue& value);

private:
    void addKey(const char* key);
    void addKey(const QString& key);
    QByteArray m_body;
};

} // namespace Rewind
