#pragma once

#include <QDialog>

class QDateTimeEdit;
class QLabel;

namespace Rewind {

class Playhead;

/// "Go to time": a date-time picker (UTC) that answers the temporal query as the user types —
/// the event the playhead would land on and the stream's value then ("balance at 14:00").
class GoToTimeDialog : public QDialog {
    Q_OBJECT
public:
    explicit GoToTimeDialog(Playhead* playhead, QWidget* parent = nullptr);

    qint64 msSinceEpoch() const;
    void setMsSinceEpoch(qint64 ms);
    QString preview() const;

private:
    void updatePreview();

    Playhead* m_playhead = nullptr;
    QDateTimeEdit* m_edit = nullptr;
    QLabel* m_preview = nullptr;
};

} // namespace Rewind
