#include "sources/logindex.h"

#include "sources/logfile.h"

#include <QCryptographicHash>

#include <algorithm>
#include <limits>
#include <numeric>

namespace Rewind {

std::string_view NameTable::bytes(quint32 id) const
{
    const size_t start = id == 0 ? 0 : m_ends[id - 1];
    return std::string_view(m_bytes).substr(start, m_ends[id] - start);
}

void NameTable::rehash(size_t slotCount)
{
    m_slots.assign(slotCount, 0);
    const size_t mask = slotCount - 1;
    for (quint32 id = 0; id < quint32(m_ends.size()); ++id) {
        size_t i = bytesHash(bytes(id)) & mask;
        while (m_slots[i] != 0)
            i = (i + 1) & mask;
        m_slots[i] = id + 1;
    }
}

quint32 NameTable::intern(std::string_view utf8)
{
    if (m_slots.empty())
        rehash(64);
    const size_t mask = m_slots.size() - 1;
    for (size_t i = bytesHash(utf8) & mask;; i = (i + 1) & mask) {
        const quint32 slot = m_slots[i];
        if (slot != 0) {
            if (bytes(slot - 1) == utf8)
                return slot - 1;
            continue;
        }
        const auto id = quint32(m_ends.size());
        m_bytes.append(utf8);
        m_ends.push_back(m_bytes.size());
        m_names.append(QString::fromUtf8(utf8.data(), qsizetype(utf8.size())));
        m_slots[i] = id + 1;
        if (m_ends.size() * 2 > m_slots.size()) // at most half full: probes stay short
            rehash(m_slots.size() * 2);
        return id;
    }
}

std::optional<quint32> NameTable::find(const QString& name) const
{
    if (m_slots.empty())
        return std::nullopt;
    const QByteArray utf8 = name.toUtf8();
    const std::string_view wanted(utf8.constData(), size_t(utf8.size()));
    const size_t mask = m_slots.size() - 1;
    for (size_t i = bytesHash(wanted) & mask; m_slots[i] != 0; i = (i + 1) & mask) {
        if (bytes(m_slots[i] - 1) == wanted)
            return m_slots[i] - 1;
    }
    return std::nullopt;
}

void LogIndex::append(quint32 stream, quint32 type, qint64 version, qint64 position, qint64 at, const Place& place)
{
    // Positions are kept only once a record gives one: most logs give none, and then they are
    // the row numbers.
    if (position > 0 && !m_positionsKept) {
        m_positions.fill(m_rows.size(), 0);
        m_positionsKept = true;
    }
    if (m_positionsKept)
        m_positions.append(position);
    m_rows.append({ version, at, place.offset, place.length, place.checksum, stream, type });
}

void LogIndex::appendMerged(
    quint32 stream, quint32 type, qint64 version, qint64 at, const Place& place, quint16 part, quint32 fileRow)
{
    m_rows.append({ version, at, place.offset, place.length, place.checksum, stream, type });
    m_parts.append(part);
    m_fileRows.append(fileRow);
}

std::optional<QString> LogIndex::finish()
{
    auto problem = fillIn();
    sortByPosition();
    return problem;
}

std::optional<QString> LogIndex::fillIn()
{
    // As MemoryEventSource::finish: versions left out count 1, 2, 3 … per stream in file order;
    // positions left out follow the file order, after the highest position the file did give.
    constexpr qint64 Largest = std::numeric_limits<qint64>::max();
    std::optional<QString> problem;
    qint64 highestPosition = 0;
    bool everyVersion = true;
    for (size_t i = 0; i < m_positions.size(); ++i)
        highestPosition = std::max(highestPosition, m_positions[i]);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        m_versionsGiven = m_versionsGiven || m_rows[i].version > 0;
        everyVersion = everyVersion && m_rows[i].version > 0;
    }
    std::vector<qint64> lastVersion(everyVersion ? 0 : size_t(m_streams.size()), 0);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row& row = m_rows[i];
        // Counting versions per stream costs a lookup per event: only when some are missing.
        if (!everyVersion) {
            qint64& last = lastVersion[row.stream];
            if (row.version <= 0) {
                if (last == Largest) {
                    // Numbered on would wrap to a negative version: left unnumbered, and said.
                    if (!problem) {
                        problem = QStringLiteral("stream '%1' reaches version %2, so its next event has no version "
                                                 "to take")
                                      .arg(m_streams.name(row.stream))
                                      .arg(last);
                    }
                } else {
                    row.version = last + 1;
                }
            }
            last = std::max(last, row.version);
        }
        // Without a position given anywhere, every event takes its row number: nothing to store.
        if (!m_positions.empty() && m_positions[i] <= 0) {
            if (highestPosition == Largest) {
                if (!problem) {
                    problem = QStringLiteral("the file gives position %1, so an event without one has no position "
                                             "to take")
                                  .arg(highestPosition);
                }
            } else {
                m_positions[i] = ++highestPosition;
            }
        }
    }
    return problem;
}

