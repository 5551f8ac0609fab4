#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <array>
#include <cstring>

namespace Rewind {

/// Gives equal UTF-8 bytes the same QString, so a replay does not allocate a stream id and a
/// type name per row (a million rows hold a few hundred distinct ones). Shared by the readers
/// of SQLite stores, Rewind's own and Emmett's.
class Interner {
public:
    const QString& intern(QByteArrayView utf8)
    {
        // The few names seen last first, compared as bytes: types alternate (Deposited,
        // Withdrawn, Deposited …), and hashing each would cost more than the rest of the row.
        for (Recent& recent : m_recent) {
            // Empty is compared by size alone: a NULL column has no buffer at all, and memcmp
            // must not be given a null pointer even for zero bytes.
            if (utf8.size() == recent.utf8.size()
                && (utf8.isEmpty() || std::memcmp(utf8.data(), recent.utf8.constData(), size_t(utf8.size())) == 0))
                return recent.string;
        }
        // A key over SQLite's buffer without copying it, only for the lookup.
        const QByteArray probe = QByteArray::fromRawData(utf8.data(), utf8.size());
        auto it = m_strings.constFind(probe);
        if (it == m_strings.constEnd()) {
            if (m_strings.size() >= MaxEntries)
                m_strings.clear(); // millions of distinct streams: bound the memory, stay correct
            it = m_strings.insert(QByteArray(utf8.data(), utf8.size()), QString::fromUtf8(utf8));
        }
        Recent& replaced = m_recent.at(m_next);
        m_next = (m_next + 1) % m_recent.size();
        replaced = { it.key(), it.value() };
        return replaced.string;
    }

private:
    static constexpr qsizetype MaxEntries = 4096;
    struct Recent {
        QByteArray utf8;
        QString string;
    };
    QHash<QByteArray, QString> m_strings;
    std::array<Recent, 4> m_recent;
    size_t m_next = 0;
};

} // namespace Rewind
