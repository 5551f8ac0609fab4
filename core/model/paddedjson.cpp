#include "model/paddedjson.h"

#include <algorithm>
#include <cstring>

namespace Rewind {

PaddedJson& PaddedJson::forThisThread()
{
    thread_local PaddedJson instance;
    return instance;
}

simdjson::error_code PaddedJson::iterate(QByteArrayView json, simdjson::ondemand::document& document)
{
    const auto size = size_t(json.size());
    if (m_capacity < size + simdjson::SIMDJSON_PADDING) {
        m_capacity = std::max<size_t>(256, 2 * (size + simdjson::SIMDJSON_PADDING));
        m_buffer = std::make_unique<char[]>(m_capacity);
    }
    if (size > 0)
        std::memcpy(m_buffer.get(), json.data(), size);
    std::memset(m_buffer.get() + size, 0, simdjson::SIMDJSON_PADDING);
    return m_parser.iterate(m_buffer.get(), size, m_capacity).get(document);
}

} // namespace Rewind
