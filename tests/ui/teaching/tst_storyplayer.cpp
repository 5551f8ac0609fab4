#include "models/statetreemodel.h"
#include "panes/eventspane.h"
#include "panes/inspector.h"
#include "panes/statetab.h"
#include "playback/playhead.h"
#include "replay/history.h"
#include "teaching/presentationmode.h"
#include "teaching/storybar.h"
#include "teaching/storyplayer.h"
#include "timeline/timelinewidget.h"
#include "uitesthelpers.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Rewind;

/// Guided stories in the real window over the demo: the captions, the playhead and the tab of
/// every step, forward with Alt+→ and back with Alt+←, and the error for a bad story file.
class TestStoryPlayer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void helpMenuListsTheBundledStories();
    void overdraftStoryStepsForwardAndBack();
    void everyStepLooksTheSameReachedForwardOrBack();
    void storiesShowWhatTheirCaptionsSay();
    void onOffActionsFollowTheStep();
    void badStoryFileSaysFileLineAndProblem();
    void captionIsLargeForAProjector();

private:
    /// Where the window is: stream at the playhead, its version, the tab, the narrowing.
    struct View {
        QString stream;
        qint64 version = 0;
        int tab = -1;
        QString narrowed;
        bool operator==(const View&) const = default;
    };
    View view() const;
    QString writeStory(const QByteArray& json);
    QString valueOf(const QString& path) const;
    MainWindow* m_window = nullptr;
    QTemporaryDir m_dir;
};

void TestStoryPlayer::initTestCase()
{
    RewindTest::setUpApplication();
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
}

