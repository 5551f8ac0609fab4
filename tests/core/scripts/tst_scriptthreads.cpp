#include "../domains/domaintesthelpers.h"
#include "scripts/scriptdomain.h"
#include "scripts/scriptexpression.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace Rewind;
using namespace RewindTest;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const QString LibraryFile = QStringLiteral(REWIND_TEST_DATA_DIR "/scripts/library.js");

/// Two hundred library events: copies, loans and returns, an invariant broken now and then.
QList<Event> busyTitle()
{
    QStringList lines { u"TitleCatalogued {\"title\":\"Dune\"}"_s, u"CopyAcquired {\"count\":3}"_s };
    for (int i = 0; i < 198; ++i) {
        const QString copy = u"D%1"_s.arg(i % 5);
        lines.append(i % 3 == 2 ? u"BookReturned {\"copy\":\"%1\"}"_s.arg(copy)
                                : u"BookBorrowed {\"copy\":\"%1\",\"member\":\"m%2\"}"_s.arg(copy).arg(i));
    }
    return eventsFrom(u"title-dune"_s, lines);
}

QString describe(const Fold& fold) { return compact(fold.state->toJson()) + kinds(fold.anomalies).join(u' '); }
}

class TestScriptThreads : public QObject {
    Q_OBJECT

private slots:
    void threadsFoldOneDomainAtOnce();
    void aLateHandlerOnOneThreadStopsOnlyThatOne();
    void expressionsRunOnAnyThread();
};

void TestScriptThreads::threadsFoldOneDomainAtOnce()
{
    auto loaded = ScriptDomain::load(LibraryFile);
    QVERIFY(loaded);
    const ScriptDomain& domain = **loaded;
    const QList<Event> events = busyTitle();
    const QString expected = describe(fold(domain, events));
    QVERIFY(expected.contains(u"invariant@"_s)); // the history does break a rule

    // Each thread folds the whole history several times with the one shared domain: every
    // thread gets its own engine, and every fold gives the one answer.
    constexpr int Threads = 4;
    std::vector<QString> answers(Threads * 3);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            for (int round = 0; round < 3; ++round)
                answers[size_t(t) * 3 + size_t(round)] = describe(fold(domain, events));
        }));
        threads.back()->start();
    }
    for (auto& thread : threads)
        QVERIFY(thread->wait(60000));
    for (const QString& answer : answers)
        QCOMPARE(answer, expected);
}

void TestScriptThreads::aLateHandlerOnOneThreadStopsOnlyThatOne()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"slow.js"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        R"(({ when: { Tick: (s, e) => { if (e.data.forever) for (;;) {} s.n = (s.n || 0) + 1; return s; } } }))");
    file.close();
    auto loaded = ScriptDomain::load(path, 300ms);
    QVERIFY(loaded);
    const ScriptDomain& domain = **loaded;
    QStringList lines;
    for (int i = 0; i < 2000; ++i)
        lines.append(u"Tick {}"_s);
    const QList<Event> quick = eventsFrom(u"clock-1"_s, lines);
    const QList<Event> stuck = eventsFrom(u"clock-2"_s, { u"Tick {}"_s, u"Tick {\"forever\":true}"_s, u"Tick {}"_s });
    QString quickAnswer;
    QString stuckAnswer;
    std::unique_ptr<QThread> a(QThread::create([&] { stuckAnswer = describe(fold(domain, stuck)); }));
    std::unique_ptr<QThread> b(QThread::create([&] { quickAnswer = describe(fold(domain, quick)); }));
    a->start();
    b->start();
    QVERIFY(a->wait(20000));
    QVERIFY(b->wait(60000));
    QCOMPARE(stuckAnswer, u"{\"n\":2}script-timeout@2"_s);
    QCOMPARE(quickAnswer, u"{\"n\":2000}"_s);
}

void TestScriptThreads::expressionsRunOnAnyThread()
{
    const auto expression = ScriptExpression::compile(u"state.n > previous.n && event.version % 2 === 0"_s);
    QVERIFY(expression);
    const QList<Event> events = eventsFrom(u"c-1"_s, { u"A {}"_s, u"A {}"_s, u"A {}"_s, u"A {}"_s });
    std::vector<int> counts(3, 0);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int& count : counts) {
        threads.emplace_back(QThread::create([&] {
            for (int round = 0; round < 50; ++round) {
                for (const Event& event : events) {
                    const auto holds = expression->holds(JsonValue::object({ { u"n"_s, JsonValue(event.version) } }),
                        JsonValue::object({ { u"n"_s, JsonValue(event.version - 1) } }), event);
                    if (holds && *holds)
                        ++count;
                }
            }
        }));
        threads.back()->start();
    }
    for (auto& thread : threads)
        QVERIFY(thread->wait(60000));
    for (const int count : counts)
        QCOMPARE(count, 100);
}

QTEST_GUILESS_MAIN(TestScriptThreads)
#include "tst_scriptthreads.moc"
