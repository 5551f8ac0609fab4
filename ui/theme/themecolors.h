#pragma once

#include <QColor>
#include <QPalette>

namespace Rewind::ThemeColors {

/// The dark palette of `rewind --dark` (and of the tests that check readability in the dark):
/// the same on every machine, whatever its desktop theme.
QPalette darkPalette();

/// True when the window background is darker than its text.
bool isDark(const QPalette& palette);

/// Marker and diff colours, chosen per palette so each keeps contrast against the base colour
/// in light and dark themes. Every use of colour also has a shape or a sign beside it.
QColor anomaly(const QPalette& palette);
QColor snapshot(const QPalette& palette);
QColor staleSnapshot(const QPalette& palette);
QColor added(const QPalette& palette);
QColor removed(const QPalette& palette);
QColor changed(const QPalette& palette);
/// A background for state fields the current event changed, under normal text.
QColor changedBackground(const QPalette& palette);
/// The background a change lights up with as it happens (then fades to changedBackground, or
/// to nothing); normal text stays readable on it.
QColor flashBackground(const QPalette& palette);
/// `from` mixed with `to`: 0 is all `from`, 1 all `to`.
QColor mix(const QColor& from, const QColor& to, qreal amount);
/// What-if marks (the chart's second line, anomalies of the alternate history) and the
/// background of the banner that says a what-if is shown.
QColor whatIf(const QPalette& palette);
QColor whatIfBackground(const QPalette& palette);
/// Text for fields that are not the point of attention.
QColor dimmedText(const QPalette& palette);
/// One of a few distinct hues for streams or event types on the timeline.
QColor category(const QPalette& palette, int index);
constexpr int CategoryCount = 8;

} // namespace Rewind::ThemeColors
