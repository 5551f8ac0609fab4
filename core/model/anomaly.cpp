#include "model/anomaly.h"

#include "model/event.h"

namespace Rewind {

Anomaly Anomaly::at(const Event& event, const char* kind, QString message)
{
    return Anomaly { QLatin1String(kind), event.stream, event.version, event.position, std::move(message) };
}

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
