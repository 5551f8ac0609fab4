// What a reader's MemoryEventSource fills in when a file leaves versions or positions out: counted
// on per stream and in line order, and never past the largest qint64 (the file is refused instead) (a case
// fuzz_jsonlines reaches; docs/fuzzing.md).

#include "sources/jsonlinesreader.h"
#include "sources/memoryeventsource.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Rewind;

namespace {

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
    void neverCountsPastTheLargest();
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

void TestMemoryEventSource::neverCountsPastTheLargest()
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
    // Never a wrapped number: the reader says which number has no successor.
    const auto source = JsonLinesReader::read(path);
    QVERIFY(!source);
    QVERIFY2(
        source.error().message.contains(QLatin1String("9223372036854775807")), qPrintable(source.error().toString()));
    QCOMPARE(source.error().file, path);
}

QTEST_GUILESS_MAIN(TestMemoryEventSource)
#include "tst_memoryeventsource.moc"
