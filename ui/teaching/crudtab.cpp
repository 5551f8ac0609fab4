#include "teaching/crudtab.h"

#include "domains/domain.h"
#include "models/eventtext.h"
#include "models/logquestions.h"
#include "playback/playhead.h"
#include "replay/history.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Rewind {

namespace {

/// The state's leaves as a CRUD row's columns: `items/SKU-1/quantity` → `items.SKU-1.quantity`.
void flatten(const JsonValue& value, const QString& prefix, QList<std::pair<QString, JsonValue>>& cells)
{
    if (value.isObject() && value.size() > 0) {
        for (qsizetype i = 0; i < value.size(); ++i) {
            const QString key = value.keyAt(i);
            flatten(value.value(key), prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key, cells);
        }
        return;
    }
    cells.append({ prefix, value });
}

QString column(const QString& pointer) { return pointer.mid(1).replace(QLatin1Char('/'), QLatin1Char('.')); }

QString sqlValue(const JsonValue& value, bool money)
{
    if (value.isString())
        return QLatin1Char('\'') + value.toString().replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
    if (value.isUndefined())
        return QStringLiteral("NULL");
    return money && value.isNumber() ? QString::fromUtf8(value.numberText()) : EventText::value(value);
}

QString link(qint64 position, const QString& text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(position).arg(text.toHtmlEscaped());
}

} // namespace

CrudTab::CrudTab(Playhead* playhead, QWidget* parent)
    : QWidget(parent)
    , m_playhead(playhead)
    , m_title(new QLabel(this))
    , m_row(new QTableWidget(this))
    , m_update(new QLabel(this))
    , m_answer(new QLabel(this))
{
    setObjectName(QStringLiteral("crud"));
    m_title->setWordWrap(true);
    m_row->setObjectName(QStringLiteral("crudRow"));
    m_row->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_row->verticalHeader()->hide();
    m_row->setSelectionMode(QAbstractItemView::NoSelection);
    m_row->setToolTip(tr("The only thing a CRUD table keeps: the current values, overwritten by each change"));
    m_update->setObjectName(QStringLiteral("crudUpdate"));
    m_update->setWordWrap(true);
    m_update->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_answer->setObjectName(QStringLiteral("crudAnswer"));
    m_answer->setWordWrap(true);
    m_answer->setTextFormat(Qt::RichText);
    m_answer->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    connect(m_answer, &QLabel::linkActivated, this,
        [this](const QString& position) { emit positionRequested(position.toLongLong()); });

    const auto button = [this](const QString& name, const QString& text, const QString& tip) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setToolTip(tip);
        return b;
    };
    auto* before = button(QStringLiteral("askValueBefore"), tr("What was it before?"),
        tr("The values the last change overwrote: gone from the row, still in the log"));
    auto* who = button(QStringLiteral("askWhoAndWhen"), tr("Who changed it, and when?"),
        tr("The latest events of the stream with their actors and times"));
    auto* how = button(
        QStringLiteral("askHowItGotHere"), tr("How did it get here?"), tr("The events, by type, that led to this row"));
    auto* when = button(QStringLiteral("askAtTime"), tr("What was it at…?"),
        tr("Pick a time: the state there is a replay of the log up to it (Go to Time)"));
    connect(before, &QPushButton::clicked, this, [this] { ask(Question::ValueBefore); });
    connect(who, &QPushButton::clicked, this, [this] { ask(Question::WhoAndWhen); });
    connect(how, &QPushButton::clicked, this, [this] { ask(Question::HowItGotHere); });
    connect(when, &QPushButton::clicked, this, &CrudTab::timeQuestionAsked);

    auto* questions = new QLabel(tr("<b>What the row cannot tell — and the log can:</b>"), this);
    questions->setWordWrap(true);
    // One under the other: the inspector may be narrow, and each question reads as a line.
    auto* buttons = new QVBoxLayout;
    for (QPushButton* b : { before, who, how, when })
        buttons->addWidget(b, 0, Qt::AlignLeft);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_row);
    layout->addWidget(m_update);
    layout->addSpacing(8);
    layout->addWidget(questions);
    layout->addLayout(buttons);
    layout->addWidget(m_answer, 1);
    setDetails({});
}

