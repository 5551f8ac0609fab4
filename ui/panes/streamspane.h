#pragma once

#include <QWidget>

class QLineEdit;
class QTreeView;

namespace Rewind {

class Playhead;
class StreamFilterProxy;
class StreamsModel;

/// The streams pane: a filter box and the streams; choosing one narrows every view to it.
class StreamsPane : public QWidget {
    Q_OBJECT
public:
    explicit StreamsPane(Playhead* playhead, QWidget* parent = nullptr);

    StreamsModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void selectStream(const QString& stream);
    void fitColumns();

    Playhead* m_playhead = nullptr;
    StreamsModel* m_model = nullptr;
    StreamFilterProxy* m_proxy = nullptr;
    QLineEdit* m_filter = nullptr;
    QTreeView* m_view = nullptr;
    bool m_syncing = false;
};

} // namespace Rewind
