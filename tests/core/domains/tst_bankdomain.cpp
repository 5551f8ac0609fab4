#include "domains/bankdomain.h"
#include "domaintesthelpers.h"

#include <QJsonDocument>
#include <QTest>

using namespace Rewind;
using namespace Qt::StringLiterals;

namespace {

using namespace RewindTest;

QList<Event> eventsFrom(const QStringList& lines) { return RewindTest::eventsFrom(u"account-42"_s, lines); }

} // namespace

class TestBankDomain : public QObject {
    Q_OBJECT

private slots:
    void describesItself();
    void canonicalTypes_data();
    void canonicalTypes();
    void evolves_data();
    void evolves();
    void textbookExampleAtEachVersion();
    void anomaliesSayWhereAndWhat();
    void decides_data();
    void decides();
    void acceptedCommandsFoldCleanly();
    void stateRoundTripsThroughJson_data();
    void stateRoundTripsThroughJson();
    void snapshotContinuesTheFold();
};

void TestBankDomain::describesItself()
{
    const BankDomain bank;
    QCOMPARE(bank.name(), u"bank"_s);
    QCOMPARE(bank.eventTypes(), QStringList({ u"Opened"_s, u"Deposited"_s, u"Withdrawn"_s, u"Closed"_s }));
    QCOMPARE(bank.commandNames(), QStringList({ u"open"_s, u"deposit"_s, u"withdraw"_s, u"close"_s }));
    QCOMPARE(bank.chartPath(), u"/balance"_s);
    QCOMPARE(compact(bank.initialState()->toJson()), uR"({"balance":0,"closed":false,"owner":null})"_s);
}

void TestBankDomain::canonicalTypes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("Opened") << u"Opened"_s << u"Opened"_s;
    QTest::newRow("AccountOpened") << u"AccountOpened"_s << u"Opened"_s;
    QTest::newRow("Deposited") << u"Deposited"_s << u"Deposited"_s;
    QTest::newRow("MoneyDeposited") << u"MoneyDeposited"_s << u"Deposited"_s;
    QTest::newRow("Withdrawn") << u"Withdrawn"_s << u"Withdrawn"_s;
    QTest::newRow("MoneyWithdrawn") << u"MoneyWithdrawn"_s << u"Withdrawn"_s;
    QTest::newRow("Closed") << u"Closed"_s << u"Closed"_s;
    QTest::newRow("AccountClosed") << u"AccountClosed"_s << u"Closed"_s;
    QTest::newRow("case does not matter") << u"deposited"_s << u"Deposited"_s;
    QTest::newRow("snake case") << u"money_withdrawn"_s << u"Withdrawn"_s;
    QTest::newRow("underscores only") << u"_"_s << QString();
    QTest::newRow("a longer name") << u"Deposited2"_s << QString();
    QTest::newRow("cart's event") << u"ItemAdded"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestBankDomain::canonicalTypes()
{
    QFETCH(QString, type);
    QFETCH(QString, canonical);
    const BankDomain bank;
    QCOMPARE(bank.canonicalType(type), canonical);
    QCOMPARE(bank.knows(type), !canonical.isEmpty());
}

