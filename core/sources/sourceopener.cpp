#include "sources/sourceopener.h"

#include "sources/csvreader.h"
#include "sources/emmettstore.h"
#include "sources/fieldmapping.h"
#include "sources/jsonlinesreader.h"
#include "sources/jsonreader.h"
#include "sources/mergedsource.h"
#include "sources/postgresstore.h"
#include "store/eventstore.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <sqlite3.h>

namespace Rewind {

namespace {
/// What SQLite's header says the size is, against the file's size: a cut copy is told in
/// one line before SQLite is asked anything.
std::optional<QString> truncation(const QByteArray& header, qint64 fileSize)
{
    if (header.size() < 100)
        return QStringLiteral("a truncated SQLite file (%1 bytes, shorter than its header)").arg(fileSize);
    const auto* bytes = reinterpret_cast<const uchar*>(header.constData());
    qint64 pageSize = qFromBigEndian<quint16>(bytes + 16);
    if (pageSize == 1)
        pageSize = 65536;
    const auto pageCount = qFromBigEndian<quint32>(bytes + 28);
    const bool countValid = qFromBigEndian<quint32>(bytes + 24) == qFromBigEndian<quint32>(bytes + 92);
    if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        return QStringLiteral("a damaged SQLite file (its header is invalid)");
    if ((countValid && pageCount > 0 && fileSize < pageSize * qint64(pageCount)) || fileSize % pageSize != 0) {
        return QStringLiteral("a truncated SQLite file (%1 bytes; its header says %2)")
            .arg(fileSize)
            .arg(pageSize * qint64(pageCount));
    }
    return std::nullopt;
}

/// In the first object of a file, is there a top-level `"events": [` ? Then the file is one
/// JSON document, even when it is written on one line.
bool hasEventsArray(QByteArrayView head)
{
    int depth = 0;
    bool inString = false;
    qsizetype keyStart = -1;
    for (qsizetype i = 0; i < head.size(); ++i) {
        const char c = head[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
                if (keyStart >= 0) {
                    const QByteArrayView key = head.sliced(keyStart, i - keyStart);
                    qsizetype j = i + 1;
                    while (j < head.size() && (head[j] == ' ' || head[j] == '\t' || head[j] == '\r' || head[j] == '\n'))
                        ++j;
                    if (j < head.size() && head[j] == ':') {
                        ++j;
                        while (j < head.size()
                            && (head[j] == ' ' || head[j] == '\t' || head[j] == '\r' || head[j] == '\n'))
                            ++j;
                        if (j < head.size() && head[j] == '['
                            && FieldMapping::normalizedKey(QString::fromUtf8(key)) == QLatin1String("events"))
                            return true;
                    }
                    keyStart = -1;
                }
            }
        } else if (c == '"') {
            inString = true;
            // A key at depth 1 follows `{` or `,` (after blanks).
            qsizetype k = i - 1;
            while (k >= 0 && (head[k] == ' ' || head[k] == '\t' || head[k] == '\r' || head[k] == '\n'))
                --k;
            keyStart = depth == 1 && k >= 0 && (head[k] == '{' || head[k] == ',') ? i + 1 : -1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return false;
        }
    }
    return false;
}

/// Where the first byte no text file holds is, if any.
std::optional<qsizetype> controlByte(QByteArrayView head)
{
    const auto* found = std::find_if(head.begin(), head.end(), [](char c) {
        const auto u = static_cast<uchar>(c);
        return u < 0x09 || (u > 0x0D && u < 0x20 && u != 0x1B);
    });
    return found == head.end() ? std::nullopt : std::optional(qsizetype(found - head.begin()));
}

bool looksBinary(QByteArrayView head) { return controlByte(head).has_value(); }

/// Binary data refused in one line; when whole lines of text come before the control byte,
/// the file is text with one bad byte, and the line says where.
Error binaryData(const QString& path)
{
    QFile file(path);
    QByteArray head = file.open(QIODevice::ReadOnly) ? file.read(4096) : QByteArray();
    const qsizetype bom = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const auto at = controlByte(QByteArrayView(head).sliced(bom));
    const QByteArrayView before = at ? QByteArrayView(head).sliced(bom, *at) : QByteArrayView();
    const qsizetype lineBreaks = before.count('\n');
    // Text means: valid UTF-8 up to the byte, opening as JSON does (random bytes seldom are).
    const QByteArray opening = before.trimmed().first(std::min<qsizetype>(before.trimmed().size(), 1)).toByteArray();
    const bool text = QUtf8StringView(before).isValidUtf8() && (opening == "{" || opening == "[");
    if (!at || lineBreaks == 0 || !text)
        return Error::badInput(QStringLiteral("not an event log (binary data)"), path);
    return Error::badInput(QStringLiteral("not an event log: a control byte (0x%1) in what is otherwise text")
                               .arg(uchar(head.at(bom + *at)), 2, 16, QLatin1Char('0')),
        path, lineBreaks + 1);
}
}

SourceOpener::Kind SourceOpener::detect(const QString& path) { return detect(path, nullptr); }

bool SourceOpener::isServer(const QString& source) { return PostgresStore::isUrl(source); }

