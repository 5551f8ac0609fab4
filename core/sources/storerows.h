#pragma once

#include "model/event.h"
#include "store/interner.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace Rewind {

class PlainObject;

/// Turns the rows of another product's event table (Emmett's emt_messages, Marten's mt_events,
/// Message DB's messages) into Events. Directly, in the common case: the columns are known, so
/// no field is looked for; stream ids and types are interned; data and metadata are copied as
/// they are (stores write compact JSON, and every number keeps its digits); the time is found by
/// one scan of the metadata. Any row not in that form is read the generic way: as the JSON record
/// a log would hold, by LogRecord, as every text format is read. Either way the event, or the
/// reason there is none, is the same.
class StoreRows {
public:
    /// How rows become events. `Direct`, what every read uses, takes the columns as the store
    /// writes them and leaves any other row to `AsLogRecord`: each row turned into the JSON record
    /// a log would hold and read as every text format is. Tests hold the two to the same events.
    enum class Reading { Direct, AsLogRecord };

    struct Row {
        qint64 position = 0;
        qint64 version = 0;
        QByteArrayView stream;
        QByteArrayView type;
        QByteArrayView metadata;
        /// The row's insert time as text (SQLite's CURRENT_TIMESTAMP), empty when there is none.
        QByteArrayView created;
        /// The row's insert time in epoch milliseconds, when the store gives a number (0: none).
        qint64 createdMs = 0;
        QByteArrayView data; ///< `{}` when the read does not want data
    };
    enum class Outcome { Event, Skipped, Problem };

    StoreRows(Reading reading, bool withMetadata);
    ~StoreRows();
    StoreRows(const StoreRows&) = delete;
    StoreRows& operator=(const StoreRows&) = delete;

    /// Reads one row into event() (valid until the next call), or says why it cannot.
    Outcome read(const Row& row);
    const Event& event() const { return m_event; }
    const QString& problem() const { return m_problem; }

private:
    bool direct(const Row& row);
    Outcome generic(const Row& row);
    qint64 createdTime(const Row& row);

    const Reading m_reading;
    const bool m_withMetadata;
    Event m_event;
    Interner m_streams;
    Interner m_types;
    std::unique_ptr<PlainObject> m_object;
    QByteArray m_lastCreated;
    qint64 m_lastCreatedAt = 0;
    QByteArray m_record;
    QString m_problem;
};

} // namespace Rewind