void TestBankDomain::evolves_data()
{
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QStringList>("anomalies");

    const auto state = [](const char* balance, bool closed, const char* owner) {
        return uR"({"balance":%1,"closed":%2,"owner":%3})"_s.arg(QLatin1String(balance),
            closed ? u"true"_s : u"false"_s,
            owner ? QLatin1Char('"') + QLatin1String(owner) + QLatin1Char('"') : u"null"_s);
    };

    QTest::newRow("nothing") << QStringList() << state("0", false, nullptr) << QStringList();
    QTest::newRow("textbook") << QStringList { uR"(Deposited {"amount":1000})"_s, uR"(Withdrawn {"amount":100})"_s }
                              << state("900", false, nullptr) << QStringList();
    QTest::newRow("Opened") << QStringList { uR"(Opened {"owner":"alice"})"_s } << state("0", false, "alice")
                            << QStringList();
    QTest::newRow("AccountOpened") << QStringList { uR"(AccountOpened {"owner":"bob"})"_s } << state("0", false, "bob")
                                   << QStringList();
    QTest::newRow("MoneyDeposited, MoneyWithdrawn")
        << QStringList { uR"(MoneyDeposited {"amount":20700})"_s, uR"(MoneyWithdrawn {"amount":34.12,"by":"x"})"_s }
        << state("20665.88", false, nullptr) << QStringList();
    QTest::newRow("Closed") << QStringList { uR"(Opened {"owner":"alice"})"_s, uR"(Closed {"by":"alice"})"_s }
                            << state("0", true, "alice") << QStringList();
    QTest::newRow("AccountClosed") << QStringList { uR"(AccountClosed {})"_s } << state("0", true, nullptr)
                                   << QStringList();
    QTest::newRow("no drift") << QStringList { uR"(Deposited {"amount":0.1})"_s, uR"(Deposited {"amount":0.2})"_s }
                              << state("0.3", false, nullptr) << QStringList();
    QTest::newRow("exponent amount") << QStringList { uR"(Deposited {"amount":2.5E-2})"_s,
        uR"(Deposited {"amount":1e3})"_s }
                                     << state("1000.025", false, nullptr) << QStringList();
    QTest::newRow("whitespace and other fields") << QStringList {
        u"Deposited { \"by\" : \"a \\\"quoted\\\" name\" , \"amount\" : 12.5 , \"memo\" : {\"x\":[1,2]} }"_s
    } << state("12.5", false, nullptr) << QStringList();

    QTest::newRow("overdraft applied") << QStringList { uR"(Deposited {"amount":100})"_s,
        uR"(Withdrawn {"amount":150})"_s }
                                       << state("-50", false, nullptr) << QStringList { u"overdraft@2"_s };
    QTest::newRow("overdraft again while negative")
        << QStringList { uR"(Withdrawn {"amount":10})"_s, uR"(Withdrawn {"amount":5})"_s }
        << state("-15", false, nullptr) << QStringList { u"overdraft@1"_s, u"overdraft@2"_s };
    QTest::newRow("withdrawing the whole balance")
        << QStringList { uR"(Deposited {"amount":100})"_s, uR"(Withdrawn {"amount":100})"_s }
        << state("0", false, nullptr) << QStringList();
    QTest::newRow("deposit after close applied") << QStringList { uR"(Closed {})"_s, uR"(Deposited {"amount":10})"_s }
                                                 << state("10", true, nullptr) << QStringList { u"after-close@2"_s };
    QTest::newRow("closed twice") << QStringList { uR"(Closed {})"_s, uR"(AccountClosed {})"_s }
                                  << state("0", true, nullptr) << QStringList { u"after-close@2"_s };
    QTest::newRow("overdraft after close")
        << QStringList { uR"(Closed {})"_s, uR"(Withdrawn {"amount":1})"_s } << state("-1", true, nullptr)
        << QStringList { u"after-close@2"_s, u"overdraft@2"_s };
    QTest::newRow("zero deposit applied") << QStringList { uR"(Deposited {"amount":0})"_s }
                                          << state("0", false, nullptr) << QStringList { u"bad-amount@1"_s };
    QTest::newRow("negative deposit applied") << QStringList { uR"(Deposited {"amount":-5})"_s }
                                              << state("-5", false, nullptr) << QStringList { u"bad-amount@1"_s };
    QTest::newRow("negative withdrawal applied, no overdraft")
        << QStringList { uR"(Withdrawn {"amount":-5})"_s } << state("5", false, nullptr)
        << QStringList { u"bad-amount@1"_s };

    const QStringList unchanged { uR"(Deposited {"amount":7})"_s };
    QTest::newRow("missing amount") << unchanged + QStringList { uR"(Deposited {"by":"x"})"_s }
                                    << state("7", false, nullptr) << QStringList { u"bad-amount@2"_s };
    QTest::newRow("amount as a string") << unchanged + QStringList { uR"(Withdrawn {"amount":"100"})"_s }
                                        << state("7", false, nullptr) << QStringList { u"bad-amount@2"_s };
    QTest::newRow("amount null") << unchanged + QStringList { uR"(Deposited {"amount":null})"_s }
                                 << state("7", false, nullptr) << QStringList { u"bad-amount@2"_s };
    QTest::newRow("amount too precise") << unchanged + QStringList { uR"(Deposited {"amount":1.00001})"_s }
                                        << state("7", false, nullptr) << QStringList { u"bad-amount@2"_s };
    QTest::newRow("amount too large") << unchanged + QStringList { uR"(Deposited {"amount":1e300})"_s }
                                      << state("7", false, nullptr) << QStringList { u"bad-amount@2"_s };
    QTest::newRow("unknown type") << unchanged + QStringList { uR"(Transferred {"amount":5})"_s }
                                  << state("7", false, nullptr) << QStringList { u"unknown-type@2"_s };
    QTest::newRow("type in snake case") << unchanged + QStringList { uR"(money_deposited {"amount":5})"_s }
                                        << state("12", false, nullptr) << QStringList();
    QTest::newRow("Opened without owner") << unchanged + QStringList { uR"(Opened {})"_s } << state("7", false, nullptr)
                                          << QStringList { u"bad-data@2"_s };
    QTest::newRow("Opened with a numeric owner") << unchanged + QStringList { uR"(Opened {"owner":42})"_s }
                                                 << state("7", false, nullptr) << QStringList { u"bad-data@2"_s };

    const QStringList broken {
        uR"({"amount":100)"_s,
        uR"({"amount":100,})"_s,
        uR"({"amount":100}})"_s,
        uR"({"amount":100} {})"_s,
        uR"({"amount" 100})"_s,
        uR"({"amount":100,"by":"unterminated})"_s,
        uR"([100])"_s,
        uR"(100)"_s,
        uR"("text")"_s,
        u" "_s,
    };
    for (const QString& data : broken) {
        QTest::addRow("invalid JSON: %s", qPrintable(data))
            << unchanged + QStringList { u"Deposited "_s + data } << state("7", false, nullptr)
            << QStringList { u"bad-data@2"_s };
    }
    QTest::newRow("invalid JSON in Closed")
        << QStringList { uR"(Closed {"by":)"_s } << state("0", false, nullptr) << QStringList { u"bad-data@1"_s };
}

