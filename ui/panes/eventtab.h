#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace Rewind {

struct PointDetails;

/// The Event tab: the current event as it is in the log, every field and its metadata, as
/// indented JSON that can be selected and copied.
class EventTab : public QWidget {
    Q_OBJECT
public:
    explicit EventTab(QWidget* parent = nullptr);

    void setDetails(const PointDetails& details);
    QPlainTextEdit* textView() const { return m_text; }

private:
    QPlainTextEdit* m_text = nullptr;
};

} // namespace Rewind
