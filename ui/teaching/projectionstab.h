#pragma once

#include "model/error.h"
#include "model/jsonvalue.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;
class QTreeView;

namespace Rewind {

class Playhead;
class StateTreeModel;

/// The Projections tab: a read model built by replaying the whole history up to the playhead —
/// balances by owner, actions by actor (the audit log), cart totals, or a projection file the
/// person loads. Added today, it equals one that was there from the start: the lesson "new read
/// models from old events".
class ProjectionsTab : public QWidget {
    Q_OBJECT
public:
    explicit ProjectionsTab(Playhead* playhead, QWidget* parent = nullptr);
    ~ProjectionsTab() override;

    /// Adds a projection file (JavaScript, `fromAll`) to the list and shows it.
    Status loadProjection(const QString& path);
    /// The read model shown, once `projected` was emitted.
    const JsonValue& readModel() const { return m_readModel; }
    QString summaryText() const;
    QComboBox* projectionBox() const { return m_choice; }
    StateTreeModel* model() const { return m_model; }

signals:
    void projected();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Outcome {
        JsonValue readModel;
        qint64 eventsRead = 0;
        double milliseconds = 0;
        QString error;
    };
    void follow();
    void showOutcome(const Outcome& outcome);

    Playhead* m_playhead = nullptr;
    QComboBox* m_choice = nullptr;
    QLabel* m_summary = nullptr;
    QTreeView* m_view = nullptr;
    StateTreeModel* m_model = nullptr;
    QFutureWatcher<Outcome> m_watcher;
    JsonValue m_readModel;
    bool m_stale = false;
};

} // namespace Rewind
