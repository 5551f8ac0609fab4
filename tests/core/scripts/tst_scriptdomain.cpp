#include "../domains/domaintesthelpers.h"
#include "domains/domainregistry.h"
#include "scripts/scriptdomain.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Rewind;
using namespace RewindTest;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const QString LibraryFile = QStringLiteral(REWIND_TEST_DATA_DIR "/scripts/library.js");

QList<Event> titleEvents(const QStringList& lines) { return eventsFrom(u"title-dune"_s, lines); }

/// A domain file written for one test.
class ScriptFile {
public:
    explicit ScriptFile(const QString& text)
    {
        QFile file(path());
        if (file.open(QIODevice::WriteOnly))
            file.write(text.toUtf8());
    }
    QString path() const { return m_dir.filePath(u"domain.js"_s); }

private:
    QTemporaryDir m_dir;
};

std::unique_ptr<ScriptDomain> loaded(const QString& path, std::chrono::milliseconds limit = 1000ms)
{
    auto domain = ScriptDomain::load(path, limit);
    if (!domain)
        qWarning() << domain.error().toString();
    return domain ? std::move(domain).value() : nullptr;
}

/// A domain of one event type `Set` whose handler body is `body` (with `state` and `event`).
QString domainWith(const QString& body)
{
    return uR"(({ name: "t", init: () => ({ n: 0 }), when: { Set: (state, event) => { %1 } } }))"_s.arg(body);
}
}

class TestScriptDomain : public QObject {
    Q_OBJECT

private slots:
    void describesItselfFromTheFile();
    void foldsTheLibrary();
    void invariantsBecomeAnomalies();
    void decidesCommands();
    void syntaxErrorNamesFileLineAndColumn();
    void badShapesSayWhatIsMissing_data();
    void badShapesSayWhatIsMissing();
    void aThrowingHandlerKeepsTheStateBefore();
    void aHandlerPastTheTimeLimitIsInterrupted();
    void runawayRecursionAndGrowthAreStopped();
    void reachesNoFileProcessOrNetwork();
    void numbersTheScriptLeavesKeepTheirDigits();
    void aLoadedDomainJoinsTheRegistry();
};

void TestScriptDomain::describesItselfFromTheFile()
{
    const auto domain = loaded(LibraryFile);
    QVERIFY(domain);
    QCOMPARE(domain->name(), u"library"_s);
    QCOMPARE(domain->eventTypes(),
        QStringList({ u"TitleCatalogued"_s, u"CopyAcquired"_s, u"BookBorrowed"_s, u"BookReturned"_s, u"CopyLost"_s }));
    QVERIFY(domain->knows(u"BookBorrowed"_s));
    QVERIFY(!domain->knows(u"Deposited"_s));
    QCOMPARE(domain->commandNames(), QStringList({ u"borrow"_s, u"return"_s }));
    QCOMPARE(domain->chartPath(), u"/loans"_s);
    QCOMPARE(compact(domain->initialState()->toJson()), u"{\"copies\":0,\"loans\":0,\"onLoan\":{},\"title\":null}"_s);
    QVERIFY(domain->matches(u"title-dune"_s, u"BookBorrowed"_s));
    QVERIFY(!domain->matches(u"member-ada"_s, u"BookBorrowed"_s));
    const Event borrowed = titleEvents({ u"BookBorrowed {\"copy\":\"D1\",\"member\":\"ada\"}"_s }).first();
    QCOMPARE(domain->summary(borrowed), u"BookBorrowed D1"_s);
    // Another file, same name: another identity, so the analysis cache keeps them apart.
    ScriptFile other(u"({ name: \"library\", when: {} })"_s);
    const auto otherDomain = loaded(other.path());
    QVERIFY(otherDomain);
    QVERIFY(otherDomain->identity() != domain->identity());
}

