#pragma once

#include <QIcon>
#include <QPalette>

class QPainter;
class QPointF;

namespace Rewind::Icons {

/// Snapshot marker: a diamond (hollow when the snapshot differs from the replay).
void paintSnapshot(QPainter& painter, const QPointF& centre, double radius, const QColor& color, bool hollow);
/// Anomaly marker: a triangle with an exclamation mark.
void paintAnomaly(QPainter& painter, const QPointF& centre, double radius, const QColor& color);

/// The same shapes as icons for tables, drawn for the palette (the theme may have no icons).
QIcon snapshot(const QPalette& palette, bool differs = false);
QIcon anomaly(const QPalette& palette);
QIcon snapshotAndAnomaly(const QPalette& palette, bool differs = false);
/// An anomaly of a what-if (events switched off): a hollow triangle in the what-if colour.
QIcon whatIfAnomaly(const QPalette& palette);
/// Transport buttons, drawn in the palette's button text colour so they read in dark themes
/// (the style's media icons are black pixmaps).
enum class Transport { First, Back, Play, Pause, Forward, Last };
QIcon transport(Transport kind, const QPalette& palette);
/// The application icon: a rewind arrow over a timeline.
QIcon application();

} // namespace Rewind::Icons
