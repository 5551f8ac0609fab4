#pragma once

#include "models/pointdetails.h"

#include <QFutureWatcher>
#include <QTabWidget>

#include <memory>

namespace Rewind {

class ChangeFlash;
class ChartTab;
class History;
class DiffTab;
class EventTab;
class Playhead;
class StateTab;
class WhatIfBanner;
class WhatIfStream;
class WhatIfSwitches;

/// The inspector on the right: State, Diff, Event and Chart of the event at the playhead.
/// It computes the point's details once per move and hands them to each tab. A point that
/// checkpoints or snapshots make cheap is computed at once; before the analysis has built them,
/// a long stream's state is a full replay, which runs in the background while the tabs keep
/// the previous point (the window never waits for a replay).
class Inspector : public QTabWidget {
    Q_OBJECT
public:
    enum Tab { StateTabIndex, DiffTabIndex, EventTabIndex, ChartTabIndex };

    explicit Inspector(Playhead* playhead, QWidget* parent = nullptr);
    ~Inspector() override;

    const PointDetails& details() const { return m_details; }
    StateTab* stateTab() const { return m_state; }
    DiffTab* diffTab() const { return m_diff; }
    EventTab* eventTab() const { return m_event; }
    ChartTab* chartTab() const { return m_chart; }
    /// Lights up what each new event changed, in the State and Diff tabs, and fades it.
    ChangeFlash* changeFlash() const { return m_flash; }
    /// `state`, `diff`, `event` or `chart`; false for any other name.
    bool showTab(const QString& name);
    /// Whether the point at the playhead is still being computed (the tabs show the previous one).
    bool isComputing() const { return m_computing; }

    /// Events switched off: State, Diff and Chart show the history without them, under a
    /// banner, with the real history one click away.
    void setWhatIf(WhatIfSwitches* switches);
    /// The real history is shown although events are switched off.
    bool showsRealHistory() const { return m_showReal; }
    void setShowRealHistory(bool real);
    WhatIfBanner* stateBanner() const { return m_stateBanner; }
    WhatIfBanner* diffBanner() const { return m_diffBanner; }

    /// Streams up to this many events are replayed on the GUI thread when no checkpoint helps:
    /// a few milliseconds at most.
    static constexpr qint64 ReplayedAtOnce = 20000;

signals:
    void detailsChanged(const Rewind::PointDetails& details);
    /// A point is being computed in the background (`position`), or is done (0).
    void computing(qint64 position);

private:
    void refresh();
    void show(const PointDetails& details);
    void computeInBackground(
        const std::shared_ptr<const History>& history, qint64 position, std::shared_ptr<const WhatIfStream> fold);
    void updateBanners();

    Playhead* m_playhead = nullptr;
    PointDetails m_details;
    StateTab* m_state = nullptr;
    DiffTab* m_diff = nullptr;
    EventTab* m_event = nullptr;
    ChartTab* m_chart = nullptr;
    ChangeFlash* m_flash = nullptr;
    WhatIfSwitches* m_switches = nullptr;
    WhatIfBanner* m_stateBanner = nullptr;
    WhatIfBanner* m_diffBanner = nullptr;
    bool m_showReal = false;
    QFutureWatcher<PointDetails> m_watcher;
    bool m_computing = false;
    /// The playhead moved or the history changed while a point was computed: that point is
    /// stale, and only the latest one is worth computing.
    bool m_stale = false;
    int m_historyCount = 0; ///< histories shown so far: a point of an earlier one is not shown
    int m_computedFor = 0;
};

} // namespace Rewind
