#include "domains/cartdomain.h"
#include "domaintesthelpers.h"

#include <QJsonDocument>
#include <QTest>

using namespace Rewind;
using namespace Qt::StringLiterals;

namespace {

using namespace RewindTest;

QList<Event> eventsFrom(const QStringList& lines) { return RewindTest::eventsFrom(u"cart-7"_s, lines); }

const QString apple = uR"(ItemAdded {"sku":"apple","name":"Apple","quantity":3,"unitPrice":0.1})"_s;
const QString book = uR"(ItemAdded {"sku":"book","quantity":1,"unitPrice":19.99})"_s;
// apple ×3 at 0.1 and book ×1 at 19.99
const QString appleAndBook = uR"({"checkedOut":false,"items":{"apple":{"name":"Apple","quantity":3,"unitPrice":0.1},)"
                             uR"("book":{"name":null,"quantity":1,"unitPrice":19.99}},"total":20.29})"_s;

} // namespace

class TestCartDomain : public QObject {
    Q_OBJECT

private slots:
    void describesItself();
    void canonicalTypes_data();
    void canonicalTypes();
    void evolves_data();
    void evolves();
    void anomaliesSayWhereAndWhat();
    void decides_data();
    void decides();
    void acceptedCommandsFoldCleanly();
    void stateRoundTripsThroughJson_data();
    void stateRoundTripsThroughJson();
};

void TestCartDomain::describesItself()
{
    const CartDomain cart;
    QCOMPARE(cart.name(), u"cart"_s);
    QCOMPARE(
        cart.eventTypes(), QStringList({ u"ItemAdded"_s, u"ItemRemoved"_s, u"QuantityChanged"_s, u"CheckedOut"_s }));
    QCOMPARE(
        cart.commandNames(), QStringList({ u"add-item"_s, u"remove-item"_s, u"change-quantity"_s, u"check-out"_s }));
    QCOMPARE(cart.chartPath(), u"/total"_s);
    QCOMPARE(compact(cart.initialState()->toJson()), uR"({"checkedOut":false,"items":{},"total":0})"_s);
}

void TestCartDomain::canonicalTypes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("ItemAdded") << u"ItemAdded"_s << u"ItemAdded"_s;
    QTest::newRow("ItemRemoved") << u"ItemRemoved"_s << u"ItemRemoved"_s;
    QTest::newRow("QuantityChanged") << u"QuantityChanged"_s << u"QuantityChanged"_s;
    QTest::newRow("CheckedOut") << u"CheckedOut"_s << u"CheckedOut"_s;
    QTest::newRow("CartCheckedOut") << u"CartCheckedOut"_s << u"CheckedOut"_s;
    QTest::newRow("any case") << u"itemadded"_s << u"ItemAdded"_s;
    QTest::newRow("Marten's snake case") << u"cart_checked_out"_s << u"CheckedOut"_s;
    QTest::newRow("bank's event") << u"Deposited"_s << QString();
}

void TestCartDomain::canonicalTypes()
{
    QFETCH(QString, type);
    QFETCH(QString, canonical);
    const CartDomain cart;
    QCOMPARE(cart.canonicalType(type), canonical);
    QCOMPARE(cart.knows(type), !canonical.isEmpty());
}

