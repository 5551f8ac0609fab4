#include "model/decimal.h"
#include "model/jsonvalue.h"

#include <QTest>

#include <limits>

using namespace Rewind;
using namespace Qt::StringLiterals;

class TestDecimal : public QObject {
    Q_OBJECT

private slots:
    void parsesJsonNumbers_data();
    void parsesJsonNumbers();
    void rejectsWhatIsNotExactMoney_data();
    void rejectsWhatIsNotExactMoney();
    void parsesQStringLikeBytes();
    void printsShortestExactForm_data();
    void printsShortestExactForm();
    void printsForPeople_data();
    void printsForPeople();
    void addsExactly_data();
    void addsExactly();
    void sumsWithoutDrift_data();
    void sumsWithoutDrift();
    void jsonCarriesMoneyExactly_data();
    void jsonCarriesMoneyExactly();
    void saysWhyATextIsNoAmount_data();
    void saysWhyATextIsNoAmount();
    void overflowIsEmptyNeverWrapped();
};

void TestDecimal::parsesJsonNumbers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("units");

    QTest::newRow("zero") << u"0"_s << qint64(0);
    QTest::newRow("negative zero") << u"-0"_s << qint64(0);
    QTest::newRow("integer") << u"1000"_s << qint64(10000000);
    QTest::newRow("negative integer") << u"-12"_s << qint64(-120000);
    QTest::newRow("two places") << u"312.22"_s << qint64(3122200);
    QTest::newRow("four places") << u"0.0001"_s << qint64(1);
    QTest::newRow("negative fraction") << u"-0.5"_s << qint64(-5000);
    QTest::newRow("trailing zeros are not precision") << u"1.50000000"_s << qint64(15000);
    QTest::newRow("exponent") << u"1e3"_s << qint64(10000000);
    QTest::newRow("exponent with plus") << u"1E+3"_s << qint64(10000000);
    QTest::newRow("negative exponent") << u"2.5E-2"_s << qint64(250);
    QTest::newRow("exponent brings places back") << u"0.123456e2"_s << qint64(123456);
    QTest::newRow("exponent to the last place") << u"1e-4"_s << qint64(1);
    QTest::newRow("zero with huge exponent") << u"0e999999999999"_s << qint64(0);
    QTest::newRow("zero with many places") << u"0.000000000"_s << qint64(0);
    QTest::newRow("fifteen integer digits") << u"123456789012345"_s << qint64(1234567890123450000);
    QTest::newRow("fifth place is a zero") << u"-1.23450"_s << qint64(-12345);
    QTest::newRow("leading zero fraction") << u"0.05"_s << qint64(500);
    QTest::newRow("largest") << u"922337203685477.5807"_s << std::numeric_limits<qint64>::max();
    QTest::newRow("most negative it accepts") << u"-922337203685477.5807"_s << -std::numeric_limits<qint64>::max();
}

void TestDecimal::parsesJsonNumbers()
{
    QFETCH(QString, text);
    QFETCH(qint64, units);
    const std::optional<Decimal> parsed = Decimal::parse(text.toStdString());
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->units(), units);
    // Commands arrive as QString; they must read the same.
    QCOMPARE(Decimal::parse(text), parsed);
}

void TestDecimal::rejectsWhatIsNotExactMoney_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("five places") << u"0.00001"_s;
    QTest::newRow("five places by exponent") << u"1e-5"_s;
    QTest::newRow("leading plus") << u"+1"_s;
    QTest::newRow("leading zero") << u"01"_s;
    QTest::newRow("bare dot") << u".5"_s;
    QTest::newRow("trailing dot") << u"5."_s;
    QTest::newRow("minus alone") << u"-"_s;
    QTest::newRow("exponent without digits") << u"1e"_s;
    QTest::newRow("exponent sign without digits") << u"1e+"_s;
    QTest::newRow("leading space") << u" 1"_s;
    QTest::newRow("trailing space") << u"1 "_s;
    QTest::newRow("text") << u"abc"_s;
    QTest::newRow("string quotes") << u"\"100\""_s;
    QTest::newRow("comma decimal") << u"1,5"_s;
    QTest::newRow("hex") << u"0x10"_s;
    QTest::newRow("infinity") << u"Infinity"_s;
    QTest::newRow("NaN") << u"NaN"_s;
    QTest::newRow("two numbers") << u"1 2"_s;
    QTest::newRow("overflow") << u"922337203685477.5808"_s;
    QTest::newRow("overflow by exponent") << u"1e15"_s;
    QTest::newRow("huge exponent") << u"1e999999999999"_s;
    QTest::newRow("tiny exponent") << u"1e-999999999999"_s;
    QTest::newRow("many digits") << u"123456789012345678901234567890"_s;
}

