#pragma once

#include "timeline/timelinegeometry.h"

#include <QColor>
#include <QList>
#include <QPixmap>
#include <QWidget>

namespace Rewind {

class Playhead;

/// The timeline across the window: one tick per event on the axis (a density strip when they
/// outnumber the pixels), snapshot diamonds above, anomaly triangles below, time labels, and the
/// playhead. Click or drag to scrub, wheel to zoom (Shift+wheel to pan), keys to step.
/// Painting costs O(pixels + markers in view): the strip comes from a per-column cache built
/// when the zoom, the size or the axis changes.
class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimelineWidget(Playhead* playhead, QWidget* parent = nullptr);

    const TimelineGeometry& geometry() const { return m_geometry; }
    /// The band the ticks are drawn in; clicks anywhere in the widget scrub.
    QRect trackRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// What the ticks' colours mean: each stream's colour when every stream is shown, each
    /// event type's when one stream is; names that share a colour are listed together.
    struct LegendEntry {
        QColor color;
        QStringList names;
    };
    QList<LegendEntry> legend() const;

    /// For a projector: a thicker playhead. Markers and labels follow the text size anyway.
    void setPresenting(bool presenting);
    bool isPresenting() const { return m_presenting; }
    /// The playhead's line width and the markers' radius, in pixels, as painted now.
    double playheadWidth() const;
    double markerRadius() const;
    /// The events switched off (what if they had never happened?), by global position: each is
    /// crossed out on the track.
    const QList<qint64>& switchedOff() const { return m_switchedOff; }

public slots:
    void setSwitchedOff(const QList<qint64>& positions);
    void zoomIn();
    void zoomOut();
    void zoomToFit();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Rows {
        QRect snapshots;
        QRect track;
        QRect anomalies;
        QRect labels;
    };
    Rows rows() const;
    void resetAxis();
    void setGeometryState(const TimelineGeometry& geometry);
    void scrubTo(double x);
    int categoryOf(qsizetype axisIndex) const;
    void rebuildColumns();
    void paintTicks(QPainter& painter, const QRect& track);
    void paintDensity(QPainter& painter, const QRect& track);
    void paintMarkers(QPainter& painter, const Rows& r);
    void paintSwitchedOff(QPainter& painter, const QRect& track);
    void paintLabels(QPainter& painter, const Rows& r);
    void paintPlayhead(QPainter& painter, const Rows& r);
    QString toolTipAt(const QPoint& pos) const;
    qsizetype markerNear(const QList<qsizetype>& marks, double x) const;

    /// The markers, drawn once for a size, a pixel ratio and the palette's colours.
    struct Sprites {
        double radius = 0;
        qreal dpr = 0;
        QColor snapshotColor;
        QColor staleColor;
        QColor anomalyColor;
        QPixmap snapshot;
        QPixmap stale;
        QPixmap anomaly;
    };
    const Sprites& sprites(double radius);

    Playhead* m_playhead = nullptr;
    Sprites m_sprites;
    TimelineGeometry m_geometry;
    QList<qint8> m_columns; ///< dominant category per pixel column, -1 when empty
    bool m_columnsDirty = true;
    bool m_scrubbing = false;
    bool m_presenting = false;
    QList<qint64> m_switchedOff; ///< sorted
};

} // namespace Rewind
