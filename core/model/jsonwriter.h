#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>

namespace Rewind {

/// A compact JSON object whose keys keep the order they were added in. QJsonObject sorts its
/// keys; output meant for people (`{"stream", "version", "position", "type", …}`) reads better
/// in the order the documentation gives (docs/cli.md).
class JsonWriter {
public:
    JsonWriter& add(const char* key, const QJsonValue& value);
    JsonWriter& add(const char* key, const JsonWriter& object);
    JsonWriter& add(const char* key, const QList<JsonWriter>& objects);

    QByteArray toJson() const { return '{' + m_body + '}'; }
    /// A value alone, compact: `900`, `"alice"`, `{"a":1}`.
    static QByteArray compact(const QJsonValue& value);

private:
    void addKey(const char* key);
    QByteArray m_body;
};

} // namespace Rewind
