// The window never freezes: with a million events, filtering, searching and sorting run in the
// background while an event-loop watchdog measures the longest time no event was handled, and
// key presses sent meanwhile keep moving the playhead.

#include "domains/domainregistry.h"
#include "models/eventfilterproxy.h"
#include "panes/choicefilter.h"
#include "panes/eventspane.h"
#include "panes/inspector.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "sources/memoryeventsource.h"
#include "timeline/timelinewidget.h"
#include "uitesthelpers.h"
#include "window/mainwindow.h"

#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

using namespace Rewind;

namespace {

constexpr int MillionEvents = 1'000'000;

/// A million bank events over a thousand accounts, each by one of 200 tellers.
std::shared_ptr<const History> millionEvents(const DomainRegistry& domains)
{
    auto source = std::make_unique<MemoryEventSource>(QStringLiteral("million"), QStringLiteral("memory"));
    source->reserve(MillionEvents);
    QList<QString> streams;
    for (int s = 0; s < 1000; ++s)
        streams.append(QStringLiteral("account-%1").arg(s));
    const QString opened = QStringLiteral("Opened");
    const QString deposited = QStringLiteral("Deposited");
    const QString withdrawn = QStringLiteral("Withdrawn");
    QList<qint64> versions(streams.size(), 0);
    for (int i = 0; i < MillionEvents; ++i) {
        const int s = i % 1000;
        Event event;
        event.stream = streams.at(s);
        event.version = ++versions[s];
        event.position = i + 1;
        event.at = 1767225600000 + qint64(i) * 1000;
        event.type = event.version == 1 ? opened : (i % 3 ? deposited : withdrawn);
        event.data = event.version == 1 ? QByteArray(R"({"owner":"owner-)" + QByteArray::number(s) + "\"}")
                                        : QByteArray(R"({"amount":)" + QByteArray::number(1 + i % 97)
                                            + R"(,"by":"teller-)" + QByteArray::number(i % 200) + "\"}");
        source->addEvent(std::move(event));
    }
    source->finish();
    auto history = History::analyze(std::move(source), domains);
    if (!history)
        qFatal("cannot analyse: %s", qPrintable(history.error().toString()));
    return std::shared_ptr<const History>(std::move(history).value());
}

/// Measures the longest gap between two turns of the event loop while it lives.
class Watchdog {
public:
    Watchdog()
    {
        m_clock.start();
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { m_longest = std::max(m_longest, m_clock.restart()); });
        m_timer.start();
    }
    qint64 longestStallMs() const { return std::max(m_longest, m_clock.elapsed()); }

private:
    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_longest = 0;
};

} // namespace

class TestResponsiveness : public QObject {
    Q_OBJECT

private:
    DomainRegistry m_domains;
    std::unique_ptr<MainWindow> m_window;

    EventsPane* pane() const { return m_window->eventsPane(); }
    EventFilterProxy* proxy() const { return pane()->proxy(); }

    /// Presses → on the timeline until the search under way ends; returns how many presses
    /// moved the playhead while it was still searching.
    int pressKeysUntilDone()
    {
        int handledWhileSearching = 0;
        m_window->playhead()->goToFirst();
        while (proxy()->isSearching()) {
            const qint64 before = m_window->playhead()->position();
            QTest::keyClick(m_window->timeline(), Qt::Key_Right);
            const bool stillSearching = proxy()->isSearching();
            if (m_window->playhead()->position() > before && stillSearching)
                ++handledWhileSearching;
            QTest::qWait(10);
        }
        return handledWhileSearching;
    }

private slots:
    void initTestCase()
    {
        RewindTest::setUpApplication();
        m_window = std::make_unique<MainWindow>(MainWindow::Memory::Forget);
        m_window->resize(1280, 720);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->setHistory(millionEvents(m_domains), QStringLiteral("million"));
        QTRY_COMPARE(pane()->view()->model()->rowCount(), MillionEvents);
        QTRY_VERIFY(!proxy()->isSearching());
    }

    void keysAreHandledWhileASearchRuns()
    {
        const Watchdog watchdog;
        pane()->searchEdit()->setFocus();
        QTest::keyClicks(pane()->searchEdit(), QStringLiteral("teller-7 -teller-17"));
        QTRY_VERIFY(proxy()->isSearching());
        QVERIFY(pane()->cancelButton()->isVisible());
        const int handled = pressKeysUntilDone();
        qInfo("%d key presses handled during the search; longest event-loop stall %lld ms", handled,
            watchdog.longestStallMs());
        QVERIFY(handled > 0);
        QVERIFY2(watchdog.longestStallMs() < 1000, qPrintable(QString::number(watchdog.longestStallMs())));
        // "teller-7" is in teller-7, teller-70…79 and teller-170…179; "-teller-17" leaves out the
        // last ten: about 11 of 200 tellers' events remain, every one saying so.
        QVERIFY(proxy()->rowCount() > 0);
        QVERIFY(proxy()->rowCount() < MillionEvents / 10);
        for (int row = 0; row < proxy()->rowCount(); row += proxy()->rowCount() / 50) {
            const QString actor = proxy()->index(row, 5).data().toString();
            QVERIFY2(actor.contains(QStringLiteral("teller-7")) && !actor.contains(QStringLiteral("teller-17")),
                qPrintable(actor));
        }
        QVERIFY(!pane()->cancelButton()->isVisible());
        QVERIFY(pane()->countLabel()->text().contains(QStringLiteral("of 1,000,000 events")));
    }

