#include "replay/eventsearch.h"

#include "domains/domain.h"
#include "replay/history.h"

#include <algorithm>
#include <numeric>

namespace Rewind {

QStringList EventCriteria::words() const { return text.split(QLatin1Char(' '), Qt::SkipEmptyParts); }

QString EventSearch::searchText(const Event& event, const QString& actor, const QString& summary)
{
    return event.stream + QLatin1Char(' ') + event.type + QLatin1Char(' ') + actor + QLatin1Char(' ') + summary
        + QLatin1Char(' ') + QString::fromUtf8(event.data);
}

namespace {

/// Progress is reported about every this many events: often enough for a progress bar, rarely
/// enough to cost nothing.
constexpr qint64 ReportEvery = 16384;

/// The words of a search, split into those that must and those that must not appear.
struct SearchWords {
    QStringList required;
    QStringList excluded;

    explicit SearchWords(const QStringList& words)
    {
        for (const QString& word : words) {
            if (word.size() > 1 && word.startsWith(QLatin1Char('-')))
                excluded.append(word.mid(1));
            else
                required.append(word);
        }
    }
    bool matches(const QString& text) const
    {
        const auto inText = [&text](const QString& word) { return text.contains(word, Qt::CaseInsensitive); };
        return std::ranges::all_of(required, inText) && std::ranges::none_of(excluded, inText);
    }
};

bool typeMatches(const EventCriteria& criteria, qint32 type)
{
    return criteria.types.isEmpty() || criteria.types.contains(type) != criteria.excludeTypes;
}

} // namespace

Status EventSearch::readRows(const History& history, const std::vector<qint32>& rows, qint32 stream,
    const std::function<bool(qint32 row, const Event& event)>& visit)
{
    const HistoryIndex& index = history.index();
    EventFilter filter;
    if (stream >= 0)
        filter.stream = index.streamNames().value(stream);
    if (!rows.empty())
        filter.fromPosition = index.entry(rows.front()).position;
    size_t next = 0;
    return history.source().readEvents(filter, [&](const Event& event) {
        // Events come in global order, like the rows: walk both together.
        while (next < rows.size() && index.entry(rows[next]).position < event.position)
            ++next;
        if (next == rows.size())
            return false;
        if (index.entry(rows[next]).position != event.position)
            return true;
        return visit(rows[next++], event);
    });
}

Result<std::vector<qint32>> EventSearch::matchingRows(
    const History& history, const EventCriteria& criteria, const Progress& progress)
{
    const HistoryIndex& index = history.index();
    const qint64 total = index.size();
    std::vector<qint32> rows;
    // The index decides stream and type for every row without reading an event.
    for (qint32 row = 0; row < total; ++row) {
        const HistoryIndex::Entry& entry = index.entry(row);
        if ((criteria.stream < 0 || entry.stream == criteria.stream) && typeMatches(criteria, entry.type))
            rows.push_back(row);
        if (progress && row % ReportEvery == 0 && !criteria.readsEvents() && !progress(row, total, qint64(rows.size())))
            return Error::cancelled();
    }
    if (!criteria.readsEvents())
        return rows;

    const SearchWords words(criteria.words());
    std::vector<qint32> matched;
    qint64 seen = 0;
    bool stopped = false;
    const Status read = readRows(history, rows, criteria.stream, [&](qint32 row, const Event& event) {
        if (progress && ++seen % ReportEvery == 0 && !progress(row, total, qint64(matched.size()))) {
            stopped = true;
            return false;
        }
        const QString actor = event.actor();
        if (!criteria.actors.isEmpty() && criteria.actors.contains(actor) == criteria.excludeActors)
            return true;
        if (!words.required.isEmpty() || !words.excluded.isEmpty()) {
            const QString summary = history.domainOf(event.stream).summary(event);
            if (!words.matches(searchText(event, actor, summary)))
                return true;
        }
        matched.push_back(row);
        return true;
    });
    if (stopped)
        return Error::cancelled();
    if (!read)
        return read.error();
    if (progress)
        progress(total, total, qint64(matched.size()));
    return matched;
}

Status EventSearch::sortRows(
    const History& history, std::vector<qint32>& rows, EventOrder order, bool descending, const Progress& progress)
{
    const HistoryIndex& index = history.index();
    // Rows are sorted by their key from global order, stably: events that tie keep global
    // order, in either direction.
    std::sort(rows.begin(), rows.end());
    auto sortByKey = [&](auto keyOf) {
        std::stable_sort(rows.begin(), rows.end(), [&](qint32 a, qint32 b) {
            const auto ka = keyOf(a);
            const auto kb = keyOf(b);
            return descending ? kb < ka : ka < kb;
        });
    };
    // Names sort by their text: rank each name once instead of comparing strings per row.
    auto ranks = [](const QStringList& names) {
        std::vector<qint32> order(names.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
            [&](qint32 a, qint32 b) { return names.at(a).compare(names.at(b), Qt::CaseInsensitive) < 0; });
        std::vector<qint32> rank(names.size());
        for (size_t i = 0; i < order.size(); ++i)
            rank[order[i]] = qint32(i);
        return rank;
    };

    switch (order) {
    case EventOrder::Position:
        sortByKey([&](qint32 row) { return index.entry(row).position; });
        return {};
    case EventOrder::Time:
        sortByKey([&](qint32 row) { return index.entry(row).at; });
        return {};
    case EventOrder::Version:
        sortByKey([&](qint32 row) { return index.entry(row).version; });
        return {};
    case EventOrder::Stream: {
        const std::vector<qint32> rank = ranks(index.streamNames());
        sortByKey([&](qint32 row) { return rank[index.entry(row).stream]; });
        return {};
    }
    case EventOrder::Type: {
        const std::vector<qint32> rank = ranks(index.typeNames());
        sortByKey([&](qint32 row) { return rank[index.entry(row).type]; });
        return {};
    }
    case EventOrder::Actor:
    case EventOrder::Summary:
        break;
    }

    // Actor and summary are in the events: read the rows once, in global order, keeping each
    // one's key beside it, then sort.
    const auto total = qint64(rows.size());
    std::vector<QString> keys;
    keys.reserve(rows.size());
    bool stopped = false;
    const Status read = readRows(history, rows, -1, [&](qint32, const Event& event) {
        keys.push_back(order == EventOrder::Actor ? event.actor() : history.domainOf(event.stream).summary(event));
        const auto seen = qint64(keys.size());
        if (progress && seen % ReportEvery == 0 && !progress(seen, total, seen)) {
            stopped = true;
            return false;
        }
        return true;
    });
    if (stopped)
        return Error::cancelled();
    if (!read)
        return read.error();
    if (keys.size() != rows.size())
        return Error::failure(QStringLiteral("events changed while they were sorted"), history.source().path());
    std::vector<qint32> byKey(rows.size());
    std::iota(byKey.begin(), byKey.end(), 0);
    std::stable_sort(byKey.begin(), byKey.end(), [&](qint32 a, qint32 b) {
        const int compared = keys[size_t(a)].compare(keys[size_t(b)], Qt::CaseInsensitive);
        return descending ? compared > 0 : compared < 0;
    });
    std::vector<qint32> sorted(rows.size());
    for (size_t i = 0; i < byKey.size(); ++i)
        sorted[i] = rows[size_t(byKey[i])];
    rows = std::move(sorted);
    return {};
}

} // namespace Rewind
