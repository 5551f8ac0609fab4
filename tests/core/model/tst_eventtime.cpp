// Event times: the quick reading of `2026-08-05T09:00:00.250Z` that log readers use gives what
// parseEventTime (QDateTime) gives, on every date of the years 1 to 9999, and declines every text
// it is not sure of.

#include "model/eventtime.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Rewind;

namespace {

QString timestamp(int year, int month, int day, int hour, int minute, int second, int ms)
{
    QString text = QStringLiteral("%1-%2-%3T%4:%5:%6")
                       .arg(year, 4, 10, QLatin1Char('0'))
                       .arg(month, 2, 10, QLatin1Char('0'))
                       .arg(day, 2, 10, QLatin1Char('0'))
                       .arg(hour, 2, 10, QLatin1Char('0'))
                       .arg(minute, 2, 10, QLatin1Char('0'))
                       .arg(second, 2, 10, QLatin1Char('0'));
    if (ms >= 0)
        text += QStringLiteral(".%1").arg(ms, 3, 10, QLatin1Char('0'));
    return text + QLatin1Char('Z');
}

} // namespace

class TestEventTime : public QObject {
    Q_OBJECT

private slots:
    void quickReadingAgreesWithQDateTime();
    void quickReadingDeclinesOtherForms_data();
    void quickReadingDeclinesOtherForms();
};

void TestEventTime::quickReadingAgreesWithQDateTime()
{
    QRandomGenerator random(20260805);
    int quick = 0;
    for (int i = 0; i < 20000; ++i) {
        // Mostly valid, sometimes one field just past its range (day 31 of a 30-day month, 24:00,
        // a leap second), so both the answers and the refusals are compared.
        const int year = i % 10 == 0 ? random.bounded(1, 10000) : random.bounded(1960, 2100);
        const int month = random.bounded(1, 13);
        const int day = random.bounded(1, 32);
        const int hour = random.bounded(0, 25);
        const int minute = random.bounded(0, 60);
        const int second = random.bounded(0, 61);
        const int ms = random.bounded(-1, 1000);
        const QString text = timestamp(year, month, day, hour, minute, second, ms);
        const QByteArray utf8 = text.toUtf8();
        const auto fast = parseUtcTimestamp(std::string_view(utf8.constData(), size_t(utf8.size())));
        if (!fast)
            continue;
        ++quick;
        const auto slow = parseEventTime(text);
        QVERIFY2(slow, qPrintable(text));
        QCOMPARE(*fast, *slow);
    }
    QVERIFY(quick > 10000); // the common form is read quickly, not left to QDateTime
}

void TestEventTime::quickReadingDeclinesOtherForms_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("offset") << QByteArray("2026-08-05T09:00:00+02:00");
    QTest::newRow("no zone") << QByteArray("2026-08-05T09:00:00");
    QTest::newRow("space") << QByteArray("2026-08-05 09:00:00Z");
    QTest::newRow("two fraction digits") << QByteArray("2026-08-05T09:00:00.25Z");
    QTest::newRow("comma fraction") << QByteArray("2026-08-05T09:00:00,250Z");
    QTest::newRow("year 0") << QByteArray("0000-01-01T00:00:00Z");
    QTest::newRow("midnight as 24:00") << QByteArray("2026-08-05T24:00:00Z");
    QTest::newRow("February 29 of 2100") << QByteArray("2100-02-29T00:00:00Z");
    QTest::newRow("leading blank") << QByteArray(" 2026-08-05T09:00:00Z");
    QTest::newRow("epoch ms") << QByteArray("1785920400000");
    QTest::newRow("sign in a field") << QByteArray("2026-08-05T09:-1:00Z");
}

void TestEventTime::quickReadingDeclinesOtherForms()
{
    QFETCH(QByteArray, text);
    QVERIFY(!parseUtcTimestamp(std::string_view(text.constData(), size_t(text.size()))));
}

QTEST_GUILESS_MAIN(TestEventTime)
#include "tst_eventtime.moc"