void TestDecimal::rejectsWhatIsNotExactMoney()
{
    QFETCH(QString, text);
    QVERIFY(!Decimal::parse(text.toStdString()).has_value());
    QVERIFY(!Decimal::parse(text).has_value());
}

void TestDecimal::parsesQStringLikeBytes()
{
    QCOMPARE(Decimal::parse(u"20665.88"_s), Decimal::parse(std::string_view("20665.88")));
    QCOMPARE(Decimal::parse(u"20665.88"_s)->units(), qint64(206658800));
    // Digits from other scripts are not JSON digits.
    QVERIFY(!Decimal::parse(u"١٢"_s).has_value());
}

void TestDecimal::printsShortestExactForm_data()
{
    QTest::addColumn<qint64>("units");
    QTest::addColumn<QString>("text");

    QTest::newRow("money") << qint64(206658800) << u"20665.88"_s;
    QTest::newRow("whole") << qint64(9000000) << u"900"_s;
    QTest::newRow("half") << qint64(-5000) << u"-0.5"_s;
    QTest::newRow("three tenths") << qint64(3000) << u"0.3"_s;
    QTest::newRow("smallest") << qint64(1) << u"0.0001"_s;
    QTest::newRow("zero") << qint64(0) << u"0"_s;
    QTest::newRow("no separators") << qint64(10000000000) << u"1000000"_s;
    QTest::newRow("most negative") << std::numeric_limits<qint64>::min() << u"-922337203685477.5808"_s;
}

void TestDecimal::printsShortestExactForm()
{
    QFETCH(qint64, units);
    QFETCH(QString, text);
    QCOMPARE(Decimal::fromUnits(units).toString(), text);
    if (units != std::numeric_limits<qint64>::min())
        QCOMPARE(Decimal::parse(text)->units(), units); // and it reads back
}

void TestDecimal::printsForPeople_data()
{
    QTest::addColumn<qint64>("units");
    QTest::addColumn<QString>("text");

    QTest::newRow("money") << qint64(206658800) << u"20,665.88"_s;
    QTest::newRow("whole") << qint64(9000000) << u"900.00"_s;
    QTest::newRow("negative") << qint64(-10005000) << u"-1,000.50"_s;
    QTest::newRow("zero") << qint64(0) << u"0.00"_s;
    QTest::newRow("four places kept") << qint64(1234) << u"0.1234"_s;
    QTest::newRow("three places kept") << qint64(1230) << u"0.123"_s;
    QTest::newRow("millions") << qint64(12345678900000) << u"1,234,567,890.00"_s;
    QTest::newRow("exactly a thousand") << qint64(10000000) << u"1,000.00"_s;
    QTest::newRow("below a thousand, negative") << qint64(-9990000) << u"-999.00"_s;
}

void TestDecimal::printsForPeople()
{
    QFETCH(qint64, units);
    QFETCH(QString, text);
    QCOMPARE(Decimal::fromUnits(units).toDisplayString(), text);
}

void TestDecimal::addsExactly_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("sum");

    QTest::newRow("0.1 + 0.2") << u"0.1"_s << u"0.2"_s << u"0.3"_s;
    QTest::newRow("1000 - 100") << u"1000"_s << u"-100"_s << u"900"_s;
    QTest::newRow("crossing zero") << u"0.25"_s << u"-0.75"_s << u"-0.5"_s;
    QTest::newRow("exponent and fraction") << u"1e3"_s << u"0.0001"_s << u"1000.0001"_s;
}

void TestDecimal::addsExactly()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, sum);
    QCOMPARE((*Decimal::parse(a) + *Decimal::parse(b)).toString(), sum);
    QCOMPARE(*Decimal::parse(a) + *Decimal::parse(b), *Decimal::parse(sum));
}

void TestDecimal::sumsWithoutDrift_data()
{
    QTest::addColumn<QString>("term");
    QTest::addColumn<int>("times");
    QTest::addColumn<QString>("sum");

    QTest::newRow("312.22 ten thousand times") << u"312.22"_s << 10000 << u"3122200"_s;
    QTest::newRow("0.1 ten times") << u"0.1"_s << 10 << u"1"_s;
    QTest::newRow("0.0001 a million times") << u"0.0001"_s << 1000000 << u"100"_s;
    QTest::newRow("-19.99 three times") << u"-19.99"_s << 3 << u"-59.97"_s;
}

