#include "cli/terminalprogress.h"

#include <cstdio>
#include <unistd.h>

namespace Rewind {

namespace {
volatile std::sig_atomic_t interruptRequested = 0;

void onInterrupt(int)
{
    interruptRequested = 1;
    std::signal(SIGINT, SIG_DFL); // the next Ctrl+C is not asked twice
}

/// `12.5` for bytes (shown in MB), `12500` otherwise.
QString number(qint64 n, const char* unit)
{
    if (qstrcmp(unit, "bytes") == 0)
        return QString::number(double(n) / (1024 * 1024), 'f', 1);
    return QString::number(n);
}
QString unitName(const char* unit)
{
    return qstrcmp(unit, "bytes") == 0 ? QStringLiteral(" MB") : QString::fromLatin1(unit);
}
}

TerminalProgress::TerminalProgress()
    : m_visible(isatty(fileno(stderr)) != 0)
{
    interruptRequested = 0;
    m_previousHandler = std::signal(SIGINT, onInterrupt);
}

TerminalProgress::~TerminalProgress()
{
    clear();
    std::signal(SIGINT, m_previousHandler == SIG_ERR ? SIG_DFL : m_previousHandler);
}

bool TerminalProgress::interrupted() const { return interruptRequested != 0; }

bool TerminalProgress::update(const QString& label, qint64 done, qint64 total, const char* unit)
{
    if (m_visible && (!m_drawn || m_sinceDrawn.elapsed() >= 100 || done == total)) {
        QString line = label + QStringLiteral(": ") + number(done, unit);
        if (total > 0) {
            line += QStringLiteral(" of ") + number(total, unit) + unitName(unit) + QStringLiteral(" (")
                + QString::number(100 * done / total) + QStringLiteral("%)");
        } else {
            line += unitName(unit);
        }
        line += QStringLiteral("  (Ctrl+C cancels)");
        std::fprintf(stderr, "\r\033[K%s", line.toLocal8Bit().constData());
        std::fflush(stderr);
        m_drawn = true;
        m_sinceDrawn.start();
    }
    return !interrupted();
}

void TerminalProgress::clear()
{
    if (m_drawn) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
        m_drawn = false;
    }
}

} // namespace Rewind
