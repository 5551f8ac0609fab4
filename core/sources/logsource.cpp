#include "sources/logsource.h"

#include "model/historyindex.h"

#include <QCryptographicHash>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <limits>
#include <simdjson.h>

namespace Rewind {

void LineTable::append(qint64 line)
{
    const qint64 row = m_rows++;
    if (!m_runs.empty()) {
        Run& run = m_runs.back();
        if (run.count == 1 && line >= run.line) {
            run.step = line - run.line;
            run.count = 2;
            return;
        }
        if (line == run.line + run.count * run.step) {
            ++run.count;
            return;
        }
    }
    m_runs.push_back({ row, line, 0, 1 });
}

qint64 LineTable::lineOf(qint64 row) const
{
    const auto after =
        std::upper_bound(m_runs.cbegin(), m_runs.cend(), row, [](qint64 r, const Run& run) { return r < run.row; });
    if (after == m_runs.cbegin())
        return 0;
    const Run& run = *std::prev(after);
    return row - run.row < run.count ? run.line + (row - run.row) * run.step : 0;
}

namespace {
/// Sets an event's stream and type from the index, only when they differ from the last event's
/// (a read of one stream names the same stream every time): a QString assignment per event is
/// a tenth of a replay's time.
class EventNames {
public:
    void fill(Event& event, const LogIndex& index, qsizetype row)
    {
        if (const quint32 stream = index.stream(row); stream != m_stream) {
            event.stream = index.streams().name(stream);
            m_stream = stream;
        }
        if (const quint32 type = index.type(row); type != m_type) {
            event.type = index.types().name(type);
            m_type = type;
        }
    }

private:
    quint32 m_stream = std::numeric_limits<quint32>::max();
    quint32 m_type = std::numeric_limits<quint32>::max();
};
}

/// What one read needs: a window on each file, read ahead over the records the read will want
/// next when they are close together, and the Event it fills in for the visitor.
class LogSource::Reader {
public:
    Reader(const LogSource& source, bool withMetadata, qsizetype endRow, std::optional<quint32> stream)
        : m_source(source)
        , m_index(source.m_index)
        , m_withMetadata(withMetadata)
        , m_endRow(endRow)
        , m_stream(stream)
        , m_windows(source.m_parts.size())
    {
    }

    const Event& event() const { return m_event; }

    /// Fills event() with the event at `row`, its data read from its file.
    Status load(qsizetype row)
    {
        const LogIndex::Place place = m_index.place(row);
        const quint16 partNumber = m_index.part(row);
        const Part& part = m_source.m_parts[partNumber];
        Window& window = m_windows[partNumber];
        if (place.offset < window.start || place.offset + place.length > window.end) {
            if (Status read = fill(window, part, row, place); !read) {
                Error error = read.error();
                error.line = part.lines.lineOf(m_index.fileRow(row));
                return error;
            }
        }
        const char* text = window.bytes.data() + (place.offset - window.start);
        const std::string_view record(text, place.length);
        if (recordChecksum(record) != place.checksum)
            return changed(part, row, QString());
        m_names.fill(m_event, m_index, row);
        m_event.version = m_index.version(row);
        m_event.position = m_index.position(row);
        m_event.at = m_index.at(row);
        const size_t padded = size_t(window.end - place.offset) + simdjson::SIMDJSON_PADDING;
        if (const auto problem = part.payloads->read(record, padded, m_withMetadata, m_event))
            return changed(part, row, *problem);
        return {};
    }

private:
    struct Window {
        qint64 start = 0;
        qint64 end = 0;
        std::vector<char> bytes; ///< [start, end) of the file, then simdjson's padding
    };

    /// Records closer than this are read in one go: reading the gap costs less than a call more.
    static constexpr qint64 GapLimit = 64 * 1024;
    static constexpr qint64 WindowLimit = 1024 * 1024;
    static constexpr qsizetype LookAhead = 8192;

    Status fill(Window& window, const Part& part, qsizetype row, const LogIndex::Place& place)
    {
        const quint16 partNumber = m_index.part(row);
        qint64 end = place.offset + place.length;
        for (qsizetype next = row + 1; next < m_endRow && next <= row + LookAhead; ++next) {
            if ((m_stream && m_index.stream(next) != *m_stream) || m_index.part(next) != partNumber)
                continue;
            const LogIndex::Place ahead = m_index.place(next);
            if (ahead.offset < end || ahead.offset - end > GapLimit
                || ahead.offset + ahead.length - place.offset > WindowLimit)
                break;
            end = ahead.offset + ahead.length;
        }
        const qint64 length = end - place.offset;
        const auto needed = size_t(length) + simdjson::SIMDJSON_PADDING;
        if (window.bytes.size() < needed)
            window.bytes.resize(needed);
        window.start = window.end = 0;
        if (Status read = part.file->read(place.offset, length, window.bytes.data()); !read)
            return read;
        window.start = place.offset;
        window.end = end;
        return {};
    }