SourceOpener::Kind SourceOpener::detect(const QString& path, QString* why)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly))
        return Kind::Missing;
    QByteArray head = file.read(65536);
    if (head.isEmpty())
        return Kind::Empty;
    if (head.startsWith(QByteArrayView("SQLite format 3\0", 16))) {
        // A writer killed while it copied its write-ahead log into the file (a checkpoint) leaves
        // the header's new size written before the pages that reach it; the log beside the file
        // still holds them, and SQLite finishes the copy when the file is next opened. Only a
        // file with no log or journal beside it is judged by its size.
        const bool recoverable = QFileInfo(path + QStringLiteral("-wal")).size() > 0
            || QFileInfo(path + QStringLiteral("-journal")).size() > 0;
        if (const auto damaged = recoverable ? std::nullopt : truncation(head.left(100), file.size())) {
            if (why)
                *why = *damaged;
            return Kind::DamagedSqlite;
        }
        if (EventStore::looksLikeStore(path))
            return Kind::RewindStore;
        auto db = EmmettStore::openUntouched(path);
        if (!db) {
            if (why)
                *why = QStringLiteral("a damaged SQLite file (%1)").arg(db.error().message);
            return Kind::DamagedSqlite;
        }
        const auto notEmmett = EmmettStore::whyNot(*db);
        sqlite3_close(*db);
        if (!notEmmett) {
            if (why)
                *why = QStringLiteral("a damaged SQLite file (%1)").arg(notEmmett.error().message);
            return Kind::DamagedSqlite;
        }
        if (*notEmmett && why)
            *why = **notEmmett;
        return *notEmmett ? Kind::OtherSqlite : Kind::EmmettStore;
    }
    if (head.startsWith("\xEF\xBB\xBF"))
        head.remove(0, 3);
    if (looksBinary(QByteArrayView(head).first(std::min<qsizetype>(head.size(), 4096))))
        return Kind::Binary;
    const QByteArray trimmed = head.trimmed();
    if (trimmed.isEmpty())
        return Kind::Empty;
    if (trimmed.startsWith('{')) {
        if (hasEventsArray(trimmed))
            return Kind::Json;
        // A JSON Lines file has an object per line; a JSON document may spread one object over
        // many lines. The first line decides.
        const qsizetype newline = trimmed.indexOf('\n');
        const QByteArray firstLine = (newline < 0 ? trimmed : trimmed.left(newline)).trimmed();
        return firstLine.endsWith('}') || newline < 0 ? Kind::JsonLines : Kind::Json;
    }
    if (trimmed.startsWith('['))
        return Kind::Json;
    const qsizetype newline = trimmed.indexOf('\n');
    const QByteArray firstLine = newline < 0 ? trimmed : trimmed.left(newline);
    if (firstLine.contains(',') || firstLine.contains(';') || firstLine.contains('\t'))
        return Kind::Csv;
    return Kind::Unknown;
}

Result<std::unique_ptr<EventSource>> SourceOpener::open(
    const QString& path, const std::function<bool(qint64, qint64)>& progress)
{
    ReadOptions options;
    options.progress = progress;
    return open(path, options);
}

Result<std::unique_ptr<EventSource>> SourceOpener::open(
    const QString& path, const ReadOptions& options, ReadReport* report)
{
    const auto upcast = [](auto result) -> Result<std::unique_ptr<EventSource>> {
        if (!result)
            return result.error();
        return std::unique_ptr<EventSource>(std::move(result).value());
    };
    // A connection URL, not a file: the server's tables say which store it is.
    if (PostgresStore::isUrl(path))
        return upcast(PostgresStore::open(path, report));
    QString why;
    switch (detect(path, &why)) {
    case Kind::Missing:
        return Error::badInput(
            QFileInfo(path).isDir() ? QStringLiteral("a folder, not an event log") : QStringLiteral("no such file"),
            path);
    case Kind::Empty:
        return Error::badInput(QStringLiteral("the file is empty, not an event log"), path);
    case Kind::Binary:
        return binaryData(path);
    case Kind::DamagedSqlite:
        return Error::badInput(why, path);
    case Kind::OtherSqlite:
        return Error::badInput(
            QStringLiteral("an SQLite database, but not an event store Rewind knows (%1)").arg(why), path);
    case Kind::Unknown:
        return Error::badInput(
            QStringLiteral("not an event log (expected JSON Lines, JSON, CSV or an event store)"), path);
    case Kind::RewindStore:
        if (report)
            report->notes.append(QStringLiteral("Rewind store, opened read-only"));
        return upcast(EventStore::open(path, EventStore::Mode::ReadOnly));
    case Kind::EmmettStore:
        return upcast(EmmettStore::open(path, report));
    case Kind::JsonLines:
        return upcast(JsonLinesReader::read(path, options, report));
    case Kind::Json:
        return upcast(JsonReader::read(path, options, report));
    case Kind::Csv:
        return upcast(CsvReader::read(path, options, report));
    }
    return Error::failure(QStringLiteral("unreachable"), path);
}

Result<std::unique_ptr<EventSource>> SourceOpener::open(
    const QStringList& paths, const ReadOptions& options, ReadReport* report)
{
    if (paths.size() == 1)
        return open(paths.first(), options, report);
    // One progress over every file, in bytes.
    qint64 total = 0;
    for (const QString& path : paths)
        total += QFileInfo(path).size();
    qint64 before = 0;
    std::vector<std::unique_ptr<EventSource>> sources;
    for (const QString& path : paths) {
        ReadOptions one = options;
        if (options.progress) {
            one.progress = [&](qint64 done, qint64) { return options.progress(before + done, total); };
        }
        ReadReport own;
        auto source = open(path, one, &own);
        if (report) {
            for (const QString& note : std::as_const(own.notes))
                report->notes.append(QFileInfo(path).fileName() + QStringLiteral(": ") + note);
            report->badRecords += own.badRecords;
            for (const Error& problem : std::as_const(own.problems)) {
                if (report->problems.size() < options.keepProblems)
                    report->problems.append(problem);
            }
        }
        if (!source)
            return source.error();
        sources.push_back(std::move(source).value());
        before += QFileInfo(path).size();
    }
    auto merged = MergedSource::merge(std::move(sources));
    if (!merged)
        return merged.error();
    return std::unique_ptr<EventSource>(std::move(merged).value());
}

} // namespace Rewind
