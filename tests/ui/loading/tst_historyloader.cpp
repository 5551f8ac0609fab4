// Opening in two steps: the window gets the indexed history at once, then the same history with
// its analysis (anomalies, snapshot checks, checkpoints), and every pane catches up without the
// playhead moving.

#include "loading/historyloader.h"
#include "models/streamsmodel.h"
#include "panes/streamspane.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "uitesthelpers.h"
#include "window/mainwindow.h"

#include <QSignalSpy>
#include <QTest>

using namespace Rewind;

class TestHistoryLoader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { RewindTest::setUpApplication(); }

    void theIndexArrivesFirstThenTheAnalysis()
    {
        HistoryLoader loader;
        QSignalSpy loaded(&loader, &HistoryLoader::loaded);
        QSignalSpy analysed(&loader, &HistoryLoader::analysed);
        const int job = loader.load(RewindTest::demoPath());
        QTRY_COMPARE(analysed.count(), 1);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.first().first().toInt(), job);
        QCOMPARE(analysed.first().first().toInt(), job);
        const auto shown = loaded.first().at(2).value<std::shared_ptr<const History>>();
        const auto done = analysed.first().at(1).value<std::shared_ptr<const History>>();
        QCOMPARE(done.get(), shown.get()); // the same history, completed in place
        QVERIFY(done->isAnalyzed());
        QVERIFY(!done->analysis().anomalies.isEmpty());
        QVERIFY(!loader.isBusy());
    }

    void loadNowDoesBothSteps()
    {
        const auto outcome = HistoryLoader::loadNow(RewindTest::demoPath());
        QVERIFY(outcome.history);
        QVERIFY(outcome.history->isAnalyzed());
    }

    void thePanesCatchUpWithTheAnalysis()
    {
        MainWindow window(MainWindow::Memory::Forget);
        QSignalSpy loaded(window.loader(), &HistoryLoader::loaded);
        QSignalSpy analysed(window.loader(), &HistoryLoader::analysed);
        QSignalSpy refreshed(window.playhead(), &Playhead::analysisChanged);
        window.openFile(RewindTest::demoPath());
        QTRY_COMPARE(analysed.count(), 1);
        QCOMPARE(refreshed.count(), 1);
        // Whatever the timing, the end state is the analysed one: marks, counts, the status bar.
        QVERIFY(!window.playhead()->anomalyMarks().isEmpty());
        QVERIFY(!window.playhead()->snapshotMarks().isEmpty());
        const StreamsModel* streams = window.streamsPane()->model();
        QVERIFY(streams->index(0, StreamsModel::AnomaliesColumn).data().toInt() > 0);
    }

    void analysisChangedKeepsThePlayheadWhereItIs()
    {
        auto history = RewindTest::openDemo();
        Playhead playhead;
        playhead.setHistory(history);
        playhead.setAxisIndex(5);
        const qint64 position = playhead.position();
        QSignalSpy moved(&playhead, &Playhead::positionChanged);
        QSignalSpy refreshed(&playhead, &Playhead::analysisChanged);
        playhead.refreshAnalysis();
        QCOMPARE(refreshed.count(), 1);
        QCOMPARE(moved.count(), 0);
        QCOMPARE(playhead.position(), position);
        QVERIFY(!playhead.anomalyMarks().isEmpty());
    }
};

QTEST_MAIN(TestHistoryLoader)
#include "tst_historyloader.moc"
