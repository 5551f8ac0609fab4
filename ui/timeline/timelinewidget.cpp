#include "timeline/timelinewidget.h"

#include "model/event.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "theme/icons.h"
#include "theme/themecolors.h"

#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QTimeZone>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace Rewind {

namespace {
constexpr int SideMargin = 14;
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

/// Labels say as much as the zoom needs: days when days are in view, milliseconds when not.
QString labelFormat(qint64 visibleSpanMs)
{
    if (visibleSpanMs > 60 * Day)
        return QStringLiteral("MMM yyyy");
    if (visibleSpanMs > 3 * Day)
        return QStringLiteral("ddd d MMM");
    if (visibleSpanMs > Day)
        return QStringLiteral("ddd hh:mm");
    if (visibleSpanMs > 10 * Minute)
        return QStringLiteral("hh:mm");
    if (visibleSpanMs > 10 * 1000)
        return QStringLiteral("hh:mm:ss");
    return QStringLiteral("hh:mm:ss.zzz");
}
}

TimelineWidget::TimelineWidget(Playhead* playhead, QWidget* parent)
    : QWidget(parent)
    , m_playhead(playhead)
{
    setObjectName(QStringLiteral("timeline"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Timeline"));
    setToolTip(tr("Click or drag to move the playhead; wheel to zoom"));
    connect(m_playhead, &Playhead::historyChanged, this, &TimelineWidget::resetAxis);
    connect(m_playhead, &Playhead::streamChanged, this, &TimelineWidget::resetAxis);
    connect(m_playhead, &Playhead::analysisChanged, this, qOverload<>(&QWidget::update));
    connect(m_playhead, &Playhead::positionChanged, this, [this] {
        setGeometryState(m_geometry.showing(m_playhead->axisIndex()));
        update();
    });
}

QSize TimelineWidget::sizeHint() const
{
    const int h = fontMetrics().height();
    return { 600, 4 + (h + 2) * 2 + std::max(26, h * 2) + h + 8 };
}

QSize TimelineWidget::minimumSizeHint() const { return { 200, sizeHint().height() }; }

TimelineWidget::Rows TimelineWidget::rows() const
{
    const int h = fontMetrics().height();
    const int marker = h + 2;
    Rows r;
    r.snapshots = QRect(0, 4, width(), marker);
    r.track = QRect(0, r.snapshots.bottom() + 1, width(), std::max(26, h * 2));
    r.anomalies = QRect(0, r.track.bottom() + 1, width(), marker);
    r.labels = QRect(0, r.anomalies.bottom() + 1, width(), h + 4);
    return r;
}

QRect TimelineWidget::trackRect() const { return rows().track.adjusted(SideMargin, 0, -SideMargin, 0); }

void TimelineWidget::resetAxis()
{
    m_geometry = TimelineGeometry::fitAll(m_playhead->axisCount(), SideMargin, width() - 2 * SideMargin);
    m_columnsDirty = true;
    update();
}

void TimelineWidget::setGeometryState(const TimelineGeometry& geometry)
{
    if (geometry.first == m_geometry.first && geometry.span == m_geometry.span && geometry.width == m_geometry.width
        && geometry.count == m_geometry.count)
        return;
    m_geometry = geometry;
    m_columnsDirty = true;
    update();
}

void TimelineWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_geometry.count != m_playhead->axisCount())
        m_geometry = m_geometry.withCount(m_playhead->axisCount());
    setGeometryState(m_geometry.resized(SideMargin, width() - 2 * SideMargin));
}

void TimelineWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry(); // its rows are measured in lines of text
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
    QWidget::changeEvent(event);
}

void TimelineWidget::setPresenting(bool presenting)
{
    m_presenting = presenting;
    update();
}

double TimelineWidget::playheadWidth() const
{
    // Seen from the back of a room: twice as thick, and thicker still with larger text.
    const double lines = fontMetrics().height();
    return m_presenting ? std::max(6.0, lines / 4) : 3.0;
}

double TimelineWidget::markerRadius() const
{
    // As large as the row allows, up to a size that grows with the text: larger text (a
    // projector) means larger diamonds and triangles, not the same small ones further apart.
    const double textScale =
        std::max(1.0, double(fontMetrics().height()) / QFontMetrics(QApplication::font()).height());
    return std::min(rows().snapshots.height() * 0.42, 8.0 * textScale);
}

void TimelineWidget::zoomIn()
{
    const double anchor = m_playhead->axisIndex() >= 0 ? m_geometry.xOf(m_playhead->axisIndex()) : width() / 2.0;
    setGeometryState(m_geometry.zoomedBy(2, anchor));
}

