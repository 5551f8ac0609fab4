#pragma once

#include <QSortFilterProxyModel>

namespace Rewind {

/// Filters the streams by the text typed, sorts by the chosen column, and keeps "All streams"
/// first whatever the filter or the order.
class StreamFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit StreamFilterProxy(QObject* parent = nullptr);

    /// Shows the streams whose id or domain contains `text`, ignoring case.
    void setText(const QString& text);
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_text;
};

} // namespace Rewind
