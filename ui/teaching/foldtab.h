#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace Rewind {

class FoldModel;
class Playhead;

/// The Fold tab: the lesson's "rebuild the state from the log by hand" for the stream at the
/// playhead. A row per event, the `evolve` step that handled it and the state's fields after
/// it; the playhead's row is selected and the rows after it are greyed, not folded yet.
class FoldTab : public QWidget {
    Q_OBJECT
public:
    explicit FoldTab(Playhead* playhead, QWidget* parent = nullptr);

    FoldModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

signals:
    /// A row was activated: the playhead should go to its event.
    void positionRequested(qint64 position);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void follow();

    Playhead* m_playhead = nullptr;
    FoldModel* m_model = nullptr;
    QLabel* m_title = nullptr;
    QTableView* m_view = nullptr;
    bool m_historyChanged = true;
};

} // namespace Rewind
