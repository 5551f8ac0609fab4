#pragma once

#include <QString>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Rewind {

/// A column of an index kept in blocks of a fixed number of values. Growing never moves what is
/// there: a vector of five million rows grows into a new buffer and holds both for a moment (or
/// keeps room for twice as many), which was as much memory again as the index itself.
template <typename T> class IndexColumn {
public:
    void append(const T& value)
    {
        if (m_size % BlockSize == 0)
            m_blocks.push_back(std::make_unique<T[]>(BlockSize));
        m_blocks.back()[m_size % BlockSize] = value;
        ++m_size;
    }
    T& operator[](size_t i) { return m_blocks[i / BlockSize][i % BlockSize]; }
    const T& operator[](size_t i) const { return m_blocks[i / BlockSize][i % BlockSize]; }
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    void clear()
    {
        m_blocks.clear();
        m_size = 0;
    }
    /// `count` values of `value`.
    void fill(size_t count, const T& value)
    {
        for (size_t i = 0; i < count; ++i)
            append(value);
    }
    qint64 bytes() const { return qint64(m_blocks.size()) * qint64(BlockSize * sizeof(T)); }
    /// Calls `visit(values, count)` for each block, in order.
    template <typename Visit> void forEachBlock(Visit visit) const
    {
        for (size_t b = 0; b < m_blocks.size(); ++b)
            visit(m_blocks[b].get(), std::min(BlockSize, m_size - b * BlockSize));
    }

private:
    static constexpr size_t BlockSize = 4096;

    std::vector<std::unique_ptr<T[]>> m_blocks;
    size_t m_size = 0;
};

/// Names given once: each distinct stream or type is one QString, and an event holds its number.
/// Looked up by the UTF-8 bytes a record holds, so reading a log makes no QString per event.
class NameTable {
public:
    quint32 intern(std::string_view utf8);
    std::optional<quint32> find(const QString& name) const;
    const QString& name(quint32 id) const { return m_names.at(qsizetype(id)); }
    qsizetype size() const { return m_names.size(); }

private:
    std::string_view bytes(quint32 id) const;
    void rehash(size_t slotCount);

    QStringList m_names;
    std::string m_bytes; ///< every name's UTF-8, one after the other
    std::vector<size_t> m_ends; ///< where each name ends in m_bytes
    std::vector<quint32> m_slots; ///< open addressing: id + 1, or 0 for a free slot
};

/// The compact form of a log read from text files: for each event its position, version, time,
/// stream and type (numbers into two NameTables) and where its record is in its file (offset,
/// length, and a checksum of the bytes), 40 bytes an event whatever its data. Its data and
/// metadata are read again from the file when someone visits the event.
///
/// Rows are appended in file order; finish() fills in what the files left out, as
/// MemoryEventSource::finish does, and puts the rows in position order, which is how they are
/// read. Columns most logs do not need cost nothing: positions that are 1, 2, 3 … in row order,
/// the file of each row when there is one file, the row's place in its file when the rows are in
/// file order.
class LogIndex {
public:
    struct Place {
        qint64 offset = 0;
        quint32 length = 0;
        quint32 checksum = 0;
    };

    NameTable& streams() { return m_streams; }
    NameTable& types() { return m_types; }
    const NameTable& streams() const { return m_streams; }
    const NameTable& types() const { return m_types; }

    /// The most rows an index holds (row numbers within a file are 32 bits).
    static constexpr qsizetype MaxRows = 0xFFFFFFFF;

    /// One event, in file order. Version and position 0: not given.
    void append(quint32 stream, quint32 type, qint64 version, qint64 position, qint64 at, const Place& place);
    /// One event of a merge, from file `part` where it was the `fileRow`-th event.
    void appendMerged(
        quint32 stream, quint32 type, qint64 version, qint64 at, const Place& place, quint16 part, quint32 fileRow);
    /// Fills in versions per stream and positions after the highest, in file order, then puts the
    /// rows in position order (stable). Returns why an event could not be numbered, if one could
    /// not: after 9223372036854775807 there is no next number.
    std::optional<QString> finish();
    /// True when some event gave a version (known after finish()).
    bool versionsGiven() const { return m_versionsGiven; }

    qsizetype size() const { return qsizetype(m_rows.size()); }
    qint64 position(qsizetype row) const { return m_positions.empty() ? row + 1 : m_positions[size_t(row)]; }
    qint64 version(qsizetype row) const { return m_rows[size_t(row)].version; }
    qint64 at(qsizetype row) const { return m_rows[size_t(row)].at; }
    quint32 stream(qsizetype row) const { return m_rows[size_t(row)].stream; }
    quint32 type(qsizetype row) const { return m_rows[size_t(row)].type; }
    Place place(qsizetype row) const
    {
        const Row& r = m_rows[size_t(row)];
        return { r.offset, r.length, r.checksum };
    }
    quint16 part(qsizetype row) const { return m_parts.empty() ? 0 : m_parts[size_t(row)]; }
    /// The row's event is the how-manieth (0-based) of its file.
    qint64 fileRow(qsizetype row) const { return m_fileRows.empty() ? row : qint64(m_fileRows[size_t(row)]); }
    /// The first row whose position is `position` or more (size() when none).
    qsizetype lowerBound(qint64 position) const;
    /// What the rows take, in bytes, without the names.
    qint64 bytes() const;
    /// A digest of every row and name: of the events' content, with the checksums of their
    /// records (LogSource::contentDigest).
    QByteArray digest() const;

private:
    struct Row {
        qint64 version = 0;
        qint64 at = 0;
        qint64 offset = 0;
        quint32 length = 0;
        quint32 checksum = 0;
        quint32 stream = 0;
        quint32 type = 0;
    };
    static_assert(sizeof(Row) == 40);

    std::optional<QString> fillIn();
    void sortByPosition();

    NameTable m_streams;
    NameTable m_types;
    IndexColumn<Row> m_rows;
    IndexColumn<qint64> m_positions; ///< empty: row + 1
    bool m_positionsKept = false; ///< while appending: a record gave a position, so all are kept
    IndexColumn<quint16> m_parts; ///< empty: every row is in file 0
    IndexColumn<quint32> m_fileRows; ///< empty: the row itself
    bool m_versionsGiven = false;
};

} // namespace Rewind
