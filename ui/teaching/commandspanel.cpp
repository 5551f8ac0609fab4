#include "teaching/commandspanel.h"

#include "domains/domain.h"
#include "models/eventtext.h"
#include "playback/playhead.h"
#include "replay/commandhandler.h"
#include "replay/history.h"
#include "store/eventstore.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Rewind {

namespace {

enum SentColumns { CommandColumn, OutcomeColumn, StreamColumn, TimeColumn };

/// `withdraw amount=100 by=alice`: a command as a person would type it.
QString commandText(const Command& command)
{
    QStringList parts { command.name };
    for (auto it = command.args.cbegin(); it != command.args.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QLatin1Char(' '));
}

} // namespace

CommandsPanel::CommandsPanel(Playhead* playhead, QWidget* parent)
    : QWidget(parent)
    , m_playhead(playhead)
    , m_pages(new QStackedWidget(this))
    , m_readOnly(new QLabel(this))
    , m_stream(new QComboBox(this))
    , m_domain(new QComboBox(this))
    , m_domainLabel(new QLabel(this))
    , m_command(new QComboBox(this))
    , m_send(new QPushButton(tr("&Send"), this))
    , m_outcome(new QLabel(this))
    , m_retry(new QPushButton(tr("Reload and Try Again"), this))
    , m_sent(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("commandsPanel"));

    // The page shown when the history cannot take commands: why, and the way to a store that can.
    auto* readOnlyPage = new QWidget(this);
    m_readOnly->setObjectName(QStringLiteral("commandsReadOnly"));
    m_readOnly->setWordWrap(true);
    auto* import = new QPushButton(tr("&Import into a New Store…"), readOnlyPage);
    import->setObjectName(QStringLiteral("importIntoStore"));
    import->setToolTip(tr("Copy every event of this history into a new Rewind store, and open it"));
    connect(import, &QPushButton::clicked, this, &CommandsPanel::importRequested);
    auto* readOnlyLayout = new QVBoxLayout(readOnlyPage);
    readOnlyLayout->addWidget(m_readOnly);
    readOnlyLayout->addWidget(import, 0, Qt::AlignLeft);
    readOnlyLayout->addStretch(1);

    auto* sendPage = new QWidget(this);
    m_stream->setObjectName(QStringLiteral("commandStream"));
    m_stream->setEditable(true);
    m_stream->setInsertPolicy(QComboBox::NoInsert);
    m_stream->setToolTip(tr("The stream the command goes to; type a new name to start a new one"));
    m_domain->setObjectName(QStringLiteral("commandDomain"));
    m_domain->setToolTip(tr("The domain that decides the commands of a new stream"));
    m_domainLabel->setObjectName(QStringLiteral("commandDomainLabel"));
    m_command->setObjectName(QStringLiteral("commandName"));
    m_command->setToolTip(tr("A command: a wish in the imperative, which the domain may refuse"));
    m_send->setObjectName(QStringLiteral("sendCommand"));
    m_send->setToolTip(tr("Decide the command against the stream's current state and append its events (Ctrl+Return)"));
    m_send->setDefault(true);
    auto* sendKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    sendKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(sendKey, &QShortcut::activated, this, [this] { send(); });
    m_outcome->setObjectName(QStringLiteral("commandOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("retryCommand"));
    m_retry->setToolTip(tr("Read what the other program appended, then decide the command again against it"));
    m_retry->hide();
    m_sent->setObjectName(QStringLiteral("sentCommands"));
    m_sent->setRootIsDecorated(false);
    m_sent->setHeaderLabels({ tr("Command (asked)"), tr("Outcome (what happened)"), tr("Stream"), tr("At") });
    m_sent->setToolTip(tr("Every command sent from here: the imperative wish, and the past-tense events it became "
                          "or why it was refused. Only the events are in the log."));
    m_sent->header()->setStretchLastSection(false);

    auto* caption = new QLabel(tr("A command is decided against the stream's latest state. Accepted, its events are "
                                  "appended at the end of the log; refused, nothing is."),
        sendPage);
    caption->setWordWrap(true);
    m_form = new QFormLayout;
    m_form->addRow(tr("S&tream:"), m_stream);
    m_form->addRow(tr("Domain:"), m_domain);
    m_form->addRow(tr("Domain:"), m_domainLabel);
    m_form->addRow(tr("C&ommand:"), m_command);
    m_arguments = new QFormLayout;
    auto* sendLayout = new QVBoxLayout(sendPage);
    sendLayout->setContentsMargins(0, 0, 0, 0);
    sendLayout->addWidget(caption);
    sendLayout->addLayout(m_form);
    sendLayout->addLayout(m_arguments);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_retry);
    buttons->addStretch(1);
    sendLayout->addLayout(buttons);
    sendLayout->addWidget(m_outcome);
    sendLayout->addWidget(new QLabel(tr("Sent:"), sendPage));
    sendLayout->addWidget(m_sent, 1);

    m_pages->addWidget(readOnlyPage);
    m_pages->addWidget(sendPage);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_pages);

    connect(m_stream, &QComboBox::currentTextChanged, this, &CommandsPanel::streamChosen);
    connect(m_domain, &QComboBox::currentTextChanged, this, &CommandsPanel::streamChosen);
    connect(m_command, &QComboBox::currentTextChanged, this, &CommandsPanel::commandChosen);
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (!m_pendingRetry)
            return;
        m_retry->hide();
        showOutcome(Outcome::None, tr("Reading what the other program appended…"));
        emit reloadRequested();
    });
    connect(m_sent, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (const qint64 position = item->data(OutcomeColumn, Qt::UserRole).toLongLong(); position > 0)
            emit positionRequested(position);
    });
    connect(m_playhead, &Playhead::historyChanged, this, [this] {
        refillStreams();
        // The conflict's retry: the same command, decided against the state just read.
        if (auto retry = std::exchange(m_pendingRetry, std::nullopt)) {
            choose(retry->first, retry->second.name);
            for (auto it = retry->second.args.cbegin(); it != retry->second.args.cend(); ++it)
                setArgument(it.key(), it.value());
            send();
        }
    });
    connect(m_playhead, &Playhead::positionChanged, this, [this] {
        // The panel follows the playhead's stream until the person types another.
        const QString current = m_playhead->currentStream();
        if (!current.isEmpty() && !m_stream->lineEdit()->hasFocus() && m_stream->findText(current) >= 0)
            m_stream->setCurrentText(current);
    });
    setStore({}, tr("Open a history to send commands."));
}

