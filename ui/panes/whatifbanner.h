#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Rewind {

/// The strip above the State and Diff tabs while events are switched off: it says that what is
/// shown is a what-if ("What if: 2 events switched off"), offers the real history one click
/// away, and Restore, which switches every event on again.
class WhatIfBanner : public QFrame {
    Q_OBJECT
public:
    explicit WhatIfBanner(QWidget* parent = nullptr);

    /// `switchedOff` events are off (0 hides the banner); `showingReal`: the real history is
    /// shown instead; `changesHere`: the point shown differs from the real one; `folding`: the
    /// alternate history is still being computed.
    void setSituation(qsizetype switchedOff, bool showingReal, bool changesHere, bool folding);
    QLabel* label() const { return m_label; }
    QPushButton* realButton() const { return m_real; }
    QPushButton* restoreButton() const { return m_restore; }

signals:
    void realHistoryToggled(bool showingReal);
    void restoreClicked();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyTheme();

    QLabel* m_label = nullptr;
    QPushButton* m_real = nullptr;
    QPushButton* m_restore = nullptr;
    bool m_theming = false;
};

} // namespace Rewind
