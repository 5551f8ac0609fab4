#pragma once

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Rewind {

class Playhead;

/// "Go to time": a time typed or pasted as ISO 8601 (`2026-08-05 12:00:00`, `2026-08-05T12:00Z`,
/// with an offset, or epoch milliseconds; UTC when no zone is written), read exactly as written,
/// and the temporal query answered as the user types — the event the playhead would land on and
/// the stream's value then ("balance at 14:00").
class GoToTimeDialog : public QDialog {
    Q_OBJECT
public:
    explicit GoToTimeDialog(Playhead* playhead, QWidget* parent = nullptr);

    /// The time written, or nothing while the text is no time.
    std::optional<qint64> msSinceEpoch() const;
    void setMsSinceEpoch(qint64 ms);
    QLineEdit* edit() const { return m_edit; }
    QString preview() const;

    /// A time as a person writes one: ISO 8601 with `T` or a space between date and time,
    /// seconds and the time itself optional, a zone optional (UTC); or epoch milliseconds.
    static std::optional<qint64> parseTime(const QString& text);

private:
    void updatePreview();

    Playhead* m_playhead = nullptr;
    QLineEdit* m_edit = nullptr;
    QLabel* m_preview = nullptr;
    QPushButton* m_go = nullptr;
};

} // namespace Rewind