void LogIndex::sortByPosition()
{
    if (m_positions.empty())
        return;
    // Most logs are in order already; checking is a fraction of what sorting a million costs.
    bool sorted = true;
    for (size_t i = 1; i < m_positions.size() && sorted; ++i)
        sorted = m_positions[i - 1] <= m_positions[i];
    if (!sorted) {
        std::vector<quint32> order(m_rows.size());
        std::iota(order.begin(), order.end(), quint32(0));
        std::stable_sort(
            order.begin(), order.end(), [&](quint32 a, quint32 b) { return m_positions[a] < m_positions[b]; });
        const auto reordered = [&order](auto& column) {
            if (column.empty())
                return;
            std::remove_reference_t<decltype(column)> sorted;
            for (const quint32 i : order)
                sorted.append(column[i]);
            column = std::move(sorted);
        };
        reordered(m_rows);
        reordered(m_positions);
        reordered(m_parts);
        if (m_fileRows.empty()) {
            for (const quint32 i : order)
                m_fileRows.append(i);
        } else {
            reordered(m_fileRows);
        }
    }
    // Positions 1, 2, 3 … in row order are the row numbers: the column is dropped.
    bool rowNumbers = true;
    for (size_t i = 0; i < m_positions.size() && rowNumbers; ++i)
        rowNumbers = m_positions[i] == qint64(i) + 1;
    if (rowNumbers)
        m_positions.clear();
}

qsizetype LogIndex::lowerBound(qint64 position) const
{
    if (m_positions.empty())
        return position <= 1 ? 0 : qsizetype(std::min<qint64>(position - 1, size()));
    size_t low = 0;
    size_t high = m_positions.size();
    while (low < high) {
        const size_t middle = low + (high - low) / 2;
        if (m_positions[middle] < position)
            low = middle + 1;
        else
            high = middle;
    }
    return qsizetype(low);
}

QByteArray LogIndex::digest() const
{
    // Each block of a column is hashed as it lies in memory (its values have no padding), at a
    // few gigabytes a second; the block hashes and the names then go through SHA-256.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const auto column = [&hash](const auto& values, char tag) {
        hash.addData(QByteArrayView(&tag, 1));
        const quint64 count = values.size();
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(&count), sizeof count));
        values.forEachBlock([&hash](const auto* block, size_t n) {
            const quint64 blockHash =
                bytesHash(std::string_view(reinterpret_cast<const char*>(block), n * sizeof(*block)));
            hash.addData(QByteArrayView(reinterpret_cast<const char*>(&blockHash), sizeof blockHash));
        });
    };
    column(m_rows, 'r');
    column(m_positions, 'p');
    column(m_parts, 'f');
    column(m_fileRows, 'n');
    for (const NameTable* names : { &m_streams, &m_types }) {
        for (qsizetype id = 0; id < names->size(); ++id) {
            const QByteArray utf8 = names->name(quint32(id)).toUtf8();
            const quint64 length = utf8.size();
            hash.addData(QByteArrayView(reinterpret_cast<const char*>(&length), sizeof length));
            hash.addData(utf8);
        }
        hash.addData(QByteArrayView("|", 1));
    }
    return hash.result();
}

qint64 LogIndex::bytes() const { return m_rows.bytes() + m_positions.bytes() + m_parts.bytes() + m_fileRows.bytes(); }

} // namespace Rewind
