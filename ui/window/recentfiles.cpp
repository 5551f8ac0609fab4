#include "window/recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include <algorithm>

namespace Rewind {

namespace {
const QString Key = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QObject* parent)
    : QObject(parent)
{
}

QStringList RecentFiles::files() const { return QSettings().value(Key).toStringList(); }

void RecentFiles::store(const QStringList& files)
{
    QSettings().setValue(Key, files);
    emit changed();
}

void RecentFiles::add(const QString& path) { add(QStringList { path }); }

void RecentFiles::add(const QStringList& paths)
{
    QStringList absolutes;
    for (const QString& path : paths)
        absolutes.append(QFileInfo(path).absoluteFilePath());
    const QString absolute = absolutes.join(QLatin1Char('\n'));
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > MaxFiles)
        list.removeLast();
    store(list);
}

void RecentFiles::remove(const QString& path)
{
    QStringList list = files();
    if (list.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        store(list);
}

QStringList RecentFiles::pathsOf(const QString& entry) { return entry.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }

QString RecentFiles::displayName(const QStringList& paths)
{
    if (paths.isEmpty())
        return {};
    const QString first = QFileInfo(paths.first()).fileName();
    return paths.size() == 1 ? first : tr("%1 + %n more", nullptr, int(paths.size() - 1)).arg(first);
}

void RecentFiles::clear() { store({}); }

void RecentFiles::fillMenu(QMenu* menu)
{
    menu->clear();
    const QStringList list = files();
    int number = 0;
    for (const QString& entry : list) {
        ++number;
        const QStringList paths = pathsOf(entry);
        // A file name may hold '&'; doubled, it is not taken for a mnemonic.
        QString name = displayName(paths);
        name.replace(QLatin1Char('&'), QStringLiteral("&&"));
        const QString label = number < 10 ? QStringLiteral("&%1 %2").arg(number).arg(name) : name;
        QAction* action = menu->addAction(label, this, [this, paths] { emit openRequested(paths); });
        QStringList native;
        for (const QString& path : paths)
            native.append(QDir::toNativeSeparators(path));
        action->setToolTip(native.join(QLatin1Char('\n')));
        action->setStatusTip(native.join(QStringLiteral(" + ")));
        action->setEnabled(
            std::all_of(paths.cbegin(), paths.cend(), [](const QString& path) { return QFileInfo::exists(path); }));
    }
    if (list.isEmpty()) {
        menu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    menu->addSeparator();
    menu->addAction(tr("&Clear Recent Files"), this, &RecentFiles::clear);
}

} // namespace Rewind
