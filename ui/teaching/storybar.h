#pragma once

#include <QFrame>

class QAction;
class QLabel;
class QToolButton;

namespace Rewind {

/// The bar a guided story speaks through: its title, the step's caption in type large enough
/// for a projector, "Step 3 of 9", and Back, Next and Close.
class StoryBar : public QFrame {
    Q_OBJECT
public:
    /// The caption's size against the window's text (it follows Larger and Smaller Text).
    static constexpr double CaptionScale = 1.5;

    StoryBar(QAction* back, QAction* next, QAction* close, QWidget* parent = nullptr);

    void showStep(const QString& title, const QString& caption, int step, int count);
    QString caption() const;
    QString stepText() const;
    QLabel* captionLabel() const { return m_caption; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void scaleCaption();

    QLabel* m_title = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_step = nullptr;
};

} // namespace Rewind
