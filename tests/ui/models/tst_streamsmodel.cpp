#include "models/streamfilterproxy.h"
#include "models/streamsmodel.h"
#include "uitesthelpers.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Rewind;

class TestStreamsModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void listsEveryStreamAfterAllStreams();
    void filterKeepsAllStreams();
    void sortKeepsAllStreamsFirst();

private:
    std::shared_ptr<const History> m_demo;
};

void TestStreamsModel::initTestCase()
{
    RewindTest::setUpApplication();
    m_demo = RewindTest::openDemo();
}

void TestStreamsModel::listsEveryStreamAfterAllStreams()
{
    StreamsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setHistory(m_demo);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 6); // all + 3 accounts + 2 carts
    QCOMPARE(model.index(0, StreamsModel::StreamColumn).data().toString(), QStringLiteral("All streams"));
    QCOMPARE(model.index(0, 0).data(StreamsModel::StreamIdRole).toString(), QString());
    QCOMPARE(
        model.index(0, StreamsModel::EventsColumn).data(StreamsModel::SortRole).toLongLong(), m_demo->index().size());

    const int account3 = model.rowOf(QStringLiteral("account-3"));
    QVERIFY(account3 > 0);
    QCOMPARE(model.index(account3, StreamsModel::DomainColumn).data().toString(), QStringLiteral("bank"));
    QCOMPARE(model.index(account3, StreamsModel::EventsColumn).data().toString(), QStringLiteral("8"));
    QVERIFY(model.index(account3, StreamsModel::AnomaliesColumn).data(StreamsModel::SortRole).toInt() >= 1);
    const int cart1 = model.rowOf(QStringLiteral("cart-1"));
    QCOMPARE(model.index(cart1, StreamsModel::DomainColumn).data().toString(), QStringLiteral("cart"));
    QCOMPARE(model.index(cart1, StreamsModel::AnomaliesColumn).data().toString(), QString()); // none: blank, not 0

    model.setHistory(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestStreamsModel::filterKeepsAllStreams()
{
    StreamsModel model;
    StreamFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(m_demo);
    proxy.setText(QStringLiteral("CART"));
    QCOMPARE(proxy.rowCount(), 3);
    QVERIFY(proxy.index(0, 0).data(StreamsModel::AllStreamsRole).toBool());
    proxy.setText(QStringLiteral("bank")); // by domain
    QCOMPARE(proxy.rowCount(), 4);
    proxy.setText(QStringLiteral("nothing matches"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setText({});
    QCOMPARE(proxy.rowCount(), 6);
}

void TestStreamsModel::sortKeepsAllStreamsFirst()
{
    StreamsModel model;
    StreamFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(m_demo);
    for (const auto order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
        proxy.sort(StreamsModel::EventsColumn, order);
        QVERIFY(proxy.index(0, 0).data(StreamsModel::AllStreamsRole).toBool());
        const qint64 second = proxy.index(1, StreamsModel::EventsColumn).data(StreamsModel::SortRole).toLongLong();
        const qint64 last =
            proxy.index(proxy.rowCount() - 1, StreamsModel::EventsColumn).data(StreamsModel::SortRole).toLongLong();
        QVERIFY(order == Qt::AscendingOrder ? second <= last : second >= last);
    }
}

QTEST_MAIN(TestStreamsModel)
#include "tst_streamsmodel.moc"
