#include "sourceopener.h"

#include "eventstore.h"
#include "jsonlinesreader.h"

#include <QFile>
#include <QFileInfo>

namespace Rewind {

SourceOpener::Kind SourceOpener::detect(const QString& path)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly))
        return Kind::Missing;
    const QByteArray head = file.read(4096);
    if (head.isEmpty())
        return Kind::Empty;
    if (head.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return EventStore::looksLikeStore(path) ? Kind::RewindStore : Kind::OtherSqlite;
    if (head.contains('\0'))
        return Kind::Binary;
    const QByteArray trimmed = head.trimmed();
    if (trimmed.isEmpty())
        return Kind::Empty;
    if (trimmed.startsWith('{')) {
        // A JSON Lines file has an object per line; a JSON document may spread one object over
        // many lines. The first line decides.
        const qsizetype newline = trimmed.indexOf('\n');
        const QByteArray firstLine = (newline < 0 ? trimmed : trimmed.left(newline)).trimmed();
        return firstLine.endsWith('}') || newline < 0 ? Kind::JsonLines : Kind::Json;
    }
    if (trimmed.startsWith('['))
        return Kind::Json;
    return Kind::Unknown;
}

Result<std::unique_ptr<EventSource>> SourceOpener::open(
    const QString& path, const std::function<bool(qint64, qint64)>& progress)
{
    switch (detect(path)) {
    case Kind::Missing:
        return Error::badInput(QStringLiteral("no such file"), path);
    case Kind::Empty:
        return Error::badInput(QStringLiteral("the file is empty, not an event log"), path);
    case Kind::Binary:
        return Error::badInput(QStringLiteral("not an event log (binary data)"), path);
    case Kind::OtherSqlite:
        return Error::badInput(QStringLiteral("an SQLite database, but not an event store Rewind knows"), path);
    case Kind::Json:
        return Error::badInput(QStringLiteral("JSON documents are not supported yet; use JSON Lines"), path);
    case Kind::Unknown:
        return Error::badInput(
            QStringLiteral("not an event log (expected JSON Lines or an event store)"), path);
    case Kind::RewindStore: {
        auto store = EventStore::open(path, EventStore::Mode::ReadOnly);
        if (!store)
            return store.error();
        return std::unique_ptr<EventSource>(std::move(store).value());
    }
    case Kind::JsonLines: {
        auto log = JsonLinesReader::read(path, progress);
        if (!log)
            return log.error();
        return std::unique_ptr<EventSource>(std::move(log).value());
    }
    }
    return Error::failure(QStringLiteral("unreachable"), path);
}

} // namespace Rewind
