#include "domains/genericdomain.h"

#include <QTest>

using namespace Rewind;
using namespace Qt::StringLiterals;

namespace {

QString compact(const JsonValue& json) { return QString::fromUtf8(json.toJson()); }

Event eventWith(const QString& type, const QString& data, qint64 version)
{
    Event event;
    event.stream = u"order-1"_s;
    event.version = version;
    event.position = version;
    event.type = type;
    event.data = data.toUtf8();
    return event;
}

} // namespace

class TestGenericDomain : public QObject {
    Q_OBJECT

private slots:
    void claimsNoTypes();
    void mergesEveryEvent_data();
    void mergesEveryEvent();
    void reportsDataThatIsNotAnObject_data();
    void reportsDataThatIsNotAnObject();
    void stateRoundTripsThroughJson();
};

void TestGenericDomain::claimsNoTypes()
{
    const GenericDomain generic;
    QCOMPARE(generic.name(), u"generic"_s);
    QVERIFY(generic.eventTypes().isEmpty());
    QVERIFY(!generic.knows(u"Deposited"_s));
    QVERIFY(!generic.knows(u"OrderPlaced"_s));
    QVERIFY(generic.commandNames().isEmpty());
    QVERIFY(generic.chartPath().isEmpty());
    QCOMPARE(compact(generic.initialState()->toJson()), u"{}"_s);
    const Decision decision = generic.decide(Command { u"deposit"_s, {} }, *generic.initialState());
    QCOMPARE(decision.refusal, u"unknown command"_s);
    QVERIFY(decision.events.isEmpty());
}

void TestGenericDomain::mergesEveryEvent_data()
{
    QTest::addColumn<QStringList>("data");
    QTest::addColumn<QString>("state");

    QTest::newRow("nothing") << QStringList() << u"{}"_s;
    QTest::newRow("one event") << QStringList { uR"({"status":"placed","total":20665.88})"_s }
                               << uR"({"status":"placed","total":20665.88})"_s;
    QTest::newRow("last write wins") << QStringList { uR"({"status":"placed","total":5})"_s,
        uR"({"status":"shipped"})"_s }
                                     << uR"({"status":"shipped","total":5})"_s;
    QTest::newRow("objects merge deeply")
        << QStringList { uR"({"address":{"city":"Oslo","zip":"0150"},"n":1})"_s,
               uR"({"address":{"zip":"0151","geo":{"lat":59.9}}})"_s, uR"({"address":{"geo":{"lon":10.7}}})"_s }
        << uR"({"address":{"city":"Oslo","geo":{"lat":59.9,"lon":10.7},"zip":"0151"},"n":1})"_s;
    QTest::newRow("arrays replace") << QStringList { uR"({"tags":["a","b"]})"_s, uR"({"tags":["c"]})"_s }
                                    << uR"({"tags":["c"]})"_s;
    QTest::newRow("a value replaces an object")
        << QStringList { uR"({"a":{"b":1}})"_s, uR"({"a":2})"_s } << uR"({"a":2})"_s;
    QTest::newRow("an object replaces a value")
        << QStringList { uR"({"a":2})"_s, uR"({"a":{"b":1}})"_s } << uR"({"a":{"b":1}})"_s;
    QTest::newRow("null is a value") << QStringList { uR"({"a":1})"_s, uR"({"a":null})"_s } << uR"({"a":null})"_s;
    QTest::newRow("ids and amounts beyond a double keep every digit")
        << QStringList { uR"({"id":12345678901234567890,"amount":1234567890123.4567})"_s, uR"({"big":1e400})"_s }
        << uR"({"amount":1234567890123.4567,"big":1e400,"id":12345678901234567890})"_s;
    QTest::newRow("empty data changes nothing") << QStringList { uR"({"a":1})"_s, u"{}"_s } << uR"({"a":1})"_s;
}

void TestGenericDomain::mergesEveryEvent()
{
    QFETCH(QStringList, data);
    QFETCH(QString, state);
    const GenericDomain generic;
    auto folded = generic.initialState();
    Anomalies found;
    qint64 version = 0;
    for (const QString& json : data) {
        // Any type at all: generic knows none and folds them all.
        generic.evolve(*folded, eventWith(u"Whatever%1"_s.arg(version), json, version + 1), found);
        ++version;
    }
    QCOMPARE(compact(folded->toJson()), state);
    QCOMPARE(found, Anomalies());
}

void TestGenericDomain::reportsDataThatIsNotAnObject_data()
{
    QTest::addColumn<QString>("data");

    QTest::newRow("truncated") << uR"({"a":)"_s;
    QTest::newRow("array") << uR"([1,2])"_s;
    QTest::newRow("number") << u"3"_s;
    QTest::newRow("empty") << QString();
}

void TestGenericDomain::reportsDataThatIsNotAnObject()
{
    QFETCH(QString, data);
    const GenericDomain generic;
    auto folded = generic.initialState();
    Anomalies found;
    generic.evolve(*folded, eventWith(u"Noted"_s, uR"({"a":1})"_s, 1), found);
    generic.evolve(*folded, eventWith(u"Noted"_s, data, 2), found);
    QCOMPARE(compact(folded->toJson()), uR"({"a":1})"_s);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().kind, u"bad-data"_s);
    QCOMPARE(found.first().stream, u"order-1"_s);
    QCOMPARE(found.first().version, 2);
    QCOMPARE(found.first().message, u"Noted data is not a JSON object"_s);
}

void TestGenericDomain::stateRoundTripsThroughJson()
{
    const GenericDomain generic;
    const auto state = generic.stateFromJson(JsonValue::parse(R"({"a":{"b":[1,2]},"c":"d","e":0.3})").value());
    QCOMPARE(compact(state->toJson()), uR"({"a":{"b":[1,2]},"c":"d","e":0.3})"_s);
    Anomalies found;
    generic.evolve(*state, eventWith(u"Changed"_s, uR"({"a":{"x":true}})"_s, 1), found);
    QCOMPARE(compact(state->toJson()), uR"({"a":{"b":[1,2],"x":true},"c":"d","e":0.3})"_s);
}

QTEST_GUILESS_MAIN(TestGenericDomain)
#include "tst_genericdomain.moc"
