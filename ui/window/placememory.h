#pragma once

#include <QStringList>

#include <optional>

namespace Rewind {

/// Where a person was in a history: reopening it brings them back there.
struct Place {
    qint64 position = 0;
    QString stream; ///< the stream the views were narrowed to; empty: all
    int tab = 0; ///< the inspector's tab
    QString search;
    QStringList types; ///< the event types checked in the filter
    bool typesExcluded = false;
};

/// The last place in each history opened lately, kept in QSettings by the files' canonical
/// paths (several files merged are one history). Bounded: the oldest places are forgotten.
class PlaceMemory {
public:
    static constexpr int MaxPlaces = 100;

    static void save(const QStringList& paths, const Place& place);
    static std::optional<Place> load(const QStringList& paths);

private:
    static QString keyOf(const QStringList& paths);
};

} // namespace Rewind
