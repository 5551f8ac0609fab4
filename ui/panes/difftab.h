#pragma once

#include <QWidget>

class QLabel;
class QTreeView;

namespace Rewind {

class DiffModel;
struct PointDetails;

/// The Diff tab: what the current event did to its stream's state, field by field, and the
/// anomalies it raised.
class DiffTab : public QWidget {
    Q_OBJECT
public:
    explicit DiffTab(QWidget* parent = nullptr);

    void setDetails(const PointDetails& details);
    DiffModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }

private:
    DiffModel* m_model = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_anomalies = nullptr;
    QTreeView* m_view = nullptr;
};

} // namespace Rewind
