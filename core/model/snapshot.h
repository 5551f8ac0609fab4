#pragma once

#include "model/jsonvalue.h"
#include "model/jsonwriter.h"

#include <QString>

namespace Rewind {

/// A persisted state of one stream after a given version, as the system under study (or
/// `rewind-cli snapshot`) wrote it. Loading = this state + the events after it.
struct Snapshot {
    QString stream;
    qint64 version = 0; ///< the stream version the state includes
    qint64 position = 0; ///< global position of that event (0 when not known yet)
    JsonValue state = JsonValue::object({}); ///< exact: every digit as written
    qint64 at = 0; ///< ms since the epoch, UTC

    JsonWriter toJsonWriter() const; ///< `{"kind":"snapshot","stream",…,"state"}`
};

} // namespace Rewind