void TestStoryPlayer::init()
{
    // An empty window: the stories open the demo themselves.
    m_window = new MainWindow(MainWindow::Memory::Forget);
    m_window->resize(1400, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestStoryPlayer::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

TestStoryPlayer::View TestStoryPlayer::view() const
{
    const auto& details = m_window->inspector()->details();
    return { details.event.stream, details.event.version, m_window->inspector()->currentIndex(),
        m_window->playhead()->stream() };
}

QString TestStoryPlayer::valueOf(const QString& path) const
{
    return m_window->inspector()->stateTab()->model()->indexOfPath(path).siblingAtColumn(1).data().toString();
}

QString TestStoryPlayer::writeStory(const QByteArray& json)
{
    static int count = 0;
    QString path = m_dir.filePath(QStringLiteral("story-%1.json").arg(++count));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestStoryPlayer::helpMenuListsTheBundledStories()
{
    auto* menu = m_window->findChild<QMenu*>(QStringLiteral("storiesMenu"));
    QVERIFY(menu);
    QStringList titles;
    for (const QAction* action : menu->actions()) {
        if (!action->isSeparator())
            titles.append(action->text());
    }
    QCOMPARE(titles,
        QStringList({ QStringLiteral("An account, from opening to an overdraft"),
            QStringLiteral("A cart, from the first item to checkout"), QStringLiteral("A snapshot that goes stale"),
            QStringLiteral("A temporal question: the balance at a given time"),
            QStringLiteral("What a table forgets, the fold by hand, and a read model added late"),
            QStringLiteral("&Open Story File…") }));
    // Every bundled story reads, and every step of it runs in the window.
    for (const QString& path : StoryPlayer::bundledStories()) {
        const auto story = Story::read(path);
        QVERIFY2(story, qPrintable(story ? QString() : story.error().toString()));
        QVERIFY(m_window->stories()->start(*story));
    }
}

void TestStoryPlayer::overdraftStoryStepsForwardAndBack()
{
    QVERIFY(!m_window->stories()->bar()->isVisible());
    auto* menu = m_window->findChild<QMenu*>(QStringLiteral("storiesMenu"));
    menu->actions().first()->trigger(); // as chosen from Help ▸ Stories
    StoryBar* bar = m_window->stories()->bar();
    QVERIFY(bar->isVisible());
    QVERIFY(m_window->playhead()->history()); // the story opened the demo
    QCOMPARE(bar->stepText(), QStringLiteral("Step 1 of 9"));
    QVERIFY(bar->caption().contains(QStringLiteral("written as **events**")));
    QCOMPARE(m_window->playhead()->position(), 38);
    QCOMPARE(m_window->inspector()->currentIndex(), int(Inspector::StateTabIndex));

    using T = Inspector::Tab;
    const QString a3 = QStringLiteral("account-3");
    const QList<View> expected = {
        { QStringLiteral("account-1"), 10, T::StateTabIndex, QString() },
        { a3, 1, T::EventTabIndex, a3 },
        { a3, 2, T::StateTabIndex, a3 },
        { a3, 3, T::DiffTabIndex, a3 },
        { a3, 4, T::DiffTabIndex, a3 },
        { a3, 5, T::DiffTabIndex, a3 },
        { a3, 5, T::ChartTabIndex, a3 },
        { a3, 6, T::DiffTabIndex, a3 },
        { a3, 8, T::StateTabIndex, a3 },
    };
    QList<QString> captions;
    for (int step = 0; step < expected.size(); ++step) {
        if (step > 0)
            QTest::keyClick(m_window->timeline(), Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(m_window->stories()->step(), step);
        QCOMPARE(bar->stepText(), QStringLiteral("Step %1 of 9").arg(step + 1));
        QCOMPARE(view(), expected.at(step));
        captions.append(bar->caption());
    }
    QVERIFY(captions.at(5).contains(QStringLiteral("overdraft")));
    QCOMPARE(m_window->inspector()->details().anomalies.size(), 0); // v8: Closed
    // Past the last step, Next does nothing.
    QTest::keyClick(m_window->timeline(), Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(m_window->stories()->step(), 8);
    for (int step = int(expected.size()) - 2; step >= 0; --step) {
        QTest::keyClick(m_window->eventsPane()->view(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(m_window->stories()->step(), step);
        QCOMPARE(view(), expected.at(step));
        QCOMPARE(bar->caption(), captions.at(step));
    }
    // Back at the overdraft by the buttons.
    for (int i = 0; i < 5; ++i)
        bar->findChild<QToolButton*>(QStringLiteral("storyNext"))->click();
    QCOMPARE(m_window->stories()->step(), 5);
    QCOMPARE(view(), expected.at(5));
    QCOMPARE(m_window->inspector()->details().anomalies.value(0).kind, QStringLiteral("overdraft"));
    QCOMPARE(valueOf(QStringLiteral("/balance")), QStringLiteral("\u2212150.00"));
    bar->findChild<QToolButton*>(QStringLiteral("storyClose"))->click();
    QVERIFY(!bar->isVisible());
    QVERIFY(!m_window->stories()->isRunning());
    QCOMPARE(view(), expected.at(5)); // the window stays where the story left it
}

void TestStoryPlayer::everyStepLooksTheSameReachedForwardOrBack()
{
    for (const QString& path : StoryPlayer::bundledStories()) {
        const auto story = Story::read(path);
        QVERIFY(story);
        QVERIFY(m_window->stories()->start(*story));
        QList<View> forward;
        for (int step = 0; step < story->steps.size(); ++step) {
            m_window->stories()->goTo(step);
            forward.append(view());
            // Wandering off between steps changes nothing of what the next step shows.
            m_window->playhead()->setStream({});
            m_window->playhead()->goToFirst();
            m_window->inspector()->setCurrentIndex(Inspector::EventTabIndex);
        }
        for (int step = int(story->steps.size()) - 1; step >= 0; --step) {
            m_window->stories()->goTo(step);
            QVERIFY2(view() == forward.at(step), qPrintable(QStringLiteral("%1 step %2").arg(path).arg(step + 1)));
        }
    }
}

void TestStoryPlayer::storiesShowWhatTheirCaptionsSay()
{
    StoryPlayer* stories = m_window->stories();
    const QStringList bundled = StoryPlayer::bundledStories();
    // The temporal question: the balance at Tuesday 14:00.
    QVERIFY(stories->start(*Story::read(bundled.at(3))));
    stories->next();
    QCOMPARE(valueOf(QStringLiteral("/balance")), QStringLiteral("1,150.50"));
    QCOMPARE(m_window->inspector()->details().event.type, QStringLiteral("Deposited"));
    stories->goTo(3);
    QCOMPARE(valueOf(QStringLiteral("/balance")), QStringLiteral("1,058.01"));
    stories->goTo(4);
    QCOMPARE(valueOf(QStringLiteral("/balance")), QStringLiteral("0.00"));
    // The stale snapshot: flagged at v3, and the next one matches.
    QVERIFY(stories->start(*Story::read(bundled.at(2))));
    stories->goTo(2);
    QVERIFY(m_window->inspector()->details().snapshot);
    QVERIFY(!m_window->inspector()->details().snapshot->matches);
    stories->goTo(4);
    QCOMPARE(view().version, 5);
    QVERIFY(m_window->inspector()->details().snapshot);
    QVERIFY(m_window->inspector()->details().snapshot->matches);
    // The cart: checked out at the sum of its lines.
    QVERIFY(stories->start(*Story::read(bundled.at(1))));
    stories->goTo(6);
    QCOMPARE(m_window->inspector()->details().event.type, QStringLiteral("CheckedOut"));
    QCOMPARE(valueOf(QStringLiteral("/total")), QStringLiteral("92.49"));
    QVERIFY(m_window->inspector()->details().anomalies.isEmpty());
}

void TestStoryPlayer::onOffActionsFollowTheStep()
{
    const QString path = writeStory(R"({ "title": "Projected", "steps": [
        { "caption": "Before", "open": "demo", "position": 1 },
        { "caption": "Presenting", "action": "presentationAction" },
        { "caption": "Dimmed too", "action": ["dimUnchangedAction", "nextAnomalyAction"] },
        { "caption": "Not presenting", "action": "presentationAction:off" } ] })");
    QVERIFY(m_window->stories()->openFile(path));
    PresentationMode* presentation = m_window->presentation();
    auto* dim = m_window->findChild<QAction*>(QStringLiteral("dimUnchangedAction"));
    QVERIFY(!presentation->isActive());
    m_window->stories()->next();
    QVERIFY(presentation->isActive());
    m_window->stories()->next();
    QVERIFY(presentation->isActive());
    QVERIFY(dim->isChecked());
    QCOMPARE(m_window->playhead()->position(), 10); // the first anomaly after position 1
    m_window->stories()->next();
    QVERIFY(!presentation->isActive());
    QVERIFY(dim->isChecked());
    m_window->stories()->back();
    QVERIFY(presentation->isActive());
    QCOMPARE(m_window->playhead()->position(), 10); // replayed, not one anomaly further
    m_window->stories()->back();
    QVERIFY(presentation->isActive());
    QVERIFY(!dim->isChecked()); // as it was before the story
    m_window->stories()->back();
    QVERIFY(!presentation->isActive());
}

void TestStoryPlayer::badStoryFileSaysFileLineAndProblem()
{
    const QString badJson = writeStory("{ \"title\": \"T\",\n  \"steps\": [\n    { \"caption\": \"a\" },,\n  ]\n}\n");
    const Status parsed = m_window->stories()->openFile(badJson);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().toString().startsWith(badJson + QStringLiteral(":3: invalid JSON: ")),
        qPrintable(parsed.error().toString()));
    QCOMPARE(m_window->statusBar()->currentMessage(), parsed.error().toString());
    QVERIFY(!m_window->stories()->isRunning());
    QVERIFY(!m_window->stories()->bar()->isVisible());

    const QString unknownKey = writeStory("{ \"title\": \"T\",\n  \"steps\": [\n    { \"caption\": \"a\",\n"
                                          "      \"zoom\": 3 }\n  ]\n}\n");
    const Status key = m_window->stories()->openFile(unknownKey);
    QVERIFY(!key);
    QCOMPARE(key.error().toString(),
        unknownKey
            + QStringLiteral(":4: unknown action \"zoom\" in step 1 (expected caption, open, stream, version, "
                             "position, time, tab, action)"));

    const QString unknownAction = writeStory("{ \"title\": \"T\",\n  \"steps\": [\n    { \"caption\": \"a\" },\n"
                                             "    { \"caption\": \"b\",\n      \"action\": \"warpAction\" }\n  ]\n}\n");
    const Status action = m_window->stories()->openFile(unknownAction);
    QVERIFY(!action);
    QVERIFY2(action.error().toString().startsWith(unknownAction + QStringLiteral(":5: unknown action \"warpAction\"")),
        qPrintable(action.error().toString()));
    QCOMPARE(m_window->statusBar()->currentMessage(), action.error().toString());
    QVERIFY(!m_window->stories()->isRunning());

    const Status missing = m_window->stories()->openFile(m_dir.filePath(QStringLiteral("none.json")));
    QVERIFY(!missing);
    QVERIFY(missing.error().toString().startsWith(m_dir.filePath(QStringLiteral("none.json")) + QStringLiteral(": ")));
}

void TestStoryPlayer::captionIsLargeForAProjector()
{
    QVERIFY(m_window->stories()->start(*Story::read(StoryPlayer::bundledStories().first())));
    const StoryBar* bar = m_window->stories()->bar();
    const qreal text = m_window->font().pointSizeF();
    QVERIFY(bar->captionLabel()->font().pointSizeF() >= text * 1.4);
    // It follows the text size, and presentation mode.
    m_window->presentation()->enter();
    QVERIFY(bar->captionLabel()->font().pointSizeF() >= text * 1.8 * 1.4);
    QVERIFY(bar->captionLabel()->isVisible());
    m_window->presentation()->leave();
    QCOMPARE(bar->captionLabel()->font().pointSizeF(), text * StoryBar::CaptionScale);
}

QTEST_MAIN(TestStoryPlayer)
#include "tst_storyplayer.moc"
