// Damaged and tampered SQLite files given to the real rewind-cli: every reading command either
// gives the answer it gives for the intact file (it never read the damaged page) or ends with one
// line on stderr naming the file and exit status 1 or 2. Never a signal, never a wrong answer,
// and the file is left byte for byte as it was, with nothing written beside it.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

namespace {

struct Run {
    int status = -1; ///< -1: killed by a signal
    QString out;
    QString err;
};

Run cli(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(REWIND_CLI_PATH), args);
    process.waitForFinished(120000);
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray checksum(const QString& path)
{
    return QCryptographicHash::hash(contents(path), QCryptographicHash::Sha256);
}

/// What was written beside a file alone in its folder; empty when nothing was. A read-only open
/// of a store in WAL mode leaves SQLite's empty `-wal` and its `-shm` index, as
/// docs/store-format.md says; anything else, or a `-wal` with content, is a write.
QString writtenBeside(const QString& file)
{
    const QFileInfo info(file);
    const QStringList found = QDir(info.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    QStringList written;
    for (const QString& name : found) {
        if (name == info.fileName() || name == info.fileName() + QStringLiteral("-shm"))
            continue;
        if (name == info.fileName() + QStringLiteral("-wal")
            && QFileInfo(info.path() + QLatin1Char('/') + name).size() == 0)
            continue;
        written.append(name);
    }
    return written.join(QStringLiteral(", "));
}

/// Runs SQL on a file with the C API, as any other program would. Empty on success.
QString exec(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    QString error;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK
        || sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        error = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_close(db);
    return error;
}

/// The integers of column 0 of a query, read with the C API; empty when it cannot be run.
QList<qint64> integers(const QString& path, const char* sql)
{
    QList<qint64> result;
    sqlite3* db = nullptr;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK
        && sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW)
            result.append(sqlite3_column_int64(statement, 0));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return result;
}

/// The b-tree pages of one table or index: every leaf from the dbstat table when SQLite has it,
/// else only the root page that sqlite_schema names.
QList<qint64> pagesOf(const QString& path, const QString& btree)
{
    const QByteArray name = btree.toUtf8();
    QList<qint64> leaves = integers(path,
        QByteArray("SELECT pageno FROM dbstat WHERE name = '" + name + "' AND pagetype = 'leaf' ORDER BY path")
            .constData());
    if (!leaves.isEmpty())
        return leaves;
    return integers(path, QByteArray("SELECT rootpage FROM sqlite_schema WHERE name = '" + name + "'").constData());
}

qint64 rootPageOf(const QString& path, const QString& btree)
{
    const QList<qint64> root = integers(
        path, QByteArray("SELECT rootpage FROM sqlite_schema WHERE name = '" + btree.toUtf8() + "'").constData());
    return root.isEmpty() ? 0 : root.first();
}

qint64 pageSizeOf(const QByteArray& file)
{
    const qint64 size = (uchar(file.at(16)) << 8) | uchar(file.at(17));
    return size == 1 ? 65536 : size;
}

/// One kind of damage, done to the bytes of a copy of the file at `path` (which it may read, never
/// change). Returns false when it cannot be done.
using Damage = std::function<bool(const QString& path, QByteArray& file)>;

Damage garbagePage(const std::function<qint64(const QString& path)>& page)
{
    return [page](const QString& path, QByteArray& file) {
        const qint64 number = page(path);
        const qint64 size = pageSizeOf(file);
        if (number < 2 || number * size > file.size())
            return false;
        // Not zeros (a zeroed page can pass for an empty one): a pattern no b-tree page starts with.
        for (qint64 i = (number - 1) * size; i < number * size; ++i)
            file[i] = char(0xA5 ^ (i & 0x3F));
        return true;
    };
}

void zeroPageCount(QByteArray& file) { std::fill(file.begin() + 28, file.begin() + 32, '\0'); }

struct Fixture {
    QString path;
    QString table; ///< the events table
    QString index; ///< the index SQLite made for its UNIQUE constraint
    QString stream; ///< one of its streams, for `state`
};

} // namespace

Q_DECLARE_METATYPE(Damage)

