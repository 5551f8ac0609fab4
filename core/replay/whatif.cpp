#include "replay/whatif.h"

#include "replay/history.h"

#include <algorithm>
#include <limits>

namespace Rewind {

namespace {
// A chart is drawn in doubles; the exact value is in the state.
std::optional<double> numberAt(const State& state, const QString& path)
{
    const JsonValue value = state.toJson().at(path);
    return value.isNumber() ? std::optional(value.toDouble()) : std::nullopt;
}
}

QList<qint64> WhatIf::positions() const
{
    QList<qint64> all;
    all.reserve(qsizetype(m_off.size()));
    for (const auto& [position, stream] : m_off)
        all.append(position);
    return all;
}

qint64 WhatIf::firstOffIn(const QString& stream) const
{
    // Few events are switched off at once (a person clicks them): a walk is enough.
    for (const auto& [position, of] : m_off) {
        if (of == stream)
            return position;
    }
    return 0;
}

bool WhatIf::changes(const QString& stream, qint64 position) const
{
    const qint64 first = firstOffIn(stream);
    return first > 0 && first <= position;
}

QStringList WhatIf::streams() const
{
    QStringList all;
    for (const auto& [position, stream] : m_off) {
        if (!all.contains(stream))
            all.append(stream);
    }
    return all;
}

void WhatIf::switchOff(qint64 position, const QString& stream)
{
    if (position > 0)
        m_off[position] = stream;
}

void WhatIf::switchOn(qint64 position) { m_off.erase(position); }

Result<StateAt> WhatIf::stateAt(const History& history, const QString& stream, qint64 position) const
{
    const qint64 first = firstOffIn(stream);
    if (first == 0 || first > position)
        return history.stateAt(stream, position);
    // Every checkpoint and snapshot from `first` on counted the event that is off: the fold
    // starts before it, where the real history and this one are still the same.
    auto start = history.stateAt(stream, first - 1);
    if (!start)
        return start.error();
    StateAt fold = std::move(start).value();
    fold.anomalies.clear();
    const Domain& domain = history.domainOf(stream);
    const Status read = history.source().readEvents({ stream, first, position, false }, [&](const Event& event) {
        if (isOff(event.position))
            return true;
        domain.evolve(*fold.state, event, fold.anomalies);
        fold.version = event.version;
        fold.position = event.position;
        fold.at = event.at;
        ++fold.eventsApplied;
        return true;
    });
    if (!read)
        return read.error();
    return fold;
}

Result<WhatIfStream> WhatIfStream::build(
    const History& history, const WhatIf& whatIf, const QString& stream, const Options& options)
{
    WhatIfStream run;
    run.m_stream = stream;
    run.m_whatIf = whatIf;
    run.m_from = whatIf.firstOffIn(stream);
    if (run.m_from == 0)
        return run;
    auto start = history.stateAt(stream, run.m_from - 1);
    if (!start)
        return start.error();
    const Domain& domain = history.domainOf(stream);
    std::unique_ptr<State> state = std::move(start->state);
    run.m_kept.push_back({ start->position, start->version, start->at, state->clone() });

    const StreamAnalysis* info = history.analysis().stream(stream);
    const qint64 lastPosition = info ? info->lastPosition : std::numeric_limits<qint64>::max();
    const qint64 every = std::max<qint64>(1, options.valueEvery);
    const qint64 interval = std::max<qint64>(1, options.interval);
    const bool charted = !options.chartPath.isEmpty();
    double previous = 0;
    if (charted) {
        previous = numberAt(*state, options.chartPath).value_or(0);
        run.m_values.append({ start->position, start->at, previous, false });
    }
    qint64 seen = 0;
    qint64 folded = 0;
    bool cancelled = false;
    Anomalies found;
    const Status read = history.source().readEvents(
        { stream, run.m_from, std::numeric_limits<qint64>::max(), false }, [&](const Event& event) {
            const bool off = whatIf.isOff(event.position);
            found.clear();
            if (!off) {
                domain.evolve(*state, event, found);
                run.m_anomalies.append(found);
                if (++folded % interval == 0)
                    run.m_kept.push_back({ event.position, event.version, event.at, state->clone() });
            }
            // The state's JSON is the costly part: only for sampled events and marked ones.
            if (charted && (++seen % every == 0 || off || !found.isEmpty() || event.position >= lastPosition)) {
                if (!off)
                    previous = numberAt(*state, options.chartPath).value_or(previous);
                run.m_values.append({ event.position, event.at, previous, off });
            }
            if (options.cancelled && seen % 1024 == 0 && options.cancelled()) {
                cancelled = true;
                return false;
            }
            return true;
        });
    if (!read)
        return read.error();
    if (cancelled || (options.cancelled && options.cancelled()))
        return Error::cancelled(history.source().path());
    return run;
}

Result<StateAt> WhatIfStream::stateAt(const History& history, qint64 position) const
{
    if (m_from == 0 || position < m_from)
        return history.stateAt(m_stream, position);
    const auto after = std::upper_bound(
        m_kept.cbegin(), m_kept.cend(), position, [](qint64 p, const Kept& kept) { return p < kept.position; });
    const Kept& kept = *std::prev(after); // the first is before m_from, so at or before position
    StateAt fold;
    fold.stream = m_stream;
    fold.state = kept.state->clone();
    fold.version = kept.version;
    fold.position = kept.position;
    fold.at = kept.at;
    if (after - 1 != m_kept.cbegin())
        fold.fromCheckpoint = kept.version;
    const Domain& domain = history.domainOf(m_stream);
    Anomalies ignored; // the pass kept them already
    const Status read =
        history.source().readEvents({ m_stream, kept.position + 1, position, false }, [&](const Event& event) {
            if (m_whatIf.isOff(event.position))
                return true;
            domain.evolve(*fold.state, event, ignored);
            fold.version = event.version;
            fold.position = event.position;
            fold.at = event.at;
            ++fold.eventsApplied;
            return true;
        });
    if (!read)
        return read.error();
    for (const Anomaly& anomaly : m_anomalies) {
        if (anomaly.position > position)
            break;
        fold.anomalies.append(anomaly);
    }
    return fold;
}

Anomalies WhatIfStream::anomaliesAt(qint64 position) const
{
    Anomalies found;
    auto it = std::lower_bound(
        m_anomalies.cbegin(), m_anomalies.cend(), position, [](const Anomaly& a, qint64 p) { return a.position < p; });
    for (; it != m_anomalies.cend() && it->position == position; ++it)
        found.append(*it);
    return found;
}

} // namespace Rewind
