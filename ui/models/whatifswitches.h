#pragma once

#include "replay/whatif.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>

#include <memory>

namespace Rewind {

class History;
class Playhead;

/// The events switched off in the window ("what if they had never happened?") and, for each
/// stream with one, its alternate history folded once (WhatIfStream), which the inspector, the
/// chart and the events table read. Only a question asked of the log: the file is never
/// written, and a new history (or Restore) switches everything on again.
///
/// Short streams are folded at once; when the streams concerned hold more than FoldedAtOnce
/// events the fold runs in the background, and foldsChanged says when it is ready.
class WhatIfSwitches : public QObject {
    Q_OBJECT
public:
    using Folds = QHash<QString, std::shared_ptr<const WhatIfStream>>;
    static constexpr qint64 FoldedAtOnce = 20000;
    /// Chart values kept per stream, about as many as the chart draws for the real line.
    static constexpr qint64 ChartPoints = 2000;

    explicit WhatIfSwitches(Playhead* playhead, QObject* parent = nullptr);
    ~WhatIfSwitches() override;

    const WhatIf& whatIf() const { return m_whatIf; }
    bool isActive() const { return !m_whatIf.isEmpty(); }
    bool isOff(qint64 position) const { return m_whatIf.isOff(position); }
    /// The alternate fold of `stream`: nullptr when none of its events is off, or while it is
    /// being folded (isFolding()).
    std::shared_ptr<const WhatIfStream> foldOf(const QString& stream) const { return m_folds.value(stream); }
    bool isFolding() const { return m_folding; }

public slots:
    /// Switches the events off, or all of them on again when every one of them is off already.
    void toggle(const QList<qint64>& positions);
    void switchOff(const QList<qint64>& positions);
    void switchOn(const QList<qint64>& positions);
    /// Everything on again: the real history.
    void restore();

signals:
    /// Events were switched off or on (`positions`; all of them after a restore).
    void switched(const QList<qint64>& positions);
    /// The alternate folds are ready, or gone (after a restore).
    void foldsChanged();
    /// A fold started in the background (true) or ended (false).
    void folding(bool folding);

private:
    void refold();
    void finishFold();

    Playhead* m_playhead = nullptr;
    WhatIf m_whatIf;
    Folds m_folds;
    QFutureWatcher<Folds> m_watcher;
    bool m_folding = false;
};

} // namespace Rewind
