#include "teaching/story.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Rewind;

/// Reading a story file: what a teacher writes, and the one-line error for what is wrong in it.
class TestStory : public QObject {
    Q_OBJECT
private slots:
    void readsEveryKindOfStep();
    void badStoryNamesFileLineAndProblem_data();
    void badStoryNamesFileLineAndProblem();
};

void TestStory::readsEveryKindOfStep()
{
    const QByteArray json = R"({
  "title": "Demo tour",
  "steps": [
    { "caption": "Open it", "open": "demo", "tab": "state" },
    { "caption": "A stream", "stream": "account-1", "version": 3, "tab": "diff" },
    { "caption": "A position", "position": 23, "action": ["presentationAction", "dimUnchangedAction:off"] },
    { "caption": "A time", "stream": "", "time": "2026-08-04 14:00" }
  ]
})";
    const auto story = Story::fromJson(json, QStringLiteral("tour.json"));
    QVERIFY2(story, qPrintable(story ? QString() : story.error().toString()));
    QCOMPARE(story->title, QStringLiteral("Demo tour"));
    QCOMPARE(story->steps.size(), 4);
    QVERIFY(story->steps.at(0).openDemo);
    QCOMPARE(story->steps.at(0).tab, QStringLiteral("state"));
    QCOMPARE(story->steps.at(0).line, 4);
    QCOMPARE(story->steps.at(1).stream, QStringLiteral("account-1"));
    QCOMPARE(story->steps.at(1).version, 3);
    QVERIFY(!story->steps.at(1).openDemo);
    QCOMPARE(story->steps.at(2).position, 23);
    QCOMPARE(story->steps.at(2).actions,
        QStringList({ QStringLiteral("presentationAction"), QStringLiteral("dimUnchangedAction:off") }));
    QCOMPARE(story->steps.at(2).actionLine, 6);
    QCOMPARE(story->steps.at(3).stream, QString()); // all streams
    QVERIFY(story->steps.at(3).stream.has_value());
    QCOMPARE(story->steps.at(3).time, QDateTime(QDate(2026, 8, 4), QTime(14, 0), QTimeZone::utc()).toMSecsSinceEpoch());
}

void TestStory::badStoryNamesFileLineAndProblem_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    const QByteArray head = "{\n  \"title\": \"T\",\n  \"steps\": [\n    { \"caption\": \"one\" },\n";
    QTest::newRow("bad JSON") << head + "    { \"caption\": \"two\", }\n  ]\n}\n"
                              << QStringLiteral("s.json:5: invalid JSON: ");
    QTest::newRow("unknown action") << head + "    { \"caption\": \"two\",\n      \"zoom\": 2 }\n  ]\n}\n"
                                    << QStringLiteral("s.json:6: unknown action \"zoom\" in step 2 (expected caption, "
                                                      "open, stream, version, position, time, tab, action)");
    QTest::newRow("no caption") << head + "    { \"tab\": \"state\" }\n  ]\n}\n"
                                << QStringLiteral("s.json:5: step 2 needs a \"caption\" (text)");
    QTest::newRow("unknown tab") << head + "    { \"caption\": \"two\",\n \"tab\": \"graph\" }\n  ]\n}\n"
                                 << QStringLiteral("s.json:6: unknown tab \"graph\"");
    QTest::newRow("unreadable time") << head + "    { \"caption\": \"two\", \"time\": \"teatime\" }\n  ]\n}\n"
                                     << QStringLiteral("s.json:5: \"time\": cannot read \"teatime\" as a time");
    QTest::newRow("two moves") << head + "    { \"caption\": \"two\", \"version\": 2, \"position\": 4 }\n  ]\n}\n"
                               << QStringLiteral("s.json:5: step 2 moves the playhead twice");
    QTest::newRow("version not a number") << head + "    { \"caption\": \"two\", \"version\": \"2\" }\n  ]\n}\n"
                                          << QStringLiteral("s.json:5: \"version\" takes a whole number from 1");
    QTest::newRow("open something else") << head + "    { \"caption\": \"two\", \"open\": \"x.jsonl\" }\n  ]\n}\n"
                                         << QStringLiteral("s.json:5: \"open\" takes \"demo\"");
    QTest::newRow("action not a name") << head + "    { \"caption\": \"two\", \"action\": [1] }\n  ]\n}\n"
                                       << QStringLiteral("s.json:5: \"action\" takes a window action's name");
    QTest::newRow("no steps") << QByteArray("{ \"title\": \"T\",\n  \"steps\": [] }")
                              << QStringLiteral("s.json:2: a story needs \"steps\"");
    QTest::newRow("no title") << QByteArray("{ \"steps\": [ { \"caption\": \"x\" } ] }")
                              << QStringLiteral("s.json:1: a story needs a \"title\"");
    QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("s.json:1: a story is a JSON object");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("s.json:1: invalid JSON");
}

void TestStory::badStoryNamesFileLineAndProblem()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto story = Story::fromJson(json, QStringLiteral("s.json"));
    QVERIFY(!story);
    QVERIFY2(story.error().toString().startsWith(error), qPrintable(story.error().toString()));
    QVERIFY(!story.error().toString().contains(QLatin1Char('\n')));
    QVERIFY(story.error().isBadInput());
}

QTEST_MAIN(TestStory)
#include "tst_story.moc"
