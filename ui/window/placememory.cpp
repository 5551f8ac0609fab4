#include "window/placememory.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace Rewind {

QString PlaceMemory::keyOf(const QStringList& paths)
{
    // A digest: settings keys cannot hold slashes, and a path says where the user's files are.
    QStringList canonical;
    for (const QString& path : paths) {
        const QString resolved = QFileInfo(path).canonicalFilePath();
        canonical.append(resolved.isEmpty() ? path : resolved);
    }
    return QString::fromLatin1(
        QCryptographicHash::hash(canonical.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha1).toHex());
}

void PlaceMemory::save(const QStringList& paths, const Place& place)
{
    if (paths.isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(QStringLiteral("places"));
    settings.beginGroup(keyOf(paths));
    settings.setValue(QStringLiteral("position"), place.position);
    settings.setValue(QStringLiteral("stream"), place.stream);
    settings.setValue(QStringLiteral("tab"), place.tab);
    settings.setValue(QStringLiteral("search"), place.search);
    settings.setValue(QStringLiteral("types"), place.types);
    settings.setValue(QStringLiteral("typesExcluded"), place.typesExcluded);
    settings.setValue(QStringLiteral("savedAt"), QDateTime::currentMSecsSinceEpoch());
    settings.endGroup();
    // Past the bound, the places left longest ago go.
    QStringList keys = settings.childGroups();
    if (keys.size() <= MaxPlaces)
        return;
    std::sort(keys.begin(), keys.end(), [&settings](const QString& a, const QString& b) {
        return settings.value(a + QStringLiteral("/savedAt")).toLongLong()
            < settings.value(b + QStringLiteral("/savedAt")).toLongLong();
    });
    for (qsizetype i = 0; i < keys.size() - MaxPlaces; ++i)
        settings.remove(keys.at(i));
}

std::optional<Place> PlaceMemory::load(const QStringList& paths)
{
    if (paths.isEmpty())
        return std::nullopt;
    QSettings settings;
    settings.beginGroup(QStringLiteral("places"));
    if (!settings.childGroups().contains(keyOf(paths)))
        return std::nullopt;
    settings.beginGroup(keyOf(paths));
    Place place;
    place.position = settings.value(QStringLiteral("position")).toLongLong();
    place.stream = settings.value(QStringLiteral("stream")).toString();
    place.tab = settings.value(QStringLiteral("tab")).toInt();
    place.search = settings.value(QStringLiteral("search")).toString();
    place.types = settings.value(QStringLiteral("types")).toStringList();
    place.typesExcluded = settings.value(QStringLiteral("typesExcluded")).toBool();
    return place;
}

} // namespace Rewind
