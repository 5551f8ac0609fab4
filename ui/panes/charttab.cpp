#include "panes/charttab.h"

#include "loading/backgroundpool.h"
#include "models/pointdetails.h"
#include "replay/history.h"
#include "replay/whatif.h"
#include "theme/themecolors.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace Rewind {

namespace {
/// QDateTimeAxis labels in local time; the window shows UTC everywhere, so x is shifted by
/// the local offset to make the labels read as UTC.
double chartX(qint64 msSinceEpoch)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    return double(msSinceEpoch) - double(local.offsetFromUtc()) * 1000.0;
}

// A chart is drawn in doubles; the exact value is in the State tab.
std::optional<double> valueAt(const JsonValue& state, const QString& path)
{
    const JsonValue value = state.at(path);
    return value.isNumber() ? std::optional(value.toDouble()) : std::nullopt;
}
}

ChartTab::Series ChartTab::build(const History& history, const QString& stream, const std::function<bool()>& cancelled)
{
    Series series;
    series.stream = stream;
    const Domain& domain = history.domainOf(stream);
    series.path = domain.chartPath();
    const StreamAnalysis* info = history.analysis().stream(stream);
    if (series.path.isEmpty() || !info)
        return series;
    const qint64 every = std::max<qint64>(1, info->eventCount / MaxPoints);
    const HistoryIndex& index = history.index();
    std::unique_ptr<State> state = domain.initialState();
    Anomalies ignored;
    qint64 seen = 0;
    double previous = valueAt(state->toJson(), series.path).value_or(0);
    const Status read = history.source().readEvents({ stream }, [&](const Event& event) {
        domain.evolve(*state, event, ignored);
        ignored.clear();
        const qsizetype row = index.rowOf(event.position);
        const quint32 flags = row >= 0 ? index.flags(row) : 0;
        // toJson per event is the costly part: only for sampled events and marked ones.
        if (++seen % every == 0 || flags != 0 || seen == info->eventCount) {
            const double value = valueAt(state->toJson(), series.path).value_or(previous);
            const double x = chartX(event.at);
            if (!series.values.isEmpty())
                series.values.append({ x, previous });
            else
                series.values.append({ x, 0 });
            series.values.append({ x, value });
            previous = value;
            if (flags & HistoryIndex::HasSnapshot)
                (flags & HistoryIndex::SnapshotDiffers ? series.staleSnapshots : series.snapshots).append({ x, value });
            if (flags & HistoryIndex::HasAnomaly)
                series.anomalies.append({ x, value });
        }
        return !(cancelled && cancelled());
    });
    if (!read) {
        series = { stream, series.path, {}, {}, {}, {}, read.error().toString() };
    }
    return series;
}

