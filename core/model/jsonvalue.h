#pragma once

#include "model/decimal.h"
#include "model/error.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>

namespace Rewind {

/// A JSON value that keeps every number as the text it was written with. QJsonValue holds
/// numbers as doubles, so a balance of 1234567890123.4567 or an id of 12345678901234567890 would
/// come back altered; states, snapshots and diffs are shown and compared through this instead.
///
/// Objects keep their members sorted by key (the order output and diffs use). Values share
/// their contents when copied, so a copy costs a reference count.
class JsonValue {
public:
    enum class Type { Undefined, Null, Bool, Number, String, Array, Object };
    struct Member;

    /// Undefined: what a missing member or a pointer to nowhere gives.
    JsonValue() = default;
    static JsonValue null();
    JsonValue(bool flag); // NOLINT(google-explicit-constructor): built like QJsonValue
    JsonValue(qint64 number); // NOLINT(google-explicit-constructor)
    JsonValue(int number)
        : JsonValue(qint64(number))
    {
    } // NOLINT(google-explicit-constructor)
    JsonValue(Decimal amount); // NOLINT(google-explicit-constructor): its shortest exact text
    JsonValue(const QString& text); // NOLINT(google-explicit-constructor)
    JsonValue(const char*) = delete; // a string literal would otherwise become a bool
    /// A number from its JSON text, which the caller vouches is a JSON number.
    static JsonValue number(QByteArray text);
    static JsonValue array(QList<JsonValue> items);
    /// Members in any order; a repeated key keeps its last value, as JSON parsers do.
    static JsonValue object(QList<Member> members);
    static JsonValue object(std::initializer_list<Member> members);

    /// Parses JSON text exactly. An error message (not naming a file: the caller knows it) when
    /// the text is not one well-formed JSON value.
    static Result<JsonValue> parse(QByteArrayView json);
    /// From Qt's form, for values that came that way (numbers as doubles, printed shortest).
    static JsonValue fromQt(const QJsonValue& value);

    Type type() const;
    bool isUndefined() const { return type() == Type::Undefined; }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    bool toBool() const;
    /// A number's text as written (`1234567890123.4567`), empty for anything else.
    QByteArray numberText() const;
    /// A number as an exact amount, if it is one (at most 4 places, within range).
    std::optional<Decimal> toDecimal() const;
    /// A whole number that fits 64 bits (`3`, `3.0`, `3e0`), if it is one.
    std::optional<qint64> toInteger() const;
    /// For charts and other approximate uses only.
    double toDouble(double otherwise = 0) const;
    QString toString() const;

    /// The elements of an array, or the members of an object (sorted by key).
    qsizetype size() const;
    JsonValue at(qsizetype index) const;
    QString keyAt(qsizetype index) const;
    /// An object's member, or Undefined.
    JsonValue value(const QString& key) const;
    bool contains(const QString& key) const { return !value(key).isUndefined(); }
    /// The value at an RFC 6901 JSON Pointer (`/items/p-1/quantity`), or Undefined.
    JsonValue at(const QString& pointer) const;

    /// This object with `patch` merged in: objects merge member by member, recursively, and
    /// anything else replaces what was there (the generic domain's fold).
    JsonValue merged(const JsonValue& patch) const;

    /// Compact JSON, numbers as written, object keys sorted. Undefined writes `null`.
    QByteArray toJson() const;
    /// Qt's form; numbers become doubles (exact below 2^53 and to about 15 digits).
    QJsonValue toQt() const;

    /// Numbers are equal when they are the same number, however written (`1.50` = `1.5e0`);
    /// everything else compares structurally.
    friend bool operator==(const JsonValue& a, const JsonValue& b);

private:
    struct Node;
    explicit JsonValue(std::shared_ptr<const Node> node)
        : m_node(std::move(node))
    {
    }
    const Node* node() const { return m_node.get(); }

    std::shared_ptr<const Node> m_node;
};

struct JsonValue::Member {
    QString key;
    JsonValue value;
};

} // namespace Rewind
