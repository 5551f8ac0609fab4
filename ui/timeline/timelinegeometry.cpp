#include "timeline/timelinegeometry.h"

#include <algorithm>
#include <cmath>

namespace Rewind {

TimelineGeometry TimelineGeometry::fitAll(qsizetype count, double left, double width)
{
    TimelineGeometry g;
    g.count = std::max<qsizetype>(count, 0);
    g.left = left;
    g.width = std::max(width, 0.0);
    g.first = 0;
    g.span = double(g.count);
    return g;
}

double TimelineGeometry::pixelsPerEvent() const { return span > 0 ? width / span : 0; }

double TimelineGeometry::xOf(qsizetype index) const
{
    if (span <= 0)
        return left;
    return left + (double(index) + 0.5 - first) * width / span;
}

qsizetype TimelineGeometry::indexAt(double x) const
{
    if (isEmpty() || span <= 0)
        return -1;
    const double index = first + (x - left) * span / width;
    return std::clamp<qsizetype>(qsizetype(std::floor(index)), 0, count - 1);
}

qsizetype TimelineGeometry::firstVisible() const
{
    if (isEmpty())
        return 0;
    return std::clamp<qsizetype>(qsizetype(std::floor(first)), 0, count - 1);
}

qsizetype TimelineGeometry::lastVisible() const
{
    if (isEmpty())
        return -1;
    // The slot that holds the last pixel, not the one that starts exactly at the right edge.
    return std::clamp<qsizetype>(qsizetype(std::ceil(first + span)) - 1, 0, count - 1);
}

std::pair<qsizetype, qsizetype> TimelineGeometry::columnRange(int column) const
{
    if (isEmpty() || span <= 0)
        return { 0, 0 };
    const double perPixel = span / width;
    // A slot belongs to the column its start falls in; the slot cut by the left edge, to column 0.
    const auto begin =
        column == 0 ? qsizetype(std::floor(first)) : qsizetype(std::ceil(first + column * perPixel - 1e-9));
    const auto end = qsizetype(std::ceil(first + (column + 1) * perPixel - 1e-9));
    const auto lo = std::clamp<qsizetype>(begin, 0, count);
    const auto hi = std::clamp<qsizetype>(end, 0, count);
    if (hi > lo || perPixel >= 1)
        return { lo, hi };
    // Zoomed in, a column can fall inside one slot without a slot starting in it: it shows that event.
    const auto inside = std::clamp<qsizetype>(qsizetype(std::floor(first + column * perPixel)), 0, count - 1);
    return { inside, inside + 1 };
}

TimelineGeometry TimelineGeometry::clamped() const
{
    TimelineGeometry g = *this;
    const double all = double(std::max<qsizetype>(count, 0));
    g.span = std::clamp(g.span, std::min(all, MinSpan), all);
    g.first = std::clamp(g.first, 0.0, all - g.span);
    return g;
}

TimelineGeometry TimelineGeometry::zoomedBy(double factor, double anchorX) const
{
    if (isEmpty() || factor <= 0)
        return *this;
    const double anchor = first + (anchorX - left) * span / width;
    TimelineGeometry g = *this;
    g.span = span / factor;
    g = g.clamped();
    g.first = anchor - (anchorX - left) * g.span / width;
    return g.clamped();
}

TimelineGeometry TimelineGeometry::scrolledBy(double pixels) const
{
    if (isEmpty())
        return *this;
    TimelineGeometry g = *this;
    g.first += pixels * span / width;
    return g.clamped();
}

TimelineGeometry TimelineGeometry::showing(qsizetype index) const
{
    if (isEmpty())
        return *this;
    TimelineGeometry g = *this;
    const double i = double(std::clamp<qsizetype>(index, 0, count - 1));
    if (i < g.first)
        g.first = i;
    else if (i + 1 > g.first + g.span)
        g.first = i + 1 - g.span;
    return g.clamped();
}

TimelineGeometry TimelineGeometry::resized(double newLeft, double newWidth) const
{
    TimelineGeometry g = *this;
    g.left = newLeft;
    g.width = std::max(newWidth, 0.0);
    return g.clamped();
}

TimelineGeometry TimelineGeometry::withCount(qsizetype newCount) const
{
    TimelineGeometry g = *this;
    const bool wasAll = span >= double(count);
    g.count = std::max<qsizetype>(newCount, 0);
    if (wasAll)
        g.span = double(g.count);
    return g.clamped();
}

} // namespace Rewind