ChartTab::ChartTab(QWidget* parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_note(new QLabel(this))
    , m_line(new QLineSeries(this))
    , m_playhead(new QLineSeries(this))
    , m_snapshots(new QScatterSeries(this))
    , m_stale(new QScatterSeries(this))
    , m_anomalies(new QScatterSeries(this))
    , m_whatIfLine(new QLineSeries(this))
    , m_whatIfAnomalies(new QScatterSeries(this))
    , m_switchedOff(new QScatterSeries(this))
    , m_x(new QDateTimeAxis(this))
    , m_y(new QValueAxis(this))
{
    m_view->setObjectName(QStringLiteral("chartView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_note->setObjectName(QStringLiteral("chartNote"));
    m_note->setWordWrap(true);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_snapshots->setName(tr("snapshot"));
    m_snapshots->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle);
    m_stale->setName(tr("stale snapshot"));
    m_stale->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle);
    m_anomalies->setName(tr("anomaly"));
    m_anomalies->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_playhead->setName(tr("playhead"));
    m_whatIfLine->setName(tr("without the switched-off events"));
    m_whatIfAnomalies->setName(tr("anomaly (what if)"));
    m_whatIfAnomalies->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_switchedOff->setName(tr("switched off"));
    m_switchedOff->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*> {
             m_line, m_whatIfLine, m_anomalies, m_whatIfAnomalies, m_switchedOff, m_snapshots, m_stale, m_playhead })
        m_chart->addSeries(series);
    m_x->setTitleText(tr("time (UTC)"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* series : m_chart->series()) {
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_view, 1);
    applyTheme();
    connect(&m_watcher, &QFutureWatcher<Series>::finished, this, &ChartTab::showSeries);
}

ChartTab::~ChartTab()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

void ChartTab::applyTheme()
{
    const QPalette pal = palette();
    m_chart->setTheme(ThemeColors::isDark(pal) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(pal.color(QPalette::Base));
    m_chart->setFont(font());
    m_chart->legend()->setFont(font());
    m_chart->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QAbstractAxis* axis : { static_cast<QAbstractAxis*>(m_x), static_cast<QAbstractAxis*>(m_y) }) {
        axis->setLabelsFont(font());
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::Text));
        axis->setTitleFont(font());
    }
    m_line->setPen(QPen(ThemeColors::category(pal, 2), 2));
    m_playhead->setPen(QPen(pal.color(QPalette::Highlight), 2, Qt::DashLine));
    const double marker = std::max(9.0, fontMetrics().height() * 0.7);
    m_snapshots->setColor(ThemeColors::snapshot(pal));
    m_snapshots->setBorderColor(ThemeColors::snapshot(pal));
    // Smaller than the anomaly triangles and drawn over them: both show when they share a point.
    m_snapshots->setMarkerSize(marker * 0.8);
    m_stale->setColor(pal.color(QPalette::Base));
    m_stale->setBorderColor(ThemeColors::staleSnapshot(pal));
    m_stale->setPen(QPen(ThemeColors::staleSnapshot(pal), 2));
    m_stale->setMarkerSize(marker * 0.8);
    m_anomalies->setColor(ThemeColors::anomaly(pal));
    m_anomalies->setBorderColor(ThemeColors::anomaly(pal));
    m_anomalies->setMarkerSize(marker * 1.4);
    // The what-if line is dashed as well as coloured; its anomalies are hollow.
    m_whatIfLine->setPen(QPen(ThemeColors::whatIf(pal), 2, Qt::DashLine));
    m_whatIfAnomalies->setColor(pal.color(QPalette::Base));
    m_whatIfAnomalies->setBorderColor(ThemeColors::whatIf(pal));
    m_whatIfAnomalies->setPen(QPen(ThemeColors::whatIf(pal), 2));
    m_whatIfAnomalies->setMarkerSize(marker * 1.4);
    m_switchedOff->setColor(pal.color(QPalette::Base));
    m_switchedOff->setBorderColor(ThemeColors::whatIf(pal));
    m_switchedOff->setPen(QPen(ThemeColors::whatIf(pal), 2));
    m_switchedOff->setMarkerSize(marker * 0.7);
}

void ChartTab::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyTheme();
    QWidget::changeEvent(event);
}

void ChartTab::setHistory(std::shared_ptr<const History> history)
{
    m_watcher.cancel();
    m_history = std::move(history);
    m_stream.clear();
    m_series = {};
    showSeries();
}

void ChartTab::setDetails(const PointDetails& details)
{
    m_at = details.event.at;
    if (m_history && details.event.stream != m_stream) {
        m_stream = details.event.stream;
        m_watcher.cancel();
        ++m_job;
        auto history = m_history;
        const QString stream = m_stream;
        m_watcher.setFuture(runInBackground<Series>([history, stream](QPromise<Series>& promise) {
            Series series = build(*history, stream, [&promise] { return promise.isCanceled(); });
            if (!promise.isCanceled())
                promise.addResult(std::move(series));
        }));
        m_note->setText(tr("Folding %1…").arg(m_stream));
        return;
    }
    updatePlayhead();
}

void ChartTab::setWhatIf(std::shared_ptr<const WhatIfStream> fold)
{
    if (fold == m_fold)
        return;
    m_fold = std::move(fold);
    showSeries();
}