void TestDecimal::sumsWithoutDrift()
{
    QFETCH(QString, term);
    QFETCH(int, times);
    QFETCH(QString, sum);
    const Decimal one = *Decimal::parse(term);
    Decimal total;
    for (int i = 0; i < times; ++i)
        total += one;
    QCOMPARE(total.toString(), sum);
    QCOMPARE(one * times, total);
}

void TestDecimal::jsonCarriesMoneyExactly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("printed");

    // What `rewind-cli state`, snapshots and diffs write: the shortest exact text, whatever the
    // magnitude (a double would turn 99999999999999.9999 into 100000000000000).
    QTest::newRow("money") << u"20665.88"_s << u"20665.88"_s;
    QTest::newRow("whole") << u"900"_s << u"900"_s;
    QTest::newRow("three tenths") << u"0.3"_s << u"0.3"_s;
    QTest::newRow("negative half") << u"-0.5"_s << u"-0.5"_s;
    QTest::newRow("trailing zeros") << u"12.5000"_s << u"12.5"_s;
    QTest::newRow("exponent") << u"1e3"_s << u"1000"_s;
    QTest::newRow("one ten-thousandth") << u"0.0001"_s << u"0.0001"_s;
    QTest::newRow("beyond a double") << u"99999999999999.9999"_s << u"99999999999999.9999"_s;
    QTest::newRow("thirteen digits and four places") << u"1234567890123.4567"_s << u"1234567890123.4567"_s;
    QTest::newRow("the largest") << u"922337203685477.5807"_s << u"922337203685477.5807"_s;
    QTest::newRow("the smallest") << u"-922337203685477.5808"_s << u"-922337203685477.5808"_s;
}

void TestDecimal::jsonCarriesMoneyExactly()
{
    QFETCH(QString, text);
    QFETCH(QString, printed);
    const Decimal value = *Decimal::parse(text);
    const JsonValue state = JsonValue::object({ { u"balance"_s, value } });
    QCOMPARE(QString::fromUtf8(state.toJson()), QLatin1String("{\"balance\":") + printed + QLatin1Char('}'));
    // and the written form reads back as the same decimal
    const auto reread = JsonValue::parse(state.toJson());
    QVERIFY(reread);
    QCOMPARE(reread->value(u"balance"_s).toDecimal(), value);
}

void TestDecimal::saysWhyATextIsNoAmount_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("failure");
    using F = Decimal::Failure;
    QTest::newRow("letters") << QStringLiteral("ten") << int(F::NotANumber);
    QTest::newRow("a dot and nothing") << QStringLiteral("1.") << int(F::NotANumber);
    QTest::newRow("five places") << QStringLiteral("10.00001") << int(F::TooManyPlaces);
    QTest::newRow("a long tail") << QStringLiteral("10.0000000000000001") << int(F::TooManyPlaces);
    QTest::newRow("one unit too large") << QStringLiteral("922337203685477.5808") << int(F::TooLarge);
    QTest::newRow("a large exponent") << QStringLiteral("1e400") << int(F::TooLarge);
}

void TestDecimal::saysWhyATextIsNoAmount()
{
    QFETCH(QString, text);
    QFETCH(int, failure);
    Decimal::Failure why = Decimal::Failure::NotANumber;
    QVERIFY(!Decimal::parse(text, &why));
    QCOMPARE(int(why), failure);
    // The bytes path (event data) says the same as the text path (commands).
    const QByteArray utf8 = text.toUtf8();
    Decimal::Failure whyBytes = Decimal::Failure::NotANumber;
    QVERIFY(!Decimal::parse(std::string_view(utf8.constData(), size_t(utf8.size())), &whyBytes));
    QCOMPARE(int(whyBytes), failure);
}

void TestDecimal::overflowIsEmptyNeverWrapped()
{
    const Decimal largest = Decimal::fromUnits(std::numeric_limits<qint64>::max());
    const Decimal smallest = Decimal::fromUnits(std::numeric_limits<qint64>::min());
    const Decimal unit = Decimal::fromUnits(1);
    QVERIFY(!largest.plus(unit));
    QVERIFY(!smallest.minus(unit));
    QVERIFY(!largest.times(2));
    QVERIFY(!Decimal::fromInt(1000000000000).times(1000000));
    QCOMPARE(largest.minus(unit)->units(), std::numeric_limits<qint64>::max() - 1);
    QCOMPARE(Decimal::fromInt(2).times(3)->toString(), QStringLiteral("6"));
    QCOMPARE(Decimal::parse(QStringLiteral("99999999999999.9999"))->plus(unit)->toString(),
        QStringLiteral("100000000000000"));
}

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
