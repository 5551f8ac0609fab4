// A log read from a text file is held as an index, its data read again from the file when an
// event is visited (LogSource). For random logs in every format, with the shapes exports write
// (other field names, times in the metadata, data as a JSON string, numbers no double holds,
// snapshots, blank lines, CRLF, a byte order mark), the index answers every question exactly as
// the whole reading did: each record parsed with LogRecord::fromJson into a MemoryEventSource. The
// same for merged files. A file changed after it was opened gives an Error, never a crash.

#include "model/historyindex.h"
#include "sources/logrecord.h"
#include "sources/logsource.h"
#include "sources/memoryeventsource.h"
#include "sources/mergedsource.h"
#include "sources/sourceopener.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Rewind;

namespace {

/// Random records as exports write them. The same seed gives the same records.
class LogMaker {
public:
    explicit LogMaker(quint32 seed)
        : m_random(seed)
    {
        m_versions = below(3); // 0: every record gives one, 1: none does, 2: some do
        m_positions = below(5) == 0;
    }

    int below(int n) { return int(m_random.bounded(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <typename T> const T& pick(const QList<T>& list) { return list.at(below(int(list.size()))); }

    /// One record on one line; `bad`: one that is refused, for a reason picked at random, which
    /// may be that it is cut short when `mayCut`.
    QByteArray record(bool bad = false, bool mayCut = true)
    {
        QList<QByteArray> members;
        const QByteArray stream = streamValue();
        const bool snapshot = chance(6);
        members.append(key(snapshot ? QList<QByteArray> { "stream" }
                                    : QList<QByteArray> { "stream", "streamId", "aggregateId", "Stream" })
            + stream);
        if (snapshot) {
            members.append(R"("kind":"snapshot")");
            members.append(R"("version":)" + QByteArray::number(1 + below(40)));
            members.append(R"("state":)" + object(1));
            if (chance(50))
                members.append(R"("at":)" + time());
        } else {
            members.append(key({ "type", "eventType", "event_type" }) + quoted(pick(m_types)));
            if (m_versions == 0 || (m_versions == 2 && chance(50))) {
                const qint64 version = ++m_lastVersion[stream] + (chance(5) ? below(3) - 1 : 0);
                members.append(key({ "version", "streamVersion", "revision" })
                    + (chance(20) ? quoted(QByteArray::number(std::max<qint64>(1, version)))
                                  : QByteArray::number(std::max<qint64>(1, version))));
            }
            if (m_positions && chance(85))
                members.append(key({ "position", "globalPosition" }) + QByteArray::number(1 + below(400)));
            const bool timeInMetadata = chance(20);
            if (!timeInMetadata && chance(80))
                members.append(key({ "at", "timestamp", "occurredAt" }) + time());
            if (chance(85))
                members.append(dataMember());
            if (timeInMetadata || chance(60))
                members.append(key({ "metadata", "meta", "headers" }) + metadata(timeInMetadata));
        }
        if (chance(20))
            members.append(R"("note":)" + value(1));
        if (chance(3))
            members.append(R"("data":)" + object(0)); // a second data: the first one counts
        if (bad) {
            switch (below(6)) {
            case 0:
                members.removeFirst(); // no stream
                break;
            case 1:
                members.append(R"("data":5)");
                members.prepend(R"("payload":7)");
                break;
            case 2:
                members.prepend(R"("version":-3)");
                break;
            case 3:
                members.append(R"("metadata":{"occurredAt":"yesterday"})");
                members.prepend(R"("meta":{"occurredAt":"soon"})");
                break;
            case 4:
                members.prepend(R"("type":17)");
                break;
            default:
                break;
            }
        }
        for (qsizetype i = members.size() - 1; i > 0; --i) // exports order their keys in every way
            members.swapItemsAt(i, below(int(i + 1)));
        QByteArray text = '{' + members.join(chance(30) ? ", " : ",") + '}';
        if (bad && mayCut && below(6) == 5)
            text.chop(1 + below(4)); // cut short
        return text;
    }

    /// One CSV row under csvHeader(), and the JSON record the CSV reader makes of it.
    std::pair<QByteArray, QByteArray> csvRow()
    {
        QList<QByteArray> cells(11);
        QByteArray json = "{";
        const auto field = [&](const char* name, const QByteArray& cell, bool raw = false) {
            if (json.size() > 1)
                json += ',';
            json += '"' + QByteArray(name) + "\":" + (raw ? cell : quoted(cell));
        };
        const QByteArray stream = pick<QByteArray>({ "account-1", "account-2", "cart-7", "café-9" });
        cells[0] = stream;
        field("stream", stream);
        const bool snapshot = chance(6);
        if (!snapshot && (m_versions == 0 || (m_versions == 2 && chance(50)))) {
            cells[1] = QByteArray::number(++m_lastVersion[stream]);
            field("version", cells[1]);
        }
        if (!snapshot) {
            cells[2] = pick(m_types);
            field("type", cells[2]);
        }
        if (chance(80)) {
            cells[3] = QByteArray("2026-08-0") + QByteArray::number(1 + below(9)) + "T12:00:0"
                + QByteArray::number(below(10)) + (chance(50) ? ".250Z" : "Z");
            field("at", cells[3]);
        }
        if (snapshot) {
            cells[4] = "snapshot";
            field("kind", cells[4]);
            cells[1] = QByteArray::number(1 + below(20));
            field("version", cells[1]);
            cells[5] = object(1);
            field("state", cells[5], true);
        }
        QByteArray data = "{}";
        QByteArray metadata = "{}";
        if (chance(60))
            data = cells[6] = chance(30) ? spreadOverLines(object(1)) : object(1);
        if (chance(40))
            metadata = cells[7] = object(0);
        QByteArray dataMembers;
        QByteArray metadataMembers;
        const auto member = [](QByteArray& members, const char* name, const QByteArray& value) {
            if (!members.isEmpty())
                members += ',';
            members += '"' + QByteArray(name) + "\":" + value;
        };
        if (chance(50)) {
            cells[8] = pick<QByteArray>({ "12.50", "1234567890123.4567", "-0.5", "7", "1e3", "true", "n/a" });
            member(dataMembers, "amount", cells[8] == "n/a" ? quoted(cells[8]) : cells[8]);
        }
        if (chance(30)) {
            cells[9] = pick<QByteArray>({ "first, with a comma", "she said \"hi\"", "plain", "007" });
            member(dataMembers, "note", quoted(cells[9]));
        }
        if (chance(30)) {
            cells[10] = pick<QByteArray>({ "alice", "bob" });
            member(metadataMembers, "by", quoted(cells[10]));
        }
        // The CSV reader's merge of a data column with the other columns.
        const auto merged = [](const QByteArray& object, const QByteArray& members) -> QByteArray {
            if (members.isEmpty())
                return object;
            QByteArray inner = object.trimmed();
            inner.chop(1);
            return inner + (inner.trimmed() == "{" ? "" : ",") + members + '}';
        };
        json += R"(,"data":)" + merged(data, dataMembers) + R"(,"metadata":)" + merged(metadata, metadataMembers) + '}';

        QByteArray row;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i > 0)
                row += ',';
            const QByteArray& cell = cells.at(i);
            const bool quote = cell.contains(',') || cell.contains('"') || cell.contains('\n') || chance(5);
            row += quote ? '"' + QByteArray(cell).replace("\"", "\"\"") + '"' : cell;
        }
        return { row, json };
    }
    static QByteArray csvHeader() { return "stream,version,type,at,kind,state,data,metadata,amount,note,metadata.by"; }

    /// The same JSON with line breaks between its tokens: a record spread over several lines.
    static QByteArray spreadOverLines(const QByteArray& json)
    {
        QByteArray out;
        bool inString = false;
        for (qsizetype i = 0; i < json.size(); ++i) {
            const char c = json.at(i);
            out += c;
            if (inString) {
                if (c == '\\')
                    out += json.at(++i);
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == ',' || c == '{') {
                out += "\n  ";
            }
        }
        return out;
    }

private:
    QByteArray key(const QList<QByteArray>& names) { return '"' + pick(names) + "\":"; }
    static QByteArray quoted(const QByteArray& text) { return '"' + QByteArray(text).replace("\"", "\\\"") + '"'; }

    QByteArray streamValue()
    {
        switch (below(6)) {
        case 0:
            return "42"; // a number: the stream "42"
        case 1:
            return R"("42")";
        case 2:
            return R"("café-1")";
        default:
            return quoted("account-" + QByteArray::number(below(4)));
        }
    }

    QByteArray time()
    {
        const QByteArray day = "2026-08-0" + QByteArray::number(1 + below(9));
        switch (below(5)) {
        case 0:
            return '"' + day + "T09:00:0" + QByteArray::number(below(10)) + ".125Z\"";
        case 1:
            return '"' + day + "T09:15:00+02:00\"";
        case 2:
            return QByteArray::number(1785920400000LL + below(100000));
        case 3:
            return "\"" + QByteArray::number(1785920400000LL + below(100000)) + '"';
        default:
            return '"' + day + "T23:59:59Z\"";
        }
    }

    QByteArray number()
    {
        // Money and ids as written: every digit kept, whatever a double would make of them.
        static const QList<QByteArray> numbers = { "0", "-0.5", "12.50", "1234567890123.4567",
            "12345678901234567890123", "1e400", "3.0e-7", "100", "0.1" };
        const QByteArray& fixed = pick(numbers);
        if (chance(50) && !(m_tame && (fixed == "1e400" || fixed.size() > 20)))
            return fixed;
        return QByteArray::number(below(100000) - 500);
    }

    QByteArray string()
    {
        static const QList<QByteArray> strings = { R"("plain")", R"("with \"quotes\"")", R"("tab\tand\nbreak")",
            R"("café")", R"("caf\u00e9")", R"("😀")", R"("a\/b")", R"("")" };
        return pick(strings);
    }