void TestScriptDomain::foldsTheLibrary()
{
    const auto domain = loaded(LibraryFile);
    QVERIFY(domain);
    const Fold result = fold(*domain,
        titleEvents({
            u"TitleCatalogued {\"title\":\"Dune\"}"_s,
            u"CopyAcquired {\"count\":2}"_s,
            u"BookBorrowed {\"copy\":\"D1\",\"member\":\"ada\"}"_s,
            u"BookBorrowed {\"copy\":\"D2\",\"member\":\"cyd\"}"_s,
            u"BookReturned {\"copy\":\"D1\"}"_s,
            u"Reshelved {\"copy\":\"D1\"}"_s,
        }));
    QCOMPARE(compact(result.state->toJson()),
        u"{\"copies\":2,\"loans\":2,\"onLoan\":{\"D2\":\"cyd\"},\"title\":\"Dune\"}"_s);
    QCOMPARE(kinds(result.anomalies), QStringList({ u"unknown-type@6"_s }));
    // A state from its JSON (a snapshot, a checkpoint) folds on as the replay does.
    const Fold resumed = fold(
        *domain, titleEvents({ u"BookReturned {\"copy\":\"D2\"}"_s }), domain->stateFromJson(result.state->toJson()));
    QCOMPARE(compact(resumed.state->toJson()), u"{\"copies\":2,\"loans\":2,\"onLoan\":{},\"title\":\"Dune\"}"_s);
}

void TestScriptDomain::invariantsBecomeAnomalies()
{
    const auto domain = loaded(LibraryFile);
    QVERIFY(domain);
    const Fold result = fold(*domain,
        titleEvents({
            u"CopyAcquired {\"count\":1}"_s,
            u"BookBorrowed {\"copy\":\"D1\",\"member\":\"ada\"}"_s,
            u"BookBorrowed {\"copy\":\"D2\",\"member\":\"bob\"}"_s,
            u"BookReturned {\"copy\":\"D9\"}"_s,
        }));
    // A rule stays broken until an event mends it: it is reported at every event meanwhile.
    QCOMPARE(kinds(result.anomalies), QStringList({ u"invariant@3"_s, u"invariant@4"_s, u"not-on-loan@4"_s }));
    QCOMPARE(result.anomalies.at(0).message, u"more loans than copies"_s);
    QCOMPARE(result.anomalies.at(0).position, 30);
    QCOMPARE(result.anomalies.at(2).message, u"copy D9 was returned but not on loan"_s);
}

void TestScriptDomain::decidesCommands()
{
    const auto domain = loaded(LibraryFile);
    QVERIFY(domain);
    CommandedStream title(*domain, u"title-dune"_s);
    QCOMPARE(title.run(u"borrow"_s, u"copy=D1"_s).refusal, u"no copy left"_s);
    Event acquired = titleEvents({ u"CopyAcquired {\"count\":1}"_s }).first();
    Anomalies none;
    auto state = domain->initialState();
    domain->evolve(*state, acquired, none);
    QCOMPARE(domain->decide(commandFrom(u"borrow"_s, {}), *state).refusal, u"which copy?"_s);
    const Decision lent = domain->decide(commandFrom(u"Borrow"_s, u"copy=D1 member=ada"_s), *state);
    QVERIFY(!lent.refused());
    QCOMPARE(describe(lent.events), QStringList({ u"BookBorrowed {\"copy\":\"D1\",\"member\":\"ada\"} {}"_s }));
    QCOMPARE(domain->decide(commandFrom(u"return"_s, u"copy=D1"_s), *state).refusal, u"copy D1 is not on loan"_s);
    QCOMPARE(domain->decide(commandFrom(u"withdraw"_s, u"amount=1"_s), *state).refusal, u"unknown command"_s);
}

void TestScriptDomain::syntaxErrorNamesFileLineAndColumn()
{
    ScriptFile file(u"({\n  name: \"broken\",\n  init: () => ({ copies: 0 ),\n})\n"_s);
    const auto domain = ScriptDomain::load(file.path());
    QVERIFY(!domain);
    QCOMPARE(domain.error().kind, Error::Kind::BadInput);
    QCOMPARE(domain.error().file, file.path());
    QCOMPARE(domain.error().line, 3);
    QCOMPARE(domain.error().column, 28);
    QVERIFY2(domain.error().message.startsWith(u"SyntaxError: "_s), qPrintable(domain.error().message));
    QCOMPARE(domain.error().toString().left(file.path().size() + 6), file.path() + u":3:28:"_s);

    const auto missing = ScriptDomain::load(u"/nonexistent/domain.js"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().file, u"/nonexistent/domain.js"_s);
}

