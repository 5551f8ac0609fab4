#pragma once

#include "models/pointdetails.h"

#include <QTabWidget>

namespace Rewind {

class ChartTab;
class DiffTab;
class EventTab;
class Playhead;
class StateTab;

/// The inspector on the right: State, Diff, Event and Chart of the event at the playhead.
/// It computes the point's details once per move and hands them to each tab.
class Inspector : public QTabWidget {
    Q_OBJECT
public:
    enum Tab { StateTabIndex, DiffTabIndex, EventTabIndex, ChartTabIndex };

    explicit Inspector(Playhead* playhead, QWidget* parent = nullptr);

    const PointDetails& details() const { return m_details; }
    StateTab* stateTab() const { return m_state; }
    DiffTab* diffTab() const { return m_diff; }
    EventTab* eventTab() const { return m_event; }
    ChartTab* chartTab() const { return m_chart; }
    /// `state`, `diff`, `event` or `chart`; false for any other name.
    bool showTab(const QString& name);

signals:
    void detailsChanged(const Rewind::PointDetails& details);

private:
    void refresh();

    Playhead* m_playhead = nullptr;
    PointDetails m_details;
    StateTab* m_state = nullptr;
    DiffTab* m_diff = nullptr;
    EventTab* m_event = nullptr;
    ChartTab* m_chart = nullptr;
};

} // namespace Rewind
