#include "panes/choicefilter.h"

#include <QCheckBox>
#include <QListWidget>
#include <QMenu>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace Rewind {

ChoiceFilter::ChoiceFilter(QString everything, QString some, QWidget* parent)
    : QToolButton(parent)
    , m_everything(std::move(everything))
    , m_some(std::move(some))
{
    // A list inside the menu, not one action per name: the menu stays open while several are
    // checked, and hundreds of actors scroll.
    auto* menu = new QMenu(this);
    auto* panel = new QWidget(menu);
    m_list = new QListWidget(panel);
    m_list->setObjectName(QStringLiteral("choices"));
    m_list->setMinimumWidth(fontMetrics().averageCharWidth() * 28);
    m_exclude = new QCheckBox(tr("&Hide the checked ones"), panel);
    m_exclude->setToolTip(tr("Show every event except those checked"));
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list);
    layout->addWidget(m_exclude);
    auto* action = new QWidgetAction(menu);
    action->setDefaultWidget(panel);
    menu->addAction(action);
    auto* showAll = menu->addAction(tr("Show &all"));
    connect(showAll, &QAction::triggered, this, [this] {
        const QSignalBlocker blocker(m_list);
        for (int i = 0; i < m_list->count(); ++i)
            m_list->item(i)->setCheckState(Qt::Unchecked);
        m_exclude->setChecked(false);
        updateText();
        emit choiceChanged();
    });
    setMenu(menu);
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        updateText();
        emit choiceChanged();
    });
    connect(m_exclude, &QCheckBox::toggled, this, [this] {
        updateText();
        if (!chosen().isEmpty())
            emit choiceChanged();
    });
    updateText();
}

void ChoiceFilter::clear()
{
    const QSignalBlocker blocker(m_list);
    const QSignalBlocker excludeBlocker(m_exclude);
    m_list->clear();
    m_exclude->setChecked(false);
    updateText();
}

void ChoiceFilter::addChoices(const QStringList& names, const QVariantList& ids)
{
    const QSignalBlocker blocker(m_list);
    for (qsizetype i = 0; i < names.size(); ++i) {
        auto* item = new QListWidgetItem(names.at(i), m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setData(Qt::UserRole, ids.isEmpty() ? QVariant(names.at(i)) : ids.at(i));
    }
}

int ChoiceFilter::choiceCount() const { return m_list->count(); }

QStringList ChoiceFilter::choices() const
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i)
        names.append(m_list->item(i)->text());
    return names;
}

void ChoiceFilter::setChecked(const QString& name, bool checked)
{
    for (QListWidgetItem* item : m_list->findItems(name, Qt::MatchExactly))
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void ChoiceFilter::setExcluding(bool excluding) { m_exclude->setChecked(excluding); }

QVariantList ChoiceFilter::chosen() const
{
    QVariantList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            ids.append(m_list->item(i)->data(Qt::UserRole));
    }
    return ids;
}

QStringList ChoiceFilter::checkedNames() const
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            names.append(m_list->item(i)->text());
    }
    return names;
}

bool ChoiceFilter::isExcluding() const { return m_exclude->isChecked(); }

void ChoiceFilter::updateText()
{
    const QStringList names = checkedNames();
    QString text = names.isEmpty() ? m_everything : names.size() == 1 ? names.first() : m_some.arg(names.size());
    if (!names.isEmpty() && isExcluding())
        text = tr("Not %1").arg(text);
    setText(text);
    setToolTip(names.isEmpty()
            ? m_everything
            : (isExcluding() ? tr("Hiding: %1") : tr("Showing: %1")).arg(names.join(QLatin1String(", "))));
}

} // namespace Rewind