void TestScriptDomain::badShapesSayWhatIsMissing_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("message");
    QTest::newRow("a number") << u"42"_s << u"a domain file's value is an object"_s;
    QTest::newRow("no when") << u"({ name: \"x\" })"_s << u"the domain has no 'when' object"_s;
    QTest::newRow("handler not a function") << u"({ when: { Set: 1 } })"_s << u"when.Set is not a function"_s;
    QTest::newRow("invariants not a list") << u"({ when: {}, invariants: 3 })"_s << u"'invariants' is not a list"_s;
    QTest::newRow("init throws") << u"({ when: {}, init: () => { throw 'no' } })"_s << u"init() threw: no"_s;
    QTest::newRow("top level throws") << u"throw new Error('at load')"_s << u"Error: at load"_s;
}

void TestScriptDomain::badShapesSayWhatIsMissing()
{
    QFETCH(QString, script);
    QFETCH(QString, message);
    ScriptFile file(script);
    const auto domain = ScriptDomain::load(file.path());
    QVERIFY(!domain);
    QCOMPARE(domain.error().kind, Error::Kind::BadInput);
    QCOMPARE(domain.error().file, file.path());
    QVERIFY2(domain.error().message.startsWith(message), qPrintable(domain.error().message));
}

void TestScriptDomain::aThrowingHandlerKeepsTheStateBefore()
{
    // The handler changes the state in place before it throws: none of it may stay.
    ScriptFile file(
        domainWith(u"state.n = event.data.n; if (event.data.n === 2) throw new Error('two'); return state;"_s));
    const auto domain = loaded(file.path());
    QVERIFY(domain);
    const Fold result = fold(*domain, titleEvents({ u"Set {\"n\":1}"_s, u"Set {\"n\":2}"_s, u"Set {\"n\":3}"_s }));
    QCOMPARE(kinds(result.anomalies), QStringList({ u"script-error@2"_s }));
    QVERIFY2(result.anomalies.first().message.contains(u"threw: Error: two (line 1)"_s),
        qPrintable(result.anomalies.first().message));
    const Fold upToTwo = fold(*domain, titleEvents({ u"Set {\"n\":1}"_s, u"Set {\"n\":2}"_s }));
    QCOMPARE(compact(upToTwo.state->toJson()), u"{\"n\":1}"_s);
    QCOMPARE(compact(result.state->toJson()), u"{\"n\":3}"_s);
    // Thrown strings and numbers are reported as well as Errors.
    ScriptFile strings(domainWith(u"throw 'not today';"_s));
    const auto stringDomain = loaded(strings.path());
    QVERIFY(stringDomain);
    const Fold refused = fold(*stringDomain, titleEvents({ u"Set {}"_s }));
    QCOMPARE(kinds(refused.anomalies), QStringList({ u"script-error@1"_s }));
    QVERIFY(refused.anomalies.first().message.contains(u"threw: not today"_s));
}

void TestScriptDomain::aHandlerPastTheTimeLimitIsInterrupted()
{
    ScriptFile file(domainWith(u"if (event.data.forever) { for (;;) {} } state.n += 1; return state;"_s));
    const auto domain = loaded(file.path(), 200ms);
    QVERIFY(domain);
    QElapsedTimer timer;
    timer.start();
    const Fold result = fold(
        *domain, titleEvents({ u"Set {}"_s, u"Set {\"forever\":true}"_s, u"Set {}"_s, u"Set {\"forever\":true}"_s }));
    // Interrupted twice, each soon after its limit, and the fold went on with the next event.
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(timer.elapsed() >= 400);
    QCOMPARE(kinds(result.anomalies), QStringList({ u"script-timeout@2"_s, u"script-timeout@4"_s }));
    QVERIFY(result.anomalies.first().message.contains(u"ran past the time limit of 200 ms and was interrupted"_s));
    QCOMPARE(compact(result.state->toJson()), u"{\"n\":2}"_s);
}

