#pragma once

#include "model/error.h"
#include "sources/fieldmapping.h"
#include "sources/recordpreview.h"

#include <QDialog>

#include <array>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace Rewind {

/// "Open with Mapping": the first records of a log, which of their fields holds each of
/// Rewind's (detected first, editable), the time format, and a live preview of the events the
/// mapping makes, with each record's problem. Saves and loads the mapping files `--mapping`
/// reads, so what works here works on the command line too.
class MappingDialog : public QDialog {
    Q_OBJECT
public:
    /// The fields the dialog maps; kind and state (snapshot records) stay detected.
    static constexpr std::array<FieldMapping::Field, 7> Fields = { FieldMapping::Stream, FieldMapping::Type,
        FieldMapping::Version, FieldMapping::Position, FieldMapping::At, FieldMapping::Data, FieldMapping::Metadata };
    enum PreviewColumns { LineColumn, StreamColumn, VersionColumn, TypeColumn, TimeColumn, DataColumn, ColumnCount };

    explicit MappingDialog(QWidget* parent = nullptr);

    /// Reads the first records of `path` and shows what detection finds in them.
    Status setFile(const QString& path);
    QString file() const { return m_file; }

    FieldMapping mapping() const;
    /// Shows `mapping`; the fields it leaves out keep what is shown.
    void setMapping(const FieldMapping& mapping);
    Status loadMapping(const QString& path);
    Status saveMapping(const QString& path) const;

    /// What the records become under the mapping shown.
    const QList<RecordPreview::Row>& rows() const { return m_rows; }
    /// The problems of the mapping shown, one `file:line: problem` each.
    QStringList problems() const { return m_problems; }

    QComboBox* fieldBox(FieldMapping::Field field) const;
    QComboBox* timeFormatBox() const { return m_timeFormat; }
    QLineEdit* timePatternEdit() const { return m_pattern; }
    QTableWidget* previewTable() const { return m_table; }

    /// Whether the error an open ended with is one a mapping can fix: a text log whose fields
    /// were not found or not understood (no stream field, a time in an unknown format …).
    static bool canHelpWith(const QString& path, const Error& error);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updatePreview();
    void updatePatternEdit();
    void chooseMappingToLoad();
    void chooseMappingToSave();
    void setFieldPath(FieldMapping::Field field, const QString& path);
    static std::optional<qsizetype> indexOf(FieldMapping::Field field);

    QString m_file;
    /// What a loaded mapping file says of the fields the dialog does not show (kind, state),
    /// kept so that saving it again loses nothing.
    FieldMapping m_hidden;
    std::optional<RecordPreview> m_preview;
    QList<RecordPreview::Row> m_rows;
    QStringList m_problems;
    QLabel* m_info = nullptr;
    QPlainTextEdit* m_records = nullptr;
    std::array<QComboBox*, Fields.size()> m_fieldBoxes {};
    QComboBox* m_timeFormat = nullptr;
    QLineEdit* m_pattern = nullptr;
    QLabel* m_summary = nullptr;
    QTableWidget* m_table = nullptr;
    QListWidget* m_problemList = nullptr;
    QPushButton* m_open = nullptr;
};

} // namespace Rewind
