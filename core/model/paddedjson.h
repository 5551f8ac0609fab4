#pragma once

#include <QByteArrayView>

#include <memory>
#include <simdjson.h>

namespace Rewind {

/// One simdjson on-demand parser and one padded copy of its input per thread. simdjson wants
/// SIMDJSON_PADDING readable bytes after the text, which QByteArray does not promise; the buffer
/// only ever grows, so parsing event after event allocates nothing once the thread has seen the
/// largest. Included by .cpp files only: simdjson stays out of the public headers.
class PaddedJson {
public:
    static PaddedJson& forThisThread();

    /// Copies `json` into the padded buffer and starts iterating it. The document is valid
    /// until the next call on the same thread.
    simdjson::error_code iterate(QByteArrayView json, simdjson::ondemand::document& document);

private:
    simdjson::ondemand::parser m_parser;
    std::unique_ptr<char[]> m_buffer;
    size_t m_capacity = 0;
};

} // namespace Rewind