class TestDamagedFiles : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Fixture m_rewind;
    Fixture m_emmett;
    QHash<QString, QList<QPair<QString, Run>>> m_intact; ///< by path: what each command says of it

    QString path(const QString& name) const { return m_dir.filePath(name); }

    /// Each reading command on a file, with the file's name and folder replaced by FILE so the
    /// runs on a copy compare with the runs on the original.
    QList<QPair<QString, Run>> runAll(const QString& file, const QString& stream)
    {
        const QString out = path(QStringLiteral("export/out.jsonl"));
        const QList<QPair<QString, QStringList>> commands = {
            { QStringLiteral("info"), { QStringLiteral("info"), file } },
            { QStringLiteral("verify"), { QStringLiteral("verify"), file } },
            { QStringLiteral("state"), { QStringLiteral("state"), file, QStringLiteral("--stream"), stream } },
            { QStringLiteral("events"), { QStringLiteral("events"), file } },
            { QStringLiteral("export"), { QStringLiteral("export"), file, QStringLiteral("--out"), out } },
        };
        QList<QPair<QString, Run>> runs;
        for (const auto& [name, args] : commands) {
            QFile::remove(out);
            Run run = cli(args);
            run.out.replace(file, QStringLiteral("FILE"));
            if (name == QLatin1String("export"))
                run.out += QString::fromUtf8(contents(out)); // what it wrote is part of its answer
            runs.append({ name, run });
        }
        return runs;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("export")));

        // A Rewind store of a few thousand events with snapshots, written by rewind-cli itself:
        // big enough that the events table and its indexes span many pages.
        const QString log = path(QStringLiteral("events.jsonl"));
        {
            QFile file(log);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int i = 0; i < 3000; ++i) {
                const int stream = i % 20;
                const int version = i / 20 + 1;
                const QJsonObject data = version == 1
                    ? QJsonObject { { QStringLiteral("owner"), QStringLiteral("owner-%1").arg(stream) } }
                    : QJsonObject { { QStringLiteral("amount"), version },
                          { QStringLiteral("note"), QString(80, QChar(u'a' + stream)) } };
                const QJsonObject event { { QStringLiteral("stream"), QStringLiteral("account-%1").arg(stream) },
                    { QStringLiteral("version"), version },
                    { QStringLiteral("type"), version == 1 ? QStringLiteral("Opened") : QStringLiteral("Deposited") },
                    { QStringLiteral("at"), 1785920400000LL + i * 60000LL }, { QStringLiteral("data"), data } };
                file.write(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
            }
        }
        m_rewind = { path(QStringLiteral("store.rwd")), QStringLiteral("events"),
            QStringLiteral("sqlite_autoindex_events_1"), QStringLiteral("account-3") };
        Run run = cli({ QStringLiteral("import"), log, QStringLiteral("--out"), m_rewind.path });
        QVERIFY2(run.status == 0, qPrintable(run.err));
        run = cli({ QStringLiteral("snapshot"), m_rewind.path, QStringLiteral("--every"), QStringLiteral("40") });
        QVERIFY2(run.status == 0, qPrintable(run.err));

        // An Emmett store: the fixture Emmett wrote, grown by plain SQL into the same shape.
        m_emmett = { path(QStringLiteral("emmett.sqlite")), QStringLiteral("emt_messages"),
            QStringLiteral("sqlite_autoindex_emt_messages_1"), QStringLiteral("account-1") };
        QVERIFY(QFile::copy(QStringLiteral(REWIND_TEST_DATA_DIR "/emmett/bank-and-cart.sqlite"), m_emmett.path));
        QVERIFY(QFile::setPermissions(m_emmett.path, QFile::ReadOwner | QFile::WriteOwner));
        QCOMPARE(exec(m_emmett.path,
                     "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999) "
                     "INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind, message_data, "
                     "message_metadata, message_schema_version, message_type, message_id, is_archived) "
                     "SELECT 'bulk-' || (i % 20), i / 20 + 1, 'emt:default', 'E', "
                     "json_object('amount', i, 'note', printf('%.80c', 'x')), "
                     "json_object('occurredAt', strftime('%Y-%m-%dT%H:%M:%SZ', 1785920400 + i * 60, 'unixepoch')), "
                     "'0', 'Deposited', 'bulk-' || i, 0 FROM n"),
            QString());
        QVERIFY(!QFile::exists(m_emmett.path + QStringLiteral("-wal")));

        for (const Fixture* fixture : { &m_rewind, &m_emmett }) {
            m_intact.insert(fixture->path, runAll(fixture->path, fixture->stream));
            for (const auto& [command, run] : std::as_const(m_intact[fixture->path]))
                QVERIFY2(run.status == 0 || (command == QLatin1String("verify") && run.status == 3),
                    qPrintable(command + QStringLiteral(": ") + run.err));
        }
    }

    void damagedFiles_data()
    {
        QTest::addColumn<QString>("store"); // rewind or emmett
        QTest::addColumn<Damage>("damage");

        const auto middle = [](const QString& btree) {
            return [btree](const QString& path) {
                const QList<qint64> pages = pagesOf(path, btree);
                return pages.isEmpty() ? 0 : pages.at(pages.size() / 2);
            };
        };
        const auto root = [](const QString& btree) {
            return [btree](const QString& path) { return rootPageOf(path, btree); };
        };
        const QList<std::pair<const char*, Fixture*>> stores = { { "rewind", &m_rewind }, { "emmett", &m_emmett } };
        for (const auto& [name, store] : stores) {
            const auto row = [&, name = name](const char* what, const Damage& damage) {
                QTest::addRow("%s: %s", name, what) << QString::fromLatin1(name) << damage;
            };
            row("garbage over the root page of the events index", garbagePage(root(store->index)));
            row("garbage over a leaf of the events index", garbagePage(middle(store->index)));
            row("garbage over the root page of the events table", garbagePage(root(store->table)));
            row("garbage over a leaf of the events table", garbagePage(middle(store->table)));
            row("cut in the middle of a page", [](const QString&, QByteArray& file) {
                const qint64 size = pageSizeOf(file);
                file.truncate((file.size() / size / 2) * size + size / 2);
                return true;
            });
            // With no page count in its header SQLite takes the size from the file, so a cut at a
            // page boundary is found only when a missing page is read.
            row("page count zeroed and cut at a page boundary", [](const QString&, QByteArray& file) {
                zeroPageCount(file);
                file.truncate((file.size() / pageSizeOf(file) / 2) * pageSizeOf(file));
                return true;
            });
        }
        // Read by info, verify, state and export, never by events.
        QTest::addRow("rewind: garbage over the snapshots table")
            << QStringLiteral("rewind") << garbagePage(root(QStringLiteral("snapshots")));
    }

    void damagedFiles()
    {
        QFETCH(QString, store);
        QFETCH(Damage, damage);
        const Fixture& fixture = store == QLatin1String("rewind") ? m_rewind : m_emmett;

        // Each case in a folder of its own, so anything written beside the file shows.
        const QString folder =
            path(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(':'), QLatin1Char('-')));
        QVERIFY(QDir().mkpath(folder));
        const QString damaged = folder + QLatin1Char('/') + QFileInfo(fixture.path).fileName();
        QVERIFY(QFile::copy(fixture.path, damaged));
        QVERIFY(QFile::setPermissions(damaged, QFile::ReadOwner | QFile::WriteOwner));
        QByteArray bytes = contents(damaged);
        QVERIFY(damage(fixture.path, bytes));
        QVERIFY(bytes != contents(fixture.path));
        {
            QFile file(damaged);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(file.write(bytes), bytes.size());
        }
        const QByteArray before = checksum(damaged);

        const QList<QPair<QString, Run>>& intact = m_intact[fixture.path];
        const QList<QPair<QString, Run>> runs = runAll(damaged, fixture.stream);
        int failed = 0;
        for (qsizetype i = 0; i < runs.size(); ++i) {
            const QString& command = runs.at(i).first;
            const Run& run = runs.at(i).second;
            const Run& expected = intact.at(i).second;
            const QByteArray what =
                (command + QStringLiteral(": status %1, stderr: %2").arg(run.status).arg(run.err)).toUtf8();
            QVERIFY2(run.status != -1, what.constData());
            if (run.status == expected.status && run.out == expected.out && run.err == expected.err)
                continue; // it read nothing that was damaged: the intact file's answer
            ++failed;
            QVERIFY2(run.status == 1 || run.status == 2, what.constData());
            QVERIFY2(run.err.startsWith(QStringLiteral("rewind-cli: ") + damaged + QLatin1Char(':')), what.constData());
            QVERIFY2(run.err.count(QLatin1Char('\n')) == 1 && run.err.endsWith(QLatin1Char('\n')), what.constData());
            if (command == QLatin1String("export"))
                QVERIFY2(run.out.isEmpty(), what.constData()); // nothing half written
            QCOMPARE(checksum(damaged), before);
            QCOMPARE(writtenBeside(damaged), QString());
        }
        QCOMPARE(checksum(damaged), before);
        QCOMPARE(writtenBeside(damaged), QString());
        QVERIFY2(failed > 0, "no command read the damaged part: the case tests nothing");
    }

    void aZeroPageCountAloneIsHarmless()
    {
        // SQLite ignores a header page count of 0 (old writers left it so) and takes the size
        // from the file: an intact file with it reads as the original does.
        for (const Fixture* fixture : { &m_rewind, &m_emmett }) {
            const QString folder = path(QStringLiteral("zero-count-") + QFileInfo(fixture->path).baseName());
            QVERIFY(QDir().mkpath(folder));
            const QString copy = folder + QLatin1Char('/') + QFileInfo(fixture->path).fileName();
            QByteArray bytes = contents(fixture->path);
            zeroPageCount(bytes);
            {
                QFile file(copy);
                QVERIFY(file.open(QIODevice::WriteOnly));
                QCOMPARE(file.write(bytes), bytes.size());
            }
            const QList<QPair<QString, Run>>& intact = m_intact[fixture->path];
            const QList<QPair<QString, Run>> runs = runAll(copy, fixture->stream);
            for (qsizetype i = 0; i < runs.size(); ++i) {
                QCOMPARE(runs.at(i).second.status, intact.at(i).second.status);
                QCOMPARE(runs.at(i).second.out, intact.at(i).second.out);
            }
            QCOMPARE(contents(copy), bytes);
            QCOMPARE(writtenBeside(copy), QString());
        }
    }

    void tamperedRows_data()
    {
        QTest::addColumn<QString>("store"); // rewind or emmett
        QTest::addColumn<QByteArray>("sql"); // the hand edit
        QTest::addColumn<QStringList>("failing"); // the commands that must refuse the file
        QTest::addColumn<QString>("error"); // what they say after "rewind-cli: FILE: "

        const QStringList all = { QStringLiteral("info"), QStringLiteral("verify"), QStringLiteral("state"),
            QStringLiteral("events"), QStringLiteral("export") };
        // The triggers forbid UPDATE and DELETE, not an INSERT that names its position.
        QTest::newRow("rewind: an event at position 0")
            << QStringLiteral("rewind")
            << QByteArray("INSERT INTO events (position, stream, version, type, data, metadata, at) "
                          "VALUES (0, 'account-3', 999, 'Deposited', '{\"amount\":1}', '{}', 0)")
            << all
            << QStringLiteral("events has a row at position 0 (stream account-3, version 999), but positions start "
                              "at 1: the store was edited by hand");
        QTest::newRow("rewind: an event at a negative position")
            << QStringLiteral("rewind")
            << QByteArray("INSERT INTO events (position, stream, version, type, data, metadata, at) "
                          "VALUES (-5, 'account-3', 999, 'Deposited', '{\"amount\":1}', '{}', 0)")
            << all
            << QStringLiteral("events has a row at position -5 (stream account-3, version 999), but positions start "
                              "at 1: the store was edited by hand");
        // Folded, its data is a bad-data anomaly (verify reports it); written as JSON, it would
        // have to become something it is not.
        QTest::newRow("rewind: data that is not JSON")
            << QStringLiteral("rewind")
            << QByteArray("INSERT INTO events (stream, version, type, data, metadata, at) "
                          "VALUES ('account-3', 151, 'Deposited', 'amount=5', '{}', 1785990000000)")
            << QStringList { QStringLiteral("events"), QStringLiteral("export") }
            << QStringLiteral("the event at position 3001 (stream account-3, version 151) has data that is not a "
                              "JSON object: amount=5");
        QTest::newRow("rewind: a snapshot whose state is not JSON")
            << QStringLiteral("rewind")
            << QByteArray("INSERT OR REPLACE INTO snapshots VALUES ('account-3', 40, 783, '{\"balance\":', 0)")
            << QStringList { QStringLiteral("info"), QStringLiteral("verify"), QStringLiteral("state"),
                   QStringLiteral("export") }
            << QStringLiteral("the snapshot of stream account-3 at version 40 holds a state that is not a JSON object");
        QTest::newRow("emmett: an event at global position 0")
            << QStringLiteral("emmett")
            << QByteArray("INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind, "
                          "message_data, message_metadata, message_schema_version, message_type, message_id, "
                          "is_archived, global_position) VALUES ('account-1', 99, 'emt:default', 'E', '{}', '{}', "
                          "'0', 'Deposited', 'm-0', 0, 0)")
            << all << QStringLiteral("emt_messages, global_position 0: an event's position must be a positive integer");
    }

    void tamperedRows()
    {
        QFETCH(QString, store);
        QFETCH(QByteArray, sql);
        QFETCH(QStringList, failing);
        QFETCH(QString, error);
        const Fixture& fixture = store == QLatin1String("rewind") ? m_rewind : m_emmett;

        const QString folder = path(QStringLiteral("tampered-%1")
                                        .arg(QString::fromLatin1(QTest::currentDataTag()))
                                        .replace(QLatin1Char(':'), QLatin1Char('-')));
        QVERIFY(QDir().mkpath(folder));
        const QString tampered = folder + QLatin1Char('/') + QFileInfo(fixture.path).fileName();
        QVERIFY(QFile::copy(fixture.path, tampered));
        QVERIFY(QFile::setPermissions(tampered, QFile::ReadOwner | QFile::WriteOwner));
        QCOMPARE(exec(tampered, sql.constData()), QString());
        QVERIFY(!QFile::exists(tampered + QStringLiteral("-wal")));
        const QByteArray before = checksum(tampered);

        for (const auto& [command, run] : runAll(tampered, fixture.stream)) {
            const QByteArray what =
                (command + QStringLiteral(": status %1, stderr: %2").arg(run.status).arg(run.err)).toUtf8();
            if (!failing.contains(command)) {
                QVERIFY2(run.status == 0 || run.status == 3, what.constData());
                continue;
            }
            QVERIFY2(run.status == 2, what.constData());
            QCOMPARE(
                run.err, QStringLiteral("rewind-cli: ") + tampered + QStringLiteral(": ") + error + QLatin1Char('\n'));
            if (command == QLatin1String("export"))
                QVERIFY2(!QFile::exists(path(QStringLiteral("export/out.jsonl"))), "an export was half written");
        }
        QCOMPARE(checksum(tampered), before);
        QCOMPARE(writtenBeside(tampered), QString());
    }

    void dataThatIsNotJsonIsAnAnomalyInVerify()
    {
        // The fold does not need the data as JSON text to tell it is broken: verify names it.
        const QString folder = path(QStringLiteral("not-json-verify"));
        QVERIFY(QDir().mkpath(folder));
        const QString tampered = folder + QStringLiteral("/store.rwd");
        QVERIFY(QFile::copy(m_rewind.path, tampered));
        QVERIFY(QFile::setPermissions(tampered, QFile::ReadOwner | QFile::WriteOwner));
        QCOMPARE(exec(tampered,
                     "INSERT INTO events (stream, version, type, data, metadata, at) "
                     "VALUES ('account-3', 151, 'Deposited', 'amount=5', '{}', 1785990000000)"),
            QString());
        const Run run = cli({ QStringLiteral("verify"), tampered });
        QCOMPARE(run.status, 3);
        QVERIFY2(run.out.contains(
                     QStringLiteral("account-3 v151 (position 3001) bad-data: Deposited data is not a JSON object")),
            qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestDamagedFiles)
#include "tst_damagedfiles.moc"
