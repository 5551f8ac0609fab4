#include "panes/difftab.h"

#include "model/analysis.h"
#include "models/diffmodel.h"
#include "models/eventtext.h"
#include "models/pointdetails.h"
#include "theme/themecolors.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace Rewind {

DiffTab::DiffTab(QWidget* parent)
    : QWidget(parent)
    , m_model(new DiffModel(this))
    , m_title(new QLabel(this))
    , m_anomalies(new QLabel(this))
    , m_view(new QTreeView(this))
{
    m_title->setObjectName(QStringLiteral("diffTitle"));
    m_title->setWordWrap(true);
    m_anomalies->setObjectName(QStringLiteral("diffAnomalies"));
    m_anomalies->setWordWrap(true);
    m_anomalies->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setObjectName(QStringLiteral("diffView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_anomalies);
}

void DiffTab::setDetails(const PointDetails& details)
{
    m_model->setDomain(details.domain);
    m_model->setChanges(details.changes);
    if (!details.error.isEmpty()) {
        m_title->setText(details.error);
        m_anomalies->clear();
        return;
    }
    const qsizetype changes = details.changes.size();
    m_title->setText((details.whatIf ? tr("What if: ") : QString())
        + tr("<b>%1</b> on %2 v%3: %4")
              .arg(details.event.type.toHtmlEscaped(), details.event.stream.toHtmlEscaped())
              .arg(details.event.version)
              .arg(changes == 1 ? tr("1 change") : tr("%1 changes").arg(changes)));
    QStringList lines;
    const QString color = ThemeColors::anomaly(palette()).name();
    if (details.switchedOff)
        lines.append(tr("<b>This event is switched off</b>: what if it had never happened? It changes nothing "
                        "here, and the states after it leave it out."));
    if (details.whatIf) {
        // The alternate history's anomalies apart from the log's: hollow, in the what-if colour.
        const QString whatIfColor = ThemeColors::whatIf(palette()).name();
        for (const Anomaly& anomaly : details.anomalies)
            lines.append(tr("<span style='color:%1'>\u25B3 <b>What if: %2</b></span>: %3")
                             .arg(whatIfColor, anomaly.kind, anomaly.message.toHtmlEscaped()));
        if (details.anomalies.isEmpty() && !details.realAnomalies.isEmpty())
            lines.append(tr("<span style='color:%1'>\u25B3 <b>What if:</b></span> no anomaly here.").arg(whatIfColor));
        for (const Anomaly& anomaly : details.realAnomalies)
            lines.append(tr("<span style='color:%1'>\u25B2 In the real history, <b>%2</b></span>: %3")
                             .arg(color, anomaly.kind, anomaly.message.toHtmlEscaped()));
    } else {
        for (const Anomaly& anomaly : details.anomalies)
            lines.append(tr("<span style='color:%1'>\u25B2 <b>%2</b></span>: %3")
                             .arg(color, anomaly.kind, anomaly.message.toHtmlEscaped()));
    }
    if (details.snapshot) {
        lines.append(details.snapshot->matches
                ? tr("\u25C6 A snapshot was taken after this event; it matches the replay.")
                : tr("<span style='color:%1'>\u25C7 <b>The snapshot taken after this event differs from the "
                     "replay</b></span> "
                     "(fields that differ: %2); loads ignore it.")
                      .arg(ThemeColors::staleSnapshot(palette()).name())
                      .arg(details.snapshot->differences.size()));
    }
    if (details.snapshot && !details.snapshot->matches) {
        // Each difference goes from the replayed state to what the snapshot holds.
        for (const Change& difference : details.snapshot->differences) {
            const bool money = EventText::isMoneyPath(details.domain, difference.path);
            lines.append(
                tr("&nbsp;&nbsp;%1: the replay says %2, the snapshot says %3")
                    .arg(difference.path.toHtmlEscaped(), EventText::value(difference.old, money).toHtmlEscaped(),
                        EventText::value(difference.value, money).toHtmlEscaped()));
        }
    }
    m_anomalies->setText(lines.join(QLatin1String("<br>")));
    m_anomalies->setVisible(!lines.isEmpty());
}

} // namespace Rewind
