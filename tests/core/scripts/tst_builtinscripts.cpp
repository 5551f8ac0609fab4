#include "../domains/domaintesthelpers.h"
#include "domains/bankdomain.h"
#include "domains/cartdomain.h"
#include "scripts/scriptdomain.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace Rewind;
using namespace RewindTest;
using namespace Qt::StringLiterals;

namespace {
const QString ScriptsDir = QStringLiteral(REWIND_TEST_DATA_DIR "/../../resources/scripts/");

/// `kind@version` for every anomaly, by version then kind: the scripts report a fact's
/// anomalies in another order than the native code within one event.
QStringList sortedKinds(const Anomalies& anomalies)
{
    QStringList result = kinds(anomalies);
    std::sort(result.begin(), result.end(), [](const QString& a, const QString& b) {
        const auto version = [](const QString& k) { return k.section(u'@', 1).toLongLong(); };
        return version(a) != version(b) ? version(a) < version(b) : a < b;
    });
    return result;
}

/// An amount as a log would hold it: mostly cents, sometimes whole, zero or negative.
QString amount(QRandomGenerator& random)
{
    const int cents = int(random.bounded(-2000, 500000));
    switch (random.bounded(6)) {
    case 0:
        return QString::number(cents / 100);
    case 1:
        return u"0"_s;
    default:
        return QString::number(cents / 100.0, 'f', 2);
    }
}

QStringList bankHistory(QRandomGenerator& random)
{
    QStringList lines;
    if (random.bounded(4) != 0)
        lines.append(u"Opened {\"owner\":\"alice\"}"_s);
    const int count = int(random.bounded(1, 40));
    for (int i = 0; i < count; ++i) {
        switch (random.bounded(12)) {
        case 0:
            lines.append(u"Closed {\"by\":\"bob\"}"_s);
            break;
        case 1:
            lines.append(u"Opened {\"owner\":7}"_s); // not a name
            break;
        case 2:
            lines.append(u"Deposited {\"amount\":\"lots\"}"_s); // not a number
            break;
        case 3:
            lines.append(u"MoneyWithdrawn {\"amount\":%1}"_s.arg(amount(random)));
            break;
        case 4:
            lines.append(u"Audited {}"_s); // a type the bank does not know
            break;
        case 5:
        case 6:
        case 7:
            lines.append(u"Withdrawn {\"amount\":%1,\"by\":\"alice\"}"_s.arg(amount(random)));
            break;
        default:
            lines.append(u"Deposited {\"amount\":%1}"_s.arg(amount(random)));
        }
    }
    return lines;
}

QStringList cartHistory(QRandomGenerator& random)
{
    const QStringList skus { u"BK-1"_s, u"MG-2"_s, u"PN-3"_s };
    QStringList lines;
    const int count = int(random.bounded(1, 30));
    for (int i = 0; i < count; ++i) {
        const QString& sku = skus.at(int(random.bounded(3)));
        const int quantity = int(random.bounded(-1, 6));
        switch (random.bounded(10)) {
        case 0:
            lines.append(u"CheckedOut {}"_s);
            break;
        case 1:
            lines.append(u"CartCheckedOut {\"total\":%1}"_s.arg(amount(random)));
            break;
        case 2:
            lines.append(u"ItemRemoved {\"sku\":\"%1\"}"_s.arg(sku));
            break;
        case 3:
            lines.append(u"ItemRemoved {\"sku\":\"%1\",\"quantity\":%2}"_s.arg(sku).arg(quantity));
            break;
        case 4:
            lines.append(u"QuantityChanged {\"sku\":\"%1\",\"quantity\":%2}"_s.arg(sku).arg(quantity));
            break;
        case 5:
            lines.append(u"ItemAdded {\"sku\":\"%1\",\"quantity\":%2}"_s.arg(sku).arg(quantity)); // no price
            break;
        case 6:
            lines.append(u"ItemAdded {\"sku\":%1,\"quantity\":1,\"unitPrice\":1}"_s.arg(quantity)); // sku not text
            break;
        default:
            lines.append(u"ItemAdded {\"sku\":\"%1\",\"name\":\"%1 item\",\"quantity\":%2,\"unitPrice\":%3}"_s.arg(sku)
                             .arg(quantity)
                             .arg(amount(random)));
        }
    }
    return lines;
}

void compareOnRandomHistories(const Domain& native, const Domain& script, QStringList (*history)(QRandomGenerator&))
{
    QRandomGenerator random(20260803);
    for (int round = 0; round < 300; ++round) {
        const QList<Event> events = eventsFrom(u"s-1"_s, history(random));
        // Every prefix: the states along the way must agree, not only the last.
        Fold nativeFold { native.initialState(), {} };
        Fold scriptFold { script.initialState(), {} };
        for (const Event& event : events) {
            native.evolve(*nativeFold.state, event, nativeFold.anomalies);
            script.evolve(*scriptFold.state, event, scriptFold.anomalies);
            if (!(nativeFold.state->toJson() == scriptFold.state->toJson())) {
                QFAIL(qPrintable(u"round %1, after %2 %3: native %4, script %5"_s.arg(round).arg(event.type,
                    QString::fromUtf8(event.data), compact(nativeFold.state->toJson()),
                    compact(scriptFold.state->toJson()))));
            }
        }
        QCOMPARE(sortedKinds(scriptFold.anomalies), sortedKinds(nativeFold.anomalies));
    }
}
}

