#pragma once

#include <QElapsedTimer>
#include <QString>

#include <csignal>

namespace Rewind {

/// Progress of long command-line work as one updating line on stderr, shown only when stderr is
/// a terminal (tests and logs stay clean), and Ctrl+C turned into a request to cancel: while an
/// object lives, SIGINT sets a flag that `update` reports, so the work can roll back and leave
/// nothing half-written. A second Ctrl+C ends the program at once.
class TerminalProgress {
public:
    TerminalProgress();
    ~TerminalProgress();
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    /// Shows `label: done / total`, at most a few times a second. False once the user pressed Ctrl+C.
    bool update(const QString& label, qint64 done, qint64 total, const char* unit = "");
    bool interrupted() const;
    /// Clears the line.
    void clear();

private:
    bool m_visible = false; ///< stderr is a terminal
    bool m_drawn = false;
    QElapsedTimer m_sinceDrawn;
    void (*m_previousHandler)(int) = nullptr;
};

} // namespace Rewind
