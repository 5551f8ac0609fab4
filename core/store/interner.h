#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <cstring>

namespace Rewind {

/// Gives equal UTF-8 bytes the same QString, so a replay does not allocate a stream id and a
/// type name per row (a million rows hold a few hundred distinct ones). Shared by the readers
/// of SQLite stores, Rewind's own and Emmett's.
class Interner {
public:
    const QString& intern(QByteArrayView utf8)
    {
        // Empty is compared by size alone: a NULL column has no buffer at all, and memcmp must
        // not be given a null pointer even for zero bytes.
        if (utf8.size() == m_last.size()
            && (utf8.isEmpty() || std::memcmp(utf8.data(), m_last.constData(), size_t(utf8.size())) == 0))
            return m_lastString;
        // A key over SQLite's buffer without copying it, only for the lookup.
        const QByteArray probe = QByteArray::fromRawData(utf8.data(), utf8.size());
        auto it = m_strings.constFind(probe);
        if (it == m_strings.constEnd()) {
            if (m_strings.size() >= MaxEntries)
                m_strings.clear(); // millions of distinct streams: bound the memory, stay correct
            it = m_strings.insert(QByteArray(utf8.data(), utf8.size()), QString::fromUtf8(utf8));
        }
        m_last = it.key();
        m_lastString = it.value();
        return m_lastString;
    }

private:
    static constexpr qsizetype MaxEntries = 4096;
    QHash<QByteArray, QString> m_strings;
    QByteArray m_last;
    QString m_lastString;
};

} // namespace Rewind