void TestBankDomain::evolves()
{
    QFETCH(QStringList, events);
    QFETCH(QString, state);
    QFETCH(QStringList, anomalies);
    const BankDomain bank;
    const Fold result = fold(bank, eventsFrom(events));
    QCOMPARE(compact(result.state->toJson()), state);
    QCOMPARE(kinds(result.anomalies), anomalies);
}

void TestBankDomain::textbookExampleAtEachVersion()
{
    const BankDomain bank;
    const QList<Event> events = eventsFrom({ uR"(Deposited {"amount":1000})"_s, uR"(Withdrawn {"amount":100})"_s });
    QCOMPARE(
        compact(fold(bank, events.mid(0, 1)).state->toJson()), uR"({"balance":1000,"closed":false,"owner":null})"_s);
    QCOMPARE(compact(fold(bank, events).state->toJson()), uR"({"balance":900,"closed":false,"owner":null})"_s);
    QCOMPARE(static_cast<const BankState&>(*fold(bank, events).state).balance, Decimal::fromInt(900));
}

void TestBankDomain::anomaliesSayWhereAndWhat()
{
    const BankDomain bank;
    const Fold result = fold(bank,
        eventsFrom({ uR"(Deposited {"amount":100})"_s, uR"(Withdrawn {"amount":150})"_s, uR"(Closed {})"_s,
            uR"(MoneyDeposited {"amount":-2.5})"_s }));
    QCOMPARE(result.anomalies.size(), 3);

    const Anomaly& overdraft = result.anomalies.at(0);
    QCOMPARE(overdraft.kind, u"overdraft"_s);
    QCOMPARE(overdraft.stream, u"account-42"_s);
    QCOMPARE(overdraft.version, 2);
    QCOMPARE(overdraft.position, 20);
    QCOMPARE(overdraft.message, u"Withdrawn 150 leaves the balance at -50"_s);

    QCOMPARE(result.anomalies.at(1).kind, u"after-close"_s);
    QCOMPARE(result.anomalies.at(1).message, u"MoneyDeposited after the account was closed"_s);
    QCOMPARE(result.anomalies.at(1).position, 40);
    QCOMPARE(result.anomalies.at(2).kind, u"bad-amount"_s);
    QCOMPARE(result.anomalies.at(2).message, u"MoneyDeposited amount -2.5 is not positive"_s);

    Anomalies found;
    auto state = bank.initialState();
    bank.evolve(*state, eventsFrom({ uR"(Deposited {"amount":"lots"})"_s }).first(), found);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().message, uR"(Deposited has amount "lots", not a number with at most 4 decimal places)"_s);

    found.clear();
    bank.evolve(*state, eventsFrom({ u"Refunded {}"_s }).first(), found);
    QCOMPARE(found.first().message, uR"(The bank domain does not know the event type "Refunded")"_s);
}

