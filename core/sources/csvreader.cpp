#include "sources/csvreader.h"

#include "sources/csvrows.h"
#include "sources/fieldmapping.h"
#include "sources/logrecord.h"
#include "sources/recordcollector.h"

#include <QHash>

#include <simdjson.h>

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
}

Result<std::unique_ptr<MemoryEventSource>> CsvReader::read(
    const QString& path, const ReadOptions& options, ReadReport* report)
{
    auto buffer = RecordCollector::readFile(path);
    if (!buffer)
        return buffer.error();
    RecordCollector collector(path, QStringLiteral("csv"), options, report);
    const FieldMapping& mapping = options.mapping;
    const char* begin = buffer->constData();
    const char* const end = begin + buffer->size();
    if (buffer->startsWith("\xEF\xBB\xBF"))
        begin += 3;
    const char* firstNewline = static_cast<const char*>(std::memchr(begin, '\n', size_t(end - begin)));
    const char separator = detectCsvSeparator(QByteArrayView(begin, (firstNewline ? firstNewline : end) - begin));
    CsvRowParser parser(begin, end, separator);

    QList<QByteArray> header;
    if (const QString error = parser.next(header); !error.isEmpty())
        return Error::badInput(error + QStringLiteral(" in the header row"), path, 1);

    // Each column's role: the mapping's paths are column names here; else the aliases decide.
    QList<Column> columns;
    std::array<int, F::FieldCount> columnOf;
    std::array<int, F::FieldCount> rankOf;
    columnOf.fill(-1);
    rankOf.fill(std::numeric_limits<int>::max());
    QStringList extras;
    FieldMapping used;
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
    collector.setUsed(used);

    // Rows become records with Rewind's own names, parsed by LogRecord like any JSON Lines line.
    FieldMapping canonical;
    for (int f = 0; f < F::FieldCount; ++f)
        canonical.setPath(F::Field(f), F::fieldName(F::Field(f)));
    canonical.setTimeFormat(mapping.timeFormat(), mapping.timePattern());

    const auto emptyRequired = [&](const QList<QByteArray>& cells) {
        for (const F::Field f : { F::Stream, F::Type }) {
            const int c = columnOf.at(f);
            if (c >= 0 && (c >= cells.size() || cells.at(c).trimmed().isEmpty())
                && !(f == F::Type && columnOf.at(F::Kind) >= 0)) {
                return QStringLiteral("the %1 column \"%2\" is empty").arg(F::fieldName(f), used.path(f));
            }
        }
        return QString();
    };
    QList<QByteArray> row;
    QByteArray record;
    QByteArray dataMembers;
    QByteArray metadataMembers;
    qint64 rowNumber = 1;
    while (!parser.atEnd()) {
        const qint64 line = parser.line();
        const char* rowStart = parser.position();
        const QString error = parser.next(row);
        ++rowNumber;
        const QString where = rowNumber == line ? QString() : QStringLiteral("row %1: ").arg(rowNumber);
        std::optional<Error> stop;
        if (!error.isEmpty()) {
            stop = collector.addProblem(where + error, line);
        } else if (row.size() == 1 && row.first().trimmed().isEmpty()) {
            --rowNumber; // a blank line is no row
            continue;
        } else if (parser.position() - rowStart > collector.maxRecordBytes()) {
            stop = collector.addProblem(where
                    + QStringLiteral("row too long (%1 bytes; a record may have at most %2)")
                          .arg(parser.position() - rowStart)
                          .arg(collector.maxRecordBytes()),
                line);
        } else if (row.size() > columns.size()) {
            stop = collector.addProblem(
                where + QStringLiteral("%1 fields, but the header has %2 columns").arg(row.size()).arg(columns.size()),
                line);
        } else if (const QString empty = emptyRequired(row); !empty.isEmpty()) {
            stop = collector.addProblem(where + empty, line);
        } else {
            record = "{";
            dataMembers.clear();
            metadataMembers.clear();
            QByteArray dataText = "{}";
            QByteArray metadataText = "{}";
            for (qsizetype i = 0; i < row.size(); ++i) {
                const QByteArray& cell = row.at(i);
                const Column& column = columns.at(i);
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
                stop = collector.addProblem(where
                        + QStringLiteral("column \"%1\" must hold a JSON object")
                              .arg(QString::fromUtf8(header.at(columnOf.at(F::Data)))),
                    line);
            } else if (!isObject(metadataText)) {
                stop = collector.addProblem(where
                        + QStringLiteral("column \"%1\" must hold a JSON object")
                              .arg(QString::fromUtf8(header.at(columnOf.at(F::Metadata)))),
                    line);
            } else {
                if (record.size() > 1)
                    record.append(',');
                record.append("\"data\":").append(mergeObject(dataText, dataMembers));
                record.append(",\"metadata\":").append(mergeObject(metadataText, metadataMembers)).append('}');
                stop = collector.add(
                    LogRecord::fromJson(std::string_view(record.constData(), size_t(record.size())), 0, canonical),
                    line, where);
            }
        }
        if (stop)
            return *stop;
        if (rowNumber % 65536 == 0 && !collector.progress(parser.position() - begin, end - begin))
            return collector.cancelled();
    }
    if (!collector.progress(end - begin, end - begin))
        return collector.cancelled();
    return collector.finish();
}

} // namespace Rewind
