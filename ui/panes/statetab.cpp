#include "panes/statetab.h"

#include "domains/domain.h"
#include "models/pointdetails.h"
#include "models/statetreemodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace Rewind {

StateTab::StateTab(QWidget* parent)
    : QWidget(parent)
    , m_model(new StateTreeModel(this))
    , m_title(new QLabel(this))
    , m_dim(new QCheckBox(tr("&Dim unchanged fields"), this))
    , m_view(new QTreeView(this))
{
    m_title->setObjectName(QStringLiteral("stateTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dim->setObjectName(QStringLiteral("dimUnchanged"));
    m_dim->setToolTip(tr("Grey out the fields the current event did not change"));
    m_view->setObjectName(QStringLiteral("stateTree"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_dim);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view);
    connect(m_dim, &QCheckBox::toggled, m_model, &StateTreeModel::setDimUnchanged);
}

void StateTab::setDetails(const PointDetails& details)
{
    QSet<QString> changed;
    for (const Change& change : details.changes)
        changed.insert(change.path);
    m_model->setDomain(details.domain);
    m_model->setState(details.after, changed);
    m_view->expandAll();
    if (!details.error.isEmpty()) {
        m_title->setText(details.error);
        return;
    }
    const qsizetype changedCount = details.changes.size();
    // What if: said in the title too, so a copied or printed view cannot be taken for the log's.
    m_title->setText((details.whatIf ? tr("What if: ") : QString())
        + tr("<b>%1</b> after v%2 (%3) — %4")
              .arg(details.event.stream.toHtmlEscaped())
              .arg(details.event.version)
              .arg(details.domain->name().toHtmlEscaped(),
                  changedCount == 1 ? tr("1 field changed") : tr("%1 fields changed").arg(changedCount)));
}

} // namespace Rewind