void ChartTab::showWhatIf()
{
    m_whatIfValues.clear();
    QList<QPointF> anomalies;
    QList<QPointF> off;
    const bool shown =
        m_fold && m_fold->from() > 0 && m_fold->stream() == m_series.stream && !m_series.values.isEmpty();
    if (shown) {
        // Steps, as the real line: the value holds until the next event changes it.
        for (const WhatIfStream::Value& value : m_fold->values()) {
            const double x = chartX(value.at);
            if (!m_whatIfValues.isEmpty())
                m_whatIfValues.append({ x, m_whatIfValues.last().y() });
            m_whatIfValues.append({ x, value.value });
            if (value.switchedOff)
                off.append({ x, value.value });
            else if (value.position >= m_fold->from() && !m_fold->anomaliesAt(value.position).isEmpty())
                anomalies.append({ x, value.value });
        }
    }
    m_whatIfLine->replace(m_whatIfValues);
    m_whatIfAnomalies->replace(anomalies);
    m_switchedOff->replace(off);
    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*> { m_whatIfLine, m_switchedOff })
        series->setVisible(shown);
    m_whatIfAnomalies->setVisible(shown && !anomalies.isEmpty());
}

void ChartTab::waitForChart()
{
    m_watcher.waitForFinished();
    showSeries();
}

void ChartTab::showSeries()
{
    if (m_watcher.future().isFinished() && m_shownJob != m_job) {
        m_shownJob = m_job;
        if (m_watcher.future().resultCount() > 0 && m_watcher.future().result().stream == m_stream)
            m_series = m_watcher.future().result();
    }
    m_line->replace(m_series.values);
    m_snapshots->replace(m_series.snapshots);
    m_stale->replace(m_series.staleSnapshots);
    m_anomalies->replace(m_series.anomalies);
    m_stale->setVisible(!m_series.staleSnapshots.isEmpty());
    showWhatIf();
    m_line->setName(m_series.path.isEmpty() ? tr("value") : m_series.path.mid(1));
    const bool empty = m_series.values.isEmpty();
    m_view->setVisible(!empty);
    if (empty) {
        if (!m_series.error.isEmpty())
            m_note->setText(tr("Cannot chart %1: %2").arg(m_stream, m_series.error));
        else if (m_stream.isEmpty())
            m_note->setText(tr("No stream at the playhead."));
        else
            m_note->setText(tr("%1 has no value to chart (its domain names none).").arg(m_stream));
        return;
    }
    QString note =
        tr("<b>%1</b> of %2 over time").arg(m_series.path.mid(1).toHtmlEscaped(), m_series.stream.toHtmlEscaped());
    if (!m_whatIfValues.isEmpty())
        note += tr("; dashed: what if the switched-off events had never happened");
    m_note->setText(note);
    double lo = 0;
    double hi = 0;
    for (const QList<QPointF>* line : { &m_series.values, &m_whatIfValues }) {
        for (const QPointF& p : *line) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    const double pad = std::max(1.0, (hi - lo) * 0.08);
    m_y->setRange(lo - (lo < 0 ? pad : 0), hi + pad);
    m_y->applyNiceNumbers();
    m_y->setLabelFormat(hi - lo >= 100 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
    const double first = m_series.values.first().x();
    const double last = m_series.values.last().x();
    const double spread = std::max(60000.0, last - first);
    const double margin = spread * 0.03;
    m_x->setRange(
        QDateTime::fromMSecsSinceEpoch(qint64(first - margin)), QDateTime::fromMSecsSinceEpoch(qint64(last + margin)));
    m_x->setFormat(spread > 2 * 86400000.0 ? QStringLiteral("ddd d MMM") : QStringLiteral("ddd hh:mm"));
    m_x->setTickCount(std::clamp(width() / 140, 3, 8));
    updatePlayhead();
}

void ChartTab::updatePlayhead()
{
    if (m_series.values.isEmpty()) {
        m_playhead->clear();
        return;
    }
    const double x = chartX(m_at);
    m_playhead->replace({ QPointF(x, m_y->min()), QPointF(x, m_y->max()) });
}

} // namespace Rewind