void TimelineWidget::zoomOut()
{
    const double anchor = m_playhead->axisIndex() >= 0 ? m_geometry.xOf(m_playhead->axisIndex()) : width() / 2.0;
    setGeometryState(m_geometry.zoomedBy(0.5, anchor));
}

void TimelineWidget::zoomToFit()
{
    setGeometryState(TimelineGeometry::fitAll(m_playhead->axisCount(), SideMargin, width() - 2 * SideMargin));
}

QList<TimelineWidget::LegendEntry> TimelineWidget::legend() const
{
    const History* history = m_playhead->history();
    if (!history)
        return {};
    const HistoryIndex& index = history->index();
    const bool byStream = m_playhead->stream().isEmpty();
    QList<LegendEntry> entries(ThemeColors::CategoryCount);
    if (byStream) {
        for (qsizetype id = 0; id < index.streamNames().size(); ++id)
            entries[id % ThemeColors::CategoryCount].names.append(index.streamNames().at(id));
    } else {
        // The types this stream has, not every type of the history.
        QList<bool> seen(index.typeNames().size(), false);
        for (const qsizetype row : index.rowsOfStream(index.streamIndex(m_playhead->stream())))
            seen[index.entry(row).type] = true;
        for (qsizetype id = 0; id < seen.size(); ++id) {
            if (seen.at(id))
                entries[id % ThemeColors::CategoryCount].names.append(index.typeNames().at(id));
        }
    }
    for (int i = 0; i < ThemeColors::CategoryCount; ++i)
        entries[i].color = ThemeColors::category(palette(), i);
    entries.removeIf([](const LegendEntry& entry) { return entry.names.isEmpty(); });
    return entries;
}

int TimelineWidget::categoryOf(qsizetype axisIndex) const
{
    const auto& entry = m_playhead->history()->index().entry(m_playhead->axisRow(axisIndex));
    // All streams: colour by stream, as in the streams pane; one stream: colour by event type.
    return m_playhead->stream().isEmpty() ? entry.stream : entry.type;
}

void TimelineWidget::rebuildColumns()
{
    m_columnsDirty = false;
    const int columns = std::max(0, int(m_geometry.width));
    m_columns.fill(-1, columns);
    if (m_geometry.isEmpty())
        return;
    // A million events per rebuild: the category is read straight from the index here.
    const HistoryIndex& index = m_playhead->history()->index();
    const bool byStream = m_playhead->stream().isEmpty();
    for (int c = 0; c < columns; ++c) {
        const auto [begin, end] = m_geometry.columnRange(c);
        std::array<qsizetype, ThemeColors::CategoryCount> counts {};
        for (qsizetype i = begin; i < end; ++i) {
            const HistoryIndex::Entry& entry = index.entry(m_playhead->axisRow(i));
            ++counts[size_t((byStream ? entry.stream : entry.type) % ThemeColors::CategoryCount)];
        }
        if (end > begin)
            m_columns[c] = qint8(std::max_element(counts.cbegin(), counts.cend()) - counts.cbegin());
    }
}

void TimelineWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const Rows r = rows();
    const QPalette& pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    const QRect track = trackRect();
    painter.fillRect(track, pal.color(QPalette::AlternateBase));

    if (!m_playhead->history() || m_geometry.isEmpty()) {
        painter.setPen(ThemeColors::dimmedText(pal));
        painter.drawText(track, Qt::AlignCenter, m_playhead->history() ? tr("No events") : tr("No history open"));
        return;
    }
    if (m_geometry.drawsTicks())
        paintTicks(painter, track);
    else
        paintDensity(painter, track);
    paintSwitchedOff(painter, track);
    paintMarkers(painter, r);
    paintLabels(painter, r);
    paintPlayhead(painter, r);

    if (hasFocus()) {
        painter.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect().adjusted(1, 1, -2, -2));
    }
}

void TimelineWidget::paintTicks(QPainter& painter, const QRect& track)
{
    const double tickWidth = std::clamp(m_geometry.pixelsPerEvent() * 0.35, 1.0, 4.0);
    const qsizetype last = m_geometry.lastVisible();
    for (qsizetype i = m_geometry.firstVisible(); i <= last; ++i) {
        const double x = m_geometry.xOf(i);
        painter.fillRect(QRectF(x - tickWidth / 2, track.top() + 4, tickWidth, track.height() - 8),
            ThemeColors::category(palette(), categoryOf(i)));
    }
}

void TimelineWidget::setSwitchedOff(const QList<qint64>& positions)
{
    m_switchedOff = positions;
    std::sort(m_switchedOff.begin(), m_switchedOff.end());
    update();
}

