#include "model/decimal.h"
#include "model/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Rewind;

class TestJsonWriter : public QObject {
    Q_OBJECT

private slots:
    void numbersInTheirShortestExactForm_data()
    {
        QTest::addColumn<QString>("amount");
        QTest::addColumn<QByteArray>("written");
        QTest::newRow("integer") << QStringLiteral("900") << QByteArray("900");
        QTest::newRow("cents") << QStringLiteral("20665.88") << QByteArray("20665.88");
        QTest::newRow("smallest unit") << QStringLiteral("0.0001") << QByteArray("0.0001");
        QTest::newRow("0.0009") << QStringLiteral("0.0009") << QByteArray("0.0009");
        QTest::newRow("negative") << QStringLiteral("-150") << QByteArray("-150");
        QTest::newRow("zero") << QStringLiteral("0") << QByteArray("0");
        QTest::newRow("large") << QStringLiteral("98765432109.1234") << QByteArray("98765432109.1234");
        QTest::newRow("sum drift") << QStringLiteral("0.3") << QByteArray("0.3");
    }
    void numbersInTheirShortestExactForm()
    {
        QFETCH(QString, amount);
        QFETCH(QByteArray, written);
        const auto decimal = Decimal::parse(amount);
        QVERIFY(decimal);
        QCOMPARE(JsonWriter::compact(QJsonValue(amount.toDouble())), written);
    }

    void keysKeepTheirOrder()
    {
        JsonWriter inner;
        inner.add("z", 1).add("a", 2);
        JsonWriter json;
        json.add("stream", QStringLiteral("a \"quoted\" name"))
            .add("version", 2)
            .add("state", QJsonObject { { QLatin1String("b"), true }, { QLatin1String("a"), QJsonValue() } })
            .add("inner", inner)
            .add("list", QList<JsonWriter> { inner, inner })
            .add("array", QJsonArray { 1, QStringLiteral("x") });
        const QByteArray expected = "{\"stream\":\"a \\\"quoted\\\" name\",\"version\":2,"
                                    "\"state\":{\"a\":null,\"b\":true},\"inner\":{\"z\":1,\"a\":2},"
                                    "\"list\":[{\"z\":1,\"a\":2},{\"z\":1,\"a\":2}],\"array\":[1,\"x\"]}";
        QCOMPARE(json.toJson(), expected);
        QVERIFY(!QJsonDocument::fromJson(json.toJson()).isNull());
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
