#pragma once

#include "models/pointdetails.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace Rewind {

class Playhead;

/// The CRUD tab: the one row a CRUD table would hold for the stream at the playhead, the UPDATE
/// that overwrote it last, and the questions that row can no longer answer, each answered from
/// the log with a click.
class CrudTab : public QWidget {
    Q_OBJECT
public:
    enum class Question { ValueBefore, WhoAndWhen, HowItGotHere };

    explicit CrudTab(Playhead* playhead, QWidget* parent = nullptr);

    void setDetails(const PointDetails& details);
    QTableWidget* row() const { return m_row; }
    /// The SQL a CRUD system would have run for the event at the playhead.
    QString updateText() const;
    /// Answers a question from the log; the answer is shown below the buttons.
    void ask(Question question);
    QString answerText() const;

signals:
    void positionRequested(qint64 position);
    /// "What was it at …?": the person picks a time (Go to Time).
    void timeQuestionAsked();

private:
    Playhead* m_playhead = nullptr;
    PointDetails m_details;
    QLabel* m_title = nullptr;
    QTableWidget* m_row = nullptr;
    QLabel* m_update = nullptr;
    QLabel* m_answer = nullptr;
};

} // namespace Rewind
