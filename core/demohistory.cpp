#include "demohistory.h"

#include "domainregistry.h"
#include "eventstore.h"
#include "memoryeventsource.h"
#include "snapshotter.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTimeZone>

namespace Rewind {

namespace {
    struct Step {
        int day; ///< 0 = Monday 3 August 2026
        const char* time; ///< hh:mm
        const char* stream;
        const char* type;
        const char* data; ///< JSON object text
        const char* by;
    };

    // A small, believable week. Each anomaly is there to be found: account-3 is overdrawn on
    // day 2, cart-2 is checked out with a total that is not the sum of its lines.
    constexpr Step Script[] = {
        { 0, "09:00", "account-1", "Opened", R"({"owner":"alice"})", "alice" },
        { 0, "09:02", "account-1", "Deposited", R"({"amount":1000,"by":"alice"})", "alice" },
        { 0, "09:15", "account-2", "Opened", R"({"owner":"bob"})", "bob" },
        { 0, "09:20", "account-2", "Deposited", R"({"amount":2500,"by":"bob"})", "bob" },
        { 0, "10:05", "cart-1", "ItemAdded",
            R"({"sku":"BK-101","name":"Domain-Driven Design","quantity":1,"unitPrice":54.99})", "carol" },
        { 0, "10:07", "cart-1", "ItemAdded", R"({"sku":"MG-007","name":"Coffee mug","quantity":2,"unitPrice":12.5})",
            "carol" },
        { 0, "11:30", "account-1", "Withdrawn", R"({"amount":100,"by":"alice"})", "alice" },
        { 0, "14:00", "account-3", "Opened", R"({"owner":"dave"})", "dave" },
        { 0, "14:01", "account-3", "Deposited", R"({"amount":300,"by":"dave"})", "dave" },
        { 0, "16:45", "account-2", "Withdrawn", R"({"amount":420.75,"by":"bob"})", "bob" },
        { 1, "08:30", "cart-1", "QuantityChanged", R"({"sku":"MG-007","quantity":3})", "carol" },
        { 1, "08:32", "cart-1", "ItemAdded", R"({"sku":"PN-042","name":"Fountain pen","quantity":1,"unitPrice":31.2})",
            "carol" },
        { 1, "09:10", "account-1", "Deposited", R"({"amount":250.5,"by":"payroll"})", "payroll" },
        { 1, "09:10", "account-2", "Deposited", R"({"amount":1800,"by":"payroll"})", "payroll" },
        { 1, "09:11", "account-3", "Deposited", R"({"amount":1200,"by":"payroll"})", "payroll" },
        { 1, "12:40", "cart-1", "ItemRemoved", R"({"sku":"PN-042"})", "carol" },
        { 1, "12:44", "cart-1", "CheckedOut", R"({"total":92.49})", "carol" },
        { 1, "15:20", "account-1", "Withdrawn", R"({"amount":92.49,"by":"alice"})", "alice" },
        { 1, "17:05", "account-3", "Withdrawn", R"({"amount":950,"by":"dave"})", "dave" },
        { 2, "09:00", "cart-2", "ItemAdded", R"({"sku":"KB-330","name":"Keyboard","quantity":1,"unitPrice":89.9})",
            "erin" },
        { 2, "09:03", "cart-2", "ItemAdded", R"({"sku":"CB-010","name":"USB-C cable","quantity":3,"unitPrice":7.99})",
            "erin" },
        { 2, "10:15", "account-2", "Withdrawn", R"({"amount":1200,"by":"bob"})", "bob" },
        { 2, "11:45", "account-3", "Withdrawn", R"({"amount":700,"by":"dave"})", "dave" },
        { 2, "11:46", "account-1", "Deposited", R"({"amount":75,"by":"bob"})", "bob" },
        { 2, "13:30", "cart-2", "QuantityChanged", R"({"sku":"CB-010","quantity":2})", "erin" },
        { 2, "16:00", "account-3", "Deposited", R"({"amount":400,"by":"dave"})", "dave" },
        { 3, "08:15", "account-1", "Withdrawn", R"({"amount":300,"by":"alice"})", "alice" },
        { 3, "09:40", "cart-2", "ItemAdded", R"({"sku":"MS-220","name":"Mouse","quantity":1,"unitPrice":24.5})",
            "erin" },
        { 3, "09:41", "cart-2", "ItemRemoved", R"({"sku":"CB-010","quantity":1})", "erin" },
        { 3, "10:00", "account-2", "Deposited", R"({"amount":312.22,"by":"alice"})", "alice" },
        { 3, "11:20", "account-3", "Withdrawn", R"({"amount":250,"by":"dave"})", "dave" },
        { 3, "14:10", "cart-2", "CheckedOut", R"({"total":130})", "erin" },
        { 3, "15:30", "account-1", "Deposited", R"({"amount":500,"by":"alice"})", "alice" },
        { 4, "09:05", "account-2", "Withdrawn", R"({"amount":600,"by":"bob"})", "bob" },
        { 4, "09:30", "account-3", "Closed", R"({"by":"dave"})", "dave" },
        { 4, "10:10", "account-1", "Withdrawn", R"({"amount":58.01,"by":"alice"})", "alice" },
        { 4, "11:00", "account-2", "Deposited", R"({"amount":42.5,"by":"payroll"})", "payroll" },
        { 4, "16:30", "account-1", "Deposited", R"({"amount":1000,"by":"payroll"})", "payroll" },
    };
}

QList<Event> DemoHistory::events()
{
    const QDateTime monday(QDate(2026, 8, 3), QTime(0, 0), QTimeZone::utc());
    QHash<QString, qint64> versions;
    QList<Event> events;
    qint64 position = 0;
    for (const Step& step : Script) {
        Event event;
        event.stream = QString::fromLatin1(step.stream);
        event.version = ++versions[event.stream];
        event.position = ++position;
        event.type = QString::fromLatin1(step.type);
        event.data = QByteArray(step.data);
        event.metadata = QJsonDocument(QJsonObject { { QLatin1String("by"), QString::fromLatin1(step.by) } })
                             .toJson(QJsonDocument::Compact);
        const QTime time = QTime::fromString(QString::fromLatin1(step.time), QStringLiteral("hh:mm"));
        event.at = monday.addDays(step.day).addMSecs(time.msecsSinceStartOfDay()).toMSecsSinceEpoch();
        events.append(event);
    }
    return events;
}

Status DemoHistory::write(const QString& path)
{
    if (QFileInfo::exists(path))
        return Error::badInput(QStringLiteral("already exists; the demo is written to a new file only"), path);
    auto store = EventStore::create(path);
    if (!store)
        return store.error();
    MemoryEventSource demo(QStringLiteral("demo"), QStringLiteral("demo"));
    for (const Event& event : events())
        demo.addEvent(event);
    demo.finish();
    if (const Status imported = (*store)->import(demo); !imported)
        return imported;

    const DomainRegistry domains;
    if (const auto taken = Snapshotter::takeEvery(**store, domains, 5); !taken)
        return taken.error();
    // A snapshot written by an older, buggy projection: it forgot the last withdrawal. Verify
    // finds it, and loading through it shows why snapshots need checking.
    Snapshot stale;
    stale.stream = QStringLiteral("account-2");
    stale.version = 3;
    stale.state = QJsonObject {
        { QLatin1String("balance"), 2500 },
        { QLatin1String("closed"), false },
        { QLatin1String("owner"), QLatin1String("bob") },
    };
    for (const Event& event : events()) {
        if (event.stream == stale.stream && event.version == stale.version)
            stale.at = event.at + 60 * 1000;
    }
    return (*store)->saveSnapshot(stale);
}

} // namespace Rewind
