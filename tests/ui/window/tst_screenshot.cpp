#include "uitesthelpers.h"
#include "window/mainwindow.h"
#include "window/screenshot.h"

#include <QFontInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Rewind;

class TestScreenshot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void writesTheWindowToAPng_data();
    void writesTheWindowToAPng();
    void refusesWhatItCannotShow();

private:
    QTemporaryDir m_dir;
};

void TestScreenshot::initTestCase() { RewindTest::setUpApplication(); }

void TestScreenshot::writesTheWindowToAPng_data()
{
    QTest::addColumn<qint64>("position");
    QTest::addColumn<QString>("stream");
    QTest::addColumn<QString>("tab");
    QTest::newRow("last event, state") << qint64(-1) << QString() << QStringLiteral("state");
    QTest::newRow("stale snapshot, diff") << qint64(10) << QString() << QStringLiteral("diff");
    QTest::newRow("cart, chart") << qint64(32) << QStringLiteral("cart-2") << QStringLiteral("chart");
    QTest::newRow("event") << qint64(23) << QStringLiteral("account-3") << QStringLiteral("event");
}

void TestScreenshot::writesTheWindowToAPng()
{
    QFETCH(qint64, position);
    QFETCH(QString, stream);
    QFETCH(QString, tab);
    Screenshot::Request request;
    request.output = m_dir.filePath(QStringLiteral("shot.png"));
    request.position = position;
    request.stream = stream;
    request.tab = tab;
    request.size = QSize(1200, 800);
    const Status taken = Screenshot::take(request);
    QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().toString()));

    QImage image(request.output);
    QVERIFY(!image.isNull());
    const qreal ratio = qApp->devicePixelRatio();
    QCOMPARE(image.size(), request.size * ratio);
    // Not blank: many colours (text, icons, markers), and the most common one is not everything.
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            ++counts[image.pixel(x, y)];
    }
    QVERIFY2(counts.size() > 100, qPrintable(QString::number(counts.size())));
    int most = 0;
    for (const int n : std::as_const(counts))
        most = std::max(most, n);
    QVERIFY(most < (image.width() / 2.0) * (image.height() / 2.0) * 0.8);
}

void TestScreenshot::refusesWhatItCannotShow()
{
    Screenshot::Request request;
    request.output = m_dir.filePath(QStringLiteral("bad.png"));
    request.tab = QStringLiteral("nope");
    QVERIFY(!Screenshot::take(request).ok());
    request.tab = QStringLiteral("state");
    request.stream = QStringLiteral("no-such-stream");
    QVERIFY(!Screenshot::take(request).ok());
    request.stream.clear();
    request.source = m_dir.filePath(QStringLiteral("missing.jsonl"));
    QVERIFY(!Screenshot::take(request).ok());
}

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
