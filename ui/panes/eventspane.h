#pragma once

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace Rewind {

class EventFilterProxy;
class EventsModel;
class Playhead;

/// The events pane: the table of events with search and filters by type and actor. Selecting
/// a row moves the playhead; when the playhead moves, its row is selected and scrolled to.
class EventsPane : public QWidget {
    Q_OBJECT
public:
    explicit EventsPane(Playhead* playhead, QWidget* parent = nullptr);
    ~EventsPane() override;

    EventsModel* model() const { return m_model; }
    EventFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    QLineEdit* searchEdit() const { return m_search; }
    QComboBox* typeBox() const { return m_types; }
    QComboBox* actorBox() const { return m_actors; }

private:
    void onHistoryChanged();
    void selectPlayheadRow();
    void updateCount();

    Playhead* m_playhead = nullptr;
    EventsModel* m_model = nullptr;
    EventFilterProxy* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_types = nullptr;
    QComboBox* m_actors = nullptr;
    QLabel* m_count = nullptr;
    QTableView* m_view = nullptr;
    QFutureWatcher<QStringList> m_actorScan;
    bool m_syncing = false;
};

} // namespace Rewind