    Error changed(const Part& part, qsizetype row, const QString& detail) const
    {
        QString message = QStringLiteral("the file changed after it was opened: this record is not the one read then");
        if (!detail.isEmpty())
            message += QStringLiteral(" (") + detail + QLatin1Char(')');
        return Error { Error::Kind::Failure, part.file->path(), part.lines.lineOf(m_index.fileRow(row)),
            message + QStringLiteral("; open it again") };
    }

    const LogSource& m_source;
    const LogIndex& m_index;
    bool m_withMetadata = true;
    qsizetype m_endRow = 0;
    std::optional<quint32> m_stream;
    std::vector<Window> m_windows;
    Event m_event;
    EventNames m_names;
};

LogSource::LogSource(QString path, QString kind)
    : m_path(std::move(path))
    , m_kind(std::move(kind))
{
}

void LogSource::finish()
{
    m_numberingProblem = m_index.finish();

    // Snapshots without a position take the first event with their stream and version: one pass
    // over the events, not one per snapshot (a log of a million events has a thousand snapshots).
    QHash<std::pair<quint32, qint64>, QList<qsizetype>> unplaced;
    for (qsizetype i = 0; i < m_snapshots.size(); ++i) {
        if (m_snapshots.at(i).position > 0)
            continue;
        if (const auto stream = m_index.streams().find(m_snapshots.at(i).stream))
            unplaced[{ *stream, m_snapshots.at(i).version }].append(i);
    }
    for (qsizetype row = 0; row < m_index.size() && !unplaced.isEmpty(); ++row) {
        const auto it = unplaced.constFind({ m_index.stream(row), m_index.version(row) });
        if (it == unplaced.cend())
            continue;
        for (const qsizetype i : *it)
            m_snapshots[i].position = m_index.position(row);
        unplaced.erase(it);
    }
    std::stable_sort(m_snapshots.begin(), m_snapshots.end(), [](const Snapshot& a, const Snapshot& b) {
        return std::tie(a.stream, a.version) < std::tie(b.stream, b.version);
    });
}

Result<QList<StreamInfo>> LogSource::streams() const
{
    QList<StreamInfo> result;
    std::vector<qsizetype> indexOf(size_t(m_index.streams().size()), -1);
    for (qsizetype row = 0; row < m_index.size(); ++row) {
        const quint32 stream = m_index.stream(row);
        const qint64 position = m_index.position(row);
        qsizetype& i = indexOf[stream];
        if (i < 0) {
            i = result.size();
            result.append({ m_index.streams().name(stream), 0, position, position, 0 });
        }
        StreamInfo& info = result[i];
        ++info.eventCount;
        info.lastPosition = position;
        info.lastVersion = std::max(info.lastVersion, m_index.version(row));
    }
    return result;
}

Result<QList<Snapshot>> LogSource::snapshots(const QString& stream) const
{
    if (stream.isEmpty())
        return m_snapshots;
    QList<Snapshot> result;
    std::copy_if(m_snapshots.cbegin(), m_snapshots.cend(), std::back_inserter(result),
        [&](const Snapshot& s) { return s.stream == stream; });
    return result;
}

Status LogSource::readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const
{
    std::optional<quint32> stream;
    if (!filter.stream.isEmpty()) {
        stream = m_index.streams().find(filter.stream);
        if (!stream)
            return {};
    }
    const qsizetype first = m_index.lowerBound(filter.fromPosition);
    const qsizetype end = filter.toPosition == std::numeric_limits<qint64>::max()
        ? m_index.size()
        : m_index.lowerBound(filter.toPosition + 1);
    if (!filter.withData && !filter.withMetadata) {
        // What the visitor wants is all in the index: not a byte of the files is read.
        Event event;
        EventNames names;
        for (qsizetype row = first; row < end; ++row) {
            if (stream && m_index.stream(row) != *stream)
                continue;
            names.fill(event, m_index, row);
            event.version = m_index.version(row);
            event.position = m_index.position(row);
            event.at = m_index.at(row);
            if (!visit(event))
                break;
        }
        return {};
    }
    Reader reader(*this, filter.withMetadata, end, stream);
    for (qsizetype row = first; row < end; ++row) {
        if (stream && m_index.stream(row) != *stream)
            continue;
        if (Status loaded = reader.load(row); !loaded)
            return loaded;
        if (!visit(reader.event()))
            break;
    }
    return {};
}

Result<Event> LogSource::eventAt(qint64 position) const
{
    const qsizetype row = position > 0 ? m_index.lowerBound(position) : m_index.size();
    if (row >= m_index.size() || m_index.position(row) != position)
        return Event();
    Reader reader(*this, true, row + 1, std::nullopt);
    if (Status loaded = reader.load(row); !loaded)
        return loaded.error();
    return reader.event();
}

Status LogSource::readIndex(HistoryIndex& index) const
{
    // Straight from the index: not one record is read again.
    std::vector<qint32> streamIds(size_t(m_index.streams().size()), -1);
    std::vector<qint32> typeIds(size_t(m_index.types().size()), -1);
    index.reserve(index.size() + m_index.size());
    for (qsizetype row = 0; row < m_index.size(); ++row) {
        qint32& stream = streamIds[m_index.stream(row)];
        if (stream < 0)
            stream = index.streamId(m_index.streams().name(m_index.stream(row)));
        qint32& type = typeIds[m_index.type(row)];
        if (type < 0)
            type = index.typeId(m_index.types().name(m_index.type(row)));
        index.append(
            HistoryIndex::Entry { m_index.position(row), m_index.at(row), m_index.version(row), stream, type, 0 });
    }
    return {};
}

std::optional<QByteArray> LogSource::contentDigest() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(m_index.digest());
    for (const Part& part : m_parts) {
        const QByteArray path = part.file->path().toUtf8();
        const qint64 size = part.file->size();
        hash.addData(path);
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(&size), sizeof size));
        hash.addData(part.payloads->identity());
    }
    return hash.result();
}

