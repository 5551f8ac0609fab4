#include "benchtable.h"

#include <algorithm>
#include <array>

namespace Rewind {

QString BenchTable::toText() const
{
    const std::array<QString, 5> headers = { QStringLiteral("figure"), QStringLiteral("measured"),
        QStringLiteral("target"), QStringLiteral("raw limit / peer (same run)"), QStringLiteral("") };
    std::array<qsizetype, 5> widths {};
    for (size_t c = 0; c < headers.size(); ++c)
        widths[c] = headers[c].size();
    const auto cells = [](const Row& row) -> std::array<QString, 5> {
        return std::array<QString, 5> { row.figure, row.value, row.target, row.limit, row.verdict };
    };
    for (const Row& row : m_rows) {
        const auto values = cells(row);
        for (size_t c = 0; c < values.size(); ++c)
            widths[c] = std::max(widths[c], values[c].size());
    }
    // No verdicts (a size that is not judged): no verdict column.
    const bool judged =
        std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row& row) { return !row.verdict.isEmpty(); });
    const size_t columns = judged ? 5 : 4;
    const auto line = [&](const std::array<QString, 5>& values) -> QString {
        QString text = QStringLiteral("| ");
        for (size_t c = 0; c < columns; ++c)
            text += values[c].leftJustified(widths[c]) + QStringLiteral(" | ");
        return text.trimmed() + QLatin1Char('\n');
    };
    QString text;
    if (!m_title.isEmpty())
        text += m_title + QLatin1Char('\n');
    text += line(headers);
    std::array<QString, 5> rule;
    for (size_t c = 0; c < rule.size(); ++c)
        rule[c] = QString(widths[c], QLatin1Char('-'));
    text += line(rule);
    for (const Row& row : m_rows)
        text += line(cells(row));
    return text;
}

} // namespace Rewind
