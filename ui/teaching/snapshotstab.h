#pragma once

#include "model/error.h"
#include "models/loadcost.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Rewind {

class Playhead;

/// The Snapshots tab: the cost of loading the stream at the playhead from its latest snapshot
/// against replaying it from the start, both measured; the stream's snapshots with the check
/// of each against the replay (a stale one shown with what trusting it would give); and Take
/// Snapshot Here, which writes the state at the playhead to the store.
class SnapshotsTab : public QWidget {
    Q_OBJECT
public:
    explicit SnapshotsTab(Playhead* playhead, QWidget* parent = nullptr);
    ~SnapshotsTab() override;

    /// The store snapshots are written to; empty when the history shown cannot take them.
    void setStore(const QString& path);
    /// Writes the state of the playhead's stream at the playhead to the store.
    Status takeSnapshotHere();
    /// The last measurement shown (valid once `measured` was emitted).
    const LoadCost& cost() const { return m_cost; }
    QString costText() const;
    QTreeWidget* snapshotList() const { return m_list; }
    QPushButton* takeButton() const { return m_take; }

signals:
    void measured();
    /// A snapshot was written after the event at `position`: the history should be read again.
    void snapshotTaken(qint64 position);
    void positionRequested(qint64 position);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void follow();
    void fillList();
    void showCost();

    Playhead* m_playhead = nullptr;
    QString m_storePath;
    QLabel* m_costLabel = nullptr;
    QPushButton* m_take = nullptr;
    QTreeWidget* m_list = nullptr;
    QLabel* m_why = nullptr;
    QFutureWatcher<LoadCost> m_watcher;
    LoadCost m_cost;
    QString m_listedStream;
    bool m_stale = false; ///< the playhead moved while a measurement ran
};

} // namespace Rewind
