#include "theme/icons.h"

#include "theme/themecolors.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <functional>

namespace Rewind::Icons {

void paintSnapshot(QPainter& painter, const QPointF& centre, double radius, const QColor& color, bool hollow)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QPolygonF diamond { { centre.x(), centre.y() - radius }, { centre.x() + radius, centre.y() },
        { centre.x(), centre.y() + radius }, { centre.x() - radius, centre.y() } };
    painter.setPen(QPen(color, std::max(1.0, radius / 4)));
    painter.setBrush(hollow ? QBrush(Qt::NoBrush) : QBrush(color));
    painter.drawPolygon(diamond);
    painter.restore();
}

void paintAnomaly(QPainter& painter, const QPointF& centre, double radius, const QColor& color)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QPolygonF triangle { { centre.x(), centre.y() - radius }, { centre.x() + radius, centre.y() + radius * 0.8 },
        { centre.x() - radius, centre.y() + radius * 0.8 } };
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPolygon(triangle);
    if (radius >= 5) {
        painter.setPen(QPen(Qt::white, std::max(1.2, radius / 5), Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(
            QPointF(centre.x(), centre.y() - radius * 0.45), QPointF(centre.x(), centre.y() + radius * 0.2));
        painter.drawPoint(QPointF(centre.x(), centre.y() + radius * 0.55));
    }
    painter.restore();
}

namespace {
QIcon draw(const std::function<void(QPainter&, double)>& paint)
{
    QIcon icon;
    for (const int size : { 16, 32 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(painter, size);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}
}

QIcon snapshot(const QPalette& palette, bool differs)
{
    const QColor color = differs ? ThemeColors::staleSnapshot(palette) : ThemeColors::snapshot(palette);
    return draw([&](QPainter& p, double s) { paintSnapshot(p, { s / 2, s / 2 }, s * 0.36, color, differs); });
}

QIcon anomaly(const QPalette& palette)
{
    const QColor color = ThemeColors::anomaly(palette);
    return draw([&](QPainter& p, double s) { paintAnomaly(p, { s / 2, s / 2 + s * 0.04 }, s * 0.45, color); });
}

QIcon whatIfAnomaly(const QPalette& palette)
{
    const QColor color = ThemeColors::whatIf(palette);
    return draw([&](QPainter& p, double s) {
        const double r = s * 0.4;
        const QPointF c(s / 2, s / 2 + s * 0.04);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(color, std::max(1.5, s / 10)));
        p.setBrush(Qt::NoBrush);
        p.drawPolygon(
            QPolygonF { { c.x(), c.y() - r }, { c.x() + r, c.y() + r * 0.8 }, { c.x() - r, c.y() + r * 0.8 } });
    });
}

QIcon snapshotAndAnomaly(const QPalette& palette, bool differs)
{
    const QColor snap = differs ? ThemeColors::staleSnapshot(palette) : ThemeColors::snapshot(palette);
    const QColor bad = ThemeColors::anomaly(palette);
    return draw([&](QPainter& p, double s) {
        paintSnapshot(p, { s * 0.3, s * 0.3 }, s * 0.26, snap, differs);
        paintAnomaly(p, { s * 0.64, s * 0.62 }, s * 0.34, bad);
    });
}

QIcon transport(Transport kind, const QPalette& palette)
{
    const QColor color = palette.color(QPalette::ButtonText);
    return draw([kind, color](QPainter& p, double s) {
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        const double top = s * 0.22;
        const double bottom = s * 0.78;
        const double mid = s / 2;
        const auto right = [&](double x0, double x1) {
            p.drawPolygon(QPolygonF { { x0, top }, { x1, mid }, { x0, bottom } });
        };
        const auto left = [&](double x0, double x1) {
            p.drawPolygon(QPolygonF { { x1, top }, { x0, mid }, { x1, bottom } });
        };
        const auto bar = [&](double x) { p.drawRect(QRectF(x, top, s * 0.1, bottom - top)); };
        switch (kind) {
        case Transport::First:
            bar(s * 0.16);
            left(s * 0.26, s * 0.54);
            left(s * 0.54, s * 0.82);
            break;
        case Transport::Back:
            left(s * 0.18, s * 0.5);
            left(s * 0.5, s * 0.82);
            break;
        case Transport::Play:
            right(s * 0.28, s * 0.78);
            break;
        case Transport::Pause:
            p.drawRect(QRectF(s * 0.26, top, s * 0.16, bottom - top));
            p.drawRect(QRectF(s * 0.58, top, s * 0.16, bottom - top));
            break;
        case Transport::Forward:
            right(s * 0.18, s * 0.5);
            right(s * 0.5, s * 0.82);
            break;
        case Transport::Last:
            right(s * 0.18, s * 0.46);
            right(s * 0.46, s * 0.74);
            bar(s * 0.74);
            break;
        }
    });
}

QIcon application()
{
    // Drawn once as SVG (resources/icons/rewind.svg) so the window, the desktop entry and the
    // installed hicolor icon are the same picture at every size; Qt's svg icon engine renders it.
    return QIcon(QStringLiteral(":/icons/rewind.svg"));
}

} // namespace Rewind::Icons