void TestCartDomain::evolves_data()
{
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QStringList>("anomalies");

    const QString empty = uR"({"checkedOut":false,"items":{},"total":0})"_s;
    const QString justBook =
        uR"({"checkedOut":false,"items":{"book":{"name":null,"quantity":1,"unitPrice":19.99}},"total":19.99})"_s;

    QTest::newRow("ItemAdded") << QStringList { apple, book } << appleAndBook << QStringList();
    QTest::newRow("same sku adds quantity, new price and name")
        << QStringList { apple, uR"(ItemAdded {"sku":"apple","name":"Green apple","quantity":2,"unitPrice":0.25})"_s }
        << uR"({"checkedOut":false,"items":{"apple":{"name":"Green apple","quantity":5,"unitPrice":0.25}},"total":1.25})"_s
        << QStringList();
    QTest::newRow("same sku without price or name keeps them")
        << QStringList { apple, uR"(ItemAdded {"sku":"apple","quantity":1})"_s }
        << uR"({"checkedOut":false,"items":{"apple":{"name":"Apple","quantity":4,"unitPrice":0.1}},"total":0.4})"_s
        << QStringList();
    QTest::newRow("total is exact")
        << QStringList { uR"(ItemAdded {"sku":"x","quantity":10000,"unitPrice":312.22})"_s }
        << uR"({"checkedOut":false,"items":{"x":{"name":null,"quantity":10000,"unitPrice":312.22}},"total":3122200})"_s
        << QStringList();
    QTest::newRow("ItemRemoved, whole line")
        << QStringList { apple, book, uR"(ItemRemoved {"sku":"apple"})"_s } << justBook << QStringList();
    QTest::newRow("ItemRemoved, some")
        << QStringList { apple, uR"(ItemRemoved {"sku":"apple","quantity":2})"_s }
        << uR"({"checkedOut":false,"items":{"apple":{"name":"Apple","quantity":1,"unitPrice":0.1}},"total":0.1})"_s
        << QStringList();
    QTest::newRow("ItemRemoved, all of it")
        << QStringList { apple, uR"(ItemRemoved {"sku":"apple","quantity":3})"_s } << empty << QStringList();
    QTest::newRow("ItemRemoved, more than there is")
        << QStringList { apple, uR"(ItemRemoved {"sku":"apple","quantity":9})"_s } << empty << QStringList();
    QTest::newRow("QuantityChanged")
        << QStringList { apple, uR"(QuantityChanged {"sku":"apple","quantity":7})"_s }
        << uR"({"checkedOut":false,"items":{"apple":{"name":"Apple","quantity":7,"unitPrice":0.1}},"total":0.7})"_s
        << QStringList();
    QTest::newRow("CheckedOut")
        << QStringList { book, u"CheckedOut {}"_s }
        << uR"({"checkedOut":true,"items":{"book":{"name":null,"quantity":1,"unitPrice":19.99}},"total":19.99})"_s
        << QStringList();
    QTest::newRow("CheckedOut with the right total")
        << QStringList { book, uR"(CheckedOut {"total":19.99})"_s }
        << uR"({"checkedOut":true,"items":{"book":{"name":null,"quantity":1,"unitPrice":19.99}},"total":19.99})"_s
        << QStringList();
    QTest::newRow("CartCheckedOut") << QStringList { u"CartCheckedOut {}"_s }
                                    << uR"({"checkedOut":true,"items":{},"total":0})"_s << QStringList();

    QTest::newRow("total mismatch")
        << QStringList { book, uR"(CheckedOut {"total":20})"_s }
        << uR"({"checkedOut":true,"items":{"book":{"name":null,"quantity":1,"unitPrice":19.99}},"total":19.99})"_s
        << QStringList { u"total-mismatch@2"_s };
    QTest::newRow("total not a number")
        << QStringList { book, uR"(CheckedOut {"total":"lots"})"_s }
        << uR"({"checkedOut":true,"items":{"book":{"name":null,"quantity":1,"unitPrice":19.99}},"total":19.99})"_s
        << QStringList { u"bad-amount@2"_s };
    QTest::newRow("added after checkout, applied")
        << QStringList { u"CheckedOut {}"_s, book }
        << uR"({"checkedOut":true,"items":{"book":{"name":null,"quantity":1,"unitPrice":19.99}},"total":19.99})"_s
        << QStringList { u"after-checkout@2"_s };
    QTest::newRow("checked out twice") << QStringList { u"CheckedOut {}"_s, u"CartCheckedOut {}"_s }
                                       << uR"({"checkedOut":true,"items":{},"total":0})"_s
                                       << QStringList { u"after-checkout@2"_s };
    QTest::newRow("removing an unknown sku")
        << QStringList { book, uR"(ItemRemoved {"sku":"apple"})"_s } << justBook << QStringList { u"unknown-sku@2"_s };
    QTest::newRow("changing an unknown sku")
        << QStringList { book, uR"(QuantityChanged {"sku":"apple","quantity":2})"_s } << justBook
        << QStringList { u"unknown-sku@2"_s };
    QTest::newRow("unknown sku after checkout")
        << QStringList { book, u"CheckedOut {}"_s, uR"(ItemRemoved {"sku":"apple"})"_s }
        << uR"({"checkedOut":true,"items":{"book":{"name":null,"quantity":1,"unitPrice":19.99}},"total":19.99})"_s
        << QStringList { u"after-checkout@3"_s, u"unknown-sku@3"_s };
    QTest::newRow("adding zero, applied literally")
        << QStringList { book, uR"(ItemAdded {"sku":"pen","quantity":0,"unitPrice":2})"_s }
        << uR"({"checkedOut":false,"items":{"book":{"name":null,"quantity":1,"unitPrice":19.99},"pen":{"name":null,"quantity":0,"unitPrice":2}},"total":19.99})"_s
        << QStringList { u"bad-quantity@2"_s };
    QTest::newRow("adding a negative quantity, applied literally")
        << QStringList { apple, uR"(ItemAdded {"sku":"apple","quantity":-1})"_s }
        << uR"({"checkedOut":false,"items":{"apple":{"name":"Apple","quantity":2,"unitPrice":0.1}},"total":0.2})"_s
        << QStringList { u"bad-quantity@2"_s };
    QTest::newRow("changing to zero, applied literally")
        << QStringList { book, uR"(QuantityChanged {"sku":"book","quantity":0})"_s }
        << uR"({"checkedOut":false,"items":{"book":{"name":null,"quantity":0,"unitPrice":19.99}},"total":0})"_s
        << QStringList { u"bad-quantity@2"_s };
    QTest::newRow("removing a negative quantity changes nothing")
        << QStringList { book, uR"(ItemRemoved {"sku":"book","quantity":-2})"_s } << justBook
        << QStringList { u"bad-quantity@2"_s };
    QTest::newRow("fractional quantity") << QStringList { book, uR"(QuantityChanged {"sku":"book","quantity":1.5})"_s }
                                         << justBook << QStringList { u"bad-quantity@2"_s };
    QTest::newRow("missing quantity") << QStringList { book, uR"(ItemAdded {"sku":"pen","unitPrice":2})"_s } << justBook
                                      << QStringList { u"bad-quantity@2"_s };
    QTest::newRow("new sku without a price") << QStringList { book, uR"(ItemAdded {"sku":"pen","quantity":1})"_s }
                                             << justBook << QStringList { u"bad-data@2"_s };
    QTest::newRow("price as a string") << QStringList { book,
        uR"(ItemAdded {"sku":"pen","quantity":1,"unitPrice":"2"})"_s }
                                       << justBook << QStringList { u"bad-amount@2"_s };
    QTest::newRow("negative price, applied")
        << QStringList { uR"(ItemAdded {"sku":"coupon","quantity":1,"unitPrice":-5})"_s }
        << uR"({"checkedOut":false,"items":{"coupon":{"name":null,"quantity":1,"unitPrice":-5}},"total":-5})"_s
        << QStringList { u"bad-amount@1"_s };
    QTest::newRow("no sku") << QStringList { book, uR"(ItemAdded {"quantity":1,"unitPrice":2})"_s } << justBook
                            << QStringList { u"bad-data@2"_s };
    QTest::newRow("invalid JSON") << QStringList { book, uR"(ItemAdded {"sku":"pen",)"_s } << justBook
                                  << QStringList { u"bad-data@2"_s };
    QTest::newRow("unknown type") << QStringList { book, uR"(ItemReturned {"sku":"book"})"_s } << justBook
                                  << QStringList { u"unknown-type@2"_s };
}

