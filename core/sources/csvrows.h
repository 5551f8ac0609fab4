#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstring>

namespace Rewind {

/// The separator of a CSV file, judged by its first line: `;` or a tab where they outnumber
/// commas outside quotes, else `,`.
char detectCsvSeparator(QByteArrayView firstLine);

/// One row's fields, split from the bytes with RFC 4180's quoting rules.
class CsvRowParser {
public:
    /// `line`: the line `begin` is on (a reader holding a window of the file starts mid-file).
    CsvRowParser(const char* begin, const char* end, char separator, qint64 line = 1)
        : m_p(begin)
        , m_end(end)
        , m_separator(separator)
        , m_line(line)
    {
    }

    bool atEnd() const { return m_p >= m_end; }
    qint64 line() const { return m_line; }
    const char* position() const { return m_p; }

    /// Reads the next row into `fields`. Returns an error message, or an empty string.
    QString next(QList<QByteArray>& fields)
    {
        fields.clear();
        QByteArray field;
        for (;;) {
            field.clear();
            if (m_p < m_end && *m_p == '"') {
                ++m_p;
                for (;;) {
                    const char* quote = static_cast<const char*>(std::memchr(m_p, '"', size_t(m_end - m_p)));
                    if (!quote) {
                        m_p = m_end;
                        return QStringLiteral("unterminated quoted field");
                    }
                    countLines(m_p, quote);
                    field.append(m_p, quote - m_p);
                    m_p = quote + 1;
                    if (m_p < m_end && *m_p == '"') {
                        field.append('"');
                        ++m_p;
                        continue;
                    }
                    break;
                }
                if (m_p < m_end && *m_p != m_separator && *m_p != '\n' && *m_p != '\r') {
                    skipRow();
                    return QStringLiteral("unexpected text after a closing quote (a quote inside a quoted "
                                          "field is written twice: \"\")");
                }
            } else {
                const char* start = m_p;
                while (m_p < m_end && *m_p != m_separator && *m_p != '\n' && *m_p != '\r')
                    ++m_p;
                field.append(start, m_p - start);
            }
            fields.append(field);
            if (m_p < m_end && *m_p == m_separator) {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == '\r')
                ++m_p;
            if (m_p < m_end && *m_p == '\n') {
                ++m_p;
                ++m_line;
            }
            return {};
        }
    }

private:
    void countLines(const char* from, const char* to)
    {
        for (const char* c = from; c < to; ++c)
            m_line += *c == '\n';
    }
    void skipRow()
    {
        while (m_p < m_end && *m_p != '\n')
            ++m_p;
        if (m_p < m_end) {
            ++m_p;
            ++m_line;
        }
    }

    const char* m_p = nullptr;
    const char* m_end = nullptr;
    char m_separator = ',';
    qint64 m_line = 1; ///< the line m_p is on
};

} // namespace Rewind