void CommandsPanel::setStore(const QString& path, const QString& whyNot)
{
    m_storePath = whyNot.isEmpty() ? path : QString();
    m_readOnly->setText(whyNot);
    m_pages->setCurrentIndex(m_storePath.isEmpty() ? 0 : 1);
    refillStreams();
}

void CommandsPanel::refillStreams()
{
    const QString keep = m_stream->currentText();
    const QSignalBlocker blocker(m_stream);
    m_stream->clear();
    const History* history = m_playhead->history();
    if (history) {
        // Only streams whose domain decides commands: a generic stream has nothing to send.
        for (const StreamAnalysis& stream : history->analysis().streams) {
            if (!history->domainOf(stream.id).commandNames().isEmpty())
                m_stream->addItem(stream.id);
        }
        const QSignalBlocker domainBlocker(m_domain);
        const QString domain = m_domain->currentText();
        m_domain->clear();
        for (const QString& name : history->domains().names()) {
            if (const Domain* d = history->domains().find(name); d && !d->commandNames().isEmpty())
                m_domain->addItem(name);
        }
        if (m_domain->findText(domain) >= 0)
            m_domain->setCurrentText(domain);
    }
    const QString current = m_playhead->currentStream();
    m_stream->setCurrentText(!keep.isEmpty() ? keep : current);
    streamChosen();
}

