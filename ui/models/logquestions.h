#pragma once

#include "model/statediff.h"

#include <QList>
#include <QString>

namespace Rewind {

class History;

/// The questions a CRUD row cannot answer about an aggregate and its log can, each answered
/// from the events of one stream up to a position. What the CRUD view asks with a click.
namespace LogQuestions {

/// One event of the stream, as an answer lists it.
struct Step {
    qint64 position = 0;
    qint64 version = 0;
    qint64 at = 0;
    QString type;
    QString actor; ///< empty when the log does not say
    QList<Change> changes; ///< what it changed in the state
};

/// The last event at or before `position` that changed the state, with what it changed (the
/// old values a CRUD row has overwritten). Looks back at most `limit` events; none: position 0.
Step lastChange(const History& history, const QString& stream, qint64 position, int limit = 1000);
/// The latest `count` events at or before `position`, newest first: who did what, and when.
QList<Step> latest(const History& history, const QString& stream, qint64 position, int count = 8);

/// How many events of each type brought the stream to `position`, in order of first appearance.
struct TypeCount {
    QString type;
    qint64 count = 0;
};
QList<TypeCount> eventsByType(const History& history, const QString& stream, qint64 position);

} // namespace LogQuestions

} // namespace Rewind
