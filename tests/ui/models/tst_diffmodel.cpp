#include "domains/bankdomain.h"
#include "models/diffmodel.h"
#include "theme/themecolors.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QTest>

using namespace Rewind;

class TestDiffModel : public QObject {
    Q_OBJECT
private slots:
    void oneRowPerChange_data();
    void oneRowPerChange();
    void colourRepeatsTheSign();
};

void TestDiffModel::oneRowPerChange_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::newRow("withdrawal") << QByteArray(R"({"balance":1000})") << QByteArray(R"({"balance":900})")
                                << QStringLiteral("~ changed") << QStringLiteral("/balance")
                                << QStringLiteral("1,000.00 \u2192 900.00");
    QTest::newRow("a ten-thousandth of a large balance")
        << QByteArray(R"({"balance":1234567890123.4567})") << QByteArray(R"({"balance":1234567890123.4566})")
        << QStringLiteral("~ changed") << QStringLiteral("/balance")
        << QStringLiteral("1,234,567,890,123.4567 \u2192 1,234,567,890,123.4566");
    QTest::newRow("added") << QByteArray(R"({"items":{}})") << QByteArray(R"({"items":{"A":{"quantity":2}}})")
                           << QStringLiteral("+ added") << QStringLiteral("/items/A")
                           << QStringLiteral("{\"quantity\":2}");
    QTest::newRow("removed") << QByteArray(R"({"owner":"bob"})") << QByteArray(R"({})")
                             << QStringLiteral("\u2212 removed") << QStringLiteral("/owner")
                             << QStringLiteral("was \"bob\"");
}

void TestDiffModel::oneRowPerChange()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QString, change);
    QFETCH(QString, path);
    QFETCH(QString, value);
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const BankDomain bank; // whose balance is money
    model.setDomain(&bank);
    model.setChanges(StateDiff::between(JsonValue::parse(before).value(), JsonValue::parse(after).value()));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, DiffModel::ChangeColumn).data().toString(), change);
    QCOMPARE(model.index(0, DiffModel::PathColumn).data().toString(), path);
    QCOMPARE(model.index(0, DiffModel::ValueColumn).data().toString(), value);
    model.setChanges({});
    QCOMPARE(model.rowCount(), 0);
}

void TestDiffModel::colourRepeatsTheSign()
{
    DiffModel model;
    QList<Change> changes(3);
    changes[0].op = Change::Op::Add;
    changes[1].op = Change::Op::Remove;
    changes[2].op = Change::Op::Replace;
    model.setChanges(changes);
    const QPalette palette = QApplication::palette();
    QCOMPARE(model.index(0, 0).data(Qt::ForegroundRole).value<QColor>(), ThemeColors::added(palette));
    QCOMPARE(model.index(1, 0).data(Qt::ForegroundRole).value<QColor>(), ThemeColors::removed(palette));
    QCOMPARE(model.index(2, 0).data(Qt::ForegroundRole).value<QColor>(), ThemeColors::changed(palette));
    QVERIFY(model.index(0, 0).data().toString().startsWith(QLatin1Char('+')));
    QVERIFY(model.index(1, 0).data().toString().startsWith(QChar(0x2212)));
}

QTEST_MAIN(TestDiffModel)
#include "tst_diffmodel.moc"
