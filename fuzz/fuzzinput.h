#pragma once

#include "model/eventsource.h"
#include "model/historyindex.h"

#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

// What every target shares: the input as a file, and a walk over what a reader made of it. The
// walk drops every Result on purpose: an error is a fine answer to bad input, a crash is not.

namespace RewindFuzz {

/// One folder per process, made at the first input and removed at a normal exit. A folder per
/// input would cost more than most reads.
inline const QTemporaryDir& folder()
{
    static const QTemporaryDir dir;
    if (!dir.isValid())
        std::abort(); // no input could be tried: stop at once rather than report nothing
    return dir;
}

/// The readers take paths, so the input goes through a file as a user's does. Writes it to
/// `name` in the folder, replacing the previous input, and removes the files SQLite may have put
/// beside the previous one: a write-ahead log left from one input must not leak into the next.
inline QString writeInput(const uint8_t* data, size_t size, const char* name)
{
    const QString path = folder().filePath(QLatin1String(name));
    // Removed rather than truncated: ext4 flushes a file truncated and written again when it is
    // closed, and waiting for the disk made every input ten times slower.
    for (const char* suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(reinterpret_cast<const char*>(data), qint64(size)) != qint64(size))
        std::abort();
    return path;
}

/// Asks a source everything the window and the command line ask of it, so what a reader let
/// through is also read back: the streams, the snapshots, every event, the index, single events.
inline void walk(const Rewind::EventSource& source)
{
    (void)source.eventCount();
    const auto listed = source.streams();
    const QList<Rewind::StreamInfo> streams = listed ? listed.value() : QList<Rewind::StreamInfo>();
    (void)source.snapshots();
    qint64 last = 0;
    (void)source.readEvents({}, [&](const Rewind::Event& event) {
        (void)event.actor();
        if (const auto json = event.toJsonWriter()) // what `events` and `export` print, times included
            (void)json->toJson();
        last = event.position;
        return true;
    });
    if (!streams.isEmpty()) {
        (void)source.snapshots(streams.first().id);
        Rewind::EventFilter one;
        one.stream = streams.first().id;
        one.withMetadata = false;
        (void)source.readEvents(one, [](const Rewind::Event&) { return true; });
    }
    Rewind::HistoryIndex index;
    (void)source.readIndex(index);
    (void)source.eventAt(last);
    (void)source.eventAt(1);
}

} // namespace RewindFuzz