void TimelineWidget::paintSwitchedOff(QPainter& painter, const QRect& track)
{
    // A few events at most (a person switches them off): each is looked up on the axis.
    if (m_switchedOff.isEmpty() || m_playhead->axisCount() == 0)
        return;
    const auto& index = m_playhead->history()->index();
    const double half = std::clamp(m_geometry.pixelsPerEvent() * 0.4, 3.0, 6.0);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // A halo of the base colour first: the cross must read over a tick of a similar hue.
    const QPen halo(palette().color(QPalette::Base), 5, Qt::SolidLine, Qt::RoundCap);
    const QPen cross(ThemeColors::whatIf(palette()), 2, Qt::SolidLine, Qt::RoundCap);
    for (const qint64 position : std::as_const(m_switchedOff)) {
        const qsizetype axisIndex = m_playhead->axisIndexAtOrBefore(position);
        const qsizetype row = m_playhead->axisRow(axisIndex);
        if (row < 0 || index.entry(row).position != position || axisIndex < m_geometry.firstVisible()
            || axisIndex > m_geometry.lastVisible())
            continue; // not on this axis (another stream), or out of view
        const double x = m_geometry.xOf(axisIndex);
        const double y = track.center().y();
        for (const QPen& pen : { halo, cross }) {
            painter.setPen(pen);
            painter.drawLine(QPointF(x - half, y - half), QPointF(x + half, y + half));
            painter.drawLine(QPointF(x - half, y + half), QPointF(x + half, y - half));
        }
    }
    painter.restore();
}

void TimelineWidget::paintDensity(QPainter& painter, const QRect& track)
{
    if (m_columnsDirty)
        rebuildColumns();
    std::array<QColor, ThemeColors::CategoryCount> colors;
    for (int category = 0; category < ThemeColors::CategoryCount; ++category)
        colors[size_t(category)] = ThemeColors::category(palette(), category);
    // One rectangle per run of columns of one colour, not one per column.
    for (int c = 0; c < m_columns.size();) {
        const qint8 category = m_columns.at(c);
        int end = c + 1;
        while (end < m_columns.size() && m_columns.at(end) == category)
            ++end;
        if (category >= 0) {
            const int x = int(m_geometry.left) + c;
            painter.fillRect(QRect(x, track.top() + 4, end - c, track.height() - 8), colors[size_t(quint8(category))]);
        }
        c = end;
    }
}

const TimelineWidget::Sprites& TimelineWidget::sprites(double radius)
{
    const qreal dpr = devicePixelRatioF();
    const QColor snapshot = ThemeColors::snapshot(palette());
    const QColor stale = ThemeColors::staleSnapshot(palette());
    const QColor anomaly = ThemeColors::anomaly(palette());
    if (m_sprites.radius == radius && m_sprites.dpr == dpr && m_sprites.snapshotColor == snapshot
        && m_sprites.staleColor == stale && m_sprites.anomalyColor == anomaly)
        return m_sprites;
    // Drawn once with the icons' own painting, then only copied.
    const auto render = [dpr](double extent, const std::function<void(QPainter&, const QPointF&)>& paint) {
        const int size = int(std::ceil(2 * extent)) + 4;
        QPixmap pixmap(QSize(size, size) * dpr);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(painter, QPointF(size / 2.0, size / 2.0));
        return pixmap;
    };
    const double pen = std::max(1.0, radius / 4);
    m_sprites = { radius, dpr, snapshot, stale, anomaly,
        render(
            radius + pen, [&](QPainter& p, const QPointF& c) { Icons::paintSnapshot(p, c, radius, snapshot, false); }),
        render(radius + pen, [&](QPainter& p, const QPointF& c) { Icons::paintSnapshot(p, c, radius, stale, true); }),
        render(radius + 2, [&](QPainter& p, const QPointF& c) { Icons::paintAnomaly(p, c, radius + 1, anomaly); }) };
    return m_sprites;
}

