#include "model/statediff.h"

#include <QTest>

using namespace Rewind;

namespace {
JsonValue object(const char* text) { return JsonValue::parse(text).value(); }
}

class TestStateDiff : public QObject {
    Q_OBJECT

private slots:
    void between_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<QByteArray>("patch");
        QTest::newRow("nothing") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1})") << QByteArray("[]");
        QTest::newRow("replace") << QByteArray(R"({"balance":1000})") << QByteArray(R"({"balance":900})")
                                 << QByteArray(R"([{"op":"replace","path":"/balance","value":900,"old":1000}])");
        QTest::newRow("add") << QByteArray(R"({})") << QByteArray(R"({"owner":"alice"})")
                             << QByteArray(R"([{"op":"add","path":"/owner","value":"alice"}])");
        QTest::newRow("remove") << QByteArray(R"({"owner":"alice"})") << QByteArray(R"({})")
                                << QByteArray(R"([{"op":"remove","path":"/owner","old":"alice"}])");
        QTest::newRow("null to string") << QByteArray(R"({"owner":null})") << QByteArray(R"({"owner":"bob"})")
                                        << QByteArray(R"([{"op":"replace","path":"/owner","value":"bob","old":null}])");
        QTest::newRow("nested") << QByteArray(R"({"items":{"A":{"quantity":1}}})")
                                << QByteArray(R"({"items":{"A":{"quantity":3}}})")
                                << QByteArray(R"([{"op":"replace","path":"/items/A/quantity","value":3,"old":1}])");
        QTest::newRow("escaped") << QByteArray(R"({"a/b":{"c~d":1}})") << QByteArray(R"({"a/b":{"c~d":2}})")
                                 << QByteArray(R"([{"op":"replace","path":"/a~1b/c~0d","value":2,"old":1}])");
        QTest::newRow("object appears") << QByteArray(R"({"items":{}})")
                                        << QByteArray(R"({"items":{"A":{"quantity":1}}})")
                                        << QByteArray(R"([{"op":"add","path":"/items/A","value":{"quantity":1}}])");
        QTest::newRow("type change") << QByteArray(R"({"x":{"y":1}})") << QByteArray(R"({"x":5})")
                                     << QByteArray(R"([{"op":"replace","path":"/x","value":5,"old":{"y":1}}])");
        QTest::newRow("array grows and shrinks")
            << QByteArray(R"({"l":[1,2,3]})") << QByteArray(R"({"l":[1,9]})")
            << QByteArray(
                   R"([{"op":"replace","path":"/l/1","value":9,"old":2},{"op":"remove","path":"/l/2","old":3}])");
        // Exact: what a double cannot tell apart is still a change, and one number written two
        // ways is none.
        QTest::newRow("a ten-thousandth of a large balance")
            << QByteArray(R"({"balance":1234567890123.4567})") << QByteArray(R"({"balance":1234567890123.4566})")
            << QByteArray(
                   R"([{"op":"replace","path":"/balance","value":1234567890123.4566,"old":1234567890123.4567}])");
        QTest::newRow("ids beyond 2^53")
            << QByteArray(R"({"id":12345678901234567890})") << QByteArray(R"({"id":12345678901234567891})")
            << QByteArray(R"([{"op":"replace","path":"/id","value":12345678901234567891,"old":12345678901234567890}])");
        QTest::newRow("beyond a double's range")
            << QByteArray(R"({"x":1e400})") << QByteArray(R"({"x":2e400})")
            << QByteArray(R"([{"op":"replace","path":"/x","value":2e400,"old":1e400}])");
        QTest::newRow("one number written two ways") << QByteArray(R"({"a":1.50,"b":100,"c":0.0})")
                                                     << QByteArray(R"({"a":1.5,"b":1e2,"c":-0})") << QByteArray("[]");
        QTest::newRow("keys in order")
            << QByteArray(R"({"b":1,"a":1})") << QByteArray(R"({"b":2,"a":2})")
            << QByteArray(
                   R"([{"op":"replace","path":"/a","value":2,"old":1},{"op":"replace","path":"/b","value":2,"old":1}])");
    }
    void between()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(QByteArray, patch);
        const QList<Change> changes = StateDiff::between(object(before.constData()), object(after.constData()));
        QByteArray written = "[";
        for (qsizetype i = 0; i < changes.size(); ++i)
            written += (i ? "," : "") + changes.at(i).toJsonWriter().toJson();
        written += ']';
        QCOMPARE(written, patch);
    }

    void valueAt_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("root field") << QStringLiteral("/balance") << QByteArray("900");
        QTest::newRow("nested") << QStringLiteral("/items/A/quantity") << QByteArray("2");
        QTest::newRow("escaped") << QStringLiteral("/a~1b") << QByteArray("true");
        QTest::newRow("array") << QStringLiteral("/list/1") << QByteArray("\"y\"");
        QTest::newRow("missing") << QStringLiteral("/nope") << QByteArray();
        QTest::newRow("past the array") << QStringLiteral("/list/5") << QByteArray();
    }
    void valueAt()
    {
        QFETCH(QString, pointer);
        QFETCH(QByteArray, value);
        const JsonValue root = object(R"({"balance":900,"items":{"A":{"quantity":2}},"a/b":true,"list":["x","y"]})");
        const JsonValue found = root.at(pointer);
        if (value.isEmpty())
            QVERIFY(found.isUndefined());
        else
            QCOMPARE(found.toJson(), value);
    }
};

QTEST_GUILESS_MAIN(TestStateDiff)
#include "tst_statediff.moc"