void TestBankDomain::decides_data()
{
    QTest::addColumn<QStringList>("history");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("refusal");
    QTest::addColumn<QStringList>("events");

    const QStringList funded { uR"(Opened {"owner":"alice"})"_s, uR"(Deposited {"amount":1000})"_s };
    const QStringList closed = funded + QStringList { u"Closed {}"_s };

    QTest::newRow("open") << QStringList() << u"open"_s << u"owner=alice"_s << QString()
                          << QStringList { uR"(Opened {"owner":"alice"} {})"_s };
    QTest::newRow("open by someone") << QStringList() << u"open"_s << u"owner=alice by=clerk"_s << QString()
                                     << QStringList { uR"(Opened {"owner":"alice"} {"by":"clerk"})"_s };
    QTest::newRow("open twice") << funded << u"open"_s << u"owner=bob"_s << u"already open"_s << QStringList();
    QTest::newRow("open without owner") << QStringList() << u"open"_s << QString() << u"owner must not be empty"_s
                                        << QStringList();
    QTest::newRow("open after close") << QStringList { u"Closed {}"_s } << u"open"_s << u"owner=alice"_s
                                      << u"account is closed"_s << QStringList();

    QTest::newRow("deposit") << funded << u"deposit"_s << u"amount=100 by=alice"_s << QString()
                             << QStringList { uR"(Deposited {"amount":100,"by":"alice"} {"by":"alice"})"_s };
    QTest::newRow("deposit without by") << QStringList() << u"deposit"_s << u"amount=0.1"_s << QString()
                                        << QStringList { uR"(Deposited {"amount":0.1} {})"_s };
    QTest::newRow("Deposit, any case") << QStringList() << u"Deposit"_s << u"amount=1e3"_s << QString()
                                       << QStringList { uR"(Deposited {"amount":1000} {})"_s };
    QTest::newRow("deposit without amount")
        << funded << u"deposit"_s << u"by=alice"_s << u"amount must be positive"_s << QStringList();
    QTest::newRow("deposit zero") << funded << u"deposit"_s << u"amount=0"_s << u"amount must be positive"_s
                                  << QStringList();
    QTest::newRow("deposit negative") << funded << u"deposit"_s << u"amount=-5"_s << u"amount must be positive"_s
                                      << QStringList();
    QTest::newRow("deposit words") << funded << u"deposit"_s << u"amount=lots"_s
                                   << u"amount must be a number with at most 4 decimal places"_s << QStringList();
    QTest::newRow("deposit too precise") << funded << u"deposit"_s << u"amount=1.00001"_s
                                         << u"amount must be a number with at most 4 decimal places"_s << QStringList();
    QTest::newRow("deposit after close") << closed << u"deposit"_s << u"amount=5"_s << u"account is closed"_s
                                         << QStringList();

    QTest::newRow("withdraw") << funded << u"withdraw"_s << u"amount=100 by=alice"_s << QString()
                              << QStringList { uR"(Withdrawn {"amount":100,"by":"alice"} {"by":"alice"})"_s };
    QTest::newRow("withdraw everything") << funded << u"withdraw"_s << u"amount=1000"_s << QString()
                                         << QStringList { uR"(Withdrawn {"amount":1000} {})"_s };
    QTest::newRow("withdraw a little too much")
        << funded << u"withdraw"_s << u"amount=1000.0001"_s << u"insufficient funds"_s << QStringList();
    QTest::newRow("withdraw from nothing")
        << QStringList() << u"withdraw"_s << u"amount=1"_s << u"insufficient funds"_s << QStringList();
    QTest::newRow("withdraw negative") << funded << u"withdraw"_s << u"amount=-1"_s << u"amount must be positive"_s
                                       << QStringList();
    QTest::newRow("withdraw after close")
        << closed << u"withdraw"_s << u"amount=1"_s << u"account is closed"_s << QStringList();

    QTest::newRow("close") << funded << u"close"_s << u"by=alice"_s << QString()
                           << QStringList { uR"(Closed {"by":"alice"} {"by":"alice"})"_s };
    QTest::newRow("close without by") << funded << u"close"_s << QString() << QString()
                                      << QStringList { uR"(Closed {} {})"_s };
    QTest::newRow("close twice") << closed << u"close"_s << QString() << u"account is closed"_s << QStringList();

    QTest::newRow("unknown command") << funded << u"transfer"_s << u"amount=5"_s << u"unknown command"_s
                                     << QStringList();
    QTest::newRow("a cart command") << funded << u"add-item"_s << u"sku=a"_s << u"unknown command"_s << QStringList();
}

