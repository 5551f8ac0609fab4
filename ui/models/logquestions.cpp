#include "models/logquestions.h"

#include "replay/history.h"

namespace Rewind::LogQuestions {

namespace {

/// The stream's rows in the index, up to and including the last one at or before `position`.
QList<qsizetype> rowsUpTo(const History& history, const QString& stream, qint64 position)
{
    const HistoryIndex& index = history.index();
    const qint32 id = index.streamIndex(stream);
    if (id < 0)
        return {};
    QList<qsizetype> rows = index.rowsOfStream(id);
    const auto after = std::upper_bound(rows.cbegin(), rows.cend(), position,
        [&index](qint64 p, qsizetype row) { return p < index.entry(row).position; });
    rows.resize(after - rows.cbegin());
    return rows;
}

Step stepAt(const History& history, qsizetype row, bool withChanges)
{
    const HistoryIndex::Entry& entry = history.index().entry(row);
    Step step { entry.position, entry.version, entry.at, history.index().typeNames().value(entry.type), {}, {} };
    if (const auto event = history.eventAt(entry.position))
        step.actor = event->actor();
    if (withChanges) {
        if (const auto states = history.beforeAndAfter(entry.position))
            step.changes = StateDiff::between(states->first, states->second);
    }
    return step;
}

} // namespace

Step lastChange(const History& history, const QString& stream, qint64 position, int limit)
{
    const QList<qsizetype> rows = rowsUpTo(history, stream, position);
    for (qsizetype i = rows.size() - 1; i >= 0 && i >= rows.size() - limit; --i) {
        Step step = stepAt(history, rows.at(i), true);
        if (!step.changes.isEmpty())
            return step;
    }
    return {};
}

QList<Step> latest(const History& history, const QString& stream, qint64 position, int count)
{
    const QList<qsizetype> rows = rowsUpTo(history, stream, position);
    QList<Step> steps;
    for (qsizetype i = rows.size() - 1; i >= 0 && steps.size() < count; --i)
        steps.append(stepAt(history, rows.at(i), false));
    return steps;
}

QList<TypeCount> eventsByType(const History& history, const QString& stream, qint64 position)
{
    QList<TypeCount> counts;
    QHash<qint32, qsizetype> where;
    for (const qsizetype row : rowsUpTo(history, stream, position)) {
        const qint32 type = history.index().entry(row).type;
        const auto found = where.constFind(type);
        if (found != where.cend()) {
            ++counts[*found].count;
            continue;
        }
        where.insert(type, counts.size());
        counts.append({ history.index().typeNames().value(type), 1 });
    }
    return counts;
}

} // namespace Rewind::LogQuestions
