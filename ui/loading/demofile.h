#pragma once

#include "model/error.h"

#include <QString>

namespace Rewind {

/// The bundled demo history that `rewind` opens when it is given nothing.
/// It is generated on first use from core's DemoHistory into the cache directory (one small
/// SQLite file, versioned by name) rather than shipped as a binary in resources: the data then
/// always matches the core that reads it, and the file is opened read-only like any other.
class DemoFile {
public:
    /// Where the demo store is (or will be) kept.
    static QString path();
    /// The demo store's path, writing it first if it is not there yet.
    static Result<QString> ensure();
};

} // namespace Rewind
