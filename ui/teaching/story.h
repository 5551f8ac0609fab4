#pragma once

#include "model/error.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rewind {

/// One step of a guided story: what the class reads, and where the window goes for it.
struct StoryStep {
    QString caption; ///< Markdown: **bold**, *italic*
    bool openDemo = false; ///< open the bundled demo (all streams, the last event)
    std::optional<QString> stream; ///< narrow to this stream; an empty string: all streams
    // At most one of these moves the playhead.
    std::optional<qint64> version; ///< of the step's stream, or of the stream at the playhead
    std::optional<qint64> position; ///< a global position
    std::optional<qint64> time; ///< ms since the epoch: the last event at or before it
    QString tab; ///< state, diff, event or chart; empty: the tab stays
    /// Window actions by their QAction objectName, in order. A checkable one is switched on,
    /// or off when written `name:off`; any other is triggered.
    QStringList actions;
    qint64 line = 0; ///< where the step starts in its file
    qint64 actionLine = 0; ///< where its "action" is written
};

/// A guided story: a title and steps, read from JSON (docs/stories.md). Bad input is an Error
/// naming the file, the line and the problem.
struct Story {
    QString title;
    QString file; ///< where it was read from (a resource path for the bundled ones)
    QList<StoryStep> steps;

    static Result<Story> fromJson(const QByteArray& json, const QString& file);
    /// Reads a story file (or a resource, `:/stories/…`).
    static Result<Story> read(const QString& path);
};

} // namespace Rewind