    QByteArray value(int depth)
    {
        switch (below(depth > 0 ? 7 : 5)) {
        case 0:
        case 1:
            return number();
        case 2:
            return string();
        case 3:
            return pick<QByteArray>({ "true", "false", "null" });
        case 4:
            return chance(50) ? QByteArray("[]") : QByteArray("[" + number() + "," + string() + "]");
        default:
            return object(depth - 1);
        }
    }

    QByteArray object(int depth)
    {
        static const QList<QByteArray> keys = { "amount", "by", "owner", "items", "note", "sku", "Quantity", "ü" };
        QList<QByteArray> members;
        const int count = below(5);
        const QByteArray colon = chance(25) ? " : " : ":";
        for (int i = 0; i < count; ++i)
            members.append('"' + pick(keys) + '"' + colon + value(depth));
        return chance(20) ? QByteArray("{ " + members.join(" , ") + " }") : QByteArray('{' + members.join(',') + '}');
    }

    QByteArray dataMember()
    {
        const QByteArray key = chance(4) ? R"("d\u0061ta":)" : this->key({ "data", "payload", "body", "Data" });
        switch (below(12)) {
        case 0: { // an export that writes its payload as JSON text
            // Numbers a double cannot hold are refused inside such text: none here.
            m_tame = true;
            QByteArray inner = object(1);
            m_tame = false;
            return key + '"' + inner.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        case 1:
            return key + "null";
        default:
            return key + object(2);
        }
    }

    QByteArray metadata(bool withTime)
    {
        if (!withTime)
            return chance(10) ? "null" : object(1);
        const QByteArray timeKey = pick<QByteArray>({ "occurredAt", "occurred_at", "Timestamp", "time" });
        return R"({"by":"alice",")" + timeKey + "\":" + time() + '}';
    }

