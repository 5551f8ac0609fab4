#include "model/jsonvalue.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Rewind;
using namespace Qt::StringLiterals;

class TestJsonValue : public QObject {
    Q_OBJECT

private slots:
    void keepsEveryDigit_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("written");
        // Each of these changes on its way through a double.
        QTest::newRow("money beyond 15 digits")
            << QByteArray(R"({"b":1234567890123.4567})") << QByteArray(R"({"b":1234567890123.4567})");
        QTest::newRow("the largest amount")
            << QByteArray(R"({"b":99999999999999.9999})") << QByteArray(R"({"b":99999999999999.9999})");
        QTest::newRow("an id above 2^64")
            << QByteArray(R"({"id":12345678901234567890})") << QByteArray(R"({"id":12345678901234567890})");
        QTest::newRow("many decimals") << QByteArray(R"({"x":10.0000000000000001})")
                                       << QByteArray(R"({"x":10.0000000000000001})");
        QTest::newRow("beyond a double's range")
            << QByteArray(R"({"x":1e400,"y":-2.5E-400})") << QByteArray(R"({"x":1e400,"y":-2.5E-400})");
        // Whitespace goes, keys are sorted, strings are unescaped and written with JSON's escapes.
        QTest::newRow("layout") << QByteArray(" { \"z\" : [ 1 , 2 ] ,\n \"a\" : { } } ")
                                << QByteArray(R"({"a":{},"z":[1,2]})");
        QTest::newRow("strings") << QByteArray("{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u00e9/\"}")
                                 << QByteArray("{\"s\":\"a\\\"b\\\\c\\n\\u0001\xc3\xa9/\"}");
        QTest::newRow("literals") << QByteArray(R"([true,false,null])") << QByteArray(R"([true,false,null])");
        QTest::newRow("a number alone") << QByteArray("-0.5") << QByteArray("-0.5");
        QTest::newRow("a repeated key keeps the last") << QByteArray(R"({"a":1,"a":2})") << QByteArray(R"({"a":2})");
    }
    void keepsEveryDigit()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, written);
        const Result<JsonValue> value = JsonValue::parse(json);
        QVERIFY2(value, value ? "" : qPrintable(value.error().toString()));
        QCOMPARE(value->toJson(), written);
        // and what is written reads back as the same value
        QCOMPARE(JsonValue::parse(value->toJson()).value().toJson(), written);
    }

    void refusesWhatIsNotJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray(R"({"a":)");
        QTest::newRow("two numbers in one") << QByteArray(R"({"a":1.2.3})");
        QTest::newRow("a leading zero") << QByteArray(R"({"a":01})");
        QTest::newRow("a bare dot") << QByteArray(R"({"a":1.})");
        QTest::newRow("a sign alone") << QByteArray(R"({"a":-})");
        QTest::newRow("trailing text") << QByteArray(R"({"a":1} x)");
        QTest::newRow("a bare word") << QByteArray(R"({"a":nope})");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"\xff\"}");
        // Found by fuzz_jsonvalue: nesting this deep overflowed the stack.
        QTest::newRow("nested too deep") << "{\"\":" + QByteArray(5000, '[') + QByteArray(5000, ']') + "}";
        QTest::newRow("just past the limit") << QByteArray(130, '[') + QByteArray(130, ']');
    }
    void refusesWhatIsNotJson()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!JsonValue::parse(json));
    }

    void nestsAsDeepAsStatesDo()
    {
        const QByteArray deep = QByteArray(100, '[') + "1" + QByteArray(100, ']');
        const Result<JsonValue> value = JsonValue::parse(deep);
        QVERIFY(value);
        QCOMPARE(value->toJson(), deep);
    }

    void numbersCompareByValue_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("trailing zeros") << QByteArray("1.50") << QByteArray("1.5") << true;
        QTest::newRow("exponent") << QByteArray("1.5e2") << QByteArray("150") << true;
        QTest::newRow("negative exponent") << QByteArray("15E-1") << QByteArray("1.5") << true;
        QTest::newRow("zeros") << QByteArray("-0.0") << QByteArray("0e7") << true;
        QTest::newRow("a ten-thousandth apart")
            << QByteArray("1234567890123.4567") << QByteArray("1234567890123.4568") << false;
        QTest::newRow("beyond 2^53") << QByteArray("9007199254740993") << QByteArray("9007199254740992") << false;
        QTest::newRow("sign") << QByteArray("1") << QByteArray("-1") << false;
        QTest::newRow("a number is no string") << QByteArray("1") << QByteArray(R"("1")") << false;
        QTest::newRow("objects by member")
            << QByteArray(R"({"a":1.0,"b":[2]})") << QByteArray(R"({"b":[2e0],"a":1})") << true;
        QTest::newRow("objects with another member")
            << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1,"b":2})") << false;
    }
    void numbersCompareByValue()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        QCOMPARE(JsonValue::parse(a).value() == JsonValue::parse(b).value(), equal);
        QCOMPARE(JsonValue::parse(b).value() == JsonValue::parse(a).value(), equal);
    }

    void readsNumbersAsAmountsAndIntegers()
    {
        const JsonValue value =
            JsonValue::parse(R"({"m":99999999999999.9999,"p":0.00001,"i":3.0,"e":3e18,"big":1e19,"s":"3"})").value();
        QCOMPARE(value.value(u"m"_s).toDecimal()->toString(), u"99999999999999.9999"_s);
        QVERIFY(!value.value(u"p"_s).toDecimal()); // more than four places
        QCOMPARE(value.value(u"i"_s).toInteger(), 3);
        QCOMPARE(value.value(u"e"_s).toInteger(), qint64(3000000000000000000));
        QVERIFY(!value.value(u"big"_s).toInteger()); // beyond 64 bits
        QVERIFY(!value.value(u"s"_s).toInteger()); // a string is no number
        QVERIFY(!value.value(u"missing"_s).toInteger());
        QVERIFY(value.value(u"missing"_s).isUndefined());
    }

    void findsValuesByPointer()
    {
        const JsonValue root = JsonValue::parse(R"({"items":{"a/b":{"q":[5,6]},"~":1}})").value();
        QCOMPARE(root.at(u"/items/a~1b/q/1"_s).toJson(), QByteArray("6"));
        QCOMPARE(root.at(u"/items/~0"_s).toJson(), QByteArray("1"));
        QCOMPARE(root.at(QString()).toJson(), root.toJson());
        QVERIFY(root.at(u"/items/q"_s).isUndefined());
        QVERIFY(root.at(u"/items/a~1b/q/2"_s).isUndefined());
        QVERIFY(root.at(u"items"_s).isUndefined());
    }

    void mergesDeeply()
    {
        const JsonValue state = JsonValue::parse(R"({"a":{"b":1,"c":2},"d":[1],"id":12345678901234567890})").value();
        const JsonValue patch = JsonValue::parse(R"({"a":{"c":3,"e":4},"d":[2],"f":null})").value();
        QCOMPARE(state.merged(patch).toJson(),
            QByteArray(R"({"a":{"b":1,"c":3,"e":4},"d":[2],"f":null,"id":12345678901234567890})"));
        // Values are shared, never changed in place: the original is as it was.
        QCOMPARE(state.toJson(), QByteArray(R"({"a":{"b":1,"c":2},"d":[1],"id":12345678901234567890})"));
    }

    void convertsToAndFromQt()
    {
        const QJsonObject qt = QJsonDocument::fromJson(R"({"a":[1,2.5,"x",null,true],"b":{"c":900}})").object();
        const JsonValue value = JsonValue::fromQt(qt);
        QCOMPARE(value.toJson(), QByteArray(R"({"a":[1,2.5,"x",null,true],"b":{"c":900}})"));
        QCOMPARE(value.toQt().toObject(), qt);
    }
};

QTEST_GUILESS_MAIN(TestJsonValue)
#include "tst_jsonvalue.moc"
