#include "domains/domainregistry.h"
#include "replay/replayer.h"
#include "replay/statequery.h"
#include "scripts/scriptexpression.h"
#include "sources/memoryeventsource.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Rewind;
using namespace Qt::StringLiterals;

namespace {
/// A random bank and cart history over a few streams, interleaved.
std::unique_ptr<MemoryEventSource> randomHistory(QRandomGenerator& random)
{
    auto source = std::make_unique<MemoryEventSource>(u"random.jsonl"_s, u"jsonl"_s);
    const int count = int(random.bounded(5, 80));
    for (int i = 0; i < count; ++i) {
        Event event;
        const int which = int(random.bounded(4));
        event.at = 1'780'000'000'000 + i * 1000;
        if (which < 3) {
            event.stream = u"account-%1"_s.arg(which);
            const int amount = int(random.bounded(1, 400));
            event.type = random.bounded(2) ? u"Deposited"_s : u"Withdrawn"_s;
            event.data = u"{\"amount\":%1}"_s.arg(amount).toUtf8();
        } else {
            event.stream = u"cart-1"_s;
            const QString sku = random.bounded(2) ? u"A"_s : u"B"_s;
            event.type = random.bounded(3) ? u"ItemAdded"_s : u"ItemRemoved"_s;
            event.data = u"{\"sku\":\"%1\",\"quantity\":1,\"unitPrice\":2.5}"_s.arg(sku).toUtf8();
        }
        source->addEvent(event);
    }
    source->finish();
    return source;
}

struct Step {
    Event event;
    JsonValue before;
    JsonValue after;
};

/// The oracle: every event with its stream's state before and after it, each from a replay of
/// its own.
QList<Step> bruteForce(const EventSource& source, const DomainRegistry& domains, const QString& stream)
{
    QList<Step> steps;
    const Status read = source.readEvents({ stream }, [&](const Event& event) {
        const Domain& domain = domains.chooseFor({ event.type });
        const Replayer replayer(source, domain);
        steps.append({ event, replayer.replay(event.stream, event.position - 1)->state->toJson(),
            replayer.replay(event.stream, event.position)->state->toJson() });
        return true;
    });
    Q_ASSERT(read);
    return steps;
}

QList<qint64> positions(const QList<StateQuery::Match>& matches)
{
    QList<qint64> result;
    for (const auto& match : matches)
        result.append(match.event.position);
    return result;
}
}

class TestStateQuery : public QObject {
    Q_OBJECT

private slots:
    void answersAsABruteForceScan();
    void changesAsABruteForceScan();
    void expressionsSeeStatePreviousAndEvent();
    void aFailingConditionStopsTheQuery();
};

void TestStateQuery::answersAsABruteForceScan()
{
    QRandomGenerator random(7);
    const DomainRegistry domains;
    for (int round = 0; round < 100; ++round) {
        const auto source = randomHistory(random);
        const QString stream = random.bounded(2) ? QString() : source->eventAt(1)->stream;
        const int threshold = int(random.bounded(-300, 300));
        const auto condition = [&](const JsonValue& state, const JsonValue&, const Event&) -> Result<bool> {
            const JsonValue balance = state.value(u"balance"_s);
            return balance.isNumber() && balance.toDouble() < threshold;
        };
        QList<qint64> expected;
        for (const Step& step : bruteForce(*source, domains, stream)) {
            if (*condition(step.after, step.before, step.event))
                expected.append(step.event.position);
        }
        for (const auto which : { StateQuery::Which::All, StateQuery::Which::First, StateQuery::Which::Last }) {
            QList<StateQuery::Match> found;
            QVERIFY(StateQuery::where(*source, domains, { stream, nullptr }, which, condition,
                [&](const StateQuery::Match& match) { found.append(match); }));
            const QList<qint64> wanted = which == StateQuery::Which::All ? expected
                : expected.isEmpty()                                     ? QList<qint64>()
                : which == StateQuery::Which::First                      ? QList<qint64> { expected.first() }
                                                                         : QList<qint64> { expected.last() };
            QCOMPARE(positions(found), wanted);
        }
    }
}