    QRandomGenerator m_random;
    int m_versions = 0;
    bool m_positions = false;
    bool m_tame = false;
    QHash<QByteArray, qint64> m_lastVersion;
    QList<QByteArray> m_types = { "Opened", "Deposited", "Withdrawn", "ItemAdded", "Überwiesen" };
};

/// A file of a test and the whole reading of it, record by record.
struct TestLog {
    QString path;
    QByteArray bytes;
    QList<QByteArray> records; ///< each record's text, as LogRecord sees it
    QList<qint64> lines; ///< the line each record starts on
};

bool write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// The old reading: every record parsed whole by LogRecord::fromJson into a MemoryEventSource.
struct WholeReading {
    std::unique_ptr<MemoryEventSource> source;
    std::optional<Error> error;
    ReadReport report;
};

WholeReading readWhole(const TestLog& log, const QString& kind, const ReadOptions& options = {})
{
    WholeReading result;
    result.source = std::make_unique<MemoryEventSource>(log.path, kind);
    FieldMapping used;
    bool usedKnown = false;
    for (qsizetype i = 0; i < log.records.size(); ++i) {
        const QByteArray& text = log.records.at(i);
        auto parsed = LogRecord::fromJson(
            std::string_view(text.constData(), size_t(text.size())), 0, options.mapping, usedKnown ? nullptr : &used);
        if (auto* problem = std::get_if<LogRecord::Problem>(&parsed)) {
            const Error error { problem->unmapped ? Error::Kind::Unmapped : Error::Kind::BadInput, log.path,
                log.lines.at(i), problem->message };
            if (!result.report.addProblem(error, options.keepProblems)) {
                result.error = error;
                return result;
            }
        } else if (auto* event = std::get_if<Event>(&parsed)) {
            result.source->addEvent(std::move(*event));
            usedKnown = true;
        } else {
            result.source->addSnapshot(std::get<Snapshot>(std::move(parsed)));
        }
    }
    result.source->finish();
    if (result.source->numberingProblem())
        result.error = Error::badInput(*result.source->numberingProblem(), log.path);
    return result;
}

/// A JSON Lines file of `records`, with what editors and exports add: blank lines, CRLF, a byte
/// order mark.
TestLog jsonLines(const QString& path, const QList<QByteArray>& records, LogMaker& maker)
{
    TestLog log { path, {}, records, {} };
    const bool crlf = maker.chance(20);
    if (maker.chance(15))
        log.bytes += "\xEF\xBB\xBF";
    qint64 line = 1;
    for (const QByteArray& record : records) {
        while (maker.chance(5)) {
            log.bytes += maker.chance(50) ? " \t" : "";
            log.bytes += crlf ? "\r\n" : "\n";
            ++line;
        }
        log.lines.append(line++);
        log.bytes += record;
        log.bytes += crlf ? "\r\n" : "\n";
    }
    if (!log.bytes.isEmpty() && maker.chance(20))
        log.bytes.chop(crlf ? 2 : 1); // no line break after the last line
    return log;
}

/// A JSON document holding `records`: an array, or an object with an `events` array among other
/// keys, records on one line each or spread over several.
TestLog jsonDocument(const QString& path, const QList<QByteArray>& records, LogMaker& maker)
{
    TestLog log { path, {}, {}, {} };
    const bool spread = maker.chance(50);
    const bool inObject = maker.chance(50);
    log.bytes = inObject
        ? "{\n\"exportedAt\": \"2026-08-06T00:00:00Z\", \"source\": {\"tags\": [\"a\", \"]\"]},\n\"events\": [\n"
        : "[\n";
    qint64 line = inObject ? 4 : 2;
    for (qsizetype i = 0; i < records.size(); ++i) {
        const QByteArray text = spread ? LogMaker::spreadOverLines(records.at(i)) : records.at(i);
        log.records.append(text);
        log.lines.append(line);
        log.bytes += text;
        log.bytes += i + 1 < records.size() ? ",\n" : "\n";
        line += text.count('\n') + 1;
    }
    log.bytes += inObject ? "], \"after\": {\"x\": 1}}\n" : "]\n";
    return log;
}

/// A CSV file of `rows` rows at least and `bytes` bytes at least; its records are the JSON
/// records the reader makes of the rows.
TestLog csvFile(const QString& path, int rows, LogMaker& maker, qint64 bytes = 0)
{
    TestLog log { path, LogMaker::csvHeader() + "\n", {}, {} };
    qint64 line = 2;
    for (int i = 0; i < rows || log.bytes.size() < bytes; ++i) {
        auto [row, json] = maker.csvRow();
        log.records.append(json);
        log.lines.append(line);
        log.bytes += row + '\n';
        line += row.count('\n') + 1;
    }
    return log;
}

// Comparisons that say what differs. Each sets the test's failure and returns false.

bool sameEvent(const Event& a, const Event& b, bool data = true, bool metadata = true)
{
    const auto differ = [&](const char* what, const QString& x, const QString& y) {
        QTest::qFail(qPrintable(QStringLiteral("event at position %1: %2 is %3, expected %4")
                                    .arg(b.position)
                                    .arg(QLatin1String(what), x, y)),
            __FILE__, __LINE__);
        return false;
    };
    if (a.stream != b.stream)
        return differ("stream", a.stream, b.stream);
    if (a.type != b.type)
        return differ("type", a.type, b.type);
    if (a.version != b.version)
        return differ("version", QString::number(a.version), QString::number(b.version));
    if (a.position != b.position)
        return differ("position", QString::number(a.position), QString::number(b.position));
    if (a.at != b.at)
        return differ("at", QString::number(a.at), QString::number(b.at));
    if (data && a.data != b.data)
        return differ("data", QString::fromUtf8(a.data), QString::fromUtf8(b.data));
    if (metadata && a.metadata != b.metadata)
        return differ("metadata", QString::fromUtf8(a.metadata), QString::fromUtf8(b.metadata));
    return true;
}

bool sameSnapshots(const QList<Snapshot>& a, const QList<Snapshot>& b)
{
    if (a.size() != b.size()) {
        QTest::qFail(
            qPrintable(QStringLiteral("%1 snapshots, expected %2").arg(a.size()).arg(b.size())), __FILE__, __LINE__);
        return false;
    }
    for (qsizetype i = 0; i < a.size(); ++i) {
        const Snapshot& x = a.at(i);
        const Snapshot& y = b.at(i);
        if (x.stream != y.stream || x.version != y.version || x.position != y.position || x.at != y.at
            || x.state != y.state) {
            QTest::qFail(qPrintable(QStringLiteral("snapshot %1 differs: %2 v%3 p%4, expected %5 v%6 p%7")
                                        .arg(i)
                                        .arg(x.stream)
                                        .arg(x.version)
                                        .arg(x.position)
                                        .arg(y.stream)
                                        .arg(y.version)
                                        .arg(y.position)),
                __FILE__, __LINE__);
            return false;
        }
    }
    return true;
}

/// Every question EventSource answers, asked of both, `queries` random reads among them.
bool sameAnswers(const EventSource& compact, const EventSource& whole, QRandomGenerator& random, int queries = 40)
{
    const auto count = compact.eventCount();
    if (!count || *count != *whole.eventCount()) {
        QTest::qFail(
            qPrintable(QStringLiteral("%1 events, expected %2").arg(count ? *count : -1).arg(*whole.eventCount())),
            __FILE__, __LINE__);
        return false;
    }
    const auto streams = compact.streams();
    const auto wholeStreams = whole.streams();
    if (!streams || streams->size() != wholeStreams->size()) {
        QTest::qFail("the streams differ", __FILE__, __LINE__);
        return false;
    }
    for (qsizetype i = 0; i < streams->size(); ++i) {
        const StreamInfo& a = streams->at(i);
        const StreamInfo& b = wholeStreams->at(i);
        if (a.id != b.id || a.eventCount != b.eventCount || a.firstPosition != b.firstPosition
            || a.lastPosition != b.lastPosition || a.lastVersion != b.lastVersion) {
            QTest::qFail(qPrintable(QStringLiteral("stream %1 differs from %2").arg(a.id, b.id)), __FILE__, __LINE__);
            return false;
        }
    }
    if (!sameSnapshots(*compact.snapshots(), *whole.snapshots()))
        return false;
    for (const StreamInfo& stream : *wholeStreams) {
        if (!sameSnapshots(*compact.snapshots(stream.id), *whole.snapshots(stream.id)))
            return false;
    }

    const auto all = whole.events();
    const auto read = compact.events();
    if (!read) {
        QTest::qFail(qPrintable(read.error().toString()), __FILE__, __LINE__);
        return false;
    }
    if (read->size() != all->size()) {
        QTest::qFail("a whole read gives another number of events", __FILE__, __LINE__);
        return false;
    }
    for (qsizetype i = 0; i < all->size(); ++i) {
        if (!sameEvent(read->at(i), all->at(i)))
            return false;
    }

    HistoryIndex index;
    HistoryIndex wholeIndex;
    if (!compact.readIndex(index) || !whole.readIndex(wholeIndex) || index.streamNames() != wholeIndex.streamNames()
        || index.typeNames() != wholeIndex.typeNames() || index.size() != wholeIndex.size()) {
        QTest::qFail("the history indexes differ", __FILE__, __LINE__);
        return false;
    }
    for (qsizetype i = 0; i < index.size(); ++i) {
        const auto& a = index.entry(i);
        const auto& b = wholeIndex.entry(i);
        if (a.position != b.position || a.at != b.at || a.version != b.version || a.stream != b.stream
            || a.type != b.type) {
            QTest::qFail(qPrintable(QStringLiteral("history index row %1 differs").arg(i)), __FILE__, __LINE__);
            return false;
        }
    }

    const qint64 last = all->isEmpty() ? 0 : all->last().position;
    for (int q = 0; q < queries; ++q) {
        EventFilter filter;
        if (!wholeStreams->isEmpty() && random.bounded(3) > 0)
            filter.stream = wholeStreams->at(random.bounded(int(wholeStreams->size()))).id;
        else if (random.bounded(6) == 0)
            filter.stream = QStringLiteral("no-such-stream");
        if (random.bounded(2) == 0)
            filter.fromPosition = qint64(random.bounded(int(last + 3))) - 1;
        if (random.bounded(2) == 0)
            filter.toPosition = filter.fromPosition + random.bounded(int(last + 3)) - 1;
        filter.withMetadata = random.bounded(3) > 0;
        filter.withData = random.bounded(4) > 0;
        const int stopAfter = random.bounded(3) == 0 ? int(random.bounded(10)) : -1;
        QList<Event> expected;
        int visits = 0;
        const Status wholeStatus = whole.readEvents(filter, [&](const Event& event) {
            expected.append(event);
            return ++visits != stopAfter;
        });
        QList<Event> got;
        visits = 0;
        // Kept as a visitor keeps an event: a copy sharing the source's buffers, which the
        // source must not write over at the next event.
        const Status status = compact.readEvents(filter, [&](const Event& event) {
            got.append(event);
            return ++visits != stopAfter;
        });
        if (!status || !wholeStatus || got.size() != expected.size()) {
            QTest::qFail(qPrintable(QStringLiteral("read of stream '%1' from %2 to %3: %4 events, expected %5 (%6)")
                                        .arg(filter.stream)
                                        .arg(filter.fromPosition)
                                        .arg(filter.toPosition)
                                        .arg(got.size())
                                        .arg(expected.size())
                                        .arg(status ? QString() : status.error().toString())),
                __FILE__, __LINE__);
            return false;
        }
        for (qsizetype i = 0; i < got.size(); ++i) {
            if (!sameEvent(got.at(i), expected.at(i), filter.withData, filter.withMetadata))
                return false;
        }

        const qint64 position = qint64(random.bounded(int(last + 4))) - 2;
        const auto at = compact.eventAt(position);
        const auto wholeAt = whole.eventAt(position);
        if (!at) {
            QTest::qFail(qPrintable(at.error().toString()), __FILE__, __LINE__);
            return false;
        }
        if (!sameEvent(*at, *wholeAt))
            return false;
    }
    return true;
}

/// Opens `path` through SourceOpener, as the window and the command line do; checks it is a
/// LogSource, the compact form.
std::unique_ptr<EventSource> openCompact(
    const QStringList& paths, const ReadOptions& options = {}, ReadReport* report = nullptr)
{
    auto source = SourceOpener::open(paths, options, report);
    if (!source) {
        QTest::qFail(qPrintable(source.error().toString()), __FILE__, __LINE__);
        return {};
    }
    if (!dynamic_cast<const LogSource*>(source->get())) {
        QTest::qFail("not read into a LogSource", __FILE__, __LINE__);
        return {};
    }
    return std::move(source).value();
}

QList<QByteArray> makeRecords(LogMaker& maker, int count)
{
    QList<QByteArray> records;
    for (int i = 0; i < count; ++i)
        records.append(maker.record());
    return records;
}

} // namespace

