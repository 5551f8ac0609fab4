#include "replay/analysiscache.h"

#include "replay/verifier.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace Rewind {

// The cache file's records. In Rewind, not in an unnamed namespace, so that QList's own
// operators find them.
static QDataStream& operator<<(QDataStream& out, const Anomaly& a)
{
    return out << a.kind << a.stream << a.version << a.position << a.message;
}
static QDataStream& operator>>(QDataStream& in, Anomaly& a)
{
    return in >> a.kind >> a.stream >> a.version >> a.position >> a.message;
}
static QDataStream& operator<<(QDataStream& out, const AnalysisCache::SnapshotMark& s)
{
    return out << s.stream << s.version << s.matches;
}
static QDataStream& operator>>(QDataStream& in, AnalysisCache::SnapshotMark& s)
{
    return in >> s.stream >> s.version >> s.matches;
}
static QDataStream& operator<<(QDataStream& out, const AnalysisCache::Checkpoint& c)
{
    return out << c.stream << c.version << c.position << c.at << c.state;
}
static QDataStream& operator>>(QDataStream& in, AnalysisCache::Checkpoint& c)
{
    return in >> c.stream >> c.version >> c.position >> c.at >> c.state;
}

namespace {

constexpr quint32 Magic = 0x52574e43; // "RWNC"
constexpr quint32 FormatVersion = 1;
constexpr int SampledEvents = 64;

void hashEvent(QCryptographicHash& hash, const Event& event)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << event.stream << event.version << event.position << event.type << event.data << event.metadata << event.at;
    hash.addData(bytes);
}

bool before(const AnalysisCache::Checkpoint& a, const AnalysisCache::Checkpoint& b)
{
    return a.stream != b.stream ? a.stream < b.stream : a.position < b.position;
}

/// The cached contents, or nothing when the file is not one this version wrote for this
/// fingerprint, or is damaged: such a file is never trusted.
std::optional<AnalysisCache::Contents> readFile(const QString& path, const QByteArray& fingerprint)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint32 version = 0;
    QByteArray written;
    in >> magic >> version;
    if (in.status() != QDataStream::Ok || magic != Magic || version != FormatVersion)
        return std::nullopt;
    in >> written;
    if (written != fingerprint)
        return std::nullopt;
    AnalysisCache::Contents contents;
    in >> contents.streams >> contents.domains >> contents.anomalies >> contents.snapshots >> contents.checkpoints;
    quint32 end = 0;
    in >> end;
    if (in.status() != QDataStream::Ok || end != Magic || !in.atEnd()
        || contents.streams.size() != contents.domains.size()
        || !std::is_sorted(contents.checkpoints.begin(), contents.checkpoints.end(), before))
        return std::nullopt;
    return contents;
}

bool writeFile(const QString& path, const QByteArray& fingerprint, const AnalysisCache::Contents& contents)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_4);
    out << Magic << FormatVersion << fingerprint << contents.streams << contents.domains << contents.anomalies
        << contents.snapshots << contents.checkpoints << Magic;
    return out.status() == QDataStream::Ok && file.commit();
}

} // namespace

Anomalies AnalysisCache::Contents::anomaliesOf(const QString& stream, qint64 through) const
{
    Anomalies found;
    for (const Anomaly& anomaly : anomalies) {
        if (anomaly.stream == stream && anomaly.position <= through)
            found.append(anomaly);
    }
    return found;
}

const AnalysisCache::Checkpoint* AnalysisCache::Contents::checkpointBefore(const QString& stream, qint64 position) const
{
    const Checkpoint probe { stream, 0, position, 0, {} };
    // The first checkpoint past (stream, position); the one before it is the answer if it is
    // of the same stream.
    const auto after =
        std::upper_bound(checkpoints.begin(), checkpoints.end(), probe, [](const Checkpoint& a, const Checkpoint& b) {
            return a.stream != b.stream ? a.stream < b.stream : a.position < b.position;
        });
    if (after == checkpoints.begin())
        return nullptr;
    const Checkpoint& found = *std::prev(after);
    return found.stream == stream ? &found : nullptr;
}

bool AnalysisCache::Contents::versionsGrow(const QString& stream) const
{
    return std::none_of(anomalies.begin(), anomalies.end(), [&](const Anomaly& anomaly) {
        return anomaly.stream == stream
            && (anomaly.kind == QLatin1String(AnomalyKind::OutOfOrder)
                || anomaly.kind == QLatin1String(AnomalyKind::VersionDuplicate));
    });
}

const AnalysisCache::Checkpoint* AnalysisCache::Contents::checkpointBeforeVersion(
    const QString& stream, qint64 version) const
{
    const Checkpoint* found = nullptr;
    for (const Checkpoint& checkpoint : checkpoints) {
        if (checkpoint.stream == stream && checkpoint.version <= version)
            found = &checkpoint;
    }
    return found;
}

bool AnalysisCache::Contents::snapshotMatches(const QString& stream, qint64 version) const
{
    return std::any_of(snapshots.begin(), snapshots.end(),
        [&](const SnapshotMark& mark) { return mark.stream == stream && mark.version == version && mark.matches; });
}

AnalysisCache::AnalysisCache(QString directory, qint64 limitBytes)
    : m_directory(std::move(directory))
    , m_limitBytes(limitBytes)
{
}

