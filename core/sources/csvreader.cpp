#include "sources/csvreader.h"

#include "sources/csvrows.h"
#include "sources/fieldmapping.h"
#include "sources/logrecord.h"
#include "sources/recordcollector.h"

#include <QHash>

#include <cstring>
#include <variant>

namespace Rewind {

namespace {
using F = FieldMapping;

void appendJsonString(QByteArray& out, QByteArrayView text)
{
    out.append('"');
    for (const char c : text) {
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out.append("\\u00").append(QByteArray::number(int(c), 16).rightJustified(2, '0'));
            else
                out.append(c);
        }
    }
    out.append('"');
}

bool isJsonNumber(QByteArrayView t)
{
    qsizetype i = 0;
    const auto digits = [&] {
        const qsizetype start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9')
            ++i;
        return i > start;
    };
    if (i < t.size() && t[i] == '-')
        ++i;
    if (i < t.size() && t[i] == '0')
        ++i;
    else if (!digits())
        return false;
    if (i < t.size() && t[i] == '.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == t.size();
}

/// A cell of an "other" column as a JSON value: numbers and true/false as such, else text.
void appendCell(QByteArray& out, QByteArrayView cell)
{
    if (isJsonNumber(cell) || cell == "true" || cell == "false")
        out.append(cell.data(), cell.size());
    else
        appendJsonString(out, cell);
}

/// What one column holds.
struct Column {
    enum Role { Field, Extra, IntoData, IntoMetadata };
    Role role = Extra;
    F::Field field = F::Data;
    QByteArray key; ///< the key in data or metadata
};

/// `{"a":1}` + `"b":2` → `{"a":1,"b":2}`; the text is checked to be an object by LogRecord.
QByteArray mergeObject(const QByteArray& objectText, const QByteArray& members)
{
    if (members.isEmpty())
        return objectText;
    QByteArray inner = objectText.trimmed();
    inner.chop(1);
    const bool empty = inner.trimmed() == "{";
    return inner + (empty ? "" : ",") + members + '}';
}

/// What the header row says each column holds, and how a row becomes a record with Rewind's own
/// names, which LogRecord then reads like any JSON Lines line. Used twice: when the file is
/// indexed, and when an event's data and metadata are read back from its row.
class CsvColumns {
public:
    /// The columns of `header` under `mapping`; an Error when the stream or type column is missing.
    static Result<CsvColumns> fromHeader(
        const QList<QByteArray>& header, const FieldMapping& mapping, const QString& path);

    /// Where each field was found, for `info`.
    const FieldMapping& used() const { return m_used; }
    /// The mapping LogRecord reads the rows' records with.
    const FieldMapping& canonical() const { return m_canonical; }
    qsizetype count() const { return m_columns.size(); }

    /// Why a row's stream or type is empty, or an empty string.
    QString emptyRequired(const QList<QByteArray>& cells) const;
    /// The row as a JSON record, or why it cannot be one.
    std::variant<QByteArray, QString> record(const QList<QByteArray>& row) const;
    /// The header and the mapping: what decides how a row becomes a record.
    QByteArray identity() const { return m_header.join('\n') + '\n' + m_mapping; }

private:
    QList<QByteArray> m_header;
    QList<Column> m_columns;
    std::array<int, F::FieldCount> m_columnOf {};
    FieldMapping m_used;
    FieldMapping m_canonical;
    QByteArray m_mapping; ///< the mapping's JSON
};

Result<CsvColumns> CsvColumns::fromHeader(
    const QList<QByteArray>& header, const FieldMapping& mapping, const QString& path)
{
    CsvColumns result;
    result.m_header = header;
    result.m_mapping = mapping.toJson();
    // Each column's role: the mapping's paths are column names here; else the aliases decide.
    QList<Column>& columns = result.m_columns;
    std::array<int, F::FieldCount>& columnOf = result.m_columnOf;
    std::array<int, F::FieldCount> rankOf;
    columnOf.fill(-1);
    rankOf.fill(std::numeric_limits<int>::max());
    QStringList extras;
    FieldMapping& used = result.m_used;
    used.setTimeFormat(mapping.timeFormat(), mapping.timePattern());
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString name = QString::fromUtf8(header.at(i)).trimmed();
        const QString normalized = F::normalizedKey(name);
        Column column;
        bool found = false;
        for (int f = 0; f < F::FieldCount && !found; ++f) {
            if (mapping.isMapped(F::Field(f)) && !mapping.path(F::Field(f)).isEmpty()
                && F::normalizedKey(mapping.path(F::Field(f))) == normalized) {
                column.role = Column::Field;
                column.field = F::Field(f);
                columnOf.at(f) = int(i);
                rankOf.at(f) = -1;
                found = true;
            }
        }
        int rank = 0;
        const auto field = found ? std::nullopt : F::detect(name, &rank);
        if (field && !mapping.isMapped(*field) && rank < rankOf.at(*field)) {
            if (columnOf.at(*field) >= 0) { // a better-ranked alias takes over; the other goes into data
                columns[columnOf.at(*field)].role = Column::Extra;
                extras.append(QString::fromUtf8(header.at(columnOf.at(*field))).trimmed());
            }
            column.role = Column::Field;
            column.field = *field;
            columnOf.at(*field) = int(i);
            rankOf.at(*field) = rank;
            found = true;
        }
        const qsizetype dot = name.indexOf(QLatin1Char('.'));
        if (!found && dot > 0) {
            const auto into = F::detect(name.left(dot));
            if (into == F::Data || into == F::Metadata) {
                column.role = *into == F::Data ? Column::IntoData : Column::IntoMetadata;
                found = true;
            }
        }
        if (!found)
            extras.append(name);
        column.key = column.role == Column::IntoData || column.role == Column::IntoMetadata ? name.mid(dot + 1).toUtf8()
                                                                                            : name.toUtf8();
        columns.append(column);
    }
    for (int f = 0; f < F::FieldCount; ++f) {
        if (columnOf.at(f) >= 0)
            used.setPath(F::Field(f), QString::fromUtf8(header.at(columnOf.at(f))).trimmed());
    }
    for (const F::Field required : { F::Stream, F::Type }) {
        if (columnOf.at(required) >= 0 || (required == F::Type && columnOf.at(F::Kind) >= 0))
            continue;
        const QString looked = mapping.isMapped(required) ? QLatin1Char('"') + mapping.path(required) + QLatin1Char('"')
                                                          : F::aliases(required).join(QStringLiteral(", "));
        // The whole file is judged, not its first line: no line number.
        return Error::unmapped(
            QStringLiteral("not an event log: no %1 column in the CSV header (looked for %2; a --mapping file "
                           "can name it)")
                .arg(F::fieldName(required), looked),
            path);
    }
    if (!extras.isEmpty()) {
        used.setPath(F::Data,
            (columnOf.at(F::Data) >= 0 ? used.path(F::Data) + QStringLiteral(" + ") : QString())
                + QStringLiteral("other columns (") + extras.join(QStringLiteral(", ")) + QLatin1Char(')'));
    }

    // Rows become records with Rewind's own names, parsed by LogRecord like any JSON Lines line.
    for (int f = 0; f < F::FieldCount; ++f)
        result.m_canonical.setPath(F::Field(f), F::fieldName(F::Field(f)));
    result.m_canonical.setTimeFormat(mapping.timeFormat(), mapping.timePattern());
    return result;
}

QString CsvColumns::emptyRequired(const QList<QByteArray>& cells) const
{
    for (const F::Field f : { F::Stream, F::Type }) {
        const int c = m_columnOf.at(f);
        if (c >= 0 && (c >= cells.size() || cells.at(c).trimmed().isEmpty())
            && !(f == F::Type && m_columnOf.at(F::Kind) >= 0)) {
            return QStringLiteral("the %1 column \"%2\" is empty").arg(F::fieldName(f), m_used.path(f));
        }
    }
    return QString();
}

std::variant<QByteArray, QString> CsvColumns::record(const QList<QByteArray>& row) const
{
    QByteArray record = "{";
    QByteArray dataMembers;
    QByteArray metadataMembers;
    QByteArray dataText = "{}";
    QByteArray metadataText = "{}";
    for (qsizetype i = 0; i < row.size(); ++i) {
        const QByteArray& cell = row.at(i);
        const Column& column = m_columns.at(i);
        if (cell.isEmpty())
            continue; // an empty cell is an absent field: wide exports leave most of them empty
        QByteArray* members = nullptr;
        switch (column.role) {
        case Column::Field:
            if (column.field == F::Data) {
                dataText = cell;
            } else if (column.field == F::Metadata) {
                metadataText = cell;
            } else {
                if (record.size() > 1)
                    record.append(',');
                appendJsonString(record, F::fieldName(column.field).toUtf8());
                record.append(':');
                if (column.field == F::State)
                    record.append(cell);
                else
                    appendJsonString(record, cell);
            }
            break;
        case Column::Extra:
        case Column::IntoData:
            members = &dataMembers;
            break;
        case Column::IntoMetadata:
            members = &metadataMembers;
            break;
        }
        if (members) {
            if (!members->isEmpty())
                members->append(',');
            appendJsonString(*members, column.key);
            members->append(':');
            appendCell(*members, cell);
        }
    }
    const auto isObject = [](const QByteArray& text) {
        const QByteArray t = text.trimmed();
        return t.startsWith('{') && t.endsWith('}');
    };
    if (!isObject(dataText)) {
        return QStringLiteral("column \"%1\" must hold a JSON object")
            .arg(QString::fromUtf8(m_header.at(m_columnOf.at(F::Data))));
    }
    if (!isObject(metadataText)) {
        return QStringLiteral("column \"%1\" must hold a JSON object")
            .arg(QString::fromUtf8(m_header.at(m_columnOf.at(F::Metadata))));
    }
    if (record.size() > 1)
        record.append(',');
    record.append("\"data\":").append(mergeObject(dataText, dataMembers));
    record.append(",\"metadata\":").append(mergeObject(metadataText, metadataMembers)).append('}');
    return record;
}

/// A row's data and metadata read back: the row parsed again and made into the same record.
class CsvPayloadReader : public PayloadReader {
public:
    CsvPayloadReader(CsvColumns columns, char separator)
        : m_columns(std::move(columns))
        , m_separator(separator)
    {
    }

