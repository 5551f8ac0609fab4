// "What if" in the real window: switch events of the demo off with the key and the table's
// context menu, and read what the inspector, the chart and the table then show; restore; and
// check the store file is the same, byte for byte. A long stream is folded in the background
// while the event loop keeps turning.

#include "domains/domainregistry.h"
#include "models/eventsmodel.h"
#include "models/pointdetails.h"
#include "models/whatifswitches.h"
#include "panes/charttab.h"
#include "panes/difftab.h"
#include "panes/eventspane.h"
#include "panes/inspector.h"
#include "panes/statetab.h"
#include "panes/whatifbanner.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "sources/memoryeventsource.h"
#include "theme/themecolors.h"
#include "timeline/timelinewidget.h"
#include "uitesthelpers.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTimer>

using namespace Rewind;

namespace {

QByteArray checksumOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

/// Pixels of the timeline's track near the what-if colour (its lines are antialiased).
int whatIfPixels(TimelineWidget* timeline)
{
    const QImage image = timeline->grab().toImage();
    const QColor mark = ThemeColors::whatIf(timeline->palette());
    const QRect track = timeline->trackRect();
    int count = 0;
    for (int y = track.top(); y <= track.bottom(); ++y) {
        for (int x = track.left(); x <= track.right(); ++x) {
            const QColor c =
                image.pixelColor(x * image.width() / timeline->width(), y * image.height() / timeline->height());
            count +=
                std::abs(c.red() - mark.red()) + std::abs(c.green() - mark.green()) + std::abs(c.blue() - mark.blue())
                    < 40
                ? 1
                : 0;
        }
    }
    return count;
}

double balanceOf(const PointDetails& details) { return details.after.at(QStringLiteral("/balance")).toDouble(); }

/// Measures the longest gap between two turns of the event loop while it lives.
class LoopWatch {
public:
    LoopWatch()
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

class TestWhatIfWindow : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_window;
    QString m_path;
    QByteArray m_checksum;
    qint64 m_size = 0;

    WhatIfSwitches* switches() const { return m_window->findChild<WhatIfSwitches*>(QStringLiteral("whatIfSwitches")); }
    Playhead* playhead() const { return m_window->playhead(); }
    QTableView* table() const { return m_window->eventsPane()->view(); }
    const PointDetails& details() const { return m_window->inspector()->details(); }
    WhatIfBanner* banner() const { return m_window->inspector()->stateBanner(); }
    QAction* action(const char* name) const { return m_window->findChild<QAction*>(QLatin1String(name)); }

