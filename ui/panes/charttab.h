#pragma once

#include <QFutureWatcher>
#include <QList>
#include <QPointF>
#include <QWidget>

#include <memory>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace Rewind {

class History;
class WhatIfStream;
struct PointDetails;

/// The Chart tab: the stream's main value (the domain's chartPath: balance, cart total) over
/// time, with the playhead, snapshots and anomalies marked. The series is built in the
/// background by folding the stream once, sampled to a few thousand points.
class ChartTab : public QWidget {
    Q_OBJECT
public:
    struct Series {
        QString stream;
        QString path;
        QList<QPointF> values; ///< x: ms since the epoch, y: value; drawn as steps
        QList<QPointF> snapshots;
        QList<QPointF> staleSnapshots;
        QList<QPointF> anomalies;
        QString error; ///< why the stream could not be read, if it could not
    };
    static constexpr int MaxPoints = 2000;

    explicit ChartTab(QWidget* parent = nullptr);
    ~ChartTab() override;

    void setHistory(std::shared_ptr<const History> history);
    void setDetails(const PointDetails& details);
    /// The stream's alternate history with events switched off, drawn as a second line beside
    /// the real one from the first switched-off event on (nullptr: none).
    void setWhatIf(std::shared_ptr<const WhatIfStream> fold);
    /// The second line's points (x as the real line's), empty when there is none.
    const QList<QPointF>& whatIfValues() const { return m_whatIfValues; }
    /// Blocks until the series being built is shown (screenshots, tests).
    void waitForChart();
    const Series& series() const { return m_series; }
    QChartView* chartView() const { return m_view; }

    /// Folds `stream` and samples `path` (exposed for tests).
    static Series build(const History& history, const QString& stream, const std::function<bool()>& cancelled = {});

protected:
    void changeEvent(QEvent* event) override;

private:
    void showSeries();
    void showWhatIf();
    void updatePlayhead();
    void applyTheme();

    std::shared_ptr<const History> m_history;
    QFutureWatcher<Series> m_watcher;
    int m_job = 0;
    int m_shownJob = 0;
    Series m_series;
    QString m_stream;
    qint64 m_at = 0;
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QLabel* m_note = nullptr;
    QLineSeries* m_line = nullptr;
    QLineSeries* m_playhead = nullptr;
    QScatterSeries* m_snapshots = nullptr;
    QScatterSeries* m_stale = nullptr;
    QScatterSeries* m_anomalies = nullptr;
    std::shared_ptr<const WhatIfStream> m_fold;
    QList<QPointF> m_whatIfValues;
    QLineSeries* m_whatIfLine = nullptr;
    QScatterSeries* m_whatIfAnomalies = nullptr;
    QScatterSeries* m_switchedOff = nullptr;
    QDateTimeAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
};

} // namespace Rewind