void TestCartDomain::evolves()
{
    QFETCH(QStringList, events);
    QFETCH(QString, state);
    QFETCH(QStringList, anomalies);
    const CartDomain cart;
    const Fold result = fold(cart, eventsFrom(events));
    QCOMPARE(compact(result.state->toJson()), state);
    QCOMPARE(kinds(result.anomalies), anomalies);
}

void TestCartDomain::anomaliesSayWhereAndWhat()
{
    const CartDomain cart;
    const Fold result =
        fold(cart, eventsFrom({ book, uR"(CheckedOut {"total":20})"_s, uR"(ItemRemoved {"sku":"apple"})"_s }));
    QCOMPARE(result.anomalies.size(), 3);
    const Anomaly& mismatch = result.anomalies.at(0);
    QCOMPARE(mismatch.kind, u"total-mismatch"_s);
    QCOMPARE(mismatch.stream, u"cart-7"_s);
    QCOMPARE(mismatch.version, 2);
    QCOMPARE(mismatch.position, 20);
    QCOMPARE(mismatch.message, u"CheckedOut total 20 differs from the items' total 19.99"_s);
    QCOMPARE(result.anomalies.at(1).message, u"ItemRemoved after the cart was checked out"_s);
    QCOMPARE(result.anomalies.at(2).message, uR"(ItemRemoved names sku "apple", which is not in the cart)"_s);
}