const Domain* CommandsPanel::currentDomain() const
{
    const History* history = m_playhead->history();
    const QString stream = m_stream->currentText().trimmed();
    if (!history || stream.isEmpty())
        return nullptr;
    if (history->index().streamIndex(stream) >= 0)
        return &history->domainOf(stream);
    return history->domains().find(m_domain->currentText());
}

void CommandsPanel::streamChosen()
{
    const History* history = m_playhead->history();
    const QString stream = m_stream->currentText().trimmed();
    const bool isNew = history && !stream.isEmpty() && history->index().streamIndex(stream) < 0;
    m_form->setRowVisible(m_domain, isNew);
    m_form->setRowVisible(m_domainLabel, !isNew);
    const Domain* domain = currentDomain();
    m_domainLabel->setText(domain ? domain->name() : QString());
    const QStringList names = domain ? domain->commandNames() : QStringList();
    if (names != QStringList([this] {
            QStringList shown;
            for (int i = 0; i < m_command->count(); ++i)
                shown.append(m_command->itemText(i));
            return shown;
        }())) {
        const QSignalBlocker blocker(m_command);
        m_command->clear();
        m_command->addItems(names);
        commandChosen();
    }
    m_send->setEnabled(domain && !names.isEmpty());
}

void CommandsPanel::commandChosen()
{
    while (m_arguments->rowCount() > 0)
        m_arguments->removeRow(0);
    m_fields.clear();
    const Domain* domain = currentDomain();
    if (!domain || m_command->currentText().isEmpty())
        return;
    const QList<CommandArgument> arguments = domain->commandArguments(m_command->currentText());
    for (const CommandArgument& argument : arguments) {
        auto* field = new QLineEdit(this);
        field->setObjectName(QLatin1String("argument_") + argument.key);
        field->setPlaceholderText(argument.hint);
        m_arguments->addRow(
            argument.key + (argument.required ? QLatin1String(":") : QLatin1String(" (optional):")), field);
        m_fields.append({ argument.key, field });
        connect(field, &QLineEdit::returnPressed, this, [this] { send(); });
    }
    if (arguments.isEmpty()) {
        // A script's commands read whatever arguments their `decide` function reads.
        auto* field = new QLineEdit(this);
        field->setObjectName(QStringLiteral("argument_pairs"));
        field->setPlaceholderText(tr("key=value key=value"));
        m_arguments->addRow(tr("Arguments:"), field);
        m_fields.append({ QString(), field });
        connect(field, &QLineEdit::returnPressed, this, [this] { send(); });
    }
}

void CommandsPanel::choose(const QString& stream, const QString& command, const QString& domain)
{
    if (!domain.isEmpty())
        m_domain->setCurrentText(domain);
    m_stream->setCurrentText(stream);
    streamChosen();
    m_command->setCurrentText(command);
    commandChosen();
}

void CommandsPanel::setArgument(const QString& key, const QString& value)
{
    for (const auto& [name, field] : std::as_const(m_fields)) {
        if (Command::normalizedName(name) == Command::normalizedName(key)) {
            field->setText(value);
            return;
        }
    }
    // No field of that name: the free-form one, when the domain does not list its arguments.
    for (const auto& [name, field] : std::as_const(m_fields)) {
        if (name.isEmpty()) {
            field->setText(QString(field->text() + QLatin1Char(' ') + key + QLatin1Char('=') + value).trimmed());
            return;
        }
    }
}

Command CommandsPanel::currentCommand() const
{
    Command command;
    command.name = m_command->currentText();
    for (const auto& [key, field] : m_fields) {
        const QString text = field->text().trimmed();
        if (text.isEmpty())
            continue;
        if (!key.isEmpty()) {
            command.args.insert(key, text);
            continue;
        }
        for (const QString& pair : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const qsizetype equals = pair.indexOf(QLatin1Char('='));
            if (equals > 0)
                command.args.insert(pair.left(equals), pair.mid(equals + 1));
        }
    }
    return command;
}

