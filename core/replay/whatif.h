#pragma once

#include "replay/replayer.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace Rewind {

class History;

/// "What if these events had never happened?" — Redux DevTools' *skip* for an event log. A set
/// of switched-off global positions of one history; the states, anomalies and chart values of a
/// stream are those of a fold that leaves those events out. The log itself is never touched:
/// this is a question asked of it, and clearing the set (restore) gives the real history back.
///
/// A fold of a stream starts from the best point the real history offers *before* the stream's
/// first switched-off event (a checkpoint or a matching snapshot there, through History::stateAt):
/// every checkpoint and snapshot after it holds a state that counted that event, so none of them
/// is ever a starting point.
class WhatIf {
public:
    /// Every switched-off position, in order.
    QList<qint64> positions() const;
    qsizetype count() const { return qsizetype(m_off.size()); }
    bool isEmpty() const { return m_off.empty(); }
    bool isOff(qint64 position) const { return m_off.contains(position); }
    /// The first switched-off position of `stream`, or 0 when none of its events is off.
    qint64 firstOffIn(const QString& stream) const;
    /// Whether the state of `stream` after `position` differs from the real one's fold, i.e.
    /// one of its events at or before `position` is off.
    bool changes(const QString& stream, qint64 position) const;
    /// The streams with an event switched off.
    QStringList streams() const;

    void switchOff(qint64 position, const QString& stream);
    void switchOn(qint64 position);
    /// Everything on again: the real history.
    void restore() { m_off.clear(); }

    /// The state of `stream` after its events at or before `position`, the switched-off ones
    /// left out. Its `anomalies` are those the fold found from the first switched-off event on;
    /// when nothing of the stream up to `position` is off it is History::stateAt's answer.
    Result<StateAt> stateAt(const History& history, const QString& stream, qint64 position) const;

    bool operator==(const WhatIf&) const = default;

private:
    std::map<qint64, QString> m_off; ///< position → its stream
};

/// One stream's alternate history, folded once from the point before its first switched-off
/// event to its end: the anomalies of every later event, a chart value per event, and a copy of
/// the state every `interval` folded events, so that a point of a long stream costs at most an
/// interval of events afterwards. Built on a worker thread; read by any.
class WhatIfStream {
public:
    /// The chart value after one event of the alternate fold.
    struct Value {
        qint64 position = 0;
        qint64 at = 0;
        double value = 0;
        bool switchedOff = false; ///< the event is off: the value is the one before it
    };
    struct Options {
        qint64 interval = 256; ///< folded events between two kept states
        QString chartPath; ///< empty: no values
        qint64 valueEvery = 1; ///< a value after every n-th event (plus switched-off ones and anomalies)
        std::function<bool()> cancelled;
    };

    /// Folds `stream` of `history` with `whatIf`'s events left out. An error when the source
    /// cannot be read; Cancelled when `options.cancelled` said so.
    static Result<WhatIfStream> build(
        const History& history, const WhatIf& whatIf, const QString& stream, const Options& options);

    const QString& stream() const { return m_stream; }
    const WhatIf& whatIf() const { return m_whatIf; }
    /// The first switched-off position of the stream (0: none, the fold is the real one).
    qint64 from() const { return m_from; }
    /// The state after `position`, from the nearest kept state before it.
    Result<StateAt> stateAt(const History& history, qint64 position) const;
    /// The anomalies the alternate fold found, by position, from `from()` on.
    const Anomalies& anomalies() const { return m_anomalies; }
    Anomalies anomaliesAt(qint64 position) const;
    /// The chart value just before `from()`, then after each sampled event from it on.
    const QList<Value>& values() const { return m_values; }

private:
    struct Kept {
        qint64 position = 0;
        qint64 version = 0;
        qint64 at = 0;
        std::shared_ptr<const State> state;
    };

    QString m_stream;
    WhatIf m_whatIf;
    qint64 m_from = 0;
    std::vector<Kept> m_kept; ///< by position; the first is the state before `from`
    Anomalies m_anomalies;
    QList<Value> m_values;
};

} // namespace Rewind
