// What a reader's MemoryEventSource fills in when a file leaves versions or positions out: counted
// on per stream and in line order, and never past the largest qint64 (a case fuzz_jsonlines
// reaches; docs/fuzzing.md).

#include "sources/jsonlinesreader.h"
#include "sources/memoryeventsource.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Rewind;

namespace {

constexpr qint64 Largest = std::numeric_limits<qint64>::max();

QList<Event> eventsOf(const EventSource& source)
{
    auto events = source.events();
    return events ? events.value() : QList<Event>();
}

} // namespace

class TestMemoryEventSource : public QObject {
    Q_OBJECT

private slots:
    void fillsInVersionsAndPositions();
    void countingStopsAtTheLargest();
};

void TestMemoryEventSource::fillsInVersionsAndPositions()
{
    MemoryEventSource source(QStringLiteral("log.jsonl"), QStringLiteral("jsonl"));
    for (const char* stream : { "a", "b", "a" }) {
        Event event;
        event.stream = QLatin1String(stream);
        event.type = QStringLiteral("Happened");
        source.addEvent(event);
    }
    source.finish();
    const QList<Event> events = eventsOf(source);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).version, 1);
    QCOMPARE(events.at(1).version, 1);
    QCOMPARE(events.at(2).version, 2);
    QCOMPARE(events.at(2).position, 3);
}

void TestMemoryEventSource::countingStopsAtTheLargest()
{
    // Read as a user's file is: the first record gives the largest version and position there
    // are, the second gives neither. Counting on from them overflowed (undefined behaviour; in
    // practice the most negative qint64).
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("largest.jsonl"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"stream":"a","type":"Opened","version":9223372036854775807,"position":9223372036854775807})"
                   "\n"
                   R"({"stream":"a","type":"Closed"})"
                   "\n");
    }
    auto source = JsonLinesReader::read(path);
    QVERIFY(source);
    const QList<Event> events = eventsOf(*source.value());
    QCOMPARE(events.size(), 2);
    for (const Event& event : events) {
        QCOMPARE(event.version, Largest);
        QCOMPARE(event.position, Largest);
    }
    QCOMPARE(events.at(0).type, QStringLiteral("Opened"));
    QCOMPARE(events.at(1).type, QStringLiteral("Closed"));
}

QTEST_GUILESS_MAIN(TestMemoryEventSource)
#include "tst_memoryeventsource.moc"
