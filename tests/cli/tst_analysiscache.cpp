#include "clirun.h"
#include "domains/domainregistry.h"
#include "replay/analysiscache.h"
#include "sources/sourceopener.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Rewind;

// The analysis cache answers exactly as a fresh full replay does: cold, warm, after the source
// grew, after it was rewritten in place, and with a damaged cache file. It never writes beside
// the source, and --no-cache leaves it alone. Every answer here is compared with `--no-cache`.
namespace {

QByteArray randomLog(QRandomGenerator& random, int events, bool snapshots = true)
{
    QByteArray log;
    QHash<QByteArray, qint64> versions;
    for (int i = 0; i < events; ++i) {
        const QByteArray stream = "account-" + QByteArray::number(random.bounded(3));
        const qint64 version = ++versions[stream] + (random.bounded(40) == 0 ? 1 : 0);
        versions[stream] = version;
        const bool deposit = random.bounded(3) != 0;
        log += R"({"stream":")" + stream + R"(","version":)" + QByteArray::number(version) + R"(,"type":")"
            + (deposit ? "Deposited" : "Withdrawn") + R"(","data":{"amount":)"
            + QByteArray::number(random.bounded(1, 900)) + "." + QByteArray::number(random.bounded(10, 99))
            + R"(},"at":)" + QByteArray::number(1767225600000 + i * 60000) + "}\n";
        if (snapshots && random.bounded(15) == 0) // a snapshot that never matches: its balance is made up
            log += R"({"kind":"snapshot","stream":")" + stream + R"(","version":)" + QByteArray::number(version)
                + R"(,"state":{"balance":)" + QByteArray::number(random.bounded(5000)) + "}}\n";
    }
    return log;
}

} // namespace

