#pragma once

#include "model/error.h"
#include "model/event.h"
#include "sources/fieldmapping.h"
#include "sources/sourceopener.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace Rewind {

/// The first records of a log file and what they become under a field mapping, for the mapping
/// dialog. JSON Lines and JSON records are parsed one by one with LogRecord, as the readers do;
/// a CSV head is handed to the CSV reader itself, since there a mapping names columns. Only the
/// head of the file is read, so a preview of a gigabyte log costs what one of twenty lines does.
class RecordPreview {
    Q_DECLARE_TR_FUNCTIONS(RecordPreview)

public:
    struct Record {
        qint64 line = 0; ///< where the record starts, 1-based
        QByteArray text; ///< as written (one line of JSON Lines or CSV, one element of a JSON array)
    };
    /// What one record becomes: an event, a snapshot, or the reason it cannot be.
    struct Row {
        qint64 line = 0;
        Event event; ///< valid when `problem` is empty and `isSnapshot` is false
        bool isSnapshot = false;
        bool versionFilledIn = false; ///< the record had no version: counted 1, 2, 3 … per stream
        QString problem;
    };

    static constexpr int DefaultRecords = 20;

    /// Reads the head of `path`. Refuses what is not a text log (stores, binary data …).
    static Result<RecordPreview> load(const QString& path, int maxRecords = DefaultRecords);

    QString path() const { return m_path; }
    SourceOpener::Kind kind() const { return m_kind; }
    /// `JSON Lines`, `JSON`, `CSV`
    QString kindName() const;
    /// The CSV header row; empty for JSON.
    QByteArray header() const { return m_header; }
    const QList<Record>& records() const { return m_records; }
    /// Every field path the records hold, in the order first seen: top-level keys and, dotted,
    /// the keys of nested objects (`metadata.occurredAt`). For CSV, the column names.
    QStringList keys() const { return m_keys; }
    /// What detection finds in the first record, every field given (a path or "none") except
    /// kind and state, which stay detected so that snapshot records keep working.
    FieldMapping detected() const;
    /// Each record under `mapping`.
    QList<Row> apply(const FieldMapping& mapping) const;

private:
    QList<Row> applyJson(const FieldMapping& mapping) const;
    QList<Row> applyCsv(const FieldMapping& mapping) const;

    QString m_path;
    SourceOpener::Kind m_kind = SourceOpener::Kind::Unknown;
    QByteArray m_header;
    QList<Record> m_records;
    QStringList m_keys;
};

} // namespace Rewind
