#include "models/eventfilterproxy.h"
#include "models/eventsmodel.h"
#include "uitesthelpers.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QTest>

using namespace Rewind;

class TestEventsModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void rowsFollowTheIndex();
    void summariesReadLikeSentences_data();
    void summariesReadLikeSentences();
    void marksSnapshotsAndAnomalies();
    void filtersByStreamTypeActorAndText();
    void sortsNumbersAsNumbers();

private:
    std::shared_ptr<const History> m_demo;
};

void TestEventsModel::initTestCase()
{
    RewindTest::setUpApplication();
    m_demo = RewindTest::openDemo();
}

void TestEventsModel::rowsFollowTheIndex()
{
    EventsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(m_demo);
    QCOMPARE(model.rowCount(), m_demo->index().size());
    QCOMPARE(model.columnCount(), int(EventsModel::ColumnCount));
    const QModelIndex first = model.index(0, EventsModel::PositionColumn);
    QCOMPARE(first.data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(0, EventsModel::TimeColumn).data().toString(), QStringLiteral("2026-08-03 09:00:00"));
    QCOMPARE(model.index(0, EventsModel::StreamColumn).data().toString(), QStringLiteral("account-1"));
    QCOMPARE(model.index(0, EventsModel::VersionColumn).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(0, EventsModel::TypeColumn).data().toString(), QStringLiteral("Opened"));
    QCOMPARE(model.index(0, EventsModel::ActorColumn).data().toString(), QStringLiteral("alice"));
    QCOMPARE(first.data(EventsModel::PositionRole).toLongLong(), 1);
    model.setHistory(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestEventsModel::summariesReadLikeSentences_data()
{
    QTest::addColumn<QString>("stream");
    QTest::addColumn<qint64>("version");
    QTest::addColumn<QString>("summary");
    QTest::newRow("deposit") << QStringLiteral("account-1") << qint64(2) << QStringLiteral("+1,000.00 by alice");
    QTest::newRow("withdrawal") << QStringLiteral("account-2") << qint64(3) << QStringLiteral("\u2212420.75 by bob");
    QTest::newRow("opened") << QStringLiteral("account-2") << qint64(1) << QStringLiteral("opened for bob");
    QTest::newRow("closed") << QStringLiteral("account-3") << qint64(8) << QStringLiteral("closed by dave");
    QTest::newRow("item added") << QStringLiteral("cart-1") << qint64(2)
                                << QStringLiteral("+2 \u00d7 Coffee mug @ 12.50");
    QTest::newRow("quantity") << QStringLiteral("cart-1") << qint64(3) << QStringLiteral("MG-007 \u2192 3");
    QTest::newRow("whole line removed") << QStringLiteral("cart-1") << qint64(5)
                                        << QStringLiteral("\u2212PN-042 (whole line)");
    QTest::newRow("checked out") << QStringLiteral("cart-2") << qint64(6)
                                 << QStringLiteral("checked out, total 130.00");
}

void TestEventsModel::summariesReadLikeSentences()
{
    QFETCH(QString, stream);
    QFETCH(qint64, version);
    QFETCH(QString, summary);
    EventsModel model;
    model.setHistory(m_demo);
    const qsizetype row = m_demo->index().rowOf(RewindTest::positionOf(*m_demo, stream, version));
    QVERIFY(row >= 0);
    QCOMPARE(model.index(int(row), EventsModel::SummaryColumn).data().toString(), summary);
}

void TestEventsModel::marksSnapshotsAndAnomalies()
{
    EventsModel model;
    model.setHistory(m_demo);
    int snapshots = 0;
    int anomalies = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, EventsModel::PositionColumn);
        const quint32 flags = index.data(EventsModel::FlagsRole).toUInt();
        const bool hasIcon = !index.data(Qt::DecorationRole).value<QIcon>().isNull();
        QCOMPARE(hasIcon, flags != 0);
        snapshots += (flags & HistoryIndex::HasSnapshot) ? 1 : 0;
        if (flags & HistoryIndex::HasAnomaly) {
            ++anomalies;
            QVERIFY(index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Anomaly")));
        }
    }
    QVERIFY(snapshots >= 5);
    QVERIFY(anomalies >= 2);
}

void TestEventsModel::filtersByStreamTypeActorAndText()
{
    EventsModel model;
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(m_demo);
    proxy.setHistory(m_demo);
    const auto& index = m_demo->index();
    const qint32 withdrawn = qint32(index.typeNames().indexOf(QStringLiteral("Withdrawn")));
    const qint32 deposited = qint32(index.typeNames().indexOf(QStringLiteral("Deposited")));

    proxy.setStreamIndex(index.streamIndex(QStringLiteral("account-3")));
    QTRY_COMPARE(proxy.rowCount(), 8);
    proxy.setTypes({ withdrawn });
    QTRY_COMPARE(proxy.rowCount(), 3);
    // Several types at once, then every type but those.
    proxy.setTypes({ withdrawn, deposited });
    QTRY_COMPARE(proxy.rowCount(), 6);
    proxy.setTypes({ withdrawn, deposited }, true);
    QTRY_COMPARE(proxy.rowCount(), 2);
    QCOMPARE(proxy.index(0, EventsModel::TypeColumn).data().toString(), QStringLiteral("Opened"));
    QCOMPARE(proxy.index(1, EventsModel::TypeColumn).data().toString(), QStringLiteral("Closed"));
    proxy.setStreamIndex(-1);
    proxy.setTypes({ withdrawn });
    proxy.setActors({ QStringLiteral("bob") });
    QTRY_COMPARE(proxy.rowCount(), 3);
    for (int row = 0; row < proxy.rowCount(); ++row) {
        QCOMPARE(proxy.index(row, EventsModel::ActorColumn).data().toString(), QStringLiteral("bob"));
        QCOMPARE(proxy.index(row, EventsModel::TypeColumn).data().toString(), QStringLiteral("Withdrawn"));
    }
    proxy.setActors({ QStringLiteral("bob") }, true);
    QTRY_VERIFY(!proxy.isSearching());
    QVERIFY(proxy.rowCount() > 0);
    for (int row = 0; row < proxy.rowCount(); ++row)
        QVERIFY(proxy.index(row, EventsModel::ActorColumn).data().toString() != QStringLiteral("bob"));
    proxy.setActors({});
    proxy.setTypes({});
    proxy.setText(QStringLiteral("coffee MUG"));
    QTRY_COMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, EventsModel::StreamColumn).data().toString(), QStringLiteral("cart-1"));
    // A word written -word leaves out the events that have it.
    proxy.setText(QStringLiteral("cart-1 -mug"));
    QTRY_VERIFY(!proxy.isSearching());
    QCOMPARE(proxy.rowCount(), 6 - 1); // cart-1's six events, but the one that added the mug
    proxy.setText({});
    QTRY_COMPARE(proxy.rowCount(), model.rowCount());
    // Source rows map to the proxy and back.
    proxy.setStreamIndex(index.streamIndex(QStringLiteral("cart-2")));
    QTRY_VERIFY(proxy.rowCount() < model.rowCount());
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex shown = proxy.mapFromSource(model.index(row, 0));
        QCOMPARE(shown.isValid(), index.entry(row).stream == index.streamIndex(QStringLiteral("cart-2")));
        if (shown.isValid())
            QCOMPARE(proxy.mapToSource(shown).row(), row);
    }
}