    void keysAreHandledWhileTypesAndActorsFilter()
    {
        pane()->searchEdit()->clear();
        QTRY_COMPARE(proxy()->rowCount(), MillionEvents);
        const Watchdog watchdog;
        pane()->typeFilter()->setChecked(QStringLiteral("Withdrawn"), true);
        QTRY_VERIFY(pane()->actorFilter()->choiceCount() == 200);
        pane()->actorFilter()->setChecked(QStringLiteral("teller-3"), true);
        pane()->actorFilter()->setChecked(QStringLiteral("teller-4"), true);
        QTRY_VERIFY(proxy()->isSearching());
        const int handled = pressKeysUntilDone();
        qInfo("%d key presses handled during the type and actor filter; longest stall %lld ms", handled,
            watchdog.longestStallMs());
        QVERIFY(handled > 0);
        QVERIFY2(watchdog.longestStallMs() < 1000, qPrintable(QString::number(watchdog.longestStallMs())));
        // Events i with i % 3 == 0 are withdrawals; by teller-3 or teller-4 when i % 200 is 3 or 4.
        for (int row = 0; row < proxy()->rowCount(); ++row) {
            QCOMPARE(proxy()->index(row, 4).data().toString(), QStringLiteral("Withdrawn"));
            const QString actor = proxy()->index(row, 5).data().toString();
            QVERIFY(actor == QStringLiteral("teller-3") || actor == QStringLiteral("teller-4"));
            if (row > 200)
                break;
        }
        pane()->typeFilter()->setChecked(QStringLiteral("Withdrawn"), false);
        pane()->actorFilter()->setChecked(QStringLiteral("teller-3"), false);
        pane()->actorFilter()->setChecked(QStringLiteral("teller-4"), false);
        QTRY_COMPARE(proxy()->rowCount(), MillionEvents);
    }

    void sortingAMillionRowsRunsInTheBackground()
    {
        const Watchdog watchdog;
        QHeaderView* header = pane()->view()->horizontalHeader();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(6) + 10, header->height() / 2));
        QTRY_VERIFY(proxy()->isSearching());
        const int handled = pressKeysUntilDone();
        qInfo("%d key presses handled while sorting by summary; longest stall %lld ms", handled,
            watchdog.longestStallMs());
        QVERIFY(handled > 0);
        QCOMPARE(proxy()->sortColumn(), 6);
        QCOMPARE(proxy()->sortOrder(), header->sortIndicatorOrder());
        if (proxy()->sortOrder() == Qt::DescendingOrder) {
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                QPoint(header->sectionViewportPosition(6) + 10, header->height() / 2));
            QTRY_COMPARE(proxy()->sortOrder(), Qt::AscendingOrder);
            QTRY_VERIFY(!proxy()->isSearching());
        }
        QCOMPARE(proxy()->rowCount(), MillionEvents);
        QString previous;
        for (int row = 0; row < 2000; ++row) {
            const QString summary = proxy()->index(row, 6).data().toString();
            QVERIFY2(previous.compare(summary, Qt::CaseInsensitive) <= 0,
                qPrintable(previous + QLatin1String(" > ") + summary));
            previous = summary;
        }
    }

    void cancellingKeepsTheRowsShown()
    {
        pane()->view()->sortByColumn(-1, Qt::AscendingOrder);
        QTRY_VERIFY(!proxy()->isSearching());
        QTRY_COMPARE(proxy()->rowCount(), MillionEvents);
        QTest::keyClicks(pane()->searchEdit(), QStringLiteral("owner-9"));
        QTRY_VERIFY(proxy()->isSearching());
        QTest::mouseClick(pane()->cancelButton(), Qt::LeftButton);
        QVERIFY(!proxy()->isSearching());
        QCOMPARE(proxy()->rowCount(), MillionEvents);
        QVERIFY(!pane()->cancelButton()->isVisible());
        QCOMPARE(pane()->countLabel()->text(), QStringLiteral("1,000,000 events"));
    }

    void theFirstStateOfALongStreamIsReplayedInTheBackground()
    {
        // One account of 300,000 deposits, opened without its analysis (no checkpoints yet), as
        // the window is before its background analysis ends: the state at the playhead is a full
        // replay, which must not run on the GUI thread.
        constexpr int Deposits = 300'000;
        auto source = std::make_unique<MemoryEventSource>(QStringLiteral("long"), QStringLiteral("memory"));
        Event opened { QStringLiteral("account-1"), 1, 1, QStringLiteral("Opened"),
            QByteArrayLiteral(R"({"owner":"ada"})") };
        source->addEvent(opened);
        for (int i = 0; i < Deposits; ++i) {
            source->addEvent({ QStringLiteral("account-1"), i + 2, i + 2, QStringLiteral("Deposited"),
                QByteArrayLiteral(R"({"amount":2})") });
        }
        source->finish();
        auto history = History::openIndex(std::move(source), m_domains);
        QVERIFY(history);
        Inspector* inspector = m_window->inspector();
        const Watchdog watchdog;
        m_window->setHistory(std::shared_ptr<const History>(std::move(history).value()), QStringLiteral("long"));
        QVERIFY(inspector->isComputing());
        int handled = 0;
        for (int press = 0; press < 20 && inspector->isComputing(); ++press) {
            const qint64 before = m_window->playhead()->position();
            QTest::keyClick(m_window->timeline(), Qt::Key_Left);
            handled += m_window->playhead()->position() < before ? 1 : 0;
            QTest::qWait(10);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!inspector->isComputing(), 60000);
        qInfo("%d key presses handled while the first state was replayed; longest stall %lld ms", handled,
            watchdog.longestStallMs());
        QVERIFY(handled > 0);
        // The state shown is the playhead's, wherever the keys took it.
        const qint64 position = m_window->playhead()->position();
        QCOMPARE(inspector->details().event.position, position);
        QCOMPARE(inspector->details().after.at(QStringLiteral("/balance")).toDecimal()->toString(),
            QString::number(2 * (position - 1)));
    }
};

QTEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
