#include "dialogs/gototimedialog.h"

#include "models/eventtext.h"
#include "playback/playhead.h"
#include "replay/history.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

namespace Rewind {

GoToTimeDialog::GoToTimeDialog(Playhead* playhead, QWidget* parent)
    : QDialog(parent)
    , m_playhead(playhead)
    , m_edit(new QDateTimeEdit(this))
    , m_preview(new QLabel(this))
{
    setWindowTitle(tr("Go to Time"));
    m_edit->setObjectName(QStringLiteral("timeEdit"));
    m_edit->setTimeSpec(Qt::UTC);
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
    m_preview->setObjectName(QStringLiteral("timePreview"));
    m_preview->setWordWrap(true);
    m_preview->setMinimumWidth(fontMetrics().averageCharWidth() * 50);

    const History* history = m_playhead->history();
    if (history && !history->index().isEmpty()) {
        qint64 lo = history->index().entry(0).at;
        qint64 hi = lo;
        for (const auto& entry : history->index().entries()) {
            lo = std::min(lo, entry.at);
            hi = std::max(hi, entry.at);
        }
        m_edit->setDateTimeRange(QDateTime::fromMSecsSinceEpoch(lo, QTimeZone::utc()).addDays(-1),
            QDateTime::fromMSecsSinceEpoch(hi, QTimeZone::utc()).addDays(1));
        if (m_playhead->row() >= 0)
            setMsSinceEpoch(history->index().entry(m_playhead->row()).at);
    }

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Go"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Time (UTC):"), m_edit);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, &GoToTimeDialog::updatePreview);
    updatePreview();
}

qint64 GoToTimeDialog::msSinceEpoch() const { return m_edit->dateTime().toMSecsSinceEpoch(); }

void GoToTimeDialog::setMsSinceEpoch(qint64 ms)
{
    m_edit->setDateTime(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()));
}

QString GoToTimeDialog::preview() const { return m_preview->text(); }

void GoToTimeDialog::updatePreview()
{
    const History* history = m_playhead->history();
    const qsizetype axisIndex = history ? m_playhead->axisIndexAtTime(msSinceEpoch()) : -1;
    if (axisIndex < 0) {
        m_preview->setText(tr("Nothing had happened yet at that time."));
        return;
    }
    const auto& entry = history->index().entry(m_playhead->axisRow(axisIndex));
    const QString stream = history->index().streamNames().value(entry.stream);
    QString text = tr("Lands on #%1: %2 v%3, %4 at %5.")
                       .arg(entry.position)
                       .arg(stream)
                       .arg(entry.version)
                       .arg(history->index().typeNames().value(entry.type), EventText::time(entry.at));
    const Domain& domain = history->domainOf(stream);
    const QString path = domain.chartPath();
    if (const auto state = history->stateAt(stream, entry.position); state && !path.isEmpty()) {
        const JsonValue value = state->state->toJson().at(path);
        text += QLatin1Char('\n')
            + tr("%1 of %2 then: %3")
                  .arg(path.mid(1), stream, EventText::value(value, EventText::isMoneyPath(&domain, path)));
    }
    m_preview->setText(text);
}

} // namespace Rewind