class TestBuiltinScripts : public QObject {
    Q_OBJECT

private slots:
    void bankScriptAnswersAsTheNativeBank();
    void cartScriptAnswersAsTheNativeCart();
    void bankScriptDecidesAsTheNativeBank_data();
    void bankScriptDecidesAsTheNativeBank();
};

void TestBuiltinScripts::bankScriptAnswersAsTheNativeBank()
{
    const auto script = ScriptDomain::load(ScriptsDir + u"bank.js"_s);
    QVERIFY2(script, qPrintable(script ? QString() : script.error().toString()));
    QCOMPARE((*script)->name(), u"bank"_s);
    QCOMPARE((*script)->chartPath(), BankDomain().chartPath());
    compareOnRandomHistories(BankDomain(), **script, bankHistory);
}

void TestBuiltinScripts::cartScriptAnswersAsTheNativeCart()
{
    const auto script = ScriptDomain::load(ScriptsDir + u"cart.js"_s);
    QVERIFY2(script, qPrintable(script ? QString() : script.error().toString()));
    QCOMPARE((*script)->name(), u"cart"_s);
    compareOnRandomHistories(CartDomain(), **script, cartHistory);
}

void TestBuiltinScripts::bankScriptDecidesAsTheNativeBank_data()
{
    QTest::addColumn<QStringList>("history");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("args");
    const QStringList open { u"Opened {\"owner\":\"alice\"}"_s, u"Deposited {\"amount\":100}"_s };
    QTest::newRow("withdraw") << open << u"withdraw"_s << u"amount=40 by=alice"_s;
    QTest::newRow("insufficient") << open << u"withdraw"_s << u"amount=100.01"_s;
    QTest::newRow("not positive") << open << u"deposit"_s << u"amount=-5"_s;
    QTest::newRow("already open") << open << u"open"_s << u"owner=bob"_s;
    QTest::newRow("closed") << (open + QStringList { u"Closed {}"_s }) << u"deposit"_s << u"amount=5"_s;
    QTest::newRow("open") << QStringList() << u"open"_s << u"owner=carol"_s;
}

void TestBuiltinScripts::bankScriptDecidesAsTheNativeBank()
{
    QFETCH(QStringList, history);
    QFETCH(QString, command);
    QFETCH(QString, args);
    const auto script = ScriptDomain::load(ScriptsDir + u"bank.js"_s);
    QVERIFY(script);
    const BankDomain native;
    const QList<Event> events = eventsFrom(u"account-1"_s, history);
    const Decision expected = native.decide(commandFrom(command, args), *fold(native, events).state);
    const Decision decided = (*script)->decide(commandFrom(command, args), *fold(**script, events).state);
    QCOMPARE(decided.refusal, expected.refusal);
    QCOMPARE(describe(decided.events), describe(expected.events));
}

QTEST_GUILESS_MAIN(TestBuiltinScripts)
#include "tst_builtinscripts.moc"
