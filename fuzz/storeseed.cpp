// rewind-fuzz-store-seed LOG STORE: writes a seed for fuzz_store, a Rewind store holding LOG's
// events and snapshots, made by the store's own import so that its tables and packed index are
// what Rewind writes. The store is then rewritten with 512-byte pages and no write-ahead log:
// a few kilobytes instead of a dozen 16 KB pages, so most of the fuzzer's mutations land in
// the rows and the index rather than in empty space.

#include "sources/sourceopener.h"
#include "store/eventstore.h"

#include <QFile>
#include <QTextStream>

#include <sqlite3.h>

using namespace Rewind;

int main(int argc, char** argv)
{
    QTextStream err(stderr);
    if (argc != 3) {
        err << "usage: rewind-fuzz-store-seed LOG STORE\n";
        return 2;
    }
    const QString log = QString::fromLocal8Bit(argv[1]);
    const QString out = QString::fromLocal8Bit(argv[2]);
    EventStore::discard(out);
    {
        auto source = SourceOpener::open(log);
        if (!source) {
            err << source.error().toString() << '\n';
            return 1;
        }
        auto store = EventStore::create(out);
        if (!store) {
            err << store.error().toString() << '\n';
            return 1;
        }
        if (const Status imported = (*store)->import(**source); !imported) {
            err << imported.error().toString() << '\n';
            return 1;
        }
    }
    sqlite3* db = nullptr;
    int code = sqlite3_open_v2(QFile::encodeName(out).constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    if (code == SQLITE_OK)
        code =
            sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM", nullptr, nullptr, nullptr);
    if (code != SQLITE_OK)
        err << out << ": " << sqlite3_errmsg(db) << '\n';
    sqlite3_close(db);
    return code == SQLITE_OK ? 0 : 1;
}