void TestEventsModel::sortsNumbersAsNumbers()
{
    EventsModel model;
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(m_demo);
    proxy.setHistory(m_demo);
    proxy.sort(EventsModel::PositionColumn, Qt::DescendingOrder);
    QTRY_COMPARE(proxy.index(0, 0).data().toString(), QString::number(m_demo->index().size()));
    QCOMPARE(proxy.index(proxy.rowCount() - 1, 0).data().toString(), QStringLiteral("1"));
    proxy.sort(EventsModel::VersionColumn, Qt::DescendingOrder);
    QTRY_COMPARE(proxy.index(0, EventsModel::VersionColumn).data().toString(), QStringLiteral("10"));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(proxy.mapToSource(proxy.mapFromSource(model.index(row, 0))).row(), row);
    // Actors are in the events: sorted in the background all the same.
    proxy.sort(EventsModel::ActorColumn, Qt::AscendingOrder);
    QTRY_VERIFY(!proxy.isSearching());
    QString previous;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QString actor = proxy.index(row, EventsModel::ActorColumn).data().toString();
        QVERIFY2(
            previous.compare(actor, Qt::CaseInsensitive) <= 0, qPrintable(previous + QLatin1String(" > ") + actor));
        previous = actor;
    }
}

QTEST_MAIN(TestEventsModel)
#include "tst_eventsmodel.moc"