class TestLogSource : public QObject {
    Q_OBJECT

private slots:
    void recordReadingsAgree();
    void jsonLinesAnswerAsWholeReading();
    void jsonDocumentsAnswerAsWholeReading();
    void csvAnswersAsWholeReading();
    void mappedFieldsAnswerAsWholeReading();
    void mergedLogsAnswerAsWholeReading();
    void badRecordsAreReportedAsBefore();
    void largeFilesReadInPieces();
    void fileCutShortGivesAnError();
    void fileRewrittenGivesAnError();
    void fileReplacedKeepsTheOpenedOne();
    void digestFollowsWhatTheEventsHold();

private:
    QTemporaryDir m_dir;
};

void TestLogSource::recordReadingsAgree()
{
    // The index's reading of a record (headerFromJson) and the reading of its data again
    // (payloadFromJson, mostly without a parser) give what the whole reading gives, and refuse
    // a record for the same reason.
    FieldMapping mapped;
    mapped.setPath(FieldMapping::Data, QStringLiteral("payload"));
    mapped.setPath(FieldMapping::Metadata, QString());
    FieldMapping mappedCase; // records write `Data` or `data`: an exact name, else one up to case
    mappedCase.setPath(FieldMapping::Data, QStringLiteral("Data"));
    mappedCase.setPath(FieldMapping::Metadata, QStringLiteral("meta"));
    FieldMapping nested;
    nested.setPath(FieldMapping::Metadata, QStringLiteral("meta.by"));
    for (const FieldMapping& mapping : { FieldMapping(), mapped, mappedCase, nested }) {
        LogMaker maker(7);
        for (int i = 0; i < 3000; ++i) {
            const QByteArray text = maker.record(maker.chance(20));
            const std::string_view view(text.constData(), size_t(text.size()));
            const auto whole = LogRecord::fromJson(view, 0, mapping);
            const auto header = LogRecord::headerFromJson(view, 0, mapping);
            QCOMPARE(header.index(), whole.index());
            if (const auto* problem = std::get_if<LogRecord::Problem>(&whole)) {
                QCOMPARE(std::get<LogRecord::Problem>(header).message, problem->message);
                QCOMPARE(std::get<LogRecord::Problem>(header).unmapped, problem->unmapped);
                continue;
            }
            if (const auto* snapshot = std::get_if<Snapshot>(&whole)) {
                QVERIFY(sameSnapshots({ std::get<Snapshot>(header) }, { *snapshot }));
                continue;
            }
            const auto& event = std::get<Event>(whole);
            const auto& h = std::get<LogRecord::Header>(header);
            QCOMPARE(QString::fromUtf8(h.stream.data(), qsizetype(h.stream.size())), event.stream);
            QCOMPARE(QString::fromUtf8(h.type.data(), qsizetype(h.type.size())), event.type);
            QCOMPARE(h.version, event.version);
            QCOMPARE(h.position, event.position);
            QCOMPARE(h.at, event.at);
            for (const bool withMetadata : { true, false }) {
                Event again;
                QVERIFY(!LogRecord::payloadFromJson(view, 0, mapping, withMetadata, again));
                QVERIFY2(again.data == event.data, text.constData());
                QVERIFY2(again.metadata == (withMetadata ? event.metadata : QByteArray("{}")), text.constData());
            }
        }
    }
}

