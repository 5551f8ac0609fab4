#pragma once

#include "model/command.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace Rewind {

class Domain;
class Playhead;

/// The Commands panel: the write side of the history at the playhead. A person picks a stream
/// (or names a new one), a command of its domain and its arguments, and sends it: the domain
/// decides against the stream's current state, and either its events are appended (expecting
/// the version the window shows) or the refusal is shown and nothing is written. Every command
/// sent is listed with its outcome, imperative wishes beside the past-tense facts they became.
class CommandsPanel : public QWidget {
    Q_OBJECT
public:
    enum class Outcome { None, Accepted, Refused, Conflict, Failed };

    explicit CommandsPanel(Playhead* playhead, QWidget* parent = nullptr);

    /// The store commands append to, or empty with the reason the history shown cannot take them
    /// (then the panel offers to import it into a new store).
    void setStore(const QString& path, const QString& whyNot = {});
    QString storePath() const { return m_storePath; }

    /// For a stream (existing or new), the command and its arguments, as a person fills them in.
    void choose(const QString& stream, const QString& command, const QString& domain = {});
    void setArgument(const QString& key, const QString& value);
    /// Sends the command as filled in. Returns what became of it.
    Outcome send();
    Outcome lastOutcome() const { return m_lastOutcome; }
    QString outcomeText() const;

    QComboBox* streamBox() const { return m_stream; }
    QComboBox* domainBox() const { return m_domain; }
    QComboBox* commandBox() const { return m_command; }
    QTreeWidget* sentList() const { return m_sent; }
    QPushButton* retryButton() const { return m_retry; }

signals:
    /// Events were appended; the history should be read again with the playhead on `position`.
    void appended(const QString& stream, qint64 position);
    /// After a conflict: read the history again, then the panel sends the command once more.
    void reloadRequested();
    void importRequested();
    void positionRequested(qint64 position);

private:
    void refillStreams();
    void streamChosen();
    void commandChosen();
    const Domain* currentDomain() const;
    Command currentCommand() const;
    void record(const Command& command, const QString& stream, const QString& outcome, qint64 position);
    void showOutcome(Outcome outcome, const QString& text);

    Playhead* m_playhead = nullptr;
    QString m_storePath;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_readOnly = nullptr;
    QComboBox* m_stream = nullptr;
    QComboBox* m_domain = nullptr;
    QLabel* m_domainLabel = nullptr;
    QComboBox* m_command = nullptr;
    QFormLayout* m_form = nullptr; ///< stream, domain, command
    QFormLayout* m_arguments = nullptr;
    QList<std::pair<QString, QLineEdit*>> m_fields; ///< key → its field; key empty: `key=value …`
    QPushButton* m_send = nullptr;
    QLabel* m_outcome = nullptr;
    QPushButton* m_retry = nullptr;
    QTreeWidget* m_sent = nullptr;
    Outcome m_lastOutcome = Outcome::None;
    /// A command that met a conflict and waits for the history to be read again.
    std::optional<std::pair<QString, Command>> m_pendingRetry;
};

} // namespace Rewind
