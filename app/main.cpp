// The window `rewind`: parses the command line and wires the main window; nothing else.
#include "loading/demofile.h"
#include "theme/themecolors.h"
#include "window/mainwindow.h"
#include "window/screenshot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFont>
#include <QStyleFactory>

#include <cstdio>

namespace {
QtMessageHandler g_defaultHandler = nullptr;

// The offscreen platform warns once per window that it cannot size it to its hints; in
// screenshot mode that is expected and only noise on stderr.
void quietOffscreen(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.contains(QLatin1String("propagateSizeHints")))
        return;
    g_defaultHandler(type, context, message);
}
}

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("rewind"));
    QApplication::setOrganizationName(QStringLiteral("Rewind"));
    QApplication::setApplicationDisplayName(QStringLiteral("Rewind"));
    QApplication::setApplicationVersion(QStringLiteral(REWIND_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Rewind, a time-travel debugger for event-sourced systems."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Render the window to FILE.png and exit."), QStringLiteral("FILE.png"));
    const QCommandLineOption position(
        QStringLiteral("position"), QStringLiteral("Put the playhead on global position P."), QStringLiteral("P"));
    const QCommandLineOption stream(
        QStringLiteral("stream"), QStringLiteral("Narrow the views to stream ID."), QStringLiteral("ID"));
    const QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Inspector tab: state, diff, event or chart."),
        QStringLiteral("TAB"), QStringLiteral("state"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size for --screenshot, WIDTHxHEIGHT."),
        QStringLiteral("WxH"), QStringLiteral("1400x860"));
    const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Use a dark palette."));
    parser.addOptions({ screenshot, position, stream, tab, size, dark });
    parser.addPositionalArgument(QStringLiteral("SOURCE"),
        QStringLiteral("An event log or store; several logs open merged by time; none opens the demo."),
        QStringLiteral("[SOURCE...]"));
    parser.process(app);

    const auto fail = [](const QString& message) {
        std::fprintf(stderr, "rewind: %s\n", qPrintable(message));
        return 2;
    };
    const QStringList sources = parser.positionalArguments();
    if (sources.size() > 1 && parser.isSet(screenshot))
        return fail(QStringLiteral("--screenshot takes one SOURCE at most"));

    if (parser.isSet(screenshot) || parser.isSet(dark)) {
        // Screenshots look the same on every machine: one style, one font.
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10));
    }
    if (parser.isSet(dark)) {
        QApplication::setPalette(Rewind::ThemeColors::darkPalette());
    }

    if (parser.isSet(screenshot)) {
        g_defaultHandler = qInstallMessageHandler(quietOffscreen);
        Rewind::Screenshot::Request request;
        request.output = parser.value(screenshot);
        request.source = sources.value(0);
        request.stream = parser.value(stream);
        request.tab = parser.value(tab);
        if (parser.isSet(position)) {
            bool ok = false;
            request.position = parser.value(position).toLongLong(&ok);
            if (!ok || request.position < 0)
                return fail(QStringLiteral("--position needs a number ≥ 0"));
        }
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() != 2 || wh.at(0).toInt() < 200 || wh.at(1).toInt() < 200)
            return fail(QStringLiteral("--size needs WIDTHxHEIGHT, e.g. 1400x860"));
        request.size = QSize(wh.at(0).toInt(), wh.at(1).toInt());
        if (const Rewind::Status taken = Rewind::Screenshot::take(request); !taken)
            return fail(taken.error().toString());
        return 0;
    }

    Rewind::MainWindow window;
    window.show();
    if (!sources.isEmpty())
        window.openFiles(sources);
    else
        window.openDemo();
    return QApplication::exec();
}
