#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace Rewind {

/// The files opened lately, newest first, kept in QSettings, and a menu to reopen them. Files
/// opened together (merged by time) are one entry, `a.jsonl + 2 more`, that reopens all of them.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxFiles = 10;

    explicit RecentFiles(QObject* parent = nullptr);

    /// The entries, newest first; an entry of several files holds their paths one per line.
    QStringList files() const;
    void add(const QString& path);
    void add(const QStringList& paths);
    void remove(const QString& path);
    void clear();
    /// Refills `menu` with the files; triggering one emits openRequested.
    void fillMenu(QMenu* menu);

    /// The files of an entry.
    static QStringList pathsOf(const QString& entry);
    /// How a set of files reads in a title or a menu: `a.jsonl`, `a.jsonl + 2 more`.
    static QString displayName(const QStringList& paths);

signals:
    void openRequested(const QStringList& paths);
    void changed();

private:
    void store(const QStringList& files);
};

} // namespace Rewind
