#include "anomaly.h"

namespace Rewind {

JsonWriter Anomaly::toJsonWriter() const
{
    JsonWriter json;
    json.add("kind", kind)
        .add("stream", stream)
        .add("version", version)
        .add("position", position)
        .add("message", message);
    return json;
}

} // namespace Rewind
