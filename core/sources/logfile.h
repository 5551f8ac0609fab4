#pragma once

#include "model/error.h"

#include <QString>

#include <memory>
#include <string_view>
#include <vector>

namespace Rewind {

/// A log file held open for reading, never for writing, and read with `pread` at given offsets.
/// Not mapped into memory: a file cut short while mapped ends the process (SIGBUS) at the first
/// byte past its new end, where a short read is an Error. A file renamed over this one changes
/// nothing: the descriptor keeps the file that was opened. Readable from several threads at once.
class LogFile {
public:
    ~LogFile();
    LogFile(const LogFile&) = delete;
    LogFile& operator=(const LogFile&) = delete;

    static Result<std::shared_ptr<const LogFile>> open(const QString& path);

    const QString& path() const { return m_path; }
    /// The size when it was opened: what the readers read, even if the file grows meanwhile.
    qint64 size() const { return m_size; }
    /// Reads `length` bytes at `offset` into `into`. An Error when the file no longer has them.
    Status read(qint64 offset, qint64 length, char* into) const;

private:
    LogFile(QString path, int descriptor, qint64 size);

    QString m_path;
    int m_descriptor = -1;
    qint64 m_size = 0;
};

/// A file read front to back in large pieces, for a reader's one pass over it: the reader finds
/// records in [begin(), end()) and, when it needs what comes after end(), calls advance() with
/// the first byte it still needs. Memory stays at about a piece whatever the size of the file; a
/// record longer than a piece makes the window grow to hold it. simdjson's padding is readable
/// after end().
class FileWindow {
public:
    static constexpr qint64 PieceSize = qint64(4) << 20;

    explicit FileWindow(const LogFile& file, qint64 pieceSize = PieceSize);

    const char* begin() const { return m_buffer.data(); }
    const char* end() const { return m_buffer.data() + m_filled; }
    /// Where `p`, a byte in the window, is in the file.
    qint64 offsetOf(const char* p) const { return m_start + (p - begin()); }
    /// True when end() is the end of the file: nothing more will come.
    bool atFileEnd() const { return m_start + m_filled >= m_file.size(); }
    /// Bytes readable from `p` on, padding included: what LogRecord::fromJson calls paddedSize.
    size_t paddedFrom(const char* p) const { return size_t(end() - p) + Padding; }
    /// Keeps [keep, end()), drops what is before it and reads more after it.
    Status advance(const char* keep);

private:
    static const qint64 Padding;

    const LogFile& m_file;
    qint64 m_pieceSize;
    std::vector<char> m_buffer;
    qint64 m_start = 0; ///< the file offset of begin()
    qint64 m_filled = 0;
};

/// A checksum of a record's bytes, kept in the index so that a record read again is known to be
/// the one indexed: a file rewritten in place after it was opened gives an Error, not the events
/// of another file under the old positions.
quint32 recordChecksum(std::string_view bytes);

/// A hash of a short byte string, for interning names.
quint64 bytesHash(std::string_view bytes);

} // namespace Rewind
