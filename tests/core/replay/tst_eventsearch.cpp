// Finding and ordering events for the events table, checked against a plain scan of the events
// on random histories: the same rows, in the same order, for any mix of criteria.

#include "domains/domainregistry.h"
#include "replay/eventsearch.h"
#include "replay/history.h"
#include "sources/memoryeventsource.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace Rewind;

namespace {

const QStringList Actors = { QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("Carol"),
    QStringLiteral("teller-7"), QString() };

std::unique_ptr<History> randomHistory(quint32 seed, int eventCount, const DomainRegistry& domains)
{
    QRandomGenerator random(seed);
    auto source = std::make_unique<MemoryEventSource>(QStringLiteral("random-%1").arg(seed), QStringLiteral("memory"));
    QHash<QString, qint64> versions;
    for (int i = 0; i < eventCount; ++i) {
        Event event;
        const int s = int(random.bounded(6));
        event.stream = (s % 2 ? QStringLiteral("account-%1") : QStringLiteral("Cart-%1")).arg(s);
        static const char* const types[] = { "Opened", "Deposited", "Withdrawn", "ItemAdded", "Noted" };
        event.type = QString::fromLatin1(types[random.bounded(5)]);
        event.position = i + 1;
        // Times out of order now and then, so ordering by time is not ordering by position.
        event.at = 1767225600000 + qint64(random.bounded(eventCount)) * 1000;
        const QString& actor = Actors.at(random.bounded(int(Actors.size())));
        event.data = QByteArray(R"({"amount":)" + QByteArray::number(random.bounded(500)) + R"(,"note":"payroll )"
            + QByteArray::number(random.bounded(20)) + "\""
            + (actor.isEmpty() ? QByteArray() : QByteArray(R"(,"by":")" + actor.toUtf8() + "\"")) + "}");
        event.version = ++versions[event.stream];
        source->addEvent(event);
    }
    source->finish();
    return std::move(History::analyze(std::move(source), domains)).value();
}

EventCriteria randomCriteria(QRandomGenerator& random, const HistoryIndex& index)
{
    EventCriteria criteria;
    if (random.bounded(3) == 0)
        criteria.stream = qint32(random.bounded(int(index.streamNames().size())));
    for (int i = random.bounded(3); i > 0; --i)
        criteria.types.insert(qint32(random.bounded(int(index.typeNames().size()))));
    criteria.excludeTypes = !criteria.types.isEmpty() && random.bounded(2);
    for (int i = random.bounded(3); i > 0; --i)
        criteria.actors.insert(Actors.at(random.bounded(int(Actors.size()))));
    criteria.excludeActors = !criteria.actors.isEmpty() && random.bounded(2);
    static const QStringList words = { QStringLiteral("PAYROLL"), QStringLiteral("-payroll"), QStringLiteral("1"),
        QStringLiteral("-3"), QStringLiteral("cart"), QStringLiteral("withdrawn"), QStringLiteral("-BOB") };
    QStringList text;
    for (int i = random.bounded(3); i > 0; --i)
        text.append(words.at(random.bounded(int(words.size()))));
    criteria.text = text.join(QLatin1Char(' '));
    return criteria;
}

/// The plain answer: every event looked at on its own, each word searched field by field.
bool matchesPlainly(const History& history, const Event& event, const EventCriteria& criteria)
{
    const HistoryIndex& index = history.index();
    if (criteria.stream >= 0 && index.streamNames().at(criteria.stream) != event.stream)
        return false;
    if (!criteria.types.isEmpty()
        && criteria.types.contains(qint32(index.typeNames().indexOf(event.type))) == criteria.excludeTypes)
        return false;
    if (!criteria.actors.isEmpty() && criteria.actors.contains(event.actor()) == criteria.excludeActors)
        return false;
    const QStringList fields = { event.stream, event.type, event.actor(), history.domainOf(event.stream).summary(event),
        QString::fromUtf8(event.data) };
    for (const QString& word : criteria.words()) {
        const bool excluded = word.size() > 1 && word.startsWith(QLatin1Char('-'));
        const QString needle = excluded ? word.mid(1) : word;
        const bool found = std::any_of(fields.begin(), fields.end(),
            [&](const QString& field) { return field.contains(needle, Qt::CaseInsensitive); });
        if (found == excluded)
            return false;
    }
    return true;
}

} // namespace

