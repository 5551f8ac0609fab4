#include "domains/eventdata.h"

#include "model/paddedjson.h"

namespace Rewind {

namespace {

namespace ondemand = simdjson::ondemand;

std::string_view trimmed(std::string_view token)
{
    while (
        !token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
    return token;
}

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(QByteArrayView(text.data(), qsizetype(text.size())));
}

} // namespace

bool EventData::read(const QByteArray& json, std::initializer_list<std::string_view> names)
{
    m_count = 0;
    for (const std::string_view name : names) {
        Q_ASSERT(m_count < MaxFields);
        if (m_count < MaxFields)
            m_fields[m_count++] = Field { name, Type::Missing, {} };
    }
    const auto fail = [this] {
        for (int i = 0; i < m_count; ++i)
            m_fields[i].type = Type::Missing;
        return false;
    };

    ondemand::document document;
    if (PaddedJson::forThisThread().iterate(json, document) != simdjson::SUCCESS)
        return fail();
    ondemand::object object;
    if (document.get_object().get(object) != simdjson::SUCCESS)
        return fail();

    for (auto member : object) {
        if (member.error() != simdjson::SUCCESS)
            return fail();
        ondemand::field& field = member.value_unsafe();
        Field* wanted = nullptr;
        for (int i = 0; i < m_count; ++i) {
            if (field.key().unsafe_is_equal(m_fields[i].name))
                wanted = &m_fields[i];
        }
        if (!wanted)
            continue; // the iteration skips the value (checking its brackets)

        ondemand::value& value = field.value();
        ondemand::json_type type;
        if (value.type().get(type) != simdjson::SUCCESS)
            return fail();
        switch (type) {
        case ondemand::json_type::number:
            // The literal text; Decimal::parse checks it against the JSON grammar.
            wanted->type = Type::Number;
            wanted->text = trimmed(value.raw_json_token());
            break;
        case ondemand::json_type::string:
            wanted->type = Type::String;
            if (value.get_string().get(wanted->text) != simdjson::SUCCESS)
                return fail();
            break;
        case ondemand::json_type::boolean: {
            bool flag = false;
            if (value.get_bool().get(flag) != simdjson::SUCCESS)
                return fail();
            wanted->type = Type::Bool;
            wanted->text = flag ? std::string_view("true") : std::string_view("false");
            break;
        }
        case ondemand::json_type::null: {
            bool isNull = false;
            if (value.is_null().get(isNull) != simdjson::SUCCESS || !isNull)
                return fail();
            wanted->type = Type::Null;
            wanted->text = std::string_view("null");
            break;
        }
        case ondemand::json_type::object:
            wanted->type = Type::Object;
            wanted->text = {};
            break;
        case ondemand::json_type::array:
            wanted->type = Type::Array;
            wanted->text = {};
            break;
        }
    }
    // Nothing may follow the object: its location past the end is out of bounds.
    const char* trailing = nullptr;
    if (document.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS)
        return fail();
    return true;
}

const EventData::Field* EventData::field(std::string_view name) const
{
    for (int i = 0; i < m_count; ++i) {
        if (m_fields[i].name == name)
            return &m_fields[i];
    }
    return nullptr;
}

EventData::Type EventData::type(std::string_view name) const
{
    const Field* f = field(name);
    return f ? f->type : Type::Missing;
}

std::string_view EventData::text(std::string_view name) const
{
    const Field* f = field(name);
    return f ? f->text : std::string_view();
}

std::optional<Decimal> EventData::decimal(std::string_view name, Decimal::Failure* why) const
{
    const Field* f = field(name);
    if (!f || f->type != Type::Number) {
        if (why)
            *why = Decimal::Failure::NotANumber;
        return std::nullopt;
    }
    return Decimal::parse(f->text, why);
}

std::optional<qint64> EventData::integer(std::string_view name) const
{
    const std::optional<Decimal> value = decimal(name);
    if (!value || value->units() % Decimal::Scale != 0)
        return std::nullopt;
    return value->units() / Decimal::Scale;
}

std::optional<QString> EventData::string(std::string_view name) const
{
    const Field* f = field(name);
    if (!f || f->type != Type::String)
        return std::nullopt;
    return fromUtf8(f->text);
}

QString EventData::describe(std::string_view name) const
{
    const Field* f = field(name);
    switch (f ? f->type : Type::Missing) {
    case Type::Missing:
        return QStringLiteral("nothing");
    case Type::Object:
        return QStringLiteral("an object");
    case Type::Array:
        return QStringLiteral("an array");
    case Type::String:
        return QLatin1Char('"') + fromUtf8(f->text) + QLatin1Char('"');
    case Type::Null:
    case Type::Bool:
    case Type::Number:
        break;
    }
    return fromUtf8(f->text);
}

} // namespace Rewind