void TimelineWidget::paintMarkers(QPainter& painter, const Rows& r)
{
    const auto& index = m_playhead->history()->index();
    const qsizetype first = m_geometry.firstVisible();
    const qsizetype last = m_geometry.lastVisible();
    const double radius = markerRadius();

    const auto visible = [&](const QList<qsizetype>& marks) {
        return std::pair { std::lower_bound(marks.cbegin(), marks.cend(), first),
            std::upper_bound(marks.cbegin(), marks.cend(), last) };
    };
    // Markers that fall on the same pixel are drawn once: the cost stays O(pixels) zoomed out.
    // Each is a copy of a sprite: a thousand antialiased polygons a frame cost more than the
    // rest of the timeline together.
    const Sprites& sprite = sprites(radius);
    const auto stamp = [&painter](const QPixmap& pixmap, double x, double y) {
        const QSizeF size = pixmap.deviceIndependentSize();
        painter.drawPixmap(QPointF(std::round(x - size.width() / 2), std::round(y - size.height() / 2)), pixmap);
    };
    int lastPixel = -1;
    const auto [snapBegin, snapEnd] = visible(m_playhead->snapshotMarks());
    for (auto it = snapBegin; it != snapEnd; ++it) {
        const double x = m_geometry.xOf(*it);
        const bool differs = index.flags(m_playhead->axisRow(*it)) & HistoryIndex::SnapshotDiffers;
        if (int(x) == lastPixel && !differs)
            continue;
        lastPixel = int(x);
        stamp(differs ? sprite.stale : sprite.snapshot, x, r.snapshots.center().y() + 1.0);
    }
    lastPixel = -1;
    const auto [badBegin, badEnd] = visible(m_playhead->anomalyMarks());
    for (auto it = badBegin; it != badEnd; ++it) {
        const double x = m_geometry.xOf(*it);
        if (int(x) == lastPixel)
            continue;
        lastPixel = int(x);
        stamp(sprite.anomaly, x, r.anomalies.center().y() + 0.0);
    }
}

void TimelineWidget::paintLabels(QPainter& painter, const Rows& r)
{
    const auto& index = m_playhead->history()->index();
    const auto timeOf = [&](qsizetype i) { return index.entry(m_playhead->axisRow(i)).at; };
    const qsizetype first = m_geometry.firstVisible();
    const qsizetype last = m_geometry.lastVisible();
    const QString format = labelFormat(std::abs(timeOf(last) - timeOf(first)));
    const QFontMetrics fm = fontMetrics();
    const int spacing =
        fm.horizontalAdvance(QDateTime::currentDateTimeUtc().toString(format)) + fm.averageCharWidth() * 4;

    painter.setPen(palette().color(QPalette::WindowText));
    QString previous;
    double lastRight = -1e9;
    const int labels = int(m_geometry.width / spacing) + 1;
    for (int n = 0; n < labels; ++n) {
        const double x = m_geometry.left + double(n) * spacing;
        if (x >= m_geometry.left + m_geometry.width)
            break;
        const qsizetype i = m_geometry.indexAt(x);
        const double tickX = m_geometry.xOf(i);
        const QString text = QDateTime::fromMSecsSinceEpoch(timeOf(i), QTimeZone::utc()).toString(format);
        const int w = fm.horizontalAdvance(text);
        const double left = std::clamp(tickX - w / 2.0, 0.0, double(width() - w));
        if (text == previous || left < lastRight + fm.averageCharWidth())
            continue;
        previous = text;
        lastRight = left + w;
        painter.drawLine(QPointF(tickX, r.labels.top()), QPointF(tickX, r.labels.top() + 3));
        painter.drawText(QRectF(left, r.labels.top() + 2, w, r.labels.height() - 2), Qt::AlignCenter, text);
    }
}

void TimelineWidget::paintPlayhead(QPainter& painter, const Rows& r)
{
    const qsizetype i = m_playhead->axisIndex();
    if (i < 0 || i < m_geometry.firstVisible() || i > m_geometry.lastVisible())
        return;
    const double x = m_geometry.xOf(i);
    const QColor color = palette().color(QPalette::Highlight);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // A thick line with a halo of the background: seen over dense ticks and on a projector.
    const double lineWidth = playheadWidth();
    painter.setPen(QPen(palette().color(QPalette::Base), lineWidth + 2));
    painter.drawLine(QPointF(x, r.snapshots.top()), QPointF(x, r.anomalies.bottom()));
    painter.setPen(QPen(color, lineWidth));
    painter.drawLine(QPointF(x, r.snapshots.top()), QPointF(x, r.anomalies.bottom()));
    painter.setPen(QPen(palette().color(QPalette::Base), 1));
    painter.setBrush(color);
    const double s = std::max(6.0, lineWidth * 2);
    painter.drawPolygon(QPolygonF {
        { x - s, double(r.track.top()) - 1 }, { x + s, double(r.track.top()) - 1 }, { x, double(r.track.top()) + s } });
    painter.restore();
}

void TimelineWidget::scrubTo(double x)
{
    const qsizetype i = m_geometry.indexAt(x);
    if (i >= 0)
        m_playhead->setAxisIndex(i);
}

void TimelineWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_scrubbing = true;
    scrubTo(event->position().x());
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (m_scrubbing && (event->buttons() & Qt::LeftButton))
        scrubTo(event->position().x());
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        m_scrubbing = false;
}