void TestLogSource::jsonLinesAnswerAsWholeReading()
{
    for (quint32 seed = 1; seed <= 40; ++seed) {
        LogMaker maker(seed);
        const TestLog log = jsonLines(
            m_dir.filePath(QStringLiteral("log-%1.jsonl").arg(seed)), makeRecords(maker, maker.below(250)), maker);
        QVERIFY(write(log.path, log.bytes));
        if (log.records.isEmpty())
            continue; // an empty file is not a log
        const WholeReading whole = readWhole(log, QStringLiteral("jsonl"));
        QVERIFY2(!whole.error, qPrintable(whole.error ? whole.error->toString() : QString()));
        const auto compact = openCompact({ log.path });
        QVERIFY2(compact, qPrintable(QStringLiteral("seed %1").arg(seed)));
        QRandomGenerator random(seed);
        QVERIFY2(sameAnswers(*compact, *whole.source, random), qPrintable(QStringLiteral("seed %1").arg(seed)));
        QCOMPARE(dynamic_cast<const LogSource&>(*compact).versionsGiven(), whole.source->versionsGiven());
    }
}

void TestLogSource::jsonDocumentsAnswerAsWholeReading()
{
    for (quint32 seed = 100; seed < 130; ++seed) {
        LogMaker maker(seed);
        const TestLog log = jsonDocument(
            m_dir.filePath(QStringLiteral("log-%1.json").arg(seed)), makeRecords(maker, 1 + maker.below(200)), maker);
        QVERIFY(write(log.path, log.bytes));
        const WholeReading whole = readWhole(log, QStringLiteral("json"));
        QVERIFY2(!whole.error, qPrintable(whole.error ? whole.error->toString() : QString()));
        const auto compact = openCompact({ log.path });
        QVERIFY2(compact, qPrintable(QStringLiteral("seed %1").arg(seed)));
        QRandomGenerator random(seed);
        QVERIFY2(sameAnswers(*compact, *whole.source, random), qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
}

void TestLogSource::csvAnswersAsWholeReading()
{
    for (quint32 seed = 200; seed < 230; ++seed) {
        LogMaker maker(seed);
        const TestLog log =
            csvFile(m_dir.filePath(QStringLiteral("log-%1.csv").arg(seed)), 1 + maker.below(200), maker);
        QVERIFY(write(log.path, log.bytes));
        const WholeReading whole = readWhole(log, QStringLiteral("csv"));
        QVERIFY2(!whole.error, qPrintable(whole.error ? whole.error->toString() : QString()));
        const auto compact = openCompact({ log.path });
        QVERIFY2(compact, qPrintable(QStringLiteral("seed %1").arg(seed)));
        QRandomGenerator random(seed);
        QVERIFY2(sameAnswers(*compact, *whole.source, random), qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
}

void TestLogSource::mappedFieldsAnswerAsWholeReading()
{
    // Fields named by a mapping, nested: the data is read again along the mapping's path.
    ReadOptions options;
    options.mapping.setPath(FieldMapping::Stream, QStringLiteral("entity.key"));
    options.mapping.setPath(FieldMapping::Data, QStringLiteral("body.args"));
    options.mapping.setPath(FieldMapping::Metadata, QString());
    LogMaker maker(300);
    QList<QByteArray> records;
    for (int i = 0; i < 200; ++i) {
        records.append(R"({"entity":{"kind":"Account","key":"acct-)" + QByteArray::number(maker.below(5))
            + R"("},"type":"Deposited","body":{"args": {"amount": )" + QByteArray::number(maker.below(1000))
            + R"(.50, "note" : "x"}},"metadata":{"by":"ivan"}})");
    }
    const TestLog log = jsonLines(m_dir.filePath(QStringLiteral("mapped.jsonl")), records, maker);
    QVERIFY(write(log.path, log.bytes));
    const WholeReading whole = readWhole(log, QStringLiteral("jsonl"), options);
    QVERIFY(!whole.error);
    const auto compact = openCompact({ log.path }, options);
    QVERIFY(compact);
    QRandomGenerator random(300);
    QVERIFY(sameAnswers(*compact, *whole.source, random));
    QVERIFY(compact->eventAt(1)->data.endsWith(R"(.50,"note":"x"})"));
}

void TestLogSource::mergedLogsAnswerAsWholeReading()
{
    for (quint32 seed = 400; seed < 415; ++seed) {
        LogMaker maker(seed);
        QStringList paths;
        std::vector<std::unique_ptr<EventSource>> wholes;
        const int files = 2 + maker.below(3);
        bool refused = false;
        for (int f = 0; f < files && !refused; ++f) {
            const QString base = m_dir.filePath(QStringLiteral("merge-%1-%2").arg(seed).arg(f));
            TestLog log;
            QString kind;
            switch (maker.below(3)) {
            case 0:
                log = jsonLines(base + QStringLiteral(".jsonl"), makeRecords(maker, 1 + maker.below(120)), maker);
                kind = QStringLiteral("jsonl");
                break;
            case 1:
                log = jsonDocument(base + QStringLiteral(".json"), makeRecords(maker, 1 + maker.below(120)), maker);
                kind = QStringLiteral("json");
                break;
            default:
                log = csvFile(base + QStringLiteral(".csv"), 1 + maker.below(120), maker);
                kind = QStringLiteral("csv");
                break;
            }
            QVERIFY(write(log.path, log.bytes));
            WholeReading whole = readWhole(log, kind);
            QVERIFY2(!whole.error, qPrintable(whole.error ? whole.error->toString() : QString()));
            refused = log.records.isEmpty();
            paths.append(log.path);
            wholes.push_back(std::move(whole.source));
        }
        if (refused)
            continue;
        auto whole = MergedSource::mergeInMemory(std::move(wholes));
        if (!whole) { // a numbering problem: refused the same way
            const auto refusal = SourceOpener::open(paths, {});
            QVERIFY(!refusal);
            QCOMPARE(refusal.error().toString(), whole.error().toString());
            continue;
        }
        const auto compact = openCompact(paths);
        QVERIFY2(compact, qPrintable(QStringLiteral("seed %1").arg(seed)));
        QCOMPARE(compact->path(), (*whole)->path());
        QCOMPARE(compact->kind(), (*whole)->kind());
        QRandomGenerator random(seed);
        QVERIFY2(sameAnswers(*compact, **whole, random), qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
}

void TestLogSource::badRecordsAreReportedAsBefore()
{
    // file:line for the first bad record; counted and kept when told to go on.
    for (quint32 seed = 500; seed < 520; ++seed) {
        LogMaker maker(seed);
        for (const bool document : { false, true }) {
            // A record cut short in a JSON document breaks the document, not the record: not
            // here; nor first in a JSON Lines file, which would then be taken for a document.
            QList<QByteArray> records;
            for (int i = 0; i < 60; ++i)
                records.append(maker.record(i > 0 && maker.chance(15), !document));
            const QString path = m_dir.filePath(
                QStringLiteral("bad-%1.%2").arg(seed).arg(document ? QStringLiteral("json") : QStringLiteral("jsonl")));
            const TestLog log = document ? jsonDocument(path, records, maker) : jsonLines(path, records, maker);
            QVERIFY(write(log.path, log.bytes));
            for (const int keep : { 0, 5 }) {
                ReadOptions options;
                options.keepProblems = keep;
                const WholeReading whole =
                    readWhole(log, document ? QStringLiteral("json") : QStringLiteral("jsonl"), options);
                ReadReport report;
                auto compact = SourceOpener::open(log.path, options, &report);
                if (whole.error) {
                    QVERIFY2(!compact, qPrintable(QStringLiteral("seed %1").arg(seed)));
                    QCOMPARE(compact.error().toString(), whole.error->toString());
                    QCOMPARE(compact.error().kind, whole.error->kind);
                    continue;
                }
                QVERIFY2(compact, qPrintable(compact ? QString() : compact.error().toString()));
                QCOMPARE(report.badRecords, whole.report.badRecords);
                QCOMPARE(report.problems.size(), whole.report.problems.size());
                for (qsizetype i = 0; i < report.problems.size(); ++i)
                    QCOMPARE(report.problems.at(i).toString(), whole.report.problems.at(i).toString());
                QRandomGenerator random(seed);
                QVERIFY(sameAnswers(**compact, *whole.source, random, 10));
            }
        }
    }
}

void TestLogSource::largeFilesReadInPieces()
{
    // Files larger than the piece a reader holds (FileWindow::PieceSize), with a record longer
    // than a piece among them: records across the pieces' borders are read whole, and visited
    // events are read back in windows of several records.
    LogMaker maker(600);
    QList<QByteArray> records;
    qint64 bytes = 0;
    while (bytes < FileWindow::PieceSize * 2 + 12345) {
        records.append(maker.record());
        bytes += records.last().size() + 1;
    }
    const QByteArray longNote(int(FileWindow::PieceSize + 1000), 'x');
    records.insert(records.size() / 3, R"({"stream":"long","type":"Noted","data":{"note":")" + longNote + R"("}})");

    const TestLog lines = jsonLines(m_dir.filePath(QStringLiteral("large.jsonl")), records, maker);
    const TestLog document = jsonDocument(m_dir.filePath(QStringLiteral("large.json")), records, maker);
    for (const auto& [log, kind] :
        { std::pair(lines, QStringLiteral("jsonl")), std::pair(document, QStringLiteral("json")) }) {
        QVERIFY(write(log.path, log.bytes));
        const WholeReading whole = readWhole(log, kind);
        QVERIFY(!whole.error);
        const auto compact = openCompact({ log.path });
        QVERIFY(compact);
        QRandomGenerator random(600);
        QVERIFY(sameAnswers(*compact, *whole.source, random, 15));
    }

    const TestLog csv = csvFile(m_dir.filePath(QStringLiteral("large.csv")), 0, maker, FileWindow::PieceSize * 2 + 777);
    QVERIFY(write(csv.path, csv.bytes));
    const auto compact = openCompact({ csv.path });
    QVERIFY(compact);
    const WholeReading whole = readWhole(csv, QStringLiteral("csv"));
    QVERIFY(!whole.error);
    QRandomGenerator random(601);
    QVERIFY(sameAnswers(*compact, *whole.source, random, 15));
}

void TestLogSource::fileCutShortGivesAnError()
{
    LogMaker maker(700);
    QList<QByteArray> records;
    for (int i = 0; i < 400; ++i)
        records.append(R"({"stream":"account-1","type":"Deposited","data":{"amount":)" + QByteArray::number(i) + "}}");
    const TestLog log = jsonLines(m_dir.filePath(QStringLiteral("cut.jsonl")), records, maker);
    QVERIFY(write(log.path, log.bytes));
    const auto source = openCompact({ log.path });
    QVERIFY(source);
    QVERIFY(source->eventAt(400).ok());

    QFile file(log.path);
    QVERIFY(file.resize(log.bytes.size() / 2));
    // The events in the part that is left still read; the others are an Error naming the file.
    QVERIFY(source->eventAt(1).ok());
    const auto gone = source->eventAt(400);
    QVERIFY(!gone);
    QCOMPARE(gone.error().file, log.path);
    QVERIFY2(gone.error().message.contains(QLatin1String("changed")), qPrintable(gone.error().toString()));
    const Status read = source->readEvents({}, [](const Event&) { return true; });
    QVERIFY(!read);
    QCOMPARE(read.error().kind, Error::Kind::Failure);
    // What needs no data is answered from the index, as before.
    QCOMPARE(*source->eventCount(), 400);
    EventFilter indexOnly;
    indexOnly.withData = false;
    indexOnly.withMetadata = false;
    int visited = 0;
    QVERIFY(source->readEvents(indexOnly, [&](const Event&) { return ++visited > 0; }));
    QCOMPARE(visited, 400);
}

void TestLogSource::fileRewrittenGivesAnError()
{
    // The same size, other bytes: each record read back is checked against the index.
    LogMaker maker(800);
    QList<QByteArray> records;
    for (int i = 0; i < 100; ++i) {
        records.append(R"({"stream":"account-1","version":)" + QByteArray::number(i + 1)
            + R"(,"type":"Deposited","data":{"amount":)" + QByteArray::number(100 + i) + "}}");
    }
    const TestLog log = jsonLines(m_dir.filePath(QStringLiteral("rewritten.jsonl")), records, maker);
    QVERIFY(write(log.path, log.bytes));
    const auto source = openCompact({ log.path });
    QVERIFY(source);
    QByteArray other = log.bytes;
    other.replace("\"amount\":1", "\"amount\":9"); // same length
    QCOMPARE(other.size(), log.bytes.size());
    {
        // Rewritten in place, as an editor saving over the file does.
        QFile file(log.path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QCOMPARE(file.write(other), other.size());
    }
    const auto at = source->eventAt(5);
    QVERIFY(!at);
    QCOMPARE(at.error().file, log.path);
    QCOMPARE(at.error().line, log.lines.at(4));
    QVERIFY2(at.error().message.contains(QLatin1String("changed")), qPrintable(at.error().toString()));
    const Status read = source->readEvents({ QStringLiteral("account-1") }, [](const Event&) { return true; });
    QVERIFY(!read);

    // The same with the file cut to nothing and written again, longer.
    QVERIFY(write(log.path, other + other));
    QVERIFY(!source->eventAt(1));
}

void TestLogSource::fileReplacedKeepsTheOpenedOne()
{
    // A new file renamed over the old one (how most programs save): the open file is still
    // the one that was read, so the events are still its events.
    LogMaker maker(900);
    const QList<QByteArray> records = { R"({"stream":"a","type":"Opened","data":{"owner":"x"}})",
        R"({"stream":"a","type":"Closed","data":{}})" };
    const TestLog log = jsonLines(m_dir.filePath(QStringLiteral("replaced.jsonl")), records, maker);
    QVERIFY(write(log.path, log.bytes));
    const auto source = openCompact({ log.path });
    QVERIFY(source);
    const QString replacement = m_dir.filePath(QStringLiteral("replacement.jsonl"));
    QVERIFY(write(replacement, R"({"stream":"b","type":"Other","data":{"n":1}})"));
    QVERIFY(QFile::remove(log.path));
    QVERIFY(QFile::rename(replacement, log.path));
    const auto first = source->eventAt(1);
    QVERIFY(first.ok());
    QCOMPARE(first->data, QByteArray(R"({"owner":"x"})"));
}

void TestLogSource::digestFollowsWhatTheEventsHold()
{
    // What a kept analysis is checked against: the same for the same file read the same way,
    // another when a record's bytes, the mapping or the files differ.
    LogMaker maker(1000);
    QList<QByteArray> records;
    for (int i = 0; i < 300; ++i)
        records.append(R"({"stream":"account-)" + QByteArray::number(i % 7)
            + R"(","type":"Deposited","data":{"amount":)" + QByteArray::number(100 + i)
            + R"(},"payload":{"amount":1}})");
    const TestLog log = jsonLines(m_dir.filePath(QStringLiteral("digest.jsonl")), records, maker);
    QVERIFY(write(log.path, log.bytes));
    const auto digestOf = [](const QStringList& paths, const ReadOptions& options = {}) {
        const auto source = openCompact(paths, options);
        return source ? source->contentDigest().value_or(QByteArray()) : QByteArray();
    };
    const QByteArray first = digestOf({ log.path });
    QVERIFY(!first.isEmpty());
    QCOMPARE(digestOf({ log.path }), first);

    ReadOptions payload;
    payload.mapping.setPath(FieldMapping::Data, QStringLiteral("payload"));
    QVERIFY(digestOf({ log.path }, payload) != first);

    const TestLog other = jsonLines(m_dir.filePath(QStringLiteral("digest-other.jsonl")), records.mid(0, 20), maker);
    QVERIFY(write(other.path, other.bytes));
    QVERIFY(digestOf({ log.path, other.path }) != first);

    QByteArray changed = log.bytes;
    changed.replace("\"amount\":150", "\"amount\":151"); // one digit of one record's data
    QCOMPARE(changed.size(), log.bytes.size());
    QVERIFY(changed != log.bytes);
    QVERIFY(write(log.path, changed));
    QVERIFY(digestOf({ log.path }) != first);
}

QTEST_GUILESS_MAIN(TestLogSource)
#include "tst_logsource.moc"
