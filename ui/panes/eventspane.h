#pragma once

#include <QAbstractItemView>
#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;
class QToolButton;

namespace Rewind {

class ChoiceFilter;
class EventFilterProxy;
class EventsModel;
class Playhead;

/// The events pane: the table of events with search and filters by type and actor. Selecting
/// a row moves the playhead; when the playhead moves, its row is selected and scrolled to.
/// Filters and sorts run in the background (EventFilterProxy): the pane shows their progress
/// and offers to cancel, and the table stays usable meanwhile.
class EventsPane : public QWidget {
    Q_OBJECT
public:
    explicit EventsPane(Playhead* playhead, QWidget* parent = nullptr);
    ~EventsPane() override;

    EventsModel* model() const { return m_model; }
    EventFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    QLineEdit* searchEdit() const { return m_search; }
    ChoiceFilter* typeFilter() const { return m_types; }
    ChoiceFilter* actorFilter() const { return m_actors; }
    QToolButton* cancelButton() const { return m_cancel; }
    QLabel* countLabel() const { return m_count; }
    /// The global positions of the selected rows, in the table's order (the playhead's row
    /// when nothing else is selected).
    QList<qint64> selectedPositions() const;
    /// Actions offered on a right click in the table (switching events off, …).
    void addRowActions(const QList<QAction*>& actions);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onHistoryChanged();
    void selectPlayheadRow(QAbstractItemView::ScrollHint hint = QAbstractItemView::EnsureVisible);
    void updateCount();
    void applyChoices();
    /// Sizes the columns to what this history can hold: the full time, the largest position and
    /// version with separators, the longest stream, type and actor names. The summary takes the rest.
    void fitColumns();

    Playhead* m_playhead = nullptr;
    EventsModel* m_model = nullptr;
    EventFilterProxy* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    ChoiceFilter* m_types = nullptr;
    ChoiceFilter* m_actors = nullptr;
    QLabel* m_count = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    qint64 m_matchesSoFar = 0;
    int m_permille = 0;
    QTableView* m_view = nullptr;
    QFutureWatcher<QStringList> m_actorScan;
    bool m_syncing = false;
};

} // namespace Rewind