CommandsPanel::Outcome CommandsPanel::send()
{
    const auto history = m_playhead->sharedHistory();
    const Domain* domain = currentDomain();
    const QString stream = m_stream->currentText().trimmed();
    if (m_storePath.isEmpty() || !history || !domain || stream.isEmpty() || m_command->currentText().isEmpty())
        return Outcome::None;
    const Command command = currentCommand();

    // The state as this window shows it at the stream's head: the version the append expects.
    std::unique_ptr<State> state;
    qint64 seenVersion = 0;
    const qint32 id = history->index().streamIndex(stream);
    if (id >= 0) {
        const HistoryIndex::Entry& last = history->index().entry(history->index().rowsOfStream(id).last());
        auto head = history->stateAt(stream, last.position);
        if (!head) {
            showOutcome(Outcome::Failed, head.error().toString());
            return m_lastOutcome;
        }
        state = std::move(head->state);
        seenVersion = last.version;
    } else {
        state = domain->initialState();
    }

    auto store = EventStore::open(m_storePath, EventStore::Mode::ReadWrite);
    if (!store) {
        showOutcome(Outcome::Failed, store.error().toString());
        return m_lastOutcome;
    }
    const auto outcome = CommandHandler(**store, *domain).handle(stream, command, *state, seenVersion);
    if (!outcome) {
        if (outcome.error().kind == Error::Kind::Conflict) {
            m_pendingRetry = std::make_pair(stream, command);
            m_retry->show();
            record(command, stream, tr("conflict: another writer appended first"), 0);
            showOutcome(Outcome::Conflict,
                tr("Version conflict: this window read %1 at version %2, but another program has appended to it "
                   "since. Nothing was appended. Reload and try again to decide the command against the new state.")
                    .arg(stream)
                    .arg(seenVersion));
            return m_lastOutcome;
        }
        showOutcome(Outcome::Failed, outcome.error().toString());
        return m_lastOutcome;
    }
    if (outcome->refused()) {
        record(command, stream, tr("refused: %1").arg(outcome->refusal), 0);
        showOutcome(Outcome::Refused,
            tr("Refused: %1. Nothing was appended: the log still ends at %2 version %3.")
                .arg(outcome->refusal, stream)
                .arg(seenVersion));
        return m_lastOutcome;
    }
    QStringList events;
    for (const Event& event : outcome->appended)
        events.append(tr("%1 v%2").arg(event.type).arg(event.version));
    const qint64 position = outcome->appended.isEmpty() ? 0 : outcome->appended.last().position;
    record(command, stream, QStringLiteral("→ ") + events.join(QLatin1String(", ")), position);
    showOutcome(Outcome::Accepted, tr("Accepted: %1 appended to %2.").arg(events.join(QLatin1String(", ")), stream));
    for (const auto& [key, field] : std::as_const(m_fields))
        field->clear();
    emit appended(stream, position);
    return m_lastOutcome;
}

void CommandsPanel::record(const Command& command, const QString& stream, const QString& outcome, qint64 position)
{
    auto* item = new QTreeWidgetItem({ commandText(command), outcome, stream,
        EventText::time(QDateTime::currentMSecsSinceEpoch()).section(QLatin1Char(' '), 1) });
    item->setData(OutcomeColumn, Qt::UserRole, position);
    item->setToolTip(OutcomeColumn, position > 0 ? tr("Double-click to go to the event") : outcome);
    m_sent->insertTopLevelItem(0, item);
    for (int c = 0; c < m_sent->columnCount(); ++c)
        m_sent->resizeColumnToContents(c);
}

void CommandsPanel::showOutcome(Outcome outcome, const QString& text)
{
    m_lastOutcome = outcome;
    m_outcome->setText(text);
    if (outcome != Outcome::Conflict)
        m_retry->hide();
}

QString CommandsPanel::outcomeText() const { return m_outcome->text(); }

} // namespace Rewind