void TimelineWidget::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    if ((event->modifiers() & Qt::ShiftModifier) || std::abs(delta.x()) > std::abs(delta.y())) {
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        setGeometryState(m_geometry.scrolledBy(-d / 120.0 * m_geometry.width / 8));
    } else if (delta.y() != 0) {
        setGeometryState(m_geometry.zoomedBy(std::pow(1.25, delta.y() / 120.0), event->position().x()));
    }
    event->accept();
}

void TimelineWidget::keyPressEvent(QKeyEvent* event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    switch (event->key()) {
    case Qt::Key_Left:
        ctrl ? void(m_playhead->goToPreviousAnomaly()) : m_playhead->stepBack();
        break;
    case Qt::Key_Right:
        ctrl ? void(m_playhead->goToNextAnomaly()) : m_playhead->stepForward();
        break;
    case Qt::Key_PageUp:
        m_playhead->goToPreviousSnapshot();
        break;
    case Qt::Key_PageDown:
        m_playhead->goToNextSnapshot();
        break;
    case Qt::Key_Home:
        m_playhead->goToFirst();
        break;
    case Qt::Key_End:
        m_playhead->goToLast();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        zoomToFit();
        break;
    default:
        return QWidget::keyPressEvent(event);
    }
    event->accept();
}

qsizetype TimelineWidget::markerNear(const QList<qsizetype>& marks, double x) const
{
    const qsizetype around = m_geometry.indexAt(x);
    if (around < 0)
        return -1;
    const auto it = std::lower_bound(marks.cbegin(), marks.cend(), around);
    qsizetype best = -1;
    double bestDistance = 7;
    for (auto candidate : { it, it == marks.cbegin() ? it : std::prev(it) }) {
        if (candidate == marks.cend())
            continue;
        const double distance = std::abs(m_geometry.xOf(*candidate) - x);
        if (distance <= bestDistance) {
            best = *candidate;
            bestDistance = distance;
        }
    }
    return best;
}

QString TimelineWidget::toolTipAt(const QPoint& pos) const
{
    const History* history = m_playhead->history();
    if (!history || m_geometry.isEmpty())
        return {};
    const Rows r = rows();
    const auto& index = history->index();
    const auto entryAt = [&](qsizetype axisIndex) -> const HistoryIndex::Entry& {
        return index.entry(m_playhead->axisRow(axisIndex));
    };
    if (pos.y() <= r.snapshots.bottom()) {
        const qsizetype mark = markerNear(m_playhead->snapshotMarks(), pos.x());
        if (mark >= 0) {
            const auto& entry = entryAt(mark);
            const SnapshotCheck* check = history->snapshotAt(entry.position);
            const QString stream = index.streamNames().value(entry.stream);
            if (!check)
                return tr("Snapshot of %1 at v%2").arg(stream).arg(entry.version);
            QString text =
                tr("<b>Snapshot</b> of %1 at v%2<br>").arg(stream.toHtmlEscaped()).arg(check->snapshot.version);
            text += check->matches ? tr("matches the replay")
                                   : tr("<b>differs from the replay</b> (fields that differ: %1); loads ignore it")
                                         .arg(check->differences.size());
            return text;
        }
    } else if (pos.y() >= r.anomalies.top() && pos.y() <= r.anomalies.bottom()) {
        const qsizetype mark = markerNear(m_playhead->anomalyMarks(), pos.x());
        if (mark >= 0) {
            QStringList lines;
            for (const Anomaly& anomaly : history->anomaliesAt(entryAt(mark).position))
                lines.append(QStringLiteral("<b>%1</b> at %2 v%3: %4")
                                 .arg(anomaly.kind, anomaly.stream.toHtmlEscaped())
                                 .arg(anomaly.version)
                                 .arg(anomaly.message.toHtmlEscaped()));
            return lines.join(QLatin1String("<br>"));
        }
    }
    const qsizetype i = m_geometry.indexAt(pos.x());
    const auto& entry = entryAt(i);
    QString text = tr("#%1 %2 v%3 %4<br>%5 UTC")
                       .arg(entry.position)
                       .arg(index.streamNames().value(entry.stream).toHtmlEscaped())
                       .arg(entry.version)
                       .arg(index.typeNames().value(entry.type).toHtmlEscaped(), formatTime(entry.at));
    if (!m_geometry.drawsTicks())
        text += tr("<br>1 pixel ≈ %1 events").arg(std::llround(1.0 / m_geometry.pixelsPerEvent()));
    return text;
}

bool TimelineWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace Rewind
