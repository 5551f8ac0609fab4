#include "sources/recordpreview.h"

#include "sources/csvreader.h"
#include "sources/csvrows.h"
#include "sources/jsonscanner.h"
#include "sources/logrecord.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>

#include <array>
#include <limits>
#include <utility>
#include <variant>

namespace Rewind {

namespace {
using F = FieldMapping;

/// Enough for twenty records of any sane log; a record cut at this limit is left out.
constexpr qint64 HeadBytes = 4 * 1024 * 1024;
/// Nested keys are offered this deep (`metadata.occurredAt` is depth 2).
constexpr int KeyDepth = 3;
constexpr std::array<F::Field, 7> MappedFields = { F::Stream, F::Type, F::Version, F::Position, F::At, F::Data,
    F::Metadata };

void collectKeys(const QJsonObject& object, const QString& prefix, int depth, QStringList* keys)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (!keys->contains(path))
            keys->append(path);
        if (it->isObject() && depth < KeyDepth)
            collectKeys(it->toObject(), path, depth + 1, keys);
    }
}

}

Result<RecordPreview> RecordPreview::load(const QString& path, int maxRecords)
{
    RecordPreview preview;
    preview.m_path = path;
    preview.m_kind = SourceOpener::detect(path);
    switch (preview.m_kind) {
    case SourceOpener::Kind::JsonLines:
    case SourceOpener::Kind::Json:
    case SourceOpener::Kind::Csv:
        break;
    case SourceOpener::Kind::Missing:
        return Error::badInput(tr("no such file"), path);
    case SourceOpener::Kind::RewindStore:
    case SourceOpener::Kind::EmmettStore:
        return Error::badInput(tr("an event store: its fields are known, no mapping needed"), path);
    default:
        return Error::badInput(
            tr("a mapping applies to JSON Lines, JSON and CSV logs, and this is none of them"), path);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::badInput(file.errorString(), path);
    QByteArray head = file.read(HeadBytes);
    const bool cut = file.size() > head.size();
    // Line numbers count from the file's first byte; a byte-order mark is no line.
    const qsizetype bom = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;

    if (preview.m_kind == SourceOpener::Kind::Json) {
        // The reader's own scanner: the preview finds the records the reader will read. A
        // record cut by the end of the head, or a broken one, ends the preview.
        JsonScanner scanner(head.constData() + bom, head.constData() + head.size());
        std::optional<JsonScanner::Problem> problem = scanner.enterRecords();
        while (!problem && preview.m_records.size() < maxRecords) {
            const auto record = scanner.nextRecord(&problem);
            if (!record || record->text.empty())
                break;
            preview.m_records.append({ record->line, QByteArray(record->text.data(), qsizetype(record->text.size())) });
        }
    } else if (preview.m_kind == SourceOpener::Kind::Csv) {
        // The reader's own row parser, so quoted line breaks and separators count as it counts them.
        const char* begin = head.constData() + bom;
        const char* end = head.constData() + head.size();
        const char* firstNewline = static_cast<const char*>(std::memchr(begin, '\n', size_t(end - begin)));
        const char separator = detectCsvSeparator(QByteArrayView(begin, (firstNewline ? firstNewline : end) - begin));
        CsvRowParser parser(begin, end, separator);
        QList<QByteArray> fields;
        while (!parser.atEnd() && preview.m_records.size() < maxRecords) {
            const qint64 line = parser.line();
            const char* start = parser.position();
            // A row the reader will refuse is still shown (its error is ignored here): the
            // preview runs the reader on it and names the problem beside it.
            parser.next(fields);
            if (cut && parser.atEnd())
                break; // the last row may be cut short
            const QByteArray text = QByteArray(start, parser.position() - start).trimmed();
            if (text.isEmpty())
                continue;
            if (preview.m_header.isEmpty()) {
                preview.m_header = text;
                for (const QByteArray& name : std::as_const(fields))
                    preview.m_keys.append(QString::fromUtf8(name.trimmed()));
            } else {
                preview.m_records.append({ line, text });
            }
        }
    } else {
        // JSON Lines: a record is a line.
        qint64 line = 1;
        qsizetype start = bom;
        for (qsizetype i = bom;; ++i) {
            const bool atEnd = i >= head.size();
            if (!atEnd && head.at(i) != '\n')
                continue;
            if (atEnd && cut)
                break; // the last record may be cut short
            const QByteArray text = head.mid(start, i - start).trimmed();
            if (!text.isEmpty())
                preview.m_records.append({ line, text });
            if (atEnd || preview.m_records.size() >= maxRecords)
                break;
            ++line;
            start = i + 1;
        }
    }

    if (preview.m_kind != SourceOpener::Kind::Csv) {
        for (const Record& record : std::as_const(preview.m_records)) {
            const QJsonDocument document = QJsonDocument::fromJson(record.text);
            if (document.isObject())
                collectKeys(document.object(), {}, 1, &preview.m_keys);
        }
    }
    return preview;
}

QString RecordPreview::kindName() const
{
    switch (m_kind) {
    case SourceOpener::Kind::JsonLines:
        return tr("JSON Lines");
    case SourceOpener::Kind::Json:
        return tr("JSON");
    case SourceOpener::Kind::Csv:
        return tr("CSV");
    default:
        return {};
    }
}

FieldMapping RecordPreview::detected() const
{
    // The records' own keys, ranked the way the readers rank the aliases. Every record counts,
    // as the readers detect record by record: a version that only snapshot records carry is found.
    QList<QJsonObject> objects;
    QStringList topKeys;
    if (m_kind == SourceOpener::Kind::Csv) {
        topKeys = m_keys;
    } else {
        for (const Record& record : m_records) {
            const QJsonDocument document = QJsonDocument::fromJson(record.text);
            if (!document.isObject())
                continue;
            objects.append(document.object());
            for (const QString& key : document.object().keys()) {
                if (!topKeys.contains(key))
                    topKeys.append(key);
            }
        }
    }
    std::array<QString, F::FieldCount> found;
    std::array<int, F::FieldCount> ranks;
    ranks.fill(std::numeric_limits<int>::max());
    for (const QString& key : std::as_const(topKeys)) {
        int rank = 0;
        const auto field = F::detect(key, &rank);
        if (field && rank < ranks.at(*field)) {
            ranks.at(*field) = rank;
            found.at(*field) = key;
        }
    }
    // No time of its own: the metadata's, as the time rule in docs/formats.md reads it.
    for (const QJsonObject& object : std::as_const(objects)) {
        if (!found.at(F::At).isEmpty() || found.at(F::Metadata).isEmpty())
            break;
        const QJsonObject metadata = object.value(found.at(F::Metadata)).toObject();
        for (const char* wanted : { "occurredat", "timestamp", "time" }) {
            for (auto it = metadata.begin(); it != metadata.end() && found.at(F::At).isEmpty(); ++it) {
                if (F::normalizedKey(it.key()) == QLatin1String(wanted))
                    found.at(F::At) = found.at(F::Metadata) + QLatin1Char('.') + it.key();
            }
        }
    }
    FieldMapping mapping;
    for (const F::Field field : MappedFields)
        mapping.setPath(field, found.at(field));
    return mapping;
}

QList<RecordPreview::Row> RecordPreview::apply(const FieldMapping& mapping) const
{
    return m_kind == SourceOpener::Kind::Csv ? applyCsv(mapping) : applyJson(mapping);
}

QList<RecordPreview::Row> RecordPreview::applyJson(const FieldMapping& mapping) const
{
    QList<Row> rows;
    QHash<QString, qint64> lastVersion;
    for (const Record& record : m_records) {
        Row row;
        row.line = record.line;
        auto parsed =
            LogRecord::fromJson(std::string_view(record.text.constData(), size_t(record.text.size())), 0, mapping);
        if (auto* event = std::get_if<Event>(&parsed)) {
            row.event = std::move(*event);
        } else if (const auto* snapshot = std::get_if<Snapshot>(&parsed)) {
            row.isSnapshot = true;
            row.event.stream = snapshot->stream;
            row.event.version = snapshot->version;
            row.event.at = snapshot->at;
            row.event.type = tr("(snapshot)");
            row.event.data = snapshot->state.toJson();
        } else {
            row.problem = std::get<LogRecord::Problem>(parsed).message;
        }
        if (row.problem.isEmpty() && !row.isSnapshot) {
            qint64& last = lastVersion[row.event.stream];
            if (row.event.version == 0) {
                row.event.version = last + 1;
                row.versionFilledIn = true;
            }
            last = row.event.version;
        }
        rows.append(std::move(row));
    }
    return rows;
}

QList<RecordPreview::Row> RecordPreview::applyCsv(const FieldMapping& mapping) const
{
    // The CSV reader decides what each column becomes; it reads the head, written out again
    // with the same line breaks so that its line numbers are the file's.
    QTemporaryFile head(QDir::tempPath() + QStringLiteral("/rewind-preview-XXXXXX.csv"));
    if (!head.open())
        return { Row { 0, {}, false, false, head.errorString() } };
    head.write(m_header + '\n');
    qint64 line = 2;
    for (const Record& record : m_records) {
        for (; line < record.line; ++line)
            head.write("\n");
        head.write(record.text + '\n');
        line += record.text.count('\n') + 1;
    }
    head.flush();
    ReadOptions options;
    options.mapping = mapping;
    options.keepProblems = int(m_records.size()) + 1;
    ReadReport report;
    auto source = CsvReader::read(head.fileName(), options, &report);
    if (!source)
        return { Row { 0, {}, false, false, source.error().message } };
    QHash<qint64, QString> problems;
    for (const Error& problem : std::as_const(report.problems))
        problems.insert(problem.line, problem.message);
    const auto events = (*source)->events();
    const bool filledIn = !(*source)->versionsGiven();
    QList<Row> rows;
    qsizetype next = 0;
    for (const Record& record : m_records) {
        Row row;
        row.line = record.line;
        if (problems.contains(record.line)) {
            row.problem = problems.value(record.line);
        } else if (events && next < events->size()) {
            row.event = events->at(next++);
            row.versionFilledIn = filledIn;
        }
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace Rewind
