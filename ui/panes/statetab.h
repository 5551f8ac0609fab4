#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QTreeView;

namespace Rewind {

class StateTreeModel;
struct PointDetails;

/// The State tab: the state of the current event's stream at the playhead, as a tree, with the
/// fields the event changed highlighted and, on request, the others dimmed.
class StateTab : public QWidget {
    Q_OBJECT
public:
    explicit StateTab(QWidget* parent = nullptr);

    void setDetails(const PointDetails& details);
    StateTreeModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QCheckBox* dimBox() const { return m_dim; }

private:
    StateTreeModel* m_model = nullptr;
    QLabel* m_title = nullptr;
    QCheckBox* m_dim = nullptr;
    QTreeView* m_view = nullptr;
};

} // namespace Rewind
