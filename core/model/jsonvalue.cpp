#include "model/jsonvalue.h"

#include "model/jsonwriter.h"
#include "model/paddedjson.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <limits>

namespace Rewind {

struct JsonValue::Node {
    Type type = Type::Null;
    bool flag = false;
    QByteArray number; ///< the text as written
    QString string;
    QList<JsonValue> items;
    QList<Member> members; ///< sorted by key, keys unique
};

namespace {

namespace ondemand = simdjson::ondemand;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. simdjson's on-demand
/// API hands out a scalar's text without checking it, so `1.2.3` would pass unchecked.
bool isJsonNumber(std::string_view text)
{
    size_t i = 0;
    const auto digits = [&] {
        const size_t start = i;
        while (i < text.size() && isDigit(text[i]))
            ++i;
        return i > start;
    };
    if (i < text.size() && text[i] == '-')
        ++i;
    if (i < text.size() && text[i] == '0')
        ++i;
    else if (!digits())
        return false;
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == text.size();
}

/// A number reduced to sign, significant digits and a power of ten, so that `1.50`, `15e-1`
/// and `1.5` compare equal without any rounding: `digits × 10^exponent`.
struct Canonical {
    bool negative = false;
    QByteArray digits; ///< no leading or trailing zeros; empty for zero
    qint64 exponent = 0;
    bool operator==(const Canonical&) const = default;
};

Canonical canonical(const QByteArray& text)
{
    Canonical c;
    qsizetype i = 0;
    if (i < text.size() && text[i] == '-') {
        c.negative = true;
        ++i;
    }
    qint64 fractionDigits = 0;
    bool inFraction = false;
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
        if (text[i] == '.') {
            inFraction = true;
            continue;
        }
        c.digits += text[i];
        fractionDigits += inFraction ? 1 : 0;
    }
    qint64 exponent = 0;
    if (i < text.size()) {
        const char* first = text.constData() + i + 1;
        const char* last = text.constData() + text.size();
        if (first < last && *first == '+')
            ++first;
        // An exponent beyond qint64 saturates: such numbers compare by their other parts.
        if (std::from_chars(first, last, exponent).ec != std::errc())
            exponent = *first == '-' ? std::numeric_limits<qint64>::min() / 2 : std::numeric_limits<qint64>::max() / 2;
    }
    exponent = std::clamp(exponent, std::numeric_limits<qint64>::min() / 2, std::numeric_limits<qint64>::max() / 2);
    c.exponent = exponent - fractionDigits;
    qsizetype leading = 0;
    while (leading < c.digits.size() && c.digits[leading] == '0')
        ++leading;
    c.digits.remove(0, leading);
    while (!c.digits.isEmpty() && c.digits.back() == '0') {
        c.digits.chop(1);
        ++c.exponent;
    }
    if (c.digits.isEmpty())
        return {}; // -0 and 0e5 are zero
    return c;
}

std::string_view trimmed(std::string_view token)
{
    while (
        !token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
    return token;
}

QString fromUtf8(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

QString describe(simdjson::error_code error) { return QString::fromUtf8(simdjson::error_message(error)); }

/// How deep values may nest: every level is a frame of build() here and of every walk over the
/// value later, and states are a few levels deep. Deeper text is refused, never a stack overflow.
constexpr int MaxDepth = 128;

// Builds a value from simdjson's document or one of its values, which share these calls.
template <class Value> Result<JsonValue> build(Value& value, int depth = 0)
{
    if (depth > MaxDepth)
        return Error::badInput(QStringLiteral("values nested more than %1 deep").arg(MaxDepth));
    ondemand::json_type type;
    if (const auto error = value.type().get(type))
        return Error::badInput(describe(error));
    switch (type) {
    case ondemand::json_type::object: {
        ondemand::object object;
        if (const auto error = value.get_object().get(object))
            return Error::badInput(describe(error));
        QList<JsonValue::Member> members;
        for (auto field : object) {
            std::string_view key;
            if (const auto error = field.unescaped_key().get(key))
                return Error::badInput(describe(error));
            ondemand::value child;
            if (const auto error = field.value().get(child))
                return Error::badInput(describe(error));
            Result<JsonValue> built = build(child, depth + 1);
            if (!built)
                return built.error();
            members.append({ fromUtf8(key), std::move(*built) });
        }
        return JsonValue::object(std::move(members));
    }
    case ondemand::json_type::array: {
        ondemand::array array;
        if (const auto error = value.get_array().get(array))
            return Error::badInput(describe(error));
        QList<JsonValue> items;
        for (auto element : array) {
            ondemand::value child;
            if (const auto error = element.get(child))
                return Error::badInput(describe(error));
            Result<JsonValue> built = build(child, depth + 1);
            if (!built)
                return built.error();
            items.append(std::move(*built));
        }
        return JsonValue::array(std::move(items));
    }
    case ondemand::json_type::number: {
        const std::string_view text = trimmed(value.raw_json_token());
        if (!isJsonNumber(text))
            return Error::badInput(QStringLiteral("%1 is not a JSON number").arg(fromUtf8(text)));
        return JsonValue::number(QByteArray(text.data(), qsizetype(text.size())));
    }
    case ondemand::json_type::string: {
        std::string_view text;
        if (const auto error = value.get_string().get(text))
            return Error::badInput(describe(error));
        return JsonValue(fromUtf8(text));
    }
    case ondemand::json_type::boolean: {
        bool flag = false;
        if (const auto error = value.get_bool().get(flag))
            return Error::badInput(describe(error));
        return JsonValue(flag);
    }
    case ondemand::json_type::null:
        break;
    }
    bool isNull = false;
    if (const auto error = value.is_null().get(isNull); error || !isNull)
        return Error::badInput(QStringLiteral("not a JSON value"));
    return JsonValue::null();
}

void appendString(QByteArray& out, const QString& text)
{
    out += '"';
    for (const char c : text.toUtf8()) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20)
                out += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
}

void write(QByteArray& out, const JsonValue& value)
{
    switch (value.type()) {
    case JsonValue::Type::Undefined:
    case JsonValue::Type::Null:
        out += "null";
        return;
    case JsonValue::Type::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case JsonValue::Type::Number:
        out += value.numberText();
        return;
    case JsonValue::Type::String:
        appendString(out, value.toString());
        return;
    case JsonValue::Type::Array:
        out += '[';
        for (qsizetype i = 0; i < value.size(); ++i) {
            if (i > 0)
                out += ',';
            write(out, value.at(i));
        }
        out += ']';
        return;
    case JsonValue::Type::Object:
        out += '{';
        for (qsizetype i = 0; i < value.size(); ++i) {
            if (i > 0)
                out += ',';
            appendString(out, value.keyAt(i));
            out += ':';
            write(out, value.at(i));
        }
        out += '}';
        return;
    }
}

} // namespace

JsonValue JsonValue::null() { return JsonValue(std::make_shared<const Node>()); }

JsonValue::JsonValue(bool flag)
{
    auto node = std::make_shared<Node>();
    node->type = Type::Bool;
    node->flag = flag;
    m_node = std::move(node);
}

JsonValue::JsonValue(qint64 number)
    : JsonValue(JsonValue::number(QByteArray::number(number)))
{
}

JsonValue::JsonValue(Decimal amount)
    : JsonValue(JsonValue::number(amount.toString().toLatin1()))
{
}

JsonValue::JsonValue(const QString& text)
{
    auto node = std::make_shared<Node>();
    node->type = Type::String;
    node->string = text;
    m_node = std::move(node);
}

JsonValue JsonValue::number(QByteArray text)
{
    auto node = std::make_shared<Node>();
    node->type = Type::Number;
    node->number = std::move(text);
    return JsonValue(std::move(node));
}

JsonValue JsonValue::array(QList<JsonValue> items)
{
    auto node = std::make_shared<Node>();
    node->type = Type::Array;
    node->items = std::move(items);
    return JsonValue(std::move(node));
}

JsonValue JsonValue::object(QList<Member> members)
{
    // A stable sort keeps repeated keys in their order, so the last one can win.
    std::stable_sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.key < b.key; });
    QList<Member> unique;
    unique.reserve(members.size());
    for (Member& member : members) {
        if (!unique.isEmpty() && unique.back().key == member.key)
            unique.back().value = std::move(member.value);
        else
            unique.append(std::move(member));
    }
    auto node = std::make_shared<Node>();
    node->type = Type::Object;
    node->members = std::move(unique);
    return JsonValue(std::move(node));
}

