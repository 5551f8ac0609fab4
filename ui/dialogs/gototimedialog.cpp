#include "dialogs/gototimedialog.h"

#include "model/eventtime.h"
#include "models/eventtext.h"
#include "playback/playhead.h"
#include "replay/history.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Rewind {

GoToTimeDialog::GoToTimeDialog(Playhead* playhead, QWidget* parent)
    : QDialog(parent)
    , m_playhead(playhead)
    , m_edit(new QLineEdit(this))
    , m_preview(new QLabel(this))
{
    setWindowTitle(tr("Go to Time"));
    m_edit->setObjectName(QStringLiteral("timeEdit"));
    m_edit->setPlaceholderText(QStringLiteral("2026-08-05 12:00:00"));
    m_edit->setToolTip(tr("A date and time in UTC, as 2026-08-05 12:00:00 or 2026-08-05T12:00Z; an offset such "
                          "as +02:00 may follow; epoch milliseconds are accepted too"));
    m_edit->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
    m_preview->setObjectName(QStringLiteral("timePreview"));
    m_preview->setWordWrap(true);
    m_preview->setMinimumWidth(fontMetrics().averageCharWidth() * 50);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_go = buttons->button(QDialogButtonBox::Ok);
    m_go->setText(tr("&Go"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Time (UTC):"), m_edit);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, &GoToTimeDialog::updatePreview);

    const History* history = m_playhead->history();
    if (history && m_playhead->row() >= 0)
        setMsSinceEpoch(history->index().entry(m_playhead->row()).at);
    updatePreview();
    m_edit->selectAll();
}

std::optional<qint64> GoToTimeDialog::parseTime(const QString& text)
{
    QString time = text.trimmed();
    // `2026-08-05 12:00` as people write it is `2026-08-05T12:00` in ISO 8601; a date alone is
    // its midnight.
    static const QRegularExpression spaced(QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{1,2}:\\d{2}.*)$"));
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (const QRegularExpressionMatch match = spaced.match(time); match.hasMatch()) {
        QString clock = match.captured(2).remove(QLatin1Char(' '));
        if (clock.indexOf(QLatin1Char(':')) == 1)
            clock.prepend(QLatin1Char('0'));
        time = match.captured(1) + QLatin1Char('T') + clock;
    } else if (dateOnly.match(time).hasMatch()) {
        time += QLatin1String("T00:00:00");
    }
    return parseEventTime(time);
}

std::optional<qint64> GoToTimeDialog::msSinceEpoch() const { return parseTime(m_edit->text()); }

void GoToTimeDialog::setMsSinceEpoch(qint64 ms) { m_edit->setText(EventText::time(ms)); }

QString GoToTimeDialog::preview() const { return m_preview->text(); }

void GoToTimeDialog::updatePreview()
{
    const History* history = m_playhead->history();
    const std::optional<qint64> time = msSinceEpoch();
    m_go->setEnabled(time.has_value());
    if (!time) {
        m_preview->setText(tr("Not a time yet: write it as 2026-08-05 12:00:00 (UTC), or with an offset."));
        return;
    }
    const qsizetype axisIndex = history ? m_playhead->axisIndexAtTime(*time) : -1;
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
