#include "window/screenshot.h"

#include "loading/demofile.h"
#include "panes/changeflash.h"
#include "panes/charttab.h"
#include "panes/inspector.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QFileInfo>

namespace Rewind {

Status Screenshot::arrange(MainWindow& window, const Request& request)
{
    Playhead* playhead = window.playhead();
    if (!playhead->history())
        return Error::badInput(QStringLiteral("no history open"));
    if (!request.stream.isEmpty()) {
        if (playhead->history()->index().streamIndex(request.stream) < 0)
            return Error::badInput(QStringLiteral("no stream %1").arg(request.stream));
        playhead->setStream(request.stream);
    }
    if (request.position >= 0)
        playhead->setPosition(request.position);
    else
        playhead->goToLast();
    if (!window.inspector()->showTab(request.tab))
        return Error::badInput(
            QStringLiteral("no tab %1; use state, diff, event, chart, fold, crud, snapshots or projections")
                .arg(request.tab));
    return {};
}

QImage Screenshot::render(MainWindow& window)
{
    if (!window.isVisible())
        window.show();
    // Layouts and the chart settle over a few passes of posted events.
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    window.inspector()->chartTab()->waitForChart();
    // A still picture shows the steady highlight of a change, not a flash caught mid-fade.
    window.inspector()->changeFlash()->stop();
    QApplication::processEvents();
    return window.grab().toImage();
}

Status Screenshot::take(const Request& request)
{
    QString source = request.source;
    if (source.isEmpty()) {
        const auto demo = DemoFile::ensure();
        if (!demo)
            return demo.error();
        source = *demo;
    }
    MainWindow window(MainWindow::Memory::Forget);
    window.resize(request.size);
    if (Status opened = window.openNow(source); !opened)
        return opened;
    if (Status arranged = arrange(window, request); !arranged)
        return arranged;
    const QImage image = render(window);
    if (!image.save(request.output, "PNG"))
        return Error::failure(QStringLiteral("cannot write the screenshot"), request.output);
    return {};
}

} // namespace Rewind
