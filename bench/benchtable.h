#pragma once

#include <QList>
#include <QString>

namespace Rewind {

/// The benchmark's output: one row per figure, each beside its target and the raw limit
/// measured in the same run, printed as a fixed-width text table.
class BenchTable {
public:
    struct Row {
        QString figure;
        QString value;
        QString target;
        QString limit;
        QString verdict; ///< "met", "NOT met", or empty when there is no target
    };

    void setTitle(const QString& title) { m_title = title; }
    void add(Row row) { m_rows.append(std::move(row)); }
    QString toText() const;

private:
    QString m_title;
    QList<Row> m_rows;
};

} // namespace Rewind