void TestCartDomain::decides_data()
{
    QTest::addColumn<QStringList>("history");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("refusal");
    QTest::addColumn<QStringList>("events");

    const QStringList filled { apple, book };
    const QStringList done = filled + QStringList { u"CheckedOut {}"_s };

    QTest::newRow("add-item") << QStringList() << u"add-item"_s << u"sku=pen name=Pen quantity=2 unit-price=1.5"_s
                              << QString()
                              << QStringList {
                                     uR"(ItemAdded {"name":"Pen","quantity":2,"sku":"pen","unitPrice":1.5} {})"_s
                                 };
    QTest::newRow("AddItem with unitPrice and by")
        << QStringList() << u"AddItem"_s << u"sku=pen quantity=1 unitPrice=0.3 by=alice"_s << QString()
        << QStringList { uR"(ItemAdded {"quantity":1,"sku":"pen","unitPrice":0.3} {"by":"alice"})"_s };
    QTest::newRow("add_item with price, quantity defaults to one")
        << QStringList() << u"add_item"_s << u"sku=pen price=2"_s << QString()
        << QStringList { uR"(ItemAdded {"quantity":1,"sku":"pen","unitPrice":2} {})"_s };
    QTest::newRow("add more of a line keeps its price")
        << filled << u"add-item"_s << u"sku=book quantity=2"_s << QString()
        << QStringList { uR"(ItemAdded {"quantity":2,"sku":"book","unitPrice":19.99} {})"_s };
    QTest::newRow("add free item") << QStringList() << u"add-item"_s << u"sku=gift price=0"_s << QString()
                                   << QStringList { uR"(ItemAdded {"quantity":1,"sku":"gift","unitPrice":0} {})"_s };
    QTest::newRow("add negative price") << QStringList() << u"add-item"_s << u"sku=pen price=-1"_s
                                        << u"price must not be negative"_s << QStringList();
    QTest::newRow("add unparsable price") << QStringList() << u"add-item"_s << u"sku=pen price=cheap"_s
                                          << u"price must be a number with at most 4 decimal places"_s << QStringList();
    QTest::newRow("add new item without price")
        << QStringList() << u"add-item"_s << u"sku=pen"_s << u"price is required for a new item"_s << QStringList();
    QTest::newRow("add zero") << QStringList() << u"add-item"_s << u"sku=pen quantity=0 price=1"_s
                              << u"quantity must be positive"_s << QStringList();
    QTest::newRow("add negative") << QStringList() << u"add-item"_s << u"sku=pen quantity=-2 price=1"_s
                                  << u"quantity must be positive"_s << QStringList();
    QTest::newRow("add half") << QStringList() << u"add-item"_s << u"sku=pen quantity=0.5 price=1"_s
                              << u"quantity must be a whole number"_s << QStringList();
    QTest::newRow("add without sku") << QStringList() << u"add-item"_s << u"price=1"_s << u"sku must not be empty"_s
                                     << QStringList();
    QTest::newRow("add after checkout") << done << u"add-item"_s << u"sku=pen price=1"_s << u"cart is checked out"_s
                                        << QStringList();

    QTest::newRow("remove-item") << filled << u"remove-item"_s << u"sku=apple"_s << QString()
                                 << QStringList { uR"(ItemRemoved {"sku":"apple"} {})"_s };
    QTest::newRow("remove some") << filled << u"RemoveItem"_s << u"sku=apple quantity=2"_s << QString()
                                 << QStringList { uR"(ItemRemoved {"quantity":2,"sku":"apple"} {})"_s };
    QTest::newRow("remove what is not there")
        << filled << u"remove-item"_s << u"sku=pen"_s << u"item not in cart"_s << QStringList();
    QTest::newRow("remove zero") << filled << u"remove-item"_s << u"sku=apple quantity=0"_s
                                 << u"quantity must be positive"_s << QStringList();
    QTest::newRow("remove after checkout")
        << done << u"remove-item"_s << u"sku=apple"_s << u"cart is checked out"_s << QStringList();

    QTest::newRow("change-quantity") << filled << u"change-quantity"_s << u"sku=book quantity=4"_s << QString()
                                     << QStringList { uR"(QuantityChanged {"quantity":4,"sku":"book"} {})"_s };
    QTest::newRow("change to zero") << filled << u"change-quantity"_s << u"sku=book quantity=0"_s
                                    << u"quantity must be positive"_s << QStringList();
    QTest::newRow("change without quantity")
        << filled << u"change-quantity"_s << u"sku=book"_s << u"quantity must be positive"_s << QStringList();
    QTest::newRow("change what is not there")
        << filled << u"change-quantity"_s << u"sku=pen quantity=1"_s << u"item not in cart"_s << QStringList();
    QTest::newRow("change after checkout")
        << done << u"change-quantity"_s << u"sku=book quantity=1"_s << u"cart is checked out"_s << QStringList();

    QTest::newRow("check-out carries the total")
        << filled << u"check-out"_s << QString() << QString() << QStringList { uR"(CheckedOut {"total":20.29} {})"_s };
    QTest::newRow("checkout") << filled << u"checkout"_s << u"by=alice"_s << QString()
                              << QStringList { uR"(CheckedOut {"total":20.29} {"by":"alice"})"_s };
    QTest::newRow("check out an empty cart")
        << QStringList() << u"check-out"_s << QString() << u"cart is empty"_s << QStringList();
    QTest::newRow("check out twice") << done << u"check-out"_s << QString() << u"cart is checked out"_s
                                     << QStringList();

    QTest::newRow("unknown command") << filled << u"pay"_s << QString() << u"unknown command"_s << QStringList();
    QTest::newRow("a bank command") << filled << u"deposit"_s << u"amount=1"_s << u"unknown command"_s << QStringList();
}

