#pragma once

#include "model/error.h"
#include "sources/fieldmapping.h"

#include <QMainWindow>

#include <memory>
#include <optional>
#include <utility>

class QLabel;
class QProgressBar;
class QSpinBox;
class QSplitter;
class QToolButton;

namespace Rewind {

struct Place;

class EventsPane;
class History;
class HistoryLoader;
class Inspector;
class Player;
class Playhead;
class PresentationMode;
class RecentFiles;
class StoryPlayer;
class StreamsPane;
class TeachingTools;
class TimelineWidget;
struct PointDetails;

/// The window `rewind`: streams, events, inspector and the timeline, all following one
/// playhead; the transport, menus and status bar. Wiring only: each pane is its own class.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Folds `stream` with the domain named `domain` from now on (empty: the automatic choice)
    /// and reopens the history in the background, keeping the playhead where it is.
    void chooseDomain(const QString& stream, const QString& domain);

    /// Whether the window reads and writes its geometry, splitters and recent files.
    enum class Memory { Remember, Forget };

    explicit MainWindow(Memory memory = Memory::Remember, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens in the background, with progress and cancel in the status bar.
    void openFile(const QString& path);
    /// Several files as one history, merged by time; all read under `mapping` (empty: detect).
    void openFiles(const QStringList& paths, const FieldMapping& mapping = {});
    /// Opens the bundled demo.
    void openDemo();
    /// Opens the bundled demo on the calling thread, unless it is open already (stories).
    Status openDemoNow();
    /// Opens on the calling thread (screenshots, tests). Returns the error, if any.
    Status openNow(const QString& path);
    Status openNow(const QStringList& paths, const FieldMapping& mapping = {});
    void setHistory(std::shared_ptr<const History> history, const QString& path);
    void setHistory(std::shared_ptr<const History> history, const QStringList& paths);

    /// The first file of the history shown; currentPaths() has them all.
    QString currentPath() const { return m_path; }
    QStringList currentPaths() const { return m_paths; }
    Playhead* playhead() const { return m_playhead; }
    Player* player() const { return m_player; }
    HistoryLoader* loader() const { return m_loader; }
    RecentFiles* recentFiles() const { return m_recent; }
    StreamsPane* streamsPane() const { return m_streams; }
    EventsPane* eventsPane() const { return m_events; }
    Inspector* inspector() const { return m_inspector; }
    TimelineWidget* timeline() const { return m_timeline; }
    TeachingTools* teaching() const { return m_teaching; }
    PresentationMode* presentation() const { return m_presentation; }
    StoryPlayer* stories() const { return m_stories; }

    /// Text in every pane `steps` eighths larger (negative: smaller) than usual; remembered.
    void setTextZoom(int steps);
    int textZoom() const { return m_textZoom; }

public slots:
    /// Opens the history again (F5): what other programs appended since appears, and the
    /// playhead stays where it was, or follows the head when it was at the end.
    void reload();
    /// Reads the history again and puts the playhead on `position` of `stream` (empty: all
    /// streams): after the window itself appended to it.
    void reloadAt(qint64 position, const QString& stream);
    /// Opens logs leaving out the records that cannot be read; skippedRecords() lists them.
    void openReadableRecords(const QStringList& paths);
    /// The bad records the last "open the readable records" left out (`file:line: problem`).
    QStringList skippedRecords() const { return m_skippedRecords; }
    /// Writes the events the table shows, in its order, to a JSON Lines file (all or nothing).
    Status exportShownEvents(const QString& path);
    void showOpenDialog();
    void showOpenWithMappingDialog();
    void showGoToVersion();
    void showGoToTime();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createStatusBar();
    void restoreSettings();
    void saveSettings();
    void showDetails(const PointDetails& details);
    void updateLegend();
    Status showExportError(const QString& path, const Error& error);
    /// Where the person is (position, stream, tab, search, types), kept per history on leaving
    /// it and brought back when it is opened again.
    Place currentPlace() const;
    void applyPlace(const Place& place);
    void rememberPlace() const;
    bool offerReadableRecords(const QStringList& paths, const Error& error);
    void showSkippedRecords(qint64 count, const QList<Error>& first);
    void showProgress(int permille, const QString& phase);
    void showLoading(bool loading);
    void showError(const QString& path, const QString& message);
    /// After a failed open: when a mapping can fix it, asks whether to map the fields by hand.
    bool offerMapping(const QStringList& paths, const Error& error);
    void openWithMapping(const QStringList& paths, const QString& previewPath, const FieldMapping& start);
    /// The Stream ▸ Domain menu: the stream it applies to, and what choosing a domain does.
    QString streamForDomainMenu() const;
    void fillDomainMenu(QMenu* menu);

    Memory m_memory = Memory::Remember;
    QString m_path;
    QStringList m_paths;
    /// What the load under way was asked to open: the loader's signals name only the first file.
    int m_openingJob = 0;
    QStringList m_openingPaths;
    FieldMapping m_openingMapping;
    FieldMapping m_mapping; ///< the mapping the shown history was read with
    /// After a reopen for a domain choice: where the playhead was (position, stream).
    std::optional<std::pair<qint64, QString>> m_restore;
    Playhead* m_playhead = nullptr;
    Player* m_player = nullptr;
    HistoryLoader* m_loader = nullptr;
    RecentFiles* m_recent = nullptr;
    StreamsPane* m_streams = nullptr;
    EventsPane* m_events = nullptr;
    Inspector* m_inspector = nullptr;
    TimelineWidget* m_timeline = nullptr;
    TeachingTools* m_teaching = nullptr;
    PresentationMode* m_presentation = nullptr;
    StoryPlayer* m_stories = nullptr;
    QLabel* m_legend = nullptr;
    int m_textZoom = 0;
    QStringList m_skippedRecords;
    QSplitter* m_vertical = nullptr;
    QSplitter* m_horizontal = nullptr;
    QSpinBox* m_speed = nullptr;
    QLabel* m_positionLabel = nullptr;
    QLabel* m_timeLabel = nullptr;
    QLabel* m_versionLabel = nullptr;
    QLabel* m_howLabel = nullptr;
    QLabel* m_loadingLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
};

} // namespace Rewind
