#pragma once

#include "model/error.h"

#include <QImage>
#include <QString>

namespace Rewind {

class MainWindow;

/// `rewind --screenshot`: the window at one point of a history, rendered to a PNG without an
/// event loop of its own (so it works under QT_QPA_PLATFORM=offscreen, for docs and tests).
class Screenshot {
public:
    struct Request {
        QString output; ///< the PNG to write
        QString source; ///< empty: the bundled demo
        qint64 position = -1; ///< global position; -1: the last event
        QString stream; ///< narrow to this stream; empty: all streams
        QString tab = QStringLiteral("state"); ///< state, diff, event or chart
        QSize size = { 1400, 860 };
    };

    /// Loads the source, sets the window up as asked and writes the PNG.
    static Status take(const Request& request);
    /// Sets up an existing window as asked (the source must already be open).
    static Status arrange(MainWindow& window, const Request& request);
    /// The window as it is now, at its device pixel ratio.
    static QImage render(MainWindow& window);
};

} // namespace Rewind