void TestStateQuery::changesAsABruteForceScan()
{
    QRandomGenerator random(11);
    const DomainRegistry domains;
    for (int round = 0; round < 100; ++round) {
        const auto source = randomHistory(random);
        const QString stream = source->eventAt(1)->stream;
        const QString pointer = stream == u"cart-1"_s ? u"/items/A/quantity"_s : u"/balance"_s;
        QStringList expected;
        for (const Step& step : bruteForce(*source, domains, stream)) {
            const JsonValue old = step.before.at(pointer);
            const JsonValue now = step.after.at(pointer);
            if (!(old == now))
                expected.append(u"%1:%2→%3"_s.arg(step.event.position)
                                    .arg(QString::fromUtf8(old.toJson()), QString::fromUtf8(now.toJson())));
        }
        QStringList found;
        QVERIFY(StateQuery::changes(*source, domains, { stream, nullptr }, pointer, [&](const StateQuery::Match& m) {
            found.append(u"%1:%2→%3"_s.arg(m.event.position)
                             .arg(QString::fromUtf8(m.old.toJson()), QString::fromUtf8(m.now.toJson())));
        }));
        QCOMPARE(found, expected);
    }
}

void TestStateQuery::expressionsSeeStatePreviousAndEvent()
{
    QRandomGenerator random(5);
    const DomainRegistry domains;
    const auto expression = ScriptExpression::compile(
        u"event.type === 'Withdrawn' && state.balance < 0 && previous.balance >= 0 && event.data.amount > 50"_s);
    QVERIFY(expression);
    for (int round = 0; round < 40; ++round) {
        const auto source = randomHistory(random);
        QList<qint64> expected;
        for (const Step& step : bruteForce(*source, domains, {})) {
            const JsonValue amount = JsonValue::parse(step.event.data)->value(u"amount"_s);
            if (step.event.type == u"Withdrawn"_s && step.after.value(u"balance"_s).toDouble() < 0
                && step.before.value(u"balance"_s).toDouble() >= 0 && amount.toDouble() > 50)
                expected.append(step.event.position);
        }
        QList<StateQuery::Match> found;
        QVERIFY(StateQuery::where(
            *source, domains, {}, StateQuery::Which::All,
            [&](const JsonValue& state, const JsonValue& previous, const Event& event) {
                return expression->holds(state, previous, event);
            },
            [&](const StateQuery::Match& match) { found.append(match); }));
        QCOMPARE(positions(found), expected);
    }
}

void TestStateQuery::aFailingConditionStopsTheQuery()
{
    QRandomGenerator random(3);
    const auto source = randomHistory(random);
    const DomainRegistry domains;
    const auto expression = ScriptExpression::compile(u"state.nowhere.quantity > 0"_s); // no stream has it
    QVERIFY(expression);
    int found = 0;
    const Status status = StateQuery::where(
        *source, domains, { source->eventAt(1)->stream, nullptr }, StateQuery::Which::All,
        [&](const JsonValue& state, const JsonValue& previous, const Event& event) {
            return expression->holds(state, previous, event);
        },
        [&](const StateQuery::Match&) { ++found; });
    QVERIFY(!status);
    QCOMPARE(found, 0);
    QVERIFY2(status.error().message.startsWith(u"the expression threw at %1 v1"_s.arg(source->eventAt(1)->stream)),
        qPrintable(status.error().message));
    QVERIFY(status.error().message.contains(u"TypeError"_s));

    const auto broken = ScriptExpression::compile(u"state.balance <"_s);
    QVERIFY(!broken);
    QCOMPARE(broken.error().file, u"expression"_s);
    QCOMPARE(broken.error().line, 1);
    QCOMPARE(broken.error().column, 16); // where it ends too early

    QVERIFY(!StateQuery::changes(*source, domains, { u"account-1"_s, nullptr }, u"balance"_s, [](const auto&) {}));
    QVERIFY(!StateQuery::changes(*source, domains, { u"account-9"_s, nullptr }, u"/balance"_s, [](const auto&) {}));
}

QTEST_GUILESS_MAIN(TestStateQuery)
#include "tst_statequery.moc"
