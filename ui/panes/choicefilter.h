#pragma once

#include <QToolButton>

class QCheckBox;
class QListWidget;

namespace Rewind {

/// A filter button over a list of names (event types, actors): its popup lists them with check
/// boxes, so several can be chosen at once, and "Hide the checked ones" turns the choice into an
/// exclusion. Nothing checked means everything is shown. The button's text says the choice.
class ChoiceFilter : public QToolButton {
    Q_OBJECT
public:
    /// `everything`: "All types"; `some`: "%n types" for the count of checked names.
    ChoiceFilter(QString everything, QString some, QWidget* parent = nullptr);

    void clear();
    /// Adds names, unchecked; `ids` (same length) are what chosen() gives back, the names when empty.
    void addChoices(const QStringList& names, const QVariantList& ids = {});
    int choiceCount() const;
    /// The names offered, in order.
    QStringList choices() const;

    void setChecked(const QString& name, bool checked);
    void setExcluding(bool excluding);
    /// The ids of the checked names.
    QVariantList chosen() const;
    /// The checked names.
    QStringList checkedNames() const;
    bool isExcluding() const;

signals:
    void choiceChanged();

private:
    void updateText();

    QString m_everything;
    QString m_some;
    QListWidget* m_list = nullptr;
    QCheckBox* m_exclude = nullptr;
};

} // namespace Rewind