class TestAnalysisCache : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cacheHome;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_cacheHome);
        return env;
    }
    QString cacheDir() const { return m_cacheHome + QStringLiteral("/rewind"); }
    QStringList cacheFiles() const { return QDir(cacheDir()).entryList(QDir::Files); }

    QByteArray state(const QStringList& args)
    {
        const RewindTest::CliRun run =
            RewindTest::runCli(QStringList { QStringLiteral("state") } + args, environment());
        if (run.status != 0)
            qWarning("%s", qPrintable(run.err));
        return run.status == 0 ? run.out : "exit " + QByteArray::number(run.status) + ": " + run.err.toUtf8();
    }
    /// The same question with the cache and without it must get the same answer.
    void compare(const QStringList& args)
    {
        const QByteArray cached = state(args);
        const QByteArray fresh = state(args + QStringList { QStringLiteral("--no-cache") });
        QVERIFY2(cached.startsWith('{'), cached.constData());
        QCOMPARE(cached, fresh);
    }
    QString write(const QString& name, const QByteArray& text)
    {
        QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void init()
    {
        m_cacheHome = m_dir.filePath(QStringLiteral("cache-") + QString::fromLatin1(QTest::currentTestFunction()));
        QDir(m_cacheHome).removeRecursively();
    }

    void coldAndWarmAnswerAsAFullReplay()
    {
        for (int history = 0; history < 3; ++history) {
            QRandomGenerator random(quint32(77 + history));
            // The first without snapshots, so that answers start from the kept checkpoints.
            const QString log = write(QStringLiteral("h%1.jsonl").arg(history), randomLog(random, 3500, history != 0));
            const QString store = m_dir.filePath(QStringLiteral("h%1.rwd").arg(history));
            QCOMPARE(RewindTest::runCli({ QStringLiteral("import"), log, QStringLiteral("--out"), store }).status, 0);
            for (const QString& source : { log, store }) {
                for (int query = 0; query < 6; ++query) {
                    const QString stream = QStringLiteral("account-%1").arg(random.bounded(3));
                    QStringList args { source, QStringLiteral("--stream"), stream };
                    if (query % 3 == 1)
                        args << QStringLiteral("--at-version") << QString::number(random.bounded(1, 1100));
                    else if (query % 3 == 2)
                        args << QStringLiteral("--at-position") << QString::number(random.bounded(1, 3500));
                    compare(args);
                }
            }
        }
        // One file per source, kept in the cache directory.
        QCOMPARE(cacheFiles().size(), 6);
    }

    void aStoreThatGrewIsAnalysedAgain()
    {
        QRandomGenerator random(5);
        const QString log = write(QStringLiteral("grow.jsonl"), randomLog(random, 2500));
        const QString store = m_dir.filePath(QStringLiteral("grow.rwd"));
        QCOMPARE(RewindTest::runCli({ QStringLiteral("import"), log, QStringLiteral("--out"), store }).status, 0);
        const QStringList head { store, QStringLiteral("--stream"), QStringLiteral("account-1") };
        compare(head);
        const QByteArray before = state(head);
        const RewindTest::CliRun appended =
            RewindTest::runCli({ QStringLiteral("command"), store, QStringLiteral("--stream"),
                QStringLiteral("account-1"), QStringLiteral("deposit"), QStringLiteral("amount=12.34") });
        QCOMPARE(appended.status, 0);
        const QByteArray after = state(head);
        QVERIFY(after != before);
        compare(head);
        // A snapshot added without a new event changes the answer's anomalies too.
        QCOMPARE(
            RewindTest::runCli({ QStringLiteral("snapshot"), store, QStringLiteral("--every"), QStringLiteral("7") })
                .status,
            0);
        compare(head);
        compare(head + QStringList { QStringLiteral("--at-version"), QStringLiteral("500") });
    }

    void aLogRewrittenInPlaceIsAnalysedAgain()
    {
        QRandomGenerator random(9);
        // Streams longer than a checkpoint interval, so the kept analysis holds their states.
        // No snapshots either: a load would start from them instead.
        QByteArray text = randomLog(random, 4 * int(AnalysisCache::CheckpointEvery), false);
        const QString log = write(QStringLiteral("rewritten.jsonl"), text);
        const QStringList head { log, QStringLiteral("--stream"), QStringLiteral("account-2") };
        compare(head);
        const QDateTime modified = QFileInfo(log).lastModified();
        // One digit of one early amount (before the first checkpoint): the same size, and the
        // same time put back.
        const qsizetype middle = text.indexOf("\"amount\":", text.size() / 10) + 9;
        text[middle] = text[middle] == '5' ? '6' : '5';
        write(QStringLiteral("rewritten.jsonl"), text);
        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(modified, QFileDevice::FileModificationTime));
        file.close();
        QCOMPARE(QFileInfo(log).lastModified(), modified);
        for (int stream = 0; stream < 3; ++stream) // whichever stream the changed event is in
            compare(QStringList { log, QStringLiteral("--stream"), QStringLiteral("account-%1").arg(stream) });
    }

    void aStaleSnapshotIsWhereALoadStarts()
    {
        // A stale snapshot early on, then more events than a checkpoint interval: a load starts
        // from the snapshot, so the answer does too, though a checkpoint is nearer.
        QByteArray log;
        for (int version = 1; version <= 1500; ++version) {
            log += R"({"stream":"a-1","version":)" + QByteArray::number(version)
                + R"(,"type":"Deposited","data":{"amount":1},"at":)" + QByteArray::number(1767225600000 + version)
                + "}\n";
            if (version == 10)
                log += R"({"kind":"snapshot","stream":"a-1","version":10,"state":{"balance":1000}})"
                       "\n";
        }
        const QString path = write(QStringLiteral("stale.jsonl"), log);
        const QStringList head { path, QStringLiteral("--stream"), QStringLiteral("a-1") };
        compare(head); // cold
        compare(head); // warm
        QVERIFY(state(head).contains(R"("balance":2490,)"));
    }

    void versionsOutOfOrderAreFoundAllTheSame()
    {
        // Version 1,500 comes before 1,499 in the log: the event at a version is then not always
        // within one interval after a checkpoint, and the whole stream is searched.
        QByteArray log;
        for (int i = 1; i <= 1600; ++i) {
            const int version = i == 1499 ? 1500 : i == 1500 ? 1499 : i;
            log += R"({"stream":"a-1","version":)" + QByteArray::number(version)
                + R"(,"type":"Deposited","data":{"amount":)" + QByteArray::number(i) + R"(},"at":)"
                + QByteArray::number(1767225600000 + i) + "}\n";
        }
        const QString path = write(QStringLiteral("disorder.jsonl"), log);
        for (const char* version : { "1498", "1499", "1500", "1024", "1025", "1600" })
            compare({ path, QStringLiteral("--stream"), QStringLiteral("a-1"), QStringLiteral("--at-version"),
                QLatin1String(version) });
    }

    void aDamagedCacheFileIsRebuilt_data()
    {
        QTest::addColumn<QByteArray>("damage");
        QTest::newRow("garbage") << QByteArray("not a cache file at all");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray("truncate");
        QTest::newRow("another version") << QByteArray("version");
    }
    void aDamagedCacheFileIsRebuilt()
    {
        QFETCH(QByteArray, damage);
        QRandomGenerator random(11);
        const QString log = write(QStringLiteral("damaged.jsonl"), randomLog(random, 1500));
        const QStringList query { log, QStringLiteral("--stream"), QStringLiteral("account-0"),
            QStringLiteral("--at-position"), QStringLiteral("900") };
        compare(query);
        QCOMPARE(cacheFiles().size(), 1);
        const QString path = cacheDir() + QLatin1Char('/') + cacheFiles().first();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        file.close();
        const QByteArray good = bytes;
        if (damage == "truncate")
            bytes.truncate(bytes.size() / 2);
        else if (damage == "version")
            bytes[7] = char(bytes[7] + 1); // the format version after the magic number
        else
            bytes = damage;
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
        file.close();
        compare(query);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), good); // written anew
    }

    void nothingIsWrittenBesideTheSource()
    {
        QTemporaryDir folder;
        QRandomGenerator random(13);
        const QString log = folder.filePath(QStringLiteral("alone.jsonl"));
        QFile file(log);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(randomLog(random, 500));
        file.close();
        const QStringList before =
            QDir(folder.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        compare({ log, QStringLiteral("--stream"), QStringLiteral("account-1") });
        QCOMPARE(QDir(folder.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), before);
        QCOMPARE(cacheFiles().size(), 1);
    }

    void noCacheLeavesTheCacheAlone()
    {
        QRandomGenerator random(17);
        const QString log = write(QStringLiteral("uncached.jsonl"), randomLog(random, 500));
        const QByteArray answer =
            state({ log, QStringLiteral("--stream"), QStringLiteral("account-0"), QStringLiteral("--no-cache") });
        QVERIFY2(answer.startsWith('{'), answer.constData());
        QVERIFY(!QFileInfo::exists(cacheDir()));
    }

    void theLeastRecentlyUsedFilesGo()
    {
        QRandomGenerator random(19);
        const DomainRegistry domains;
        QTemporaryDir directory;
        QStringList files;
        for (int i = 0; i < 3; ++i) {
            const QString log = write(QStringLiteral("lru-%1.jsonl").arg(i), randomLog(random, 2000));
            const auto source = SourceOpener::open(log);
            QVERIFY(source);
            // Room for about two files of this size.
            AnalysisCache cache(directory.path(), 2 * 1024 * 1024);
            bool fromCache = true;
            QVERIFY(cache.contentsFor(**source, domains, nullptr, &fromCache));
            QVERIFY(!fromCache);
            QVERIFY(cache.contentsFor(**source, domains, nullptr, &fromCache));
            QVERIFY(fromCache);
            files.append(cache.fileFor(**source, nullptr));
        }
        qint64 size = 0;
        for (const QString& file : files)
            size += QFileInfo(file).size();
        // Now a limit that holds only the newest: the others, used longer ago, are removed.
        const auto newest = SourceOpener::open(m_dir.filePath(QStringLiteral("lru-2.jsonl")));
        QVERIFY(newest);
        AnalysisCache small(directory.path(), QFileInfo(files.last()).size());
        QFile::remove(files.last()); // so that the next read writes, and evicts
        QVERIFY(small.contentsFor(**newest, domains, nullptr));
        QVERIFY(size > 0);
        QVERIFY(!QFileInfo::exists(files.at(0)));
        QVERIFY(!QFileInfo::exists(files.at(1)));
        QVERIFY(QFileInfo::exists(files.at(2)));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisCache)
#include "tst_analysiscache.moc"
