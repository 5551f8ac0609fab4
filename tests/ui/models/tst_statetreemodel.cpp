#include "domains/bankdomain.h"
#include "models/statetreemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using namespace Rewind;

namespace {
JsonValue json(const char* text) { return JsonValue::parse(text).value(); }
}

class TestStateTreeModel : public QObject {
    Q_OBJECT
private slots:
    void showsFieldsAsATree();
    void formatsMoney();
    void highlightsWhatChanged();
    void dimsTheRestOnRequest();
};

void TestStateTreeModel::showsFieldsAsATree()
{
    StateTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setState(
        json(
            R"({"items":{"MG-007":{"name":"Coffee mug","quantity":3,"unitPrice":12.5}},"total":37.5,"checkedOut":false})"),
        {});
    QCOMPARE(model.rowCount(), 3);
    const QModelIndex items = model.indexOfPath(QStringLiteral("/items"));
    QVERIFY(items.isValid());
    QCOMPARE(model.rowCount(items), 1);
    QCOMPARE(items.siblingAtColumn(StateTreeModel::ValueColumn).data().toString(), QStringLiteral("{1 field}"));
    const QModelIndex quantity = model.indexOfPath(QStringLiteral("/items/MG-007/quantity"));
    QVERIFY(quantity.isValid());
    QCOMPARE(quantity.data().toString(), QStringLiteral("quantity"));
    QCOMPARE(quantity.siblingAtColumn(StateTreeModel::ValueColumn).data().toString(), QStringLiteral("3"));
    QCOMPARE(quantity.parent().parent(), items);
    QCOMPARE(
        model.indexOfPath(QStringLiteral("/checkedOut")).siblingAtColumn(1).data().toString(), QStringLiteral("false"));
    QVERIFY(!model.indexOfPath(QStringLiteral("/nope")).isValid());
    model.setState({}, {});
    QCOMPARE(model.rowCount(), 0);
}

void TestStateTreeModel::formatsMoney()
{
    StateTreeModel model;
    const BankDomain bank; // whose balance is money
    model.setDomain(&bank);
    model.setState(
        json(
            R"({"balance":-20665.5,"owner":"bob","count":1234,"id":12345678901234567890,"ratio":0.30000000000000004})"),
        {});
    QCOMPARE(model.indexOfPath(QStringLiteral("/balance")).siblingAtColumn(1).data().toString(),
        QStringLiteral("\u221220,665.50"));
    QCOMPARE(
        model.indexOfPath(QStringLiteral("/owner")).siblingAtColumn(1).data().toString(), QStringLiteral("\"bob\""));
    QCOMPARE(model.indexOfPath(QStringLiteral("/count")).siblingAtColumn(1).data().toString(), QStringLiteral("1234"));
    // Numbers that are not money read exactly as written, every digit.
    QCOMPARE(model.indexOfPath(QStringLiteral("/id")).siblingAtColumn(1).data().toString(),
        QStringLiteral("12345678901234567890"));
    QCOMPARE(model.indexOfPath(QStringLiteral("/ratio")).siblingAtColumn(1).data().toString(),
        QStringLiteral("0.30000000000000004"));

    // A balance beyond a double's 15 digits keeps its last ten-thousandth.
    model.setState(json(R"({"balance":1234567890123.4567})"), {});
    QCOMPARE(model.indexOfPath(QStringLiteral("/balance")).siblingAtColumn(1).data().toString(),
        QStringLiteral("1,234,567,890,123.4567"));
}

void TestStateTreeModel::highlightsWhatChanged()
{
    StateTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setState(json(R"({"items":{"A":{"quantity":2},"B":{"quantity":1}},"total":3})"),
        { QStringLiteral("/items/A/quantity"), QStringLiteral("/total") });
    const auto changed = [&](const char* path) {
        return model.indexOfPath(QString::fromLatin1(path)).data(StateTreeModel::ChangedRole).toBool();
    };
    QVERIFY(changed("/items/A/quantity"));
    QVERIFY(changed("/items/A")); // a parent of a change is marked so it can be found when collapsed
    QVERIFY(changed("/items"));
    QVERIFY(changed("/total"));
    QVERIFY(!changed("/items/B"));
    QVERIFY(!changed("/items/B/quantity"));
    const QModelIndex total = model.indexOfPath(QStringLiteral("/total"));
    QVERIFY(total.data(Qt::BackgroundRole).isValid());
    QVERIFY(total.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model.indexOfPath(QStringLiteral("/items/B")).data(Qt::BackgroundRole).isValid());
}

void TestStateTreeModel::dimsTheRestOnRequest()
{
    StateTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setState(json(R"({"balance":900,"closed":false})"), { QStringLiteral("/balance") });
    const QModelIndex closed = model.indexOfPath(QStringLiteral("/closed"));
    QVERIFY(!closed.data(Qt::ForegroundRole).isValid());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setDimUnchanged(true);
    QVERIFY(changed.count() >= 1);
    QVERIFY(closed.data(Qt::ForegroundRole).isValid());
    const auto dim = closed.data(Qt::ForegroundRole).value<QColor>();
    QVERIFY(dim != QApplication::palette().color(QPalette::Text));
    QCOMPARE(model.indexOfPath(QStringLiteral("/balance")).data(Qt::ForegroundRole).value<QColor>(),
        QApplication::palette().color(QPalette::Text));
}

QTEST_MAIN(TestStateTreeModel)
#include "tst_statetreemodel.moc"