Result<std::unique_ptr<LogSource>> LogSource::merge(std::vector<std::unique_ptr<LogSource>> sources)
{
    QStringList paths;
    QStringList kinds;
    qsizetype total = 0;
    for (const auto& source : sources) {
        paths.append(source->path());
        if (!kinds.contains(source->kind()))
            kinds.append(source->kind());
        total += source->m_index.size();
    }
    auto merged = std::make_unique<LogSource>(
        paths.join(QStringLiteral(" + ")), QStringLiteral("merged (%1)").arg(kinds.join(QStringLiteral(", "))));
    if (total > LogIndex::MaxRows)
        return Error::badInput(QStringLiteral("too many events (%1 at most)").arg(LogIndex::MaxRows), merged->path());

    const size_t count = sources.size();
    std::vector<quint16> firstPart(count);
    for (size_t i = 0; i < count; ++i) {
        if (merged->m_parts.size() + sources[i]->m_parts.size() > std::numeric_limits<quint16>::max())
            return Error::badInput(QStringLiteral("too many files"), merged->path());
        firstPart[i] = quint16(merged->m_parts.size());
        for (Part& part : sources[i]->m_parts)
            merged->m_parts.push_back(std::move(part));
    }

    // The positions snapshots name, to number them anew.
    std::vector<QSet<qint64>> named(count);
    std::vector<QHash<qint64, qint64>> newPosition(count);
    for (size_t i = 0; i < count; ++i) {
        for (const Snapshot& snapshot : std::as_const(sources[i]->m_snapshots))
            named[i].insert(snapshot.position);
    }
    // Each log's names as the merged log numbers them, looked up once per name.
    std::vector<std::vector<qint64>> streamIds(count);
    std::vector<std::vector<qint64>> typeIds(count);
    for (size_t i = 0; i < count; ++i) {
        streamIds[i].assign(size_t(sources[i]->m_index.streams().size()), -1);
        typeIds[i].assign(size_t(sources[i]->m_index.types().size()), -1);
    }
    const auto idOf = [](qint64& id, const NameTable& from, quint32 fromId, NameTable& to) {
        if (id < 0) {
            const QByteArray utf8 = from.name(fromId).toUtf8();
            id = to.intern(std::string_view(utf8.constData(), size_t(utf8.size())));
        }
        return quint32(id);
    };

    LogIndex& index = merged->m_index;
    std::vector<qsizetype> next(count, 0);
    qint64 position = 0;
    for (;;) {
        // A k-way merge: k is the number of files the user named, so a scan beats a heap.
        std::optional<size_t> pick;
        for (size_t i = 0; i < count; ++i) {
            const LogIndex& from = sources[i]->m_index;
            if (next[i] < from.size() && (!pick || from.at(next[i]) < sources[*pick]->m_index.at(next[*pick])))
                pick = i;
        }
        if (!pick)
            break;
        const LogIndex& from = sources[*pick]->m_index;
        const qsizetype row = next[*pick]++;
        ++position;
        if (named[*pick].contains(from.position(row)))
            newPosition[*pick].insert(from.position(row), position);
        const quint32 stream =
            idOf(streamIds[*pick][from.stream(row)], from.streams(), from.stream(row), index.streams());
        const quint32 type = idOf(typeIds[*pick][from.type(row)], from.types(), from.type(row), index.types());
        // Files that gave no versions are numbered across the files, by finish().
        const qint64 version = sources[*pick]->versionsGiven() ? from.version(row) : 0;
        index.appendMerged(stream, type, version, from.at(row), from.place(row),
            quint16(firstPart[*pick] + from.part(row)), quint32(from.fileRow(row)));
    }
    for (size_t i = 0; i < count; ++i) {
        for (Snapshot& snapshot : sources[i]->m_snapshots) {
            snapshot.position = newPosition[i].value(snapshot.position, 0);
            merged->addSnapshot(std::move(snapshot));
        }
    }
    merged->finish();
    if (const auto& problem = merged->numberingProblem())
        return Error::badInput(*problem, merged->path());
    return merged;
}

} // namespace Rewind
