// A log read from a text file is read by several threads at once (the window's events table, its
// background analysis, the chart): each read has its own window on the file and parser, so
// every thread gets the events a read on its own gets. Run under ThreadSanitizer by the tsan
// preset (label `threads`).

#include "sources/logsource.h"
#include "sources/sourceopener.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace Rewind;

class TestLogSourceThreads : public QObject {
    Q_OBJECT

private slots:
    void severalThreadsReadAtOnce();
};

void TestLogSourceThreads::severalThreadsReadAtOnce()
{
    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shared.jsonl"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 3000; ++i) {
            file.write(R"({"stream":"account-)" + QByteArray::number(i % 5)
                + R"(","type":"Deposited","data":{"amount":)" + QByteArray::number(i) + R"(.25},"metadata":{"by":"t)"
                + QByteArray::number(i % 3) + "\"}}\n");
        }
    }
    const auto opened = SourceOpener::open(path);
    QVERIFY(opened.ok());
    const EventSource& source = **opened;
    QVERIFY(dynamic_cast<const LogSource*>(&source));
    const auto expected = source.events();
    QVERIFY(expected.ok());

    std::atomic<int> differences = 0;
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 5; ++round) {
                EventFilter filter;
                filter.stream = QStringLiteral("account-%1").arg((t + round) % 5);
                filter.withMetadata = (t + round) % 2 == 0;
                const Status read = source.readEvents(filter, [&](const Event& event) {
                    const Event& same = expected->at(event.position - 1);
                    if (event.data != same.data || event.stream != filter.stream
                        || (filter.withMetadata && event.metadata != same.metadata))
                        ++differences;
                    return true;
                });
                if (!read)
                    ++differences;
                for (qint64 position = 1 + t; position <= 3000; position += 97) {
                    const auto event = source.eventAt(position);
                    if (!event || event->data != expected->at(position - 1).data)
                        ++differences;
                }
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    QCOMPARE(differences.load(), 0);
}

QTEST_GUILESS_MAIN(TestLogSourceThreads)
#include "tst_logsourcethreads.moc"
