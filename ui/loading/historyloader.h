#pragma once

#include "model/error.h"
#include "sources/fieldmapping.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace Rewind {

class History;

/// Opens histories in the background (runInBackground), with progress and cancel, in two steps:
/// the source and its index (`loaded`: the window can show it), then the analysis with its
/// checkpoints in the same job (`analysed`: anomalies, snapshot checks and fast jumps are there).
/// Each load has a job id; a result that arrives after a newer load started or after a cancel is
/// dropped, so the window only ever shows what the user asked for last.
class HistoryLoader : public QObject {
    Q_OBJECT
public:
    struct Outcome {
        std::shared_ptr<const History> history {};
        std::optional<Error> error {}; ///< unset on success and when cancelled
        bool cancelled = false;
        /// Bad records left out when a load was told to skip them, and the first of them.
        qint64 skippedRecords = 0;
        QList<Error> skipped {};
    };
    /// How many of the skipped records an outcome names.
    static constexpr int NamedSkips = 50;

    explicit HistoryLoader(QObject* parent = nullptr);
    ~HistoryLoader() override;

    /// Starts loading `path`, cancelling any load under way. Returns the job id.
    int load(const QString& path);
    /// Several files as one history merged by time, all read under `mapping` (empty: detect).
    /// The signals name the first path.
    int load(const QStringList& paths, const FieldMapping& mapping);
    /// The same, but a log's bad records are left out (and listed in the outcome) instead of
    /// refusing the file: "open the readable records".
    int loadReadable(const QStringList& paths, const FieldMapping& mapping);
    /// Streams whose domain a person chose (stream → domain name); every later load uses them.
    void setDomainChoices(const QHash<QString, QString>& choices) { m_domainChoices = choices; }
    QHash<QString, QString> domainChoices() const { return m_domainChoices; }
    void cancel();
    bool isBusy() const { return m_watcher != nullptr; }
    int currentJob() const { return m_job; }

    /// The same work on the calling thread, both steps, for screenshots and tests. `progress`
    /// returning false cancels. The returned history keeps its domain registry alive.
    static Outcome loadNow(
        const QString& path, const std::function<bool(int permille, const QString& phase)>& progress = {});
    static Outcome loadNow(const QStringList& paths, const FieldMapping& mapping,
        const std::function<bool(int permille, const QString& phase)>& progress = {},
        const QHash<QString, QString>& domainChoices = {}, bool skipBadRecords = false);

signals:
    void started(int job, const QString& path);
    void progress(int job, int permille, const QString& phase);
    /// The history is indexed: it can be shown. Its analysis is still running.
    void loaded(int job, const QString& path, std::shared_ptr<const History> history);
    /// A load told to skip bad records left `count` out; `first` names the first of them.
    void skippedRecords(int job, qint64 count, const QList<Rewind::Error>& first);
    /// The history `loaded` reported has its analysis and checkpoints now.
    void analysed(int job, std::shared_ptr<const History> history);
    void failed(int job, const QString& path, const Rewind::Error& error);
    void cancelled(int job);

private:
    /// The first step: the source and its index, no analysis.
    static Outcome indexNow(const QStringList& paths, const FieldMapping& mapping,
        const std::function<bool(int permille, const QString& phase)>& progress,
        const QHash<QString, QString>& domainChoices, bool skipBadRecords);
    int start(const QStringList& paths, const FieldMapping& mapping, bool skipBadRecords);
    /// The second step. False when it failed (`error` says why) or was cancelled (`error` unset).
    static bool analyseNow(const History& history,
        const std::function<bool(int permille, const QString& phase)>& progress, std::optional<Error>* error);
    void finish(int job, QFutureWatcher<Outcome>* watcher, const QString& path);

    QFutureWatcher<Outcome>* m_watcher = nullptr;
    int m_job = 0;
    QHash<QString, QString> m_domainChoices;
};

} // namespace Rewind
