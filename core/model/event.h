#pragma once

#include "model/error.h"
#include "model/jsonwriter.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Rewind {

/// An immutable fact in the history: what happened to one stream, at which version, where in
/// the whole log, and when. Data and metadata are kept as compact JSON text so that a million
/// events stay small and a domain parses only the fields it needs.
struct Event {
    QString stream;
    qint64 version = 0; ///< 1, 2, 3 … within the stream
    qint64 position = 0; ///< 1-based order of the whole log
    QString type;
    QByteArray data = QByteArrayLiteral("{}"); ///< compact JSON object text (UTF-8)
    QByteArray metadata = QByteArrayLiteral("{}"); ///< compact JSON object text (UTF-8)
    qint64 at = 0; ///< milliseconds since the epoch, UTC

    QJsonObject dataObject() const;
    QJsonObject metadataObject() const;
    /// Who did it: `data.by`, else `metadata.by`, `metadata.actor`, `metadata.user`.
    QString actor() const;
    /// The event in the native JSON Lines form, every field filled in, keys in the documented
    /// order: stream, version, position, type, at, data, metadata (docs/cli.md, `events`).
    /// Data or metadata that is not a JSON object (a store edited by hand holds such) is an
    /// Error naming the event, with no file (the caller knows the source): written as `{}`, what
    /// the store holds would be lost without a word.
    Result<JsonWriter> toJsonWriter() const;
};

/// Times as the native format writes them: ISO 8601 in UTC with `Z`, milliseconds when present.
QString formatTime(qint64 msSinceEpoch);

} // namespace Rewind