void TestBankDomain::decides()
{
    QFETCH(QStringList, history);
    QFETCH(QString, name);
    QFETCH(QString, args);
    QFETCH(QString, refusal);
    QFETCH(QStringList, events);
    const BankDomain bank;
    const Fold before = fold(bank, eventsFrom(history));
    const Decision decision = bank.decide(commandFrom(name, args), *before.state);
    QCOMPARE(decision.refusal, refusal);
    QCOMPARE(decision.refused(), !refusal.isEmpty());
    QCOMPARE(describe(decision.events), events);
}

void TestBankDomain::acceptedCommandsFoldCleanly()
{
    const BankDomain bank;
    CommandedStream stream(bank, u"account-42"_s);
    const auto run = [&](const QString& name, const QString& args) {
        const Decision decision = stream.run(name, args);
        QVERIFY2(!decision.refused(), qPrintable(decision.refusal));
    };
    run(u"open"_s, u"owner=alice"_s);
    run(u"deposit"_s, u"amount=20700"_s);
    run(u"withdraw"_s, u"amount=34.12"_s);
    run(u"close"_s, u"by=alice"_s);
    QCOMPARE(stream.anomalies(), Anomalies());
    QCOMPARE(compact(stream.state().toJson()), uR"({"balance":20665.88,"closed":true,"owner":"alice"})"_s);
}

void TestBankDomain::stateRoundTripsThroughJson_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("initial") << uR"({"balance":0,"closed":false,"owner":null})"_s
                             << uR"({"balance":0,"closed":false,"owner":null})"_s;
    QTest::newRow("full") << uR"({"balance":20665.88,"closed":true,"owner":"alice"})"_s
                          << uR"({"balance":20665.88,"closed":true,"owner":"alice"})"_s;
    QTest::newRow("negative, four places") << uR"({"balance":-1234.5678,"closed":false,"owner":"bob"})"_s
                                           << uR"({"balance":-1234.5678,"closed":false,"owner":"bob"})"_s;
    QTest::newRow("missing fields take initial values")
        << uR"({})"_s << uR"({"balance":0,"closed":false,"owner":null})"_s;
    QTest::newRow("an exact balance beyond a double")
        << uR"({"balance":99999999999999.9999,"closed":false,"owner":null})"_s
        << uR"({"balance":99999999999999.9999,"closed":false,"owner":null})"_s;
    // No replay reaches such a balance, so a snapshot holding it never matches and is never loaded.
    QTest::newRow("more places than money has")
        << uR"({"balance":0.12345,"closed":false,"owner":null})"_s << uR"({"balance":0,"closed":false,"owner":null})"_s;
}

void TestBankDomain::stateRoundTripsThroughJson()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    const BankDomain bank;
    const auto state = bank.stateFromJson(RewindTest::json(json));
    QCOMPARE(compact(state->toJson()), expected);
    QCOMPARE(compact(state->clone()->toJson()), expected);
}

void TestBankDomain::snapshotContinuesTheFold()
{
    const BankDomain bank;
    auto snapshot = bank.stateFromJson(json(uR"({"balance":1000,"closed":false,"owner":"alice"})"_s));
    const Fold result = fold(
        bank, eventsFrom({ uR"(Withdrawn {"amount":100})"_s, uR"(Withdrawn {"amount":0.1})"_s }), std::move(snapshot));
    QCOMPARE(compact(result.state->toJson()), uR"({"balance":899.9,"closed":false,"owner":"alice"})"_s);
    QCOMPARE(result.anomalies, Anomalies());
}

QTEST_GUILESS_MAIN(TestBankDomain)
#include "tst_bankdomain.moc"