    std::optional<QString> read(std::string_view text, size_t, bool withMetadata, Event& event) const override
    {
        thread_local QList<QByteArray> row;
        CsvRowParser parser(text.data(), text.data() + text.size(), m_separator);
        if (QString error = parser.next(row); !error.isEmpty())
            return error;
        const auto record = m_columns.record(row);
        if (const auto* problem = std::get_if<QString>(&record))
            return *problem;
        const auto& json = std::get<QByteArray>(record);
        const auto problem = LogRecord::payloadFromJson(
            std::string_view(json.constData(), size_t(json.size())), 0, m_columns.canonical(), withMetadata, event);
        return problem ? std::optional(problem->message) : std::nullopt;
    }
    QByteArray identity() const override { return "csv " + QByteArray(1, m_separator) + m_columns.identity(); }

private:
    CsvColumns m_columns;
    char m_separator = ',';
};

/// A step of the row parser over a window of the file: when a row runs into the window's end
/// before the file's, the window moves on, keeping the row, and the row is parsed again.
Status nextRow(FileWindow& window, CsvRowParser& parser, char separator, QList<QByteArray>& row, QString& error)
{
    for (;;) {
        CsvRowParser attempt = parser;
        error = attempt.next(row);
        if (window.atFileEnd() || attempt.position() < window.end()) {
            parser = attempt;
            return {};
        }
        const qint64 line = parser.line();
        if (Status read = window.advance(parser.position()); !read)
            return read;
        parser = CsvRowParser(window.begin(), window.end(), separator, line);
    }
}
}