class TestEventSearch : public QObject {
    Q_OBJECT

private:
    DomainRegistry m_domains;

private slots:
    void matchingRowsEqualAPlainScan()
    {
        for (quint32 seed = 1; seed <= 12; ++seed) {
            const auto history = randomHistory(seed, 300 + int(seed) * 40, m_domains);
            const QList<Event> events = *history->source().events();
            QRandomGenerator random(seed * 7919);
            for (int round = 0; round < 25; ++round) {
                const EventCriteria criteria = randomCriteria(random, history->index());
                std::vector<qint32> expected;
                for (qsizetype row = 0; row < events.size(); ++row) {
                    if (matchesPlainly(*history, events.at(row), criteria))
                        expected.push_back(qint32(row));
                }
                const auto found = EventSearch::matchingRows(*history, criteria);
                QVERIFY(found);
                QVERIFY2(*found == expected,
                    qPrintable(QStringLiteral("seed %1, text '%2', %3 found, %4 expected")
                                   .arg(seed)
                                   .arg(criteria.text)
                                   .arg(found->size())
                                   .arg(expected.size())));
            }
        }
    }

    void sortedRowsEqualAPlainSort_data()
    {
        QTest::addColumn<int>("order");
        QTest::addColumn<bool>("descending");
        for (int order = int(EventOrder::Position); order <= int(EventOrder::Summary); ++order) {
            QTest::addRow("order %d ascending", order) << order << false;
            QTest::addRow("order %d descending", order) << order << true;
        }
    }

    void sortedRowsEqualAPlainSort()
    {
        QFETCH(int, order);
        QFETCH(bool, descending);
        const auto history = randomHistory(42, 800, m_domains);
        const QList<Event> events = *history->source().events();
        auto keyOf = [&](qint32 row) -> QVariant {
            const Event& event = events.at(row);
            switch (EventOrder(order)) {
            case EventOrder::Position:
                return event.position;
            case EventOrder::Time:
                return event.at;
            case EventOrder::Version:
                return event.version;
            case EventOrder::Stream:
                return event.stream.toLower();
            case EventOrder::Type:
                return event.type.toLower();
            case EventOrder::Actor:
                return event.actor().toLower();
            case EventOrder::Summary:
                return history->domainOf(event.stream).summary(event).toLower();
            }
            return {};
        };
        // Every other row, shuffled: the order must not depend on the order rows come in.
        std::vector<qint32> rows;
        for (qint32 row = 0; row < qint32(events.size()); row += 2)
            rows.push_back(row);
        std::vector<qint32> expected = rows;
        std::stable_sort(expected.begin(), expected.end(), [&](qint32 a, qint32 b) {
            const QPartialOrdering compared = QVariant::compare(keyOf(a), keyOf(b));
            return descending ? compared == QPartialOrdering::Greater : compared == QPartialOrdering::Less;
        });
        std::shuffle(rows.begin(), rows.end(), *QRandomGenerator::global());
        QVERIFY(EventSearch::sortRows(*history, rows, EventOrder(order), descending));
        QCOMPARE(rows, expected);
    }

    void aSearchStopsWhenAsked()
    {
        const auto history = randomHistory(7, 100000, m_domains);
        EventCriteria criteria;
        criteria.text = QStringLiteral("payroll");
        qint64 calls = 0;
        const auto found = EventSearch::matchingRows(*history, criteria, [&](qint64, qint64, qint64) {
            ++calls;
            return calls < 2;
        });
        QVERIFY(!found);
        QCOMPARE(found.error().kind, Error::Kind::Cancelled);
        QCOMPARE(calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestEventSearch)
#include "tst_eventsearch.moc"
