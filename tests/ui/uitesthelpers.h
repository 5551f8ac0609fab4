#pragma once

// Shared by the UI tests: the demo history, opened the way the window opens it.
#include "loading/demofile.h"
#include "loading/historyloader.h"
#include "replay/history.h"

#include <QApplication>
#include <QFont>
#include <QStandardPaths>
#include <QTest>

namespace RewindTest {

/// Isolates settings and caches from the user's, and fixes the font so text really renders.
inline void setUpApplication()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("RewindTests"));
    QApplication::setApplicationName(QStringLiteral("rewind-tests"));
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10));
}

inline QString demoPath()
{
    const auto path = Rewind::DemoFile::ensure();
    if (!path)
        qFatal("cannot write the demo: %s", qPrintable(path.error().toString()));
    return *path;
}

inline std::shared_ptr<const Rewind::History> openDemo()
{
    auto outcome = Rewind::HistoryLoader::loadNow(demoPath());
    if (!outcome.history)
        qFatal("cannot open the demo: %s",
            qPrintable(outcome.error ? outcome.error->toString() : QStringLiteral("cancelled")));
    return outcome.history;
}

/// The global position of a stream's version in a history.
inline qint64 positionOf(const Rewind::History& history, const QString& stream, qint64 version)
{
    const auto& index = history.index();
    for (const auto& entry : index.entries()) {
        if (index.streamNames().value(entry.stream) == stream && entry.version == version)
            return entry.position;
    }
    return -1;
}

} // namespace RewindTest
