#include "model/snapshot.h"

#include "model/event.h"

namespace Rewind {

JsonWriter Snapshot::toJsonWriter() const
{
    JsonWriter json;
    json.add("kind", QStringLiteral("snapshot"))
        .add("stream", stream)
        .add("version", version)
        .add("position", position)
        .add("at", formatTime(at))
        .addJson("state", state.toJson());
    return json;
}

} // namespace Rewind
