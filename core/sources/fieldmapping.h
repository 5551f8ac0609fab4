#pragma once

#include "model/error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace Rewind {

/// Which of a record's fields holds each of Rewind's own fields, and how its times are written.
/// Exports name the same things differently (`streamId`, `aggregate_uuid`, `eventType`,
/// `payload` …); the aliases listed in docs/formats.md are recognized without configuration, case
/// and `_`/camelCase insensitive. What detection cannot guess, a mapping file says:
/// `{"stream": "aggregate.id", "at": "meta.when", "version": null, "timeFormat": "epoch-s"}` —
/// our field → their field path (dots go into nested objects; null: the records have none).
class FieldMapping {
public:
    enum Field { Stream, Type, Version, Position, At, Data, Metadata, Kind, State, FieldCount };
    enum class TimeFormat {
        Auto, ///< ISO 8601 text or epoch milliseconds, whichever it is
        Iso8601,
        EpochMilliseconds,
        EpochSeconds,
        Pattern, ///< a QDateTime format such as `dd.MM.yyyy HH:mm:ss`, read as UTC
    };

    /// Rewind's name for a field: `stream`, `type`, …
    static QString fieldName(Field field);
    static std::optional<Field> fieldFromName(QStringView name);
    /// `streamId`, `stream_id`, `STREAMID` → `streamid`
    static QString normalizedKey(QStringView key);
    /// The field a record key stands for under the built-in aliases. The native name ranks
    /// first, so a record with both `stream` and `streamId` uses `stream`.
    static std::optional<Field> detect(QStringView key, int* rank = nullptr);
    /// The built-in names of a field, the native one first.
    static QStringList aliases(Field field);

    /// Reads a mapping file. Errors name the file and what is wrong.
    static Result<FieldMapping> load(const QString& path);
    static Result<FieldMapping> fromJson(const QByteArray& json, const QString& file = {});
    QByteArray toJson() const;

    /// True when the field's place is given (a path, or "none"); false: detect it.
    bool isMapped(Field field) const { return m_paths.at(field).has_value(); }
    /// The path given for a field; empty when mapped to "none".
    QString path(Field field) const { return m_paths.at(field).value_or(QString()); }
    /// `path` with dots for nested keys; an empty path means "the records have none".
    void setPath(Field field, const QString& path) { m_paths.at(field) = path; }
    void clearPath(Field field) { m_paths.at(field).reset(); }
    bool isEmpty() const;

    TimeFormat timeFormat() const { return m_timeFormat; }
    QString timePattern() const { return m_timePattern; }
    void setTimeFormat(TimeFormat format, const QString& pattern = {});
    /// `auto`, `iso8601`, `epoch-ms`, `epoch-s`, or the pattern itself.
    QString timeFormatName() const;

    /// A time written as text, under this mapping's time format.
    std::optional<qint64> parseTime(const QString& text) const;
    /// A time written as a JSON number, under this mapping's time format.
    std::optional<qint64> parseTime(double number) const;

    /// One line for `info`: `stream ← streamId, type ← eventType, at ← metadata.occurredAt …`;
    /// `withAbsent` also says what happens to the fields no record gave (versions filled in …).
    QString describe(bool withAbsent = false) const;

    bool operator==(const FieldMapping& other) const = default;

private:
    std::array<std::optional<QString>, FieldCount> m_paths;
    TimeFormat m_timeFormat = TimeFormat::Auto;
    QString m_timePattern;
};

} // namespace Rewind
