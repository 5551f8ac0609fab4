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
#include <cstring>
#include <initializer_list>

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

/// The command line of `rewind`; built the same way for a QApplication and, when only help or
/// the version is asked for, for a QCoreApplication that needs no display.
struct CommandLine {
    QCommandLineParser parser;
    const QCommandLineOption screenshot { QStringLiteral("screenshot"),
        QStringLiteral("Render the window to FILE.png and exit (needs no display)."), QStringLiteral("FILE.png") };
    const QCommandLineOption position { QStringLiteral("position"),
        QStringLiteral("Put the playhead on global position P."), QStringLiteral("P") };
    const QCommandLineOption stream { QStringLiteral("stream"), QStringLiteral("Narrow the views to stream ID."),
        QStringLiteral("ID") };
    const QCommandLineOption tab { QStringLiteral("tab"),
        QStringLiteral("Inspector tab: state, diff, event, chart, fold, crud, snapshots or projections."),
        QStringLiteral("TAB"), QStringLiteral("state") };
    const QCommandLineOption size { QStringLiteral("size"),
        QStringLiteral("Window size for --screenshot, WIDTHxHEIGHT."), QStringLiteral("WxH"),
        QStringLiteral("1400x860") };
    const QCommandLineOption dark { QStringLiteral("dark"), QStringLiteral("Use a dark palette.") };

    CommandLine()
    {
        parser.setApplicationDescription(QStringLiteral("Rewind, a time-travel debugger for event-sourced systems."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({ screenshot, position, stream, tab, size, dark });
        parser.addPositionalArgument(QStringLiteral("SOURCE"),
            QStringLiteral("An event log or store; several logs open merged by time; none opens the demo."),
            QStringLiteral("[SOURCE...]"));
    }
};

void nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("rewind"));
    QCoreApplication::setOrganizationName(QStringLiteral("Rewind"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REWIND_VERSION));
}

bool hasArgument(int argc, char* argv[], std::initializer_list<const char*> names)
{
    for (int i = 1; i < argc; ++i) {
        for (const char* name : names) {
            if (std::strcmp(argv[i], name) == 0)
                return true;
        }
    }
    return false;
}

/// Whether a window can be shown: a display, or a platform chosen by hand (offscreen, …).
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}
}

int main(int argc, char* argv[])
{
    // Help and the version are text: printed without a display (Qt's platform plugin would
    // abort before a word was printed).
    if (hasArgument(argc, argv, { "-h", "--help", "-?", "--help-all", "-v", "--version" })) {
        const QCoreApplication app(argc, argv);
        nameApplication();
        CommandLine commandLine;
        commandLine.parser.process(app);
        return 0;
    }
    // A screenshot needs no screen: without one, it renders offscreen.
    if (hasArgument(argc, argv, { "--screenshot" }) && !hasDisplay())
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!hasDisplay()) {
        std::fprintf(stderr,
            "rewind: no display to open a window on (DISPLAY is not set); rewind --screenshot FILE.png "
            "renders without one, and rewind-cli works in a terminal\n");
        return 1;
    }

    QApplication app(argc, argv);
    nameApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Rewind"));
    CommandLine commandLine;
    const QCommandLineParser& parser = commandLine.parser;
    const QCommandLineOption& screenshot = commandLine.screenshot;
    const QCommandLineOption& position = commandLine.position;
    const QCommandLineOption& stream = commandLine.stream;
    const QCommandLineOption& tab = commandLine.tab;
    const QCommandLineOption& size = commandLine.size;
    const QCommandLineOption& dark = commandLine.dark;
    commandLine.parser.process(app);

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