void TestScriptDomain::runawayRecursionAndGrowthAreStopped()
{
    ScriptFile recursion(domainWith(u"const f = (k) => f(k + 1); return f(0);"_s));
    const auto deep = loaded(recursion.path());
    QVERIFY(deep);
    const Fold overflowed = fold(*deep, titleEvents({ u"Set {}"_s }));
    QCOMPARE(kinds(overflowed.anomalies), QStringList({ u"script-error@1"_s }));
    QVERIFY2(overflowed.anomalies.first().message.contains(u"RangeError"_s),
        qPrintable(overflowed.anomalies.first().message));

    // A state that contains itself cannot become JSON: reported, never an endless conversion.
    ScriptFile cycle(domainWith(u"state.self = state; return state;"_s));
    const auto cyclic = loaded(cycle.path());
    QVERIFY(cyclic);
    const Fold looped = fold(*cyclic, titleEvents({ u"Set {}"_s }));
    QCOMPARE(kinds(looped.anomalies), QStringList({ u"script-error@1"_s }));
    QVERIFY(looped.anomalies.first().message.contains(u"returned a state that is not JSON"_s));
    QCOMPARE(compact(looped.state->toJson()), u"{\"n\":0}"_s);

    // Growth without end meets the time limit.
    ScriptFile growth(domainWith(u"const a = []; for (;;) a.push(new Array(1000).fill(1));"_s));
    const auto growing = loaded(growth.path(), 300ms);
    QVERIFY(growing);
    const Fold grown = fold(*growing, titleEvents({ u"Set {}"_s }));
    QCOMPARE(grown.anomalies.size(), 1);
    QVERIFY(grown.anomalies.first().kind == u"script-timeout"_s || grown.anomalies.first().kind == u"script-error"_s);
}

void TestScriptDomain::reachesNoFileProcessOrNetwork()
{
    // What a script could reach files, processes or the network with: none of it exists.
    ScriptFile file(domainWith(uR"(
        state.reach = [typeof console, typeof print, typeof Qt, typeof XMLHttpRequest, typeof require,
            typeof process, typeof gc, typeof fetch, typeof WebSocket].join(" ");
        return state;)"_s));
    const auto domain = loaded(file.path());
    QVERIFY(domain);
    const Fold result = fold(*domain, titleEvents({ u"Set {}"_s }));
    QVERIFY(result.anomalies.isEmpty());
    QCOMPARE(result.state->toJson().value(u"reach"_s).toString(),
        u"undefined undefined undefined undefined undefined undefined undefined undefined undefined"_s);
    // Modules are not for scripts: import is a syntax error.
    ScriptFile importing(u"import('/etc/passwd'); ({ when: {} })"_s);
    QVERIFY(!ScriptDomain::load(importing.path()));
}

void TestScriptDomain::numbersTheScriptLeavesKeepTheirDigits()
{
    ScriptFile file(domainWith(u"state.n += 1; state.sum = (state.sum || 0) + event.data.add; return state;"_s));
    const auto domain = loaded(file.path());
    QVERIFY(domain);
    // An id beyond a double's 53 bits and an amount with 19 digits, untouched by the handler.
    const JsonValue start = json(u"{\"id\":12345678901234567891,\"amount\":1234567890123.456789,\"n\":0}"_s);
    const Fold result =
        fold(*domain, titleEvents({ u"Set {\"add\":0.1}"_s, u"Set {\"add\":0.2}"_s }), domain->stateFromJson(start));
    QVERIFY(result.anomalies.isEmpty());
    const JsonValue state = result.state->toJson();
    QCOMPARE(state.value(u"id"_s).numberText(), QByteArray("12345678901234567891"));
    QCOMPARE(state.value(u"amount"_s).numberText(), QByteArray("1234567890123.456789"));
    QCOMPARE(state.value(u"n"_s).numberText(), QByteArray("2"));
    // What the script computes is JavaScript's double arithmetic, printed shortest.
    QCOMPARE(state.value(u"sum"_s).numberText(), QByteArray("0.30000000000000004"));
}

void TestScriptDomain::aLoadedDomainJoinsTheRegistry()
{
    DomainRegistry registry;
    auto bankScript = ScriptDomain::load(QStringLiteral(REWIND_TEST_DATA_DIR "/../../resources/scripts/bank.js"));
    QVERIFY(bankScript);
    const Domain& added = registry.add(std::move(bankScript).value());
    // Named like the built-in bank, it is the one a name finds now, and it wins a tie of types.
    QCOMPARE(registry.find(u"bank"_s), &added);
    QCOMPARE(&registry.chooseFor({ u"Deposited"_s, u"Withdrawn"_s }), &added);
    QCOMPARE(registry.generic().name(), u"generic"_s);
    QCOMPARE(registry.names(), QStringList({ u"bank"_s, u"bank"_s, u"cart"_s, u"generic"_s }));
    QVERIFY(DomainRegistry::isScriptPath(u" orders.JS"_s));
    QVERIFY(!DomainRegistry::isScriptPath(u"bank"_s));
}

QTEST_GUILESS_MAIN(TestScriptDomain)
#include "tst_scriptdomain.moc"