    /// The table's row of a global position (the table is in global order here).
    QModelIndex rowOf(qint64 position, int column = EventsModel::SummaryColumn) const
    {
        const QAbstractItemModel* model = table()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, column);
            if (index.data(EventsModel::PositionRole).toLongLong() == position)
                return index;
        }
        return {};
    }
    bool struckThrough(qint64 position) const { return rowOf(position).data(Qt::FontRole).value<QFont>().strikeOut(); }
    /// Puts the playhead on `position` by selecting its row, as a click does.
    void selectRow(qint64 position)
    {
        table()->setFocus();
        table()->selectionModel()->setCurrentIndex(
            rowOf(position), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(playhead()->position(), position);
    }

private slots:
    void initTestCase()
    {
        RewindTest::setUpApplication();
        m_path = RewindTest::demoPath();
        m_checksum = checksumOf(m_path);
        m_size = QFileInfo(m_path).size();
        QVERIFY(!m_checksum.isEmpty());
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>(MainWindow::Memory::Forget);
        m_window->resize(1400, 860);
        QVERIFY(m_window->openNow(m_path));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(switches());
    }

    void cleanup()
    {
        m_window.reset();
        // The store is only read: switching events off and on never writes to it.
        QCOMPARE(checksumOf(m_path), m_checksum);
        QCOMPARE(QFileInfo(m_path).size(), m_size);
    }

    void switchingAWithdrawalOffChangesLaterStatesOnly()
    {
        // account-3: +300, +1,200, −950 (position 19), −700 (position 23, the overdraft), +400, −250.
        const History& history = *playhead()->history();
        QCOMPARE(RewindTest::positionOf(history, QStringLiteral("account-3"), 4), 19);
        QVERIFY(!action("restoreEventsAction")->isEnabled());
        selectRow(23);
        QCOMPARE(balanceOf(details()), -150.0);
        QCOMPARE(details().anomalies.size(), 1);
        QVERIFY(!banner()->isVisible());

        selectRow(19);
        const int marksBefore = whatIfPixels(m_window->timeline());
        QTest::keyClick(table(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(switches()->isOff(19));
        // The timeline crosses the event out.
        QCOMPARE(m_window->timeline()->switchedOff(), QList<qint64> { 19 });
        QVERIFY2(whatIfPixels(m_window->timeline()) > marksBefore + 4,
            qPrintable(QStringLiteral("%1 → %2").arg(marksBefore).arg(whatIfPixels(m_window->timeline()))));
        QVERIFY(struckThrough(19));
        QVERIFY(!struckThrough(23));
        QCOMPARE(rowOf(19).data(Qt::ForegroundRole).value<QColor>(),
            QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        QVERIFY(action("restoreEventsAction")->isEnabled());
        // At the event itself: it changes nothing now.
        QVERIFY(details().whatIf);
        QVERIFY(details().switchedOff);
        QVERIFY(details().changes.isEmpty());
        QCOMPARE(balanceOf(details()), 1500.0);

        // Later: 1,500 − 700 is no overdraft, and the table marks the what-if apart.
        selectRow(23);
        QVERIFY(details().whatIf);
        QCOMPARE(balanceOf(details()), 800.0);
        QVERIFY(details().anomalies.isEmpty());
        QCOMPARE(details().realAnomalies.size(), 1);
        QCOMPARE(details().realAnomalies.first().kind, QStringLiteral("overdraft"));
        QVERIFY(banner()->isVisible());
        QVERIFY(banner()->label()->text().contains(QStringLiteral("1 event switched off")));
        QVERIFY(m_window->inspector()->diffBanner()->label()->text().contains(QStringLiteral("What if")));
        QVERIFY(m_window->inspector()
                    ->stateTab()
                    ->findChild<QLabel*>(QStringLiteral("stateTitle"))
                    ->text()
                    .startsWith(QStringLiteral("What if")));
        const auto* diffNotes = m_window->inspector()->diffTab()->findChild<QLabel*>(QStringLiteral("diffAnomalies"));
        QVERIFY(diffNotes->text().contains(QStringLiteral("In the real history")));
        QVERIFY(diffNotes->text().contains(QStringLiteral("no anomaly here")));
        const QString tip = rowOf(23, EventsModel::PositionColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("In the real history")), qPrintable(tip));
        selectRow(31);
        QCOMPARE(balanceOf(details()), 950.0);

        // Earlier, and other streams: the real history.
        selectRow(15);
        QVERIFY(!details().whatIf);
        QCOMPARE(balanceOf(details()), 1500.0);
        selectRow(30);
        QVERIFY(!details().whatIf);
        QCOMPARE(details().after, history.stateAt(details().event.stream, 30)->state->toJson());

        // The real state is one click away, and back.
        selectRow(23);
        QTest::mouseClick(banner()->realButton(), Qt::LeftButton);
        QVERIFY(m_window->inspector()->showsRealHistory());
        QVERIFY(!details().whatIf);
        QCOMPARE(balanceOf(details()), -150.0);
        QVERIFY(banner()->label()->text().contains(QStringLiteral("Real history")));
        QTest::mouseClick(banner()->realButton(), Qt::LeftButton);
        QCOMPARE(balanceOf(details()), 800.0);

        // Restore: everything as the log says.
        QTest::mouseClick(banner()->restoreButton(), Qt::LeftButton);
        QVERIFY(!switches()->isActive());
        QVERIFY(!banner()->isVisible());
        QVERIFY(!struckThrough(19));
        QVERIFY(m_window->timeline()->switchedOff().isEmpty());
        QCOMPARE(whatIfPixels(m_window->timeline()), marksBefore);
        QVERIFY(!details().whatIf);
        QCOMPARE(balanceOf(details()), -150.0);
        QCOMPARE(details().anomalies.size(), 1);
        QVERIFY(!action("restoreEventsAction")->isEnabled());
    }

    void theChartDrawsTheWhatIfBesideTheRealLine()
    {
        ChartTab* chart = m_window->inspector()->chartTab();
        m_window->inspector()->showTab(QStringLiteral("chart"));
        selectRow(23);
        chart->waitForChart();
        const QList<QPointF> real = chart->series().values;
        QVERIFY(!real.isEmpty());
        QVERIFY(chart->whatIfValues().isEmpty());

        selectRow(19);
        action("switchEventAction")->trigger();
        selectRow(23);
        chart->waitForChart();
        const QList<QPointF> whatIf = chart->whatIfValues();
        QVERIFY(!whatIf.isEmpty());
        QCOMPARE(chart->series().values, real); // the real line stays
        // It starts where the two histories part (after position 15: 1,500) and ends 950 above
        // the real one.
        const QPointF& first = whatIf.first();
        QCOMPARE(first.y(), 1500.0);
        QCOMPARE(real.last().y(), 0.0);
        QCOMPARE(whatIf.last().y(), 950.0);
        // Every point of the real line before the first switched-off event is untouched, and
        // none of the what-if line comes before the point where they part.
        const double partedAt = first.x();
        for (const QPointF& point : whatIf)
            QVERIFY(point.x() >= partedAt);
        const qsizetype realBefore =
            std::count_if(real.cbegin(), real.cend(), [&](const QPointF& p) { return p.x() < partedAt; });
        QVERIFY(realBefore > 0);

        action("restoreEventsAction")->trigger();
        chart->waitForChart();
        QVERIFY(chart->whatIfValues().isEmpty());
        QCOMPARE(chart->series().values, real);
    }

    void severalEventsFromTheContextMenu()
    {
        QAction* switchAction = action("switchEventAction");
        QVERIFY(table()->actions().contains(switchAction));
        QCOMPARE(table()->contextMenuPolicy(), Qt::ActionsContextMenu);
        // Two deposits of account-3 (positions 9 and 26), selected together.
        selectRow(9);
        table()->selectionModel()->select(rowOf(26), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(m_window->eventsPane()->selectedPositions(), (QList<qint64> { 9, 26 }));
        switchAction->trigger();
        QVERIFY(switches()->isOff(9) && switches()->isOff(26));
        QVERIFY(struckThrough(9) && struckThrough(26));
        selectRow(31);
        QVERIFY(banner()->label()->text().contains(QStringLiteral("2 events switched off")));
        // 1,200 − 950 − 700 − 250: the overdraft comes earlier and stays.
        QCOMPARE(balanceOf(details()), -700.0);
        QCOMPARE(details().anomalies.first().kind, QStringLiteral("overdraft"));
        // Position 31 broke no rule in the log; without the deposits it overdraws, marked apart.
        const QModelIndex marked = rowOf(31, EventsModel::PositionColumn);
        const QString tip = marked.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("What if (overdraft)")), qPrintable(tip));
        QVERIFY(!marked.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!(marked.data(EventsModel::FlagsRole).toUInt() & HistoryIndex::HasAnomaly));

        // The same two again: both back on.
        selectRow(9);
        table()->selectionModel()->select(rowOf(26), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        switchAction->trigger();
        QVERIFY(!switches()->isActive());
        QVERIFY(!struckThrough(9) && !struckThrough(26));
    }

    void openingAnotherHistoryRestores()
    {
        selectRow(19);
        action("switchEventAction")->trigger();
        QVERIFY(switches()->isActive());
        m_window->reload();
        QTRY_VERIFY(!switches()->isActive());
        QTRY_VERIFY(!banner()->isVisible());
    }

    void aLongStreamIsFoldedInTheBackground()
    {
        // One account of 150,000 events (beyond what is folded at once): deposits of 1, with a
        // big withdrawal first.
        constexpr int Events = 150'000;
        auto source = std::make_unique<MemoryEventSource>(QStringLiteral("long"), QStringLiteral("memory"));
        source->reserve(Events);
        for (int i = 0; i < Events; ++i) {
            Event event;
            event.stream = QStringLiteral("account-1");
            event.version = i + 1;
            event.position = i + 1;
            event.at = 1767225600000 + qint64(i) * 1000;
            event.type = i == 0 ? QStringLiteral("Opened")
                : i == 1        ? QStringLiteral("Withdrawn")
                                : QStringLiteral("Deposited");
            event.data = i == 0 ? QByteArrayLiteral(R"({"owner":"ada"})")
                : i == 1        ? QByteArrayLiteral(R"({"amount":100000})")
                                : QByteArrayLiteral(R"({"amount":1})");
            source->addEvent(std::move(event));
        }
        source->finish();
        const DomainRegistry domains;
        auto history = History::analyze(std::move(source), domains);
        QVERIFY(history);
        m_window->setHistory(std::shared_ptr<const History>(std::move(history).value()), QStringLiteral("long"));
        playhead()->goToLast();
        QTRY_COMPARE(details().event.position, qint64(Events));
        QCOMPARE(balanceOf(details()), double(Events - 2 - 100000));

        const LoopWatch watch;
        QElapsedTimer clock;
        clock.start();
        switches()->switchOff({ 2 });
        const qint64 returnedAfter = clock.elapsed();
        QVERIFY(switches()->isFolding());
        QVERIFY(banner()->label()->text().contains(QStringLiteral("folding")));
        QTRY_VERIFY_WITH_TIMEOUT(!switches()->isFolding(), 60000);
        qInfo("switching off returned after %lld ms; the fold took %lld ms; longest event-loop stall %lld ms",
            returnedAfter, clock.elapsed(), watch.longestStallMs());
        QTRY_VERIFY(details().whatIf);
        QCOMPARE(balanceOf(details()), double(Events - 2));
        QVERIFY(details().anomalies.isEmpty());
        // A point of the long stream is cheap afterwards: the fold kept states along the way.
        constexpr qint64 Middle = Events / 2 + 7;
        playhead()->setPosition(Middle);
        QVERIFY(details().whatIf);
        QVERIFY2(details().eventsApplied < 300, qPrintable(details().howComputed));
        QCOMPARE(balanceOf(details()), double(Middle - 2));
        QVERIFY2(watch.longestStallMs() < 1000, qPrintable(QString::number(watch.longestStallMs())));
    }
};

QTEST_MAIN(TestWhatIfWindow)
#include "tst_whatifwindow.moc"