JsonValue JsonValue::object(std::initializer_list<Member> members) { return object(QList<Member>(members)); }

Result<JsonValue> JsonValue::parse(QByteArrayView json)
{
    // simdjson reads a scalar document differently from a value inside one; a lone number or
    // string is parsed as the one element of an array instead.
    const QByteArrayView trimmed = json.trimmed();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
        Result<JsonValue> wrapped = parse(QByteArray('[' + trimmed.toByteArray() + ']'));
        if (!wrapped)
            return wrapped;
        if (wrapped->size() != 1)
            return Error::badInput(QStringLiteral("not one JSON value"));
        return wrapped->at(0);
    }
    ondemand::document document;
    if (const auto error = PaddedJson::forThisThread().iterate(json, document))
        return Error::badInput(describe(error));
    Result<JsonValue> value = build(document);
    if (!value)
        return value;
    // Nothing may follow the value: its location past the end is out of bounds.
    const char* trailing = nullptr;
    if (document.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS)
        return Error::badInput(QStringLiteral("more follows the JSON value"));
    return value;
}

JsonValue JsonValue::fromQt(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return null();
    case QJsonValue::Bool:
        return JsonValue(value.toBool());
    case QJsonValue::Double:
        return number(JsonWriter::compact(value));
    case QJsonValue::String:
        return JsonValue(value.toString());
    case QJsonValue::Array: {
        QList<JsonValue> items;
        for (const auto& item : value.toArray())
            items.append(fromQt(item));
        return array(std::move(items));
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QList<Member> members;
        for (auto it = object.begin(); it != object.end(); ++it)
            members.append({ it.key(), fromQt(it.value()) });
        return JsonValue::object(std::move(members));
    }
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

JsonValue::Type JsonValue::type() const { return m_node ? m_node->type : Type::Undefined; }

bool JsonValue::toBool() const { return isBool() && m_node->flag; }

QByteArray JsonValue::numberText() const { return isNumber() ? m_node->number : QByteArray(); }

std::optional<Decimal> JsonValue::toDecimal() const
{
    if (!isNumber())
        return std::nullopt;
    return Decimal::parse(std::string_view(m_node->number.constData(), size_t(m_node->number.size())));
}

std::optional<qint64> JsonValue::toInteger() const
{
    if (!isNumber())
        return std::nullopt;
    const Canonical c = canonical(m_node->number);
    if (c.digits.isEmpty())
        return 0;
    if (c.exponent < 0 || c.exponent + c.digits.size() > 19)
        return std::nullopt;
    qint64 magnitude = 0;
    const auto fail = [] { return std::optional<qint64>(); };
    for (const char digit : c.digits) {
        if (__builtin_mul_overflow(magnitude, 10, &magnitude)
            || __builtin_add_overflow(magnitude, digit - '0', &magnitude))
            return fail();
    }
    for (qint64 i = 0; i < c.exponent; ++i) {
        if (__builtin_mul_overflow(magnitude, 10, &magnitude))
            return fail();
    }
    return c.negative ? -magnitude : magnitude;
}

double JsonValue::toDouble(double otherwise) const
{
    if (!isNumber())
        return otherwise;
    bool ok = false;
    const double number = m_node->number.toDouble(&ok);
    return ok ? number : otherwise;
}

QString JsonValue::toString() const { return isString() ? m_node->string : QString(); }

qsizetype JsonValue::size() const
{
    if (isArray())
        return m_node->items.size();
    if (isObject())
        return m_node->members.size();
    return 0;
}

JsonValue JsonValue::at(qsizetype index) const
{
    if (index < 0 || index >= size())
        return {};
    return isArray() ? m_node->items.at(index) : m_node->members.at(index).value;
}

QString JsonValue::keyAt(qsizetype index) const
{
    if (!isObject() || index < 0 || index >= size())
        return {};
    return m_node->members.at(index).key;
}

JsonValue JsonValue::value(const QString& key) const
{
    if (!isObject())
        return {};
    const auto& members = m_node->members;
    const auto it = std::lower_bound(
        members.begin(), members.end(), key, [](const Member& member, const QString& k) { return member.key < k; });
    return it != members.end() && it->key == key ? it->value : JsonValue();
}

JsonValue JsonValue::at(const QString& pointer) const
{
    if (pointer.isEmpty())
        return *this;
    if (!pointer.startsWith(QLatin1Char('/')))
        return {};
    JsonValue current = *this;
    for (QString token : pointer.mid(1).split(QLatin1Char('/'))) {
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        if (current.isObject()) {
            current = current.value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const qsizetype index = token.toLongLong(&ok);
            current = ok ? current.at(index) : JsonValue();
        } else {
            return {};
        }
        if (current.isUndefined())
            return {};
    }
    return current;
}

JsonValue JsonValue::merged(const JsonValue& patch) const
{
    if (!patch.isObject())
        return *this;
    QList<Member> members = isObject() ? m_node->members : QList<Member>();
    for (qsizetype i = 0; i < patch.size(); ++i) {
        const QString key = patch.keyAt(i);
        const JsonValue incoming = patch.at(i);
        const auto it = std::lower_bound(
            members.begin(), members.end(), key, [](const Member& member, const QString& k) { return member.key < k; });
        if (it != members.end() && it->key == key)
            it->value = it->value.isObject() && incoming.isObject() ? it->value.merged(incoming) : incoming;
        else
            members.insert(it, { key, incoming });
    }
    auto node = std::make_shared<Node>();
    node->type = Type::Object;
    node->members = std::move(members);
    return JsonValue(std::move(node));
}

QByteArray JsonValue::toJson() const
{
    QByteArray out;
    write(out, *this);
    return out;
}

QJsonValue JsonValue::toQt() const
{
    switch (type()) {
    case Type::Undefined:
        return QJsonValue(QJsonValue::Undefined);
    case Type::Null:
        return QJsonValue(QJsonValue::Null);
    case Type::Bool:
        return toBool();
    case Type::Number:
        if (const std::optional<qint64> whole = toInteger(); whole && qAbs(*whole) < (qint64(1) << 53))
            return *whole;
        return toDouble();
    case Type::String:
        return toString();
    case Type::Array: {
        QJsonArray array;
        for (const JsonValue& item : m_node->items)
            array.append(item.toQt());
        return array;
    }
    case Type::Object: {
        QJsonObject object;
        for (const Member& member : m_node->members)
            object.insert(member.key, member.value.toQt());
        return object;
    }
    }
    return {};
}

bool operator==(const JsonValue& a, const JsonValue& b)
{
    if (a.m_node == b.m_node)
        return true;
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case JsonValue::Type::Undefined:
    case JsonValue::Type::Null:
        return true;
    case JsonValue::Type::Bool:
        return a.toBool() == b.toBool();
    case JsonValue::Type::Number:
        return a.m_node->number == b.m_node->number || canonical(a.m_node->number) == canonical(b.m_node->number);
    case JsonValue::Type::String:
        return a.m_node->string == b.m_node->string;
    case JsonValue::Type::Array:
        return a.m_node->items == b.m_node->items;
    case JsonValue::Type::Object: {
        const auto& left = a.m_node->members;
        const auto& right = b.m_node->members;
        if (left.size() != right.size())
            return false;
        for (qsizetype i = 0; i < left.size(); ++i) {
            if (left.at(i).key != right.at(i).key || !(left.at(i).value == right.at(i).value))
                return false;
        }
        return true;
    }
    }
    return false;
}

} // namespace Rewind
