#include "loading/demofile.h"

#include "demo/demohistory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUuid>

namespace Rewind {

QString DemoFile::path()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath() + QLatin1String("/rewind");
    // The name carries a version: a newer demo never reads an older file.
    return dir + QLatin1String("/demo-v1.rewind");
}

Result<QString> DemoFile::ensure()
{
    const QString path = DemoFile::path();
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return Error::failure(QStringLiteral("cannot create the cache directory"), dir);
    if (QFileInfo::exists(path))
        return path;
    // Written under a temporary name and renamed, so two windows starting at once never see half a store.
    const QString temporary =
        dir + QLatin1String("/demo-") + QUuid::createUuid().toString(QUuid::Id128) + QLatin1String(".tmp");
    if (const Status written = DemoHistory::write(temporary); !written) {
        QFile::remove(temporary);
        return written.error();
    }
    if (!QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        if (!QFileInfo::exists(path))
            return Error::failure(QStringLiteral("cannot write the demo"), path);
    }
    return path;
}

} // namespace Rewind