Result<std::unique_ptr<LogSource>> CsvReader::read(const QString& path, const ReadOptions& options, ReadReport* report)
{
    auto file = LogFile::open(path);
    if (!file)
        return file.error();
    const qint64 size = (*file)->size();
    // A piece of the file at a time, as for JSON Lines; first, enough of it for the header row.
    FileWindow window(**file);
    if (Status read = window.advance(window.begin()); !read)
        return read.error();
    while (!window.atFileEnd() && !std::memchr(window.begin(), '\n', size_t(window.end() - window.begin()))) {
        if (Status read = window.advance(window.begin()); !read)
            return read.error();
    }
    const qint64 bom =
        window.end() - window.begin() >= 3 && std::memcmp(window.begin(), "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char* begin = window.begin() + bom;
    const char* firstNewline = static_cast<const char*>(std::memchr(begin, '\n', size_t(window.end() - begin)));
    const char separator =
        detectCsvSeparator(QByteArrayView(begin, (firstNewline ? firstNewline : window.end()) - begin));
    CsvRowParser parser(begin, window.end(), separator);

    QList<QByteArray> header;
    QString headerError;
    if (Status read = nextRow(window, parser, separator, header, headerError); !read)
        return read.error();
    if (!headerError.isEmpty())
        return Error::badInput(headerError + QStringLiteral(" in the header row"), path, 1);
    auto columns = CsvColumns::fromHeader(header, options.mapping, path);
    if (!columns)
        return columns.error();
    RecordCollector collector(
        *file, QStringLiteral("csv"), options, report, std::make_shared<CsvPayloadReader>(*columns, separator));
    collector.setUsed(columns->used());

    QList<QByteArray> row;
    qint64 rowNumber = 1;
    for (;;) {
        if (parser.atEnd()) {
            if (window.atFileEnd())
                break;
            const qint64 line = parser.line();
            if (Status read = window.advance(parser.position()); !read)
                return read.error();
            parser = CsvRowParser(window.begin(), window.end(), separator, line);
            continue;
        }
        const qint64 line = parser.line();
        const qint64 rowStart = window.offsetOf(parser.position());
        QString error;
        if (Status read = nextRow(window, parser, separator, row, error); !read)
            return read.error();
        const qint64 rowEnd = window.offsetOf(parser.position());
        ++rowNumber;
        const QString where = rowNumber == line ? QString() : QStringLiteral("row %1: ").arg(rowNumber);
        std::optional<Error> stop;
        if (!error.isEmpty()) {
            stop = collector.addProblem(where + error, line);
        } else if (row.size() == 1 && row.first().trimmed().isEmpty()) {
            --rowNumber; // a blank line is no row
            continue;
        } else if (rowEnd - rowStart > collector.maxRecordBytes()) {
            stop = collector.addProblem(where
                    + QStringLiteral("row too long (%1 bytes; a record may have at most %2)")
                          .arg(rowEnd - rowStart)
                          .arg(collector.maxRecordBytes()),
                line);
        } else if (row.size() > columns->count()) {
            stop = collector.addProblem(where
                    + QStringLiteral("%1 fields, but the header has %2 columns").arg(row.size()).arg(columns->count()),
                line);
        } else if (const QString empty = columns->emptyRequired(row); !empty.isEmpty()) {
            stop = collector.addProblem(where + empty, line);
        } else {
            const auto record = columns->record(row);
            if (const auto* problem = std::get_if<QString>(&record)) {
                stop = collector.addProblem(where + *problem, line);
            } else {
                const auto& json = std::get<QByteArray>(record);
                // The row's own bytes are what the index keeps: its data is read back from them.
                const char* rowText = parser.position() - (rowEnd - rowStart);
                stop = collector.add(LogRecord::headerFromJson(std::string_view(json.constData(), size_t(json.size())),
                                         0, columns->canonical()),
                    line, rowStart, std::string_view(rowText, size_t(rowEnd - rowStart)), where);
            }
        }
        if (stop)
            return *stop;
        if (rowNumber % 65536 == 0 && !collector.progress(rowEnd, size))
            return collector.cancelled();
    }
    if (!collector.progress(size, size))
        return collector.cancelled();
    return collector.finish();
}

} // namespace Rewind
