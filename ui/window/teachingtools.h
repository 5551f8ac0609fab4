#pragma once

#include "model/error.h"

#include <QObject>
#include <QStringList>

#include <memory>

class QAction;
class QDockWidget;
class QMenu;
class QTemporaryDir;

namespace Rewind {

class CommandsPanel;
class CrudTab;
class FoldTab;
class MainWindow;
class ProjectionsTab;
class SnapshotsTab;

/// What the window gives a teacher: the Commands panel (the write side), the Fold, CRUD and
/// Snapshots and Projections tabs of the inspector, a writable copy of the demo and the actions around them
/// (Save Demo As…, Import into a New Store…, Take Snapshot Here). It decides which history can
/// be written: only a Rewind store the person chose, or the demo's own copy.
class TeachingTools : public QObject {
    Q_OBJECT
public:
    explicit TeachingTools(MainWindow* window);
    ~TeachingTools() override;

    /// Adds the actions to the window's menus.
    void addActions(QMenu* file, QMenu* view, QMenu* stream);

    /// A fresh writable copy of the bundled demo, in a temporary folder this object removes.
    Result<QString> demoCopy();
    /// Whether `path` is one of those copies (kept out of recent files, offered Save Demo As…).
    bool isDemoCopy(const QString& path) const;
    /// Keeps the demo copy shown at `target` (a consistent copy of the store), and opens it there.
    Status saveDemoAs(const QString& target);
    /// Copies every event of the history shown into a new store at `target` and opens it.
    /// Waits for the copy (tests); the window's menu runs it with a progress dialog.
    Status importIntoNewStore(const QString& target);

    CommandsPanel* commandsPanel() const { return m_commands; }
    QDockWidget* commandsDock() const { return m_dock; }
    FoldTab* foldTab() const { return m_fold; }
    CrudTab* crudTab() const { return m_crud; }
    SnapshotsTab* snapshotsTab() const { return m_snapshots; }
    ProjectionsTab* projectionsTab() const { return m_projections; }

private:
    void historyChanged();
    void showSaveDemoDialog();
    void showImportDialog();

    MainWindow* m_window = nullptr;
    CommandsPanel* m_commands = nullptr;
    QDockWidget* m_dock = nullptr;
    FoldTab* m_fold = nullptr;
    CrudTab* m_crud = nullptr;
    SnapshotsTab* m_snapshots = nullptr;
    ProjectionsTab* m_projections = nullptr;
    QAction* m_saveDemo = nullptr;
    QAction* m_import = nullptr;
    QAction* m_takeSnapshot = nullptr;
    std::unique_ptr<QTemporaryDir> m_scratch;
    int m_demoCopies = 0;
};

} // namespace Rewind
