#include "panes/streamspane.h"

#include "models/streamfilterproxy.h"
#include "models/streamsmodel.h"
#include "playback/playhead.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace Rewind {

StreamsPane::StreamsPane(Playhead* playhead, QWidget* parent)
    : QWidget(parent)
    , m_playhead(playhead)
    , m_model(new StreamsModel(this))
    , m_proxy(new StreamFilterProxy(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
{
    auto* title = new QLabel(tr("<b>Streams</b>"), this);
    m_filter->setObjectName(QStringLiteral("streamFilter"));
    m_filter->setPlaceholderText(tr("Filter streams"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Show the streams whose name or domain contains this text"));

    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("streamsView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(StreamsModel::StreamColumn, QHeaderView::Stretch);
    // Fixed widths fitted to the contents (fitColumns): ResizeToContents would also keep room for
    // a sort arrow in every column, taken from the stream names.
    for (int c = StreamsModel::DomainColumn; c < StreamsModel::ColumnCount; ++c)
        m_view->header()->setSectionResizeMode(c, QHeaderView::Fixed);
    fitColumns();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &StreamFilterProxy::setText);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            if (!m_syncing && current.isValid())
                m_playhead->setStream(current.data(StreamsModel::StreamIdRole).toString());
        });
    connect(m_playhead, &Playhead::historyChanged, this, [this] {
        m_model->setHistory(m_playhead->sharedHistory());
        fitColumns();
    });
    connect(m_playhead, &Playhead::analysisChanged, this, [this] {
        m_model->refreshAnalysis();
        fitColumns();
    });
    connect(m_playhead, &Playhead::streamChanged, this, &StreamsPane::selectStream);
}

void StreamsPane::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitColumns();
}

void StreamsPane::fitColumns()
{
    const QFontMetrics metrics = m_view->fontMetrics();
    constexpr int Padding = 14;
    for (int column = StreamsModel::DomainColumn; column < StreamsModel::ColumnCount; ++column) {
        const QVariant icon = m_model->headerData(column, Qt::Horizontal, Qt::DecorationRole);
        int width = icon.isValid() ? m_view->iconSize().width() + 8
                                   : metrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString());
        // Streams are few next to events: a look at each row is cheap.
        for (int row = 0; row < m_model->rowCount(); ++row)
            width = std::max(width, metrics.horizontalAdvance(m_model->index(row, column).data().toString()));
        m_view->setColumnWidth(column, width + Padding);
    }
    // The pane keeps room for the stream names (up to a point): a splitter never squeezes them
    // to "acc…" to widen another pane.
    int names = metrics.horizontalAdvance(m_model->headerData(StreamsModel::StreamColumn, Qt::Horizontal).toString());
    for (int row = 0; row < m_model->rowCount(); ++row)
        names = std::max(
            names, metrics.horizontalAdvance(m_model->index(row, StreamsModel::StreamColumn).data().toString()));
    int others = 0;
    for (int column = StreamsModel::DomainColumn; column < StreamsModel::ColumnCount; ++column)
        others += m_view->columnWidth(column);
    const int swatch = m_view->iconSize().isValid() ? m_view->iconSize().width() : 16;
    const int frame = 2 * m_view->frameWidth() + m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 2;
    m_view->setMinimumWidth(std::min(names + swatch + Padding + 8, 24 * metrics.averageCharWidth()) + others + frame);
}

void StreamsPane::selectStream(const QString& stream)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(m_model->rowOf(stream), 0));
    if (!index.isValid())
        return;
    m_syncing = true;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_syncing = false;
}

} // namespace Rewind