QString AnalysisCache::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/rewind");
}

QString AnalysisCache::fileFor(const EventSource& source, const Domain* forced) const
{
    const QFileInfo info(source.path());
    const QString identity = info.exists() ? info.canonicalFilePath() : source.path();
    QCryptographicHash key(QCryptographicHash::Sha256);
    const QByteArray identityText = source.kind().toUtf8() + '\n' + identity.toUtf8() + '\n'
        + (forced ? forced->identity() : QByteArrayLiteral("(chosen per stream)"));
    key.addData(identityText);
    return m_directory + QLatin1Char('/') + QString::fromLatin1(key.result().toHex().left(32))
        + QStringLiteral(".rwcache");
}

Result<QByteArray> AnalysisCache::fingerprint(const EventSource& source) const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray head;
    QDataStream out(&head, QIODevice::WriteOnly);
    const QFileInfo info(source.path());
    out << FormatVersion << source.kind() << info.size() << info.lastModified().toMSecsSinceEpoch();
    // Rewind's store never deletes a row, so its positions run from 1 to the last one, which one
    // step down its table finds; elsewhere the streams say where events are.
    const bool appendOnly = source.kind() == QLatin1String("rewind-store");
    qint64 last = 0;
    if (appendOnly) {
        const auto found = source.lastPosition();
        if (!found)
            return found.error();
        last = *found;
    } else {
        const auto streams = source.streams();
        if (!streams)
            return streams.error();
        for (const StreamInfo& stream : *streams)
            out << stream.id << stream.eventCount << stream.firstPosition << stream.lastPosition;
    }
    out << last;
    hash.addData(head);
    // Rewind's store refuses to change or delete a row (its triggers say so): there, events spread
    // over the whole history tell a store replaced by another. Anything else can be rewritten in
    // place, with the same size and even the same time, so every event counts: through the
    // digest a source keeps of them (a log read from text has a checksum of every record), else
    // by reading them all.
    const std::optional<QByteArray> digest = appendOnly ? std::nullopt : source.contentDigest();
    if (digest) {
        hash.addData(*digest);
    } else if (!appendOnly) {
        const Status read = source.readEvents({}, [&hash](const Event& event) {
            hashEvent(hash, event);
            return true;
        });
        if (!read)
            return read.error();
    } else if (last > 0) {
        for (int i = 0; i <= SampledEvents; ++i) {
            const qint64 position = 1 + (last - 1) * i / SampledEvents;
            const auto event = source.eventAt(position);
            if (!event)
                return event.error();
            hashEvent(hash, *event);
        }
    }
    // Every snapshot: `rewind-cli snapshot` adds some without adding events.
    const auto snapshots = source.snapshots();
    if (!snapshots)
        return snapshots.error();
    for (const Snapshot& snapshot : *snapshots) {
        QByteArray bytes;
        QDataStream s(&bytes, QIODevice::WriteOnly);
        s << snapshot.stream << snapshot.version << snapshot.position << snapshot.at << snapshot.state.toJson();
        hash.addData(bytes);
    }
    return hash.result();
}

Result<AnalysisCache::Contents> AnalysisCache::contentsFor(
    const EventSource& source, const DomainRegistry& domains, const Domain* forced, bool* fromCache)
{
    if (fromCache)
        *fromCache = false;
    const auto print = fingerprint(source);
    if (!print)
        return print.error();
    const QString path = fileFor(source, forced);
    if (auto cached = readFile(path, *print)) {
        if (fromCache)
            *fromCache = true;
        // Used now: the last to be evicted.
        QFile file(path);
        if (file.open(QIODevice::ReadWrite))
            file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
        return std::move(*cached);
    }

    Contents contents;
    Verifier::Options options;
    options.domain = forced;
    options.onFolded = [&contents](const Event& event, const State& state, qint64 eventsInStream) {
        if (eventsInStream % CheckpointEvery == 0)
            contents.checkpoints.append(
                { event.stream, event.version, event.position, event.at, state.toJson().toJson() });
    };
    auto analysis = Verifier::analyze(source, domains, options);
    if (!analysis)
        return analysis.error();
    for (const StreamAnalysis& stream : analysis->streams) {
        contents.streams.append(stream.id);
        contents.domains.append(stream.domain->name());
    }
    contents.anomalies = std::move(analysis->anomalies);
    for (const SnapshotCheck& check : analysis->snapshots)
        contents.snapshots.append({ check.snapshot.stream, check.snapshot.version, check.matches });
    std::stable_sort(contents.checkpoints.begin(), contents.checkpoints.end(), before);

    if (QDir().mkpath(m_directory) && writeFile(path, *print, contents))
        evict();
    return contents;
}

void AnalysisCache::evict() const
{
    QFileInfoList files = QDir(m_directory).entryInfoList({ QStringLiteral("*.rwcache") }, QDir::Files, QDir::Time);
    qint64 total = 0;
    for (const QFileInfo& file : files)
        total += file.size();
    // Newest first: remove from the end, the files used least recently.
    while (total > m_limitBytes && !files.isEmpty()) {
        total -= files.last().size();
        QFile::remove(files.last().filePath());
        files.removeLast();
    }
}

} // namespace Rewind