void TestCartDomain::decides()
{
    QFETCH(QStringList, history);
    QFETCH(QString, name);
    QFETCH(QString, args);
    QFETCH(QString, refusal);
    QFETCH(QStringList, events);
    const CartDomain cart;
    const Fold before = fold(cart, eventsFrom(history));
    const Decision decision = cart.decide(commandFrom(name, args), *before.state);
    QCOMPARE(decision.refusal, refusal);
    QCOMPARE(describe(decision.events), events);
}

void TestCartDomain::acceptedCommandsFoldCleanly()
{
    const CartDomain cart;
    CommandedStream stream(cart, u"cart-7"_s);
    const auto run = [&](const QString& name, const QString& args) {
        const Decision decision = stream.run(name, args);
        QVERIFY2(!decision.refused(), qPrintable(decision.refusal));
    };
    run(u"add-item"_s, u"sku=apple name=Apple quantity=3 price=0.1"_s);
    run(u"add-item"_s, u"sku=book price=19.99"_s);
    run(u"add-item"_s, u"sku=pen price=2"_s);
    run(u"remove-item"_s, u"sku=pen"_s);
    run(u"change-quantity"_s, u"sku=book quantity=2"_s);
    run(u"remove-item"_s, u"sku=book quantity=1"_s);
    run(u"check-out"_s, QString());
    QCOMPARE(stream.anomalies(), Anomalies()); // in particular, no total-mismatch
    QCOMPARE(compact(stream.state().toJson()),
        QString(appleAndBook).replace(u"\"checkedOut\":false"_s, u"\"checkedOut\":true"_s));
}

void TestCartDomain::stateRoundTripsThroughJson_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("initial") << uR"({"checkedOut":false,"items":{},"total":0})"_s
                             << uR"({"checkedOut":false,"items":{},"total":0})"_s;
    QTest::newRow("two lines") << appleAndBook << appleAndBook;
    QTest::newRow("checked out")
        << uR"({"checkedOut":true,"items":{"x":{"name":"X","quantity":2,"unitPrice":1234.5678}},"total":2469.1356})"_s
        << uR"({"checkedOut":true,"items":{"x":{"name":"X","quantity":2,"unitPrice":1234.5678}},"total":2469.1356})"_s;
    QTest::newRow("missing fields take initial values")
        << uR"({})"_s << uR"({"checkedOut":false,"items":{},"total":0})"_s;
    QTest::newRow("a stored total is recomputed")
        << uR"({"checkedOut":false,"items":{"x":{"name":null,"quantity":2,"unitPrice":3}},"total":99})"_s
        << uR"({"checkedOut":false,"items":{"x":{"name":null,"quantity":2,"unitPrice":3}},"total":6})"_s;
}

void TestCartDomain::stateRoundTripsThroughJson()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    const CartDomain cart;
    const auto state = cart.stateFromJson(RewindTest::json(json));
    QCOMPARE(compact(state->toJson()), expected);
    QCOMPARE(compact(state->clone()->toJson()), expected);
}

QTEST_GUILESS_MAIN(TestCartDomain)
#include "tst_cartdomain.moc"
