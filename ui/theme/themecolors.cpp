#include "theme/themecolors.h"

#include <algorithm>

namespace Rewind::ThemeColors {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < palette.color(QPalette::WindowText).lightnessF();
}

namespace {
QColor pick(const QPalette& palette, const char* light, const char* dark)
{
    return QColor::fromString(QLatin1String(isDark(palette) ? dark : light));
}
}

QColor anomaly(const QPalette& palette) { return pick(palette, "#c62828", "#ff6e6e"); }
QColor snapshot(const QPalette& palette) { return pick(palette, "#1565c0", "#64b5f6"); }
QColor staleSnapshot(const QPalette& palette) { return pick(palette, "#e65100", "#ffb74d"); }
QColor added(const QPalette& palette) { return pick(palette, "#2e7d32", "#81c784"); }
QColor removed(const QPalette& palette) { return pick(palette, "#c62828", "#ef9a9a"); }
QColor changed(const QPalette& palette) { return pick(palette, "#8d5a00", "#ffd54f"); }
QColor changedBackground(const QPalette& palette) { return pick(palette, "#fff2b3", "#5a4a12"); }
QColor flashBackground(const QPalette& palette) { return pick(palette, "#ffc940", "#7a5a00"); }

QColor mix(const QColor& from, const QColor& to, qreal amount)
{
    const auto channel = [amount](float a, float b) { return a + (b - a) * float(std::clamp(amount, 0.0, 1.0)); };
    return QColor::fromRgbF(channel(from.redF(), to.redF()), channel(from.greenF(), to.greenF()),
        channel(from.blueF(), to.blueF()), channel(from.alphaF(), to.alphaF()));
}
QColor whatIf(const QPalette& palette) { return pick(palette, "#6a1b9a", "#ce93d8"); }
QColor whatIfBackground(const QPalette& palette) { return pick(palette, "#f3e5f5", "#3b2444"); }

QColor dimmedText(const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    // Halfway to the background: still readable (about 4:1 on white), clearly secondary.
    return QColor::fromRgbF((text.redF() + base.redF() * 1.2F) / 2.2F, (text.greenF() + base.greenF() * 1.2F) / 2.2F,
        (text.blueF() + base.blueF() * 1.2F) / 2.2F);
}

QColor category(const QPalette& palette, int index)
{
    static constexpr int Hues[CategoryCount] = { 210, 30, 140, 280, 180, 330, 90, 0 };
    const int hue = Hues[((index % CategoryCount) + CategoryCount) % CategoryCount];
    return isDark(palette) ? QColor::fromHsl(hue, 150, 160) : QColor::fromHsl(hue, 160, 95);
}

QPalette darkPalette()
{
    const QColor text(0xe8, 0xe8, 0xe8);
    const QColor disabled(0x80, 0x80, 0x80);
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2e));
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x20));
    palette.setColor(QPalette::AlternateBase, QColor(0x27, 0x27, 0x2a));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x38));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x38));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::Disabled, QPalette::Text, disabled);
    palette.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    return palette;
}

} // namespace Rewind::ThemeColors
