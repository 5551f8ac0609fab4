#pragma once

#include <QtGlobal>

#include <utility>

namespace Rewind {

/// Where each event of the timeline sits on screen, as pure functions a test can call without
/// painting. The axis is the events' global order (index 0 … count-1 of the events shown), not
/// wall-clock time: the playhead moves event by event and times in a log need not increase.
/// Event i owns the slot [i, i+1) of index space; `first` and `span` say which part of index
/// space spans the pixels [left, left + width).
struct TimelineGeometry {
    qsizetype count = 0; ///< events on the axis
    double left = 0; ///< x where the axis begins
    double width = 0; ///< axis length in pixels
    double first = 0; ///< index at `left`, fractional
    double span = 0; ///< indices across `width`

    /// Zooming in stops when this many events fill the width.
    static constexpr double MinSpan = 8;
    /// Below this many pixels an event, ticks merge and a density strip is drawn instead.
    static constexpr double MinTickPixels = 3;

    /// Every event in view.
    static TimelineGeometry fitAll(qsizetype count, double left, double width);

    bool isEmpty() const { return count <= 0 || width <= 0; }
    double pixelsPerEvent() const;
    bool drawsTicks() const { return pixelsPerEvent() >= MinTickPixels; }
    /// The centre of event `index`'s slot.
    double xOf(qsizetype index) const;
    /// The event under `x`, clamped to the axis; -1 when there is none.
    qsizetype indexAt(double x) const;
    /// The first and last event at least partly in view (last < first when empty).
    qsizetype firstVisible() const;
    qsizetype lastVisible() const;
    /// The events drawn in pixel column `column` (0-based from `left`): [begin, end).
    std::pair<qsizetype, qsizetype> columnRange(int column) const;

    /// Zoomed by `factor` (> 1 zooms in) keeping the event under `anchorX` where it is.
    TimelineGeometry zoomedBy(double factor, double anchorX) const;
    /// Moved by `pixels` (positive: later events come into view).
    TimelineGeometry scrolledBy(double pixels) const;
    /// Scrolled as little as possible so `index` is in view.
    TimelineGeometry showing(qsizetype index) const;
    /// The same view on a widget of another size, or after the axis changed length.
    TimelineGeometry resized(double newLeft, double newWidth) const;
    TimelineGeometry withCount(qsizetype newCount) const;

private:
    TimelineGeometry clamped() const;
};

} // namespace Rewind
