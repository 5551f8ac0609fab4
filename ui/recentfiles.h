#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace Rewind {

/// The files opened lately, newest first, kept in QSettings, and a menu to reopen them.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxFiles = 10;

    explicit RecentFiles(QObject* parent = nullptr);

    QStringList files() const;
    void add(const QString& path);
    void remove(const QString& path);
    void clear();
    /// Refills `menu` with the files; triggering one emits openRequested.
    void fillMenu(QMenu* menu);

signals:
    void openRequested(const QString& path);
    void changed();

private:
    void store(const QStringList& files);
};

} // namespace Rewind