void CrudTab::setDetails(const PointDetails& details)
{
    const bool sameStream = details.event.stream == m_details.event.stream;
    m_details = details;
    m_row->clear();
    if (!details.isValid()) {
        m_title->setText(
            tr("Move the playhead to an event: the row a CRUD table would hold for its stream shows here."));
        m_row->setRowCount(0);
        m_row->setColumnCount(0);
        m_update->clear();
        m_answer->clear();
        return;
    }
    const QString stream = details.event.stream;
    m_title->setText(tr("A CRUD table keeps one row for <b>%1</b>: the state after version %2, and nothing "
                        "of how it got there.")
                         .arg(stream.toHtmlEscaped())
                         .arg(details.event.version));
    QList<std::pair<QString, JsonValue>> cells { { QStringLiteral("id"), JsonValue(stream) } };
    flatten(details.after, {}, cells);
    m_row->setColumnCount(int(cells.size()));
    m_row->setRowCount(1);
    QStringList headers;
    for (int c = 0; c < cells.size(); ++c) {
        headers.append(cells.at(c).first);
        const bool money = details.domain && details.domain->isMoney(cells.at(c).first.section(QLatin1Char('.'), -1));
        m_row->setItem(0, c, new QTableWidgetItem(EventText::value(cells.at(c).second, money)));
    }
    m_row->setHorizontalHeaderLabels(headers);
    m_row->resizeColumnsToContents();
    m_row->setFixedHeight(m_row->horizontalHeader()->height() + m_row->rowHeight(0) + 2 * m_row->frameWidth() + 4);
    m_update->setText(QStringLiteral("<tt>%1</tt>").arg(updateText().toHtmlEscaped()));
    if (!sameStream)
        m_answer->clear();
}

QString CrudTab::updateText() const
{
    if (!m_details.isValid())
        return {};
    const QString table = m_details.domain ? m_details.domain->name() : QStringLiteral("aggregates");
    QStringList sets;
    for (const Change& change : m_details.changes) {
        const bool money = m_details.domain && EventText::isMoneyPath(m_details.domain, change.path);
        sets.append(QStringLiteral("%1 = %2").arg(
            column(change.path), sqlValue(change.op == Change::Op::Remove ? JsonValue() : change.value, money)));
    }
    const QString id = sqlValue(JsonValue(m_details.event.stream), false);
    if (m_details.event.version == 1)
        return tr("INSERT INTO %1 … WHERE id = %2;  -- the row is born: no trace of the event %3 is kept")
            .arg(table, id, m_details.event.type);
    if (sets.isEmpty())
        return tr("-- %1 changed nothing: a CRUD table would not even notice it").arg(m_details.event.type);
    return tr("UPDATE %1 SET %2 WHERE id = %3;  -- the old values and the reason (%4) are lost")
        .arg(table, sets.join(QLatin1String(", ")), id, m_details.event.type);
}

void CrudTab::ask(Question question)
{
    const History* history = m_playhead->history();
    if (!history || !m_details.isValid())
        return;
    const QString stream = m_details.event.stream;
    const qint64 position = m_details.event.position;
    QString html;
    switch (question) {
    case Question::ValueBefore: {
        const LogQuestions::Step step = LogQuestions::lastChange(*history, stream, position);
        if (step.position == 0) {
            html = tr("No event of %1 up to here changed its state.").arg(stream.toHtmlEscaped());
            break;
        }
        QStringList lines;
        for (const Change& change : step.changes) {
            const bool money = EventText::isMoneyPath(m_details.domain, change.path);
            lines.append(
                tr("%1 was <b>%2</b>, became <b>%3</b>")
                    .arg(column(change.path).toHtmlEscaped(), EventText::value(change.old, money).toHtmlEscaped(),
                        EventText::value(change.value, money).toHtmlEscaped()));
        }
        html = tr("Before %1 (version %2, %3):<br>%4")
                   .arg(link(step.position, step.type), QLocale().toString(step.version), EventText::time(step.at),
                       lines.join(QLatin1String("<br>")));
        break;
    }
    case Question::WhoAndWhen: {
        QStringList lines;
        for (const LogQuestions::Step& step : LogQuestions::latest(*history, stream, position)) {
            lines.append(
                tr("%1 — %2 by <b>%3</b> (version %4)")
                    .arg(EventText::time(step.at), link(step.position, step.type),
                        step.actor.isEmpty() ? tr("someone the log does not name") : step.actor.toHtmlEscaped(),
                        QLocale().toString(step.version)));
        }
        html = lines.join(QLatin1String("<br>"));
        break;
    }
    case Question::HowItGotHere: {
        QStringList parts;
        qint64 total = 0;
        for (const LogQuestions::TypeCount& count : LogQuestions::eventsByType(*history, stream, position)) {
            parts.append(QStringLiteral("%1 × %2").arg(QLocale().toString(count.count), count.type.toHtmlEscaped()));
            total += count.count;
        }
        html = tr("%1 events folded from the initial state: %2.")
                   .arg(QLocale().toString(total), parts.join(QLatin1String(", ")));
        break;
    }
    }
    m_answer->setText(html);
}

QString CrudTab::answerText() const { return m_answer->text(); }

} // namespace Rewind
