#include "domains/domainregistry.h"

#include <QTest>

using namespace Rewind;
using namespace Qt::StringLiterals;

class TestDomainRegistry : public QObject {
    Q_OBJECT

private slots:
    void hasTheBuiltIns();
    void choosesByEventTypes_data();
    void choosesByEventTypes();
    void resolvesNames_data();
    void resolvesNames();
};

void TestDomainRegistry::hasTheBuiltIns()
{
    const DomainRegistry registry;
    QCOMPARE(registry.names(), QStringList({ u"bank"_s, u"cart"_s, u"generic"_s }));
    QCOMPARE(registry.generic().name(), u"generic"_s);
    QVERIFY(registry.find(u"bank"_s));
    QCOMPARE(registry.find(u"Cart"_s)->name(), u"cart"_s);
    QCOMPARE(registry.find(u"ledger"_s), nullptr);
}

void TestDomainRegistry::choosesByEventTypes_data()
{
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QString>("domain");

    QTest::newRow("bank") << QStringList { u"Opened"_s, u"Deposited"_s, u"Withdrawn"_s, u"Closed"_s } << u"bank"_s;
    QTest::newRow("bank by aliases") << QStringList { u"AccountOpened"_s, u"MoneyDeposited"_s } << u"bank"_s;
    QTest::newRow("cart") << QStringList { u"ItemAdded"_s, u"CartCheckedOut"_s } << u"cart"_s;
    QTest::newRow("mostly bank") << QStringList { u"Deposited"_s, u"Withdrawn"_s, u"InterestAccrued"_s } << u"bank"_s;
    QTest::newRow("mostly cart") << QStringList { u"Deposited"_s, u"ItemAdded"_s, u"ItemRemoved"_s } << u"cart"_s;
    QTest::newRow("a tie goes to the first") << QStringList { u"ItemAdded"_s, u"Deposited"_s } << u"bank"_s;
    QTest::newRow("nobody's") << QStringList { u"OrderPlaced"_s, u"OrderShipped"_s } << u"generic"_s;
    QTest::newRow("Marten's snake case") << QStringList { u"item_added"_s, u"checked_out"_s } << u"cart"_s;
    QTest::newRow("any case") << QStringList { u"deposited"_s, u"WITHDRAWN"_s } << u"bank"_s;
    QTest::newRow("letters must match") << QStringList { u"deposit_ed_x"_s } << u"generic"_s;
    QTest::newRow("no events") << QStringList() << u"generic"_s;
}

void TestDomainRegistry::choosesByEventTypes()
{
    QFETCH(QStringList, types);
    QFETCH(QString, domain);
    const DomainRegistry registry;
    QCOMPARE(registry.chooseFor(types).name(), domain);
}

void TestDomainRegistry::resolvesNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("error");

    QTest::newRow("bank") << u"bank"_s << u"bank"_s << QString();
    QTest::newRow("CART") << u"CART"_s << u"cart"_s << QString();
    QTest::newRow("generic") << u"Generic"_s << u"generic"_s << QString();
    QTest::newRow("unknown") << u"ledger"_s << QString() << u"unknown domain 'ledger' (expected bank, cart, generic)"_s;
    QTest::newRow("empty") << QString() << QString() << u"unknown domain '' (expected bank, cart, generic)"_s;
    QTest::newRow("JavaScript") << u"domains/orders.js"_s << QString()
                                << u"'domains/orders.js' is a JavaScript domain, which this program does not load"_s;
}

void TestDomainRegistry::resolvesNames()
{
    QFETCH(QString, name);
    QFETCH(QString, domain);
    QFETCH(QString, error);
    const DomainRegistry registry;
    const Result<const Domain*> resolved = registry.resolve(name);
    QCOMPARE(resolved.ok(), error.isEmpty());
    if (resolved.ok()) {
        QCOMPARE(resolved.value()->name(), domain);
    } else {
        QCOMPARE(resolved.error().kind, Error::Kind::BadInput);
        QCOMPARE(resolved.error().message, error);
    }
}

QTEST_GUILESS_MAIN(TestDomainRegistry)
#include "tst_domainregistry.moc"
