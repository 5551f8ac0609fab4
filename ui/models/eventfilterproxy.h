#pragma once

#include <QSortFilterProxyModel>

namespace Rewind {

/// Narrows the events table: to one stream, one type, one actor, and rows containing a text.
/// Stream and type are checked on the index alone; actor and text read the event, so they are
/// checked last and only when set.
class EventFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit EventFilterProxy(QObject* parent = nullptr);

    void setStreamIndex(int stream); ///< -1: every stream
    void setTypeIndex(int type); ///< -1: every type
    void setActor(const QString& actor); ///< empty: everyone
    void setText(const QString& text); ///< empty: no search
    int streamIndex() const { return m_stream; }
    int typeIndex() const { return m_type; }
    QString actor() const { return m_actor; }
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_stream = -1;
    int m_type = -1;
    QString m_actor;
    QString m_text;
};

} // namespace Rewind
