#include "demo/demohistory.h"

#include "domains/domainregistry.h"
#include "replay/snapshotter.h"
#include "sources/memoryeventsource.h"
#include "store/eventstore.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTime>
#include <QTimeZone>

namespace Rewind {

namespace {
/// One line of the demo week.
struct Step {
    int day = 0; ///< 0 = Monday 3 August 2026
    QTime time; ///< UTC
    QString stream;
    QString type;
    QByteArray data; ///< JSON object text, exactly as the line spells it
    QString by;
};

constexpr QLatin1String ScriptPath(":/demo/demo-week.jsonl");

// The resource is compiled in, so a line that does not parse is a bug in this build, not bad
// input: stop at once and name the line rather than write a wrong demo.
[[noreturn]] void badScript(int line, const char* reason)
{
    qFatal("DemoHistory: %s:%d: %s", ScriptPath.data(), line, reason);
}

// The event data is stored exactly as the line writes it: parsed and serialised again, it
// would come out with its keys sorted (QJsonObject keeps no order) and the demo store would
// change under everyone who compares against it. So "data" is each line's last member, its
// text is cut from the line, and the cut is checked against the parsed object.
QByteArray dataText(const QByteArray& line, const QJsonObject& data, int number)
{
    static constexpr QByteArrayView Key = "\"data\":";
    const qsizetype begin = line.indexOf(Key);
    if (begin < 0 || !line.endsWith('}'))
        badScript(number, "\"data\" must be the last member");
    QByteArray text = line.mid(begin + Key.size(), line.size() - 1 - begin - Key.size()).trimmed();
    const QJsonDocument parsed = QJsonDocument::fromJson(text);
    if (!parsed.isObject() || parsed.object() != data)
        badScript(number, "\"data\" must be the last member");
    return text;
}

// A small, believable week, one step a line:
//   {"day":0,"time":"09:00","stream":"account-1","type":"Opened","by":"alice","data":{...}}
// Each anomaly is there to be found: account-3 is overdrawn on day 2, cart-2 is checked out
// with a total that is not the sum of its lines.
QList<Step> readScript()
{
    QFile file(ScriptPath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("DemoHistory: %s is missing; rewind_resources is not linked in", ScriptPath.data());
    QList<Step> steps;
    int number = 0;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        ++number;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            badScript(number, "not a JSON object");
        const QJsonObject object = document.object();
        Step step;
        step.day = object.value(QLatin1String("day")).toInt(-1);
        step.time = QTime::fromString(object.value(QLatin1String("time")).toString(), QStringLiteral("hh:mm"));
        step.stream = object.value(QLatin1String("stream")).toString();
        step.type = object.value(QLatin1String("type")).toString();
        step.by = object.value(QLatin1String("by")).toString();
        const QJsonValue data = object.value(QLatin1String("data"));
        if (step.day < 0 || !step.time.isValid() || step.stream.isEmpty() || step.type.isEmpty() || step.by.isEmpty()
            || !data.isObject())
            badScript(number, "needs day, time (hh:mm), stream, type, by and a data object");
        step.data = dataText(line, data.toObject(), number);
        steps.append(step);
    }
    return steps;
}
}

QList<Event> DemoHistory::events()
{
    const QDateTime monday(QDate(2026, 8, 3), QTime(0, 0), QTimeZone::utc());
    QHash<QString, qint64> versions;
    QList<Event> events;
    qint64 position = 0;
    for (const Step& step : readScript()) {
        Event event;
        event.stream = step.stream;
        event.version = ++versions[event.stream];
        event.position = ++position;
        event.type = step.type;
        event.data = step.data;
        event.metadata = QJsonDocument(QJsonObject { { QLatin1String("by"), step.by } }).toJson(QJsonDocument::Compact);
        event.at = monday.addDays(step.day).addMSecs(step.time.msecsSinceStartOfDay()).toMSecsSinceEpoch();
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
    if (Status imported = (*store)->import(demo); !imported)
        return imported;

    const DomainRegistry domains;
    if (const auto taken = Snapshotter::takeEvery(**store, domains, 5); !taken)
        return taken.error();
    // A snapshot written by an older, buggy projection: it forgot the last withdrawal. Verify
    // finds it, and loading through it shows why snapshots need checking.
    Snapshot stale;
    stale.stream = QStringLiteral("account-2");
    stale.version = 3;
    stale.state = JsonValue::object({
        { QStringLiteral("balance"), 2500 },
        { QStringLiteral("closed"), false },
        { QStringLiteral("owner"), QStringLiteral("bob") },
    });
    for (const Event& event : events()) {
        if (event.stream == stale.stream && event.version == stale.version)
            stale.at = event.at + 60 * 1000;
    }
    return (*store)->saveSnapshot(stale);
}

} // namespace Rewind
