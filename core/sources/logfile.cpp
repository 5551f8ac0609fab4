#include "sources/logfile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Rewind {

namespace {
QString systemError(int code) { return QString::fromLocal8Bit(std::strerror(code)); }

quint64 load64(const char* p)
{
    quint64 word = 0;
    std::memcpy(&word, p, sizeof word);
    return word;
}

/// One round of a multiply-and-shift mix, a word at a time: fast on a record of a few hundred
/// bytes, and any change of a byte changes the result.
quint64 mix(quint64 hash, quint64 word)
{
    hash = (hash ^ word) * 0x9E3779B97F4A7C15ULL;
    return hash ^ (hash >> 29);
}

/// The final avalanche (MurmurHash3's), so that the high bits depend on every byte.
quint64 finalized(quint64 hash)
{
    hash ^= hash >> 33;
    hash *= 0xFF51AFD7ED558CCDULL;
    hash ^= hash >> 33;
    hash *= 0xC4CEB9FE1A85EC53ULL;
    return hash ^ (hash >> 33);
}
}

LogFile::LogFile(QString path, int descriptor, qint64 size)
    : m_path(std::move(path))
    , m_descriptor(descriptor)
    , m_size(size)
{
}

LogFile::~LogFile()
{
    if (m_descriptor >= 0)
        ::close(m_descriptor);
}

Result<std::shared_ptr<const LogFile>> LogFile::open(const QString& path)
{
    const QByteArray name = QFile::encodeName(path);
    const int descriptor = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        return Error::badInput(systemError(errno), path);
    struct stat status { };
    if (::fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode)) {
        const int code = errno;
        ::close(descriptor);
        return Error::badInput(S_ISREG(status.st_mode) ? systemError(code) : QStringLiteral("not a file"), path);
    }
    return std::shared_ptr<const LogFile>(new LogFile(path, descriptor, qint64(status.st_size)));
}

Status LogFile::read(qint64 offset, qint64 length, char* into) const
{
    while (length > 0) {
        const ssize_t got = ::pread(m_descriptor, into, size_t(length), off_t(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return Error::failure(QStringLiteral("cannot read the file: %1").arg(systemError(errno)), m_path);
        if (got == 0) {
            return Error::failure(
                QStringLiteral("the file is shorter than when it was opened: it was changed meanwhile (open it again)"),
                m_path);
        }
        into += got;
        offset += got;
        length -= got;
    }
    return {};
}

const qint64 FileWindow::Padding = qint64(simdjson::SIMDJSON_PADDING);

FileWindow::FileWindow(const LogFile& file, qint64 pieceSize)
    : m_file(file)
    , m_pieceSize(pieceSize)
{
}

Status FileWindow::advance(const char* keep)
{
    const qint64 kept = m_filled - (keep - begin());
    const qint64 keptFrom = keep - begin();
    // Room for what is kept and a piece after it: a record longer than a piece grows the window
    // (twice as large each time, so a long record is not moved again and again) instead of
    // failing.
    const qint64 step = std::max(m_pieceSize, kept);
    const qint64 wanted = std::min(kept + step, m_file.size() - m_start - keptFrom);
    if (qint64(m_buffer.size()) < wanted + Padding)
        m_buffer.resize(size_t(kept + step + Padding));
    if (kept > 0 && keptFrom > 0)
        std::memmove(m_buffer.data(), m_buffer.data() + keptFrom, size_t(kept));
    m_start += keptFrom;
    m_filled = kept;
    const qint64 more = wanted - kept;
    if (more <= 0)
        return {};
    if (Status read = m_file.read(m_start + m_filled, more, m_buffer.data() + m_filled); !read)
        return read;
    m_filled += more;
    return {};
}

quint64 bytesHash(std::string_view bytes)
{
    const char* p = bytes.data();
    size_t left = bytes.size();
    quint64 hash = bytes.size();
    if (left >= 32) {
        // Four words at a time in four lanes that do not wait for each other: a record of a few
        // hundred bytes is checked twice as fast as by one chain of multiplications.
        quint64 lanes[4] = { hash, 0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL, 0xA4093822299F31D0ULL };
        for (; left >= 32; left -= 32, p += 32) {
            for (int i = 0; i < 4; ++i)
                lanes[i] = mix(lanes[i], load64(p + 8 * i));
        }
        hash = mix(mix(mix(finalized(lanes[0]), lanes[1]), lanes[2]), lanes[3]);
    }
    for (; left >= 8; left -= 8, p += 8)
        hash = mix(hash, load64(p));
    if (left > 0) {
        quint64 tail = 0;
        std::memcpy(&tail, p, left);
        hash = mix(hash, tail);
    }
    return finalized(hash);
}

quint32 recordChecksum(std::string_view bytes) { return quint32(bytesHash(bytes) >> 32); }

} // namespace Rewind
