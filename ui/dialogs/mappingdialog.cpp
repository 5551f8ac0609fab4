#include "dialogs/mappingdialog.h"

#include "models/eventtext.h"
#include "theme/icons.h"
#include "theme/themecolors.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Rewind {

namespace {
using F = FieldMapping;

QString noneText() { return MappingDialog::tr("(none)"); }

QString fieldLabel(F::Field field)
{
    switch (field) {
    case F::Stream:
        return MappingDialog::tr("&Stream:");
    case F::Type:
        return MappingDialog::tr("&Type:");
    case F::Version:
        return MappingDialog::tr("&Version:");
    case F::Position:
        return MappingDialog::tr("&Position:");
    case F::At:
        return MappingDialog::tr("T&ime:");
    case F::Data:
        return MappingDialog::tr("&Data:");
    case F::Metadata:
        return MappingDialog::tr("&Metadata:");
    default:
        return {};
    }
}

QString fieldMeaning(F::Field field)
{
    switch (field) {
    case F::Stream:
        return MappingDialog::tr("the stream (aggregate) each event belongs to. Required.");
    case F::Type:
        return MappingDialog::tr("the event's type. Required.");
    case F::Version:
        return MappingDialog::tr("the event's version in its stream. (none): counted 1, 2, 3 … per stream.");
    case F::Position:
        return MappingDialog::tr("the event's position in the whole log. (none): the record order.");
    case F::At:
        return MappingDialog::tr("when the event happened. (none): the metadata's occurredAt, timestamp or "
                                 "time, when there is one.");
    case F::Data:
        return MappingDialog::tr("the event's payload: an object, or JSON text holding one. (none): {}.");
    case F::Metadata:
        return MappingDialog::tr("the event's metadata (actor, correlation ids …). (none): {}.");
    default:
        return {};
    }
}
}

MappingDialog::MappingDialog(QWidget* parent)
    : QDialog(parent)
    , m_info(new QLabel(this))
    , m_records(new QPlainTextEdit(this))
    , m_timeFormat(new QComboBox(this))
    , m_pattern(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_problemList(new QListWidget(this))
{
    setWindowTitle(tr("Open with Mapping"));
    setObjectName(QStringLiteral("mappingDialog"));
    m_info->setObjectName(QStringLiteral("fileInfo"));
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The mapping: our field → their field path.
    auto* fields = new QGroupBox(tr("Fields"), this);
    auto* form = new QFormLayout(fields);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (qsizetype i = 0; i < qsizetype(Fields.size()); ++i) {
        const F::Field field = Fields.at(i);
        auto* box = new QComboBox(fields);
        box->setObjectName(F::fieldName(field) + QStringLiteral("Box"));
        // Editable: a path the first records do not show (a key only later records have) can be typed.
        box->setEditable(true);
        box->setInsertPolicy(QComboBox::NoInsert);
        box->setMinimumContentsLength(18);
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setToolTip(tr("<p>Which field of the records holds %1</p><p>Detection looks for: %2.<br>Dots reach "
                           "into nested objects (<code>metadata.occurredAt</code>).</p>")
                            .arg(fieldMeaning(field).toHtmlEscaped(), F::aliases(field).join(QStringLiteral(", "))));
        box->setAccessibleName(QString(fieldLabel(field)).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
        connect(box, &QComboBox::currentTextChanged, this, &MappingDialog::updatePreview);
        m_fieldBoxes.at(i) = box;
        form->addRow(fieldLabel(field), box);
    }
    m_timeFormat->setObjectName(QStringLiteral("timeFormatBox"));
    m_timeFormat->addItem(tr("Automatic (ISO 8601 or epoch ms)"), int(F::TimeFormat::Auto));
    m_timeFormat->addItem(tr("ISO 8601"), int(F::TimeFormat::Iso8601));
    m_timeFormat->addItem(tr("Epoch milliseconds"), int(F::TimeFormat::EpochMilliseconds));
    m_timeFormat->addItem(tr("Epoch seconds"), int(F::TimeFormat::EpochSeconds));
    m_timeFormat->addItem(tr("Pattern"), int(F::TimeFormat::Pattern));
    m_timeFormat->setToolTip(tr("How the records write their times. Times without a zone are read as UTC."));
    m_timeFormat->setAccessibleName(tr("Time format"));
    m_pattern->setObjectName(QStringLiteral("timePatternEdit"));
    m_pattern->setPlaceholderText(QStringLiteral("dd.MM.yyyy HH:mm:ss"));
    m_pattern->setToolTip(tr("<p>A date-time pattern, read as UTC: <code>dd.MM.yyyy HH:mm:ss</code>, "
                             "<code>yyyy/MM/dd hh:mm</code>, <code>MM-dd-yyyy h:mm AP</code> …</p>"));
    m_pattern->setAccessibleName(tr("Time pattern"));
    form->addRow(tr("Time &format:"), m_timeFormat);
    form->addRow(tr("Patter&n:"), m_pattern);
    auto* hint = new QLabel(tr("Choose the record's field for each of Rewind's, or type a path. "
                               "The preview follows every change."),
        fields);
    hint->setWordWrap(true);
    form->addRow(hint);
    connect(m_timeFormat, &QComboBox::currentIndexChanged, this, [this] {
        updatePatternEdit();
        updatePreview();
    });
    connect(m_pattern, &QLineEdit::textChanged, this, &MappingDialog::updatePreview);

    // The records as written.
    m_records->setObjectName(QStringLiteral("records"));
    m_records->setReadOnly(true);
    m_records->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_records->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_records->setToolTip(tr("The first records of the file, as written, with their line numbers"));
    m_records->setTabChangesFocus(true);

    // What they become.
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels(
        { tr("Line"), tr("Stream"), tr("Version"), tr("Type"), tr("Time (UTC)"), tr("Data") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // The data takes what room is left; the whole of it is in the tooltip.
    m_table->horizontalHeader()->setSectionResizeMode(DataColumn, QHeaderView::Stretch);
    m_table->setToolTip(tr("The events the mapping makes of the records above"));
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_problemList->setObjectName(QStringLiteral("problemList"));
    m_problemList->setToolTip(tr("What the mapping cannot read, as file:line: problem"));
    m_problemList->setWordWrap(true);

    const auto titled = [this](const QString& title, QWidget* buddy, QWidget* extra = nullptr) {
        auto* box = new QWidget(this);
        auto* layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(3);
        auto* label = new QLabel(title, box);
        label->setBuddy(buddy);
        auto* row = new QHBoxLayout;
        row->addWidget(label);
        if (extra)
            row->addWidget(extra, 1);
        else
            row->addStretch(1);
        layout->addLayout(row);
        layout->addWidget(buddy, 1);
        return box;
    };
    auto* right = new QSplitter(Qt::Vertical, this);
    right->setChildrenCollapsible(false);
    right->addWidget(titled(tr("<b>&Records</b>"), m_records));
    right->addWidget(titled(tr("<b>Pr&eview</b>"), m_table, m_summary));
    right->addWidget(titled(tr("<b>Pro&blems</b>"), m_problemList));
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 4);
    right->setStretchFactor(2, 2);

    auto* body = new QSplitter(Qt::Horizontal, this);
    body->setChildrenCollapsible(false);
    body->addWidget(fields);
    body->addWidget(right);
    body->setStretchFactor(0, 0);
    body->setStretchFactor(1, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_open = buttons->button(QDialogButtonBox::Ok);
    m_open->setText(tr("&Open"));
    m_open->setToolTip(tr("Open the file with this mapping"));
    auto* load = buttons->addButton(tr("&Load Mapping…"), QDialogButtonBox::ActionRole);
    load->setObjectName(QStringLiteral("loadMappingButton"));
    load->setToolTip(tr("Read a mapping file (the JSON that rewind-cli --mapping reads)"));
    auto* save = buttons->addButton(tr("S&ave Mapping…"), QDialogButtonBox::ActionRole);
    save->setObjectName(QStringLiteral("saveMappingButton"));
    save->setToolTip(tr("Write this mapping to a file, for rewind-cli --mapping and later opens"));
    // Enter in a combo box or the pattern opens, as the default button should; the action
    // buttons must not take that over.
    load->setAutoDefault(false);
    save->setAutoDefault(false);
    m_open->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(load, &QPushButton::clicked, this, &MappingDialog::chooseMappingToLoad);
    connect(save, &QPushButton::clicked, this, &MappingDialog::chooseMappingToSave);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_info);
    layout->addWidget(body, 1);
    layout->addWidget(buttons);

    // Tab goes down the fields, then to what they make: the widgets were not created in that order.
    QList<QWidget*> order(m_fieldBoxes.cbegin(), m_fieldBoxes.cend());
    order << m_timeFormat << m_pattern << m_records << m_table << m_problemList << m_open << load << save;
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));

    updatePatternEdit();
    resize(1100, 720);
    m_fieldBoxes.front()->setFocus();
}

std::optional<qsizetype> MappingDialog::indexOf(FieldMapping::Field field)
{
    const auto it = std::find(Fields.cbegin(), Fields.cend(), field);
    if (it == Fields.cend())
        return std::nullopt;
    return qsizetype(it - Fields.cbegin());
}

QComboBox* MappingDialog::fieldBox(FieldMapping::Field field) const
{
    const auto i = indexOf(field);
    return i ? m_fieldBoxes.at(*i) : nullptr;
}

Status MappingDialog::setFile(const QString& path)
{
    auto preview = RecordPreview::load(path);
    if (!preview)
        return preview.error();
    m_file = path;
    m_preview = std::move(preview).value();
    const QString name = QFileInfo(path).fileName();
    const FieldMapping detected = m_preview->detected();
    const bool found = !detected.path(F::Stream).isEmpty() && !detected.path(F::Type).isEmpty();
    const int count = int(m_preview->records().size());
    m_info->setText(
        (count == 1 ? tr("<b>%1</b> — %2, its first record. ") : tr("<b>%1</b> — %2, its first %3 records. "))
            .arg(name.toHtmlEscaped(), m_preview->kindName())
            .arg(count)
        + (found ? tr("The fields below are what detection found; change any that are wrong.")
                 : tr("Detection could not tell which fields hold the stream and the type: choose them below.")));

    QStringList lines;
    if (!m_preview->header().isEmpty())
        lines.append(QStringLiteral("%1  %2").arg(1, 5).arg(QString::fromUtf8(m_preview->header())));
    for (const RecordPreview::Record& record : m_preview->records())
        lines.append(QStringLiteral("%1  %2").arg(record.line, 5).arg(QString::fromUtf8(record.text)));
    m_records->setPlainText(lines.join(QLatin1Char('\n')));

    const QStringList keys = m_preview->keys();
    for (QComboBox* box : m_fieldBoxes) {
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItem(noneText());
        box->addItems(keys);
    }
    setMapping(detected);
    updatePreview();
    return {};
}

void MappingDialog::setFieldPath(FieldMapping::Field field, const QString& path)
{
    QComboBox* box = fieldBox(field);
    if (!box)
        return;
    const QString text = path.isEmpty() ? noneText() : path;
    const int index = box->findText(text);
    if (index >= 0)
        box->setCurrentIndex(index);
    else
        box->setEditText(text);
}

FieldMapping MappingDialog::mapping() const
{
    FieldMapping result = m_hidden;
    for (qsizetype i = 0; i < qsizetype(Fields.size()); ++i) {
        const QString text = m_fieldBoxes.at(i)->currentText().trimmed();
        const bool none = text.isEmpty() || text == noneText();
        // Every event has a stream and a type: "none" there means "not chosen yet", left to
        // detection, whose error then names the aliases it looked for.
        if (none && (Fields.at(i) == F::Stream || Fields.at(i) == F::Type))
            continue;
        result.setPath(Fields.at(i), none ? QString() : text);
    }
    const auto format = F::TimeFormat(m_timeFormat->currentData().toInt());
    if (format == F::TimeFormat::Pattern && !m_pattern->text().trimmed().isEmpty())
        result.setTimeFormat(format, m_pattern->text().trimmed());
    else if (format != F::TimeFormat::Pattern)
        result.setTimeFormat(format);
    return result;
}

void MappingDialog::setMapping(const FieldMapping& mapping)
{
    m_hidden = FieldMapping();
    for (const F::Field field : { F::Kind, F::State }) {
        if (mapping.isMapped(field))
            m_hidden.setPath(field, mapping.path(field));
    }
    for (const F::Field field : Fields) {
        if (mapping.isMapped(field))
            setFieldPath(field, mapping.path(field));
    }
    const int index = m_timeFormat->findData(int(mapping.timeFormat()));
    m_timeFormat->setCurrentIndex(std::max(index, 0));
    if (mapping.timeFormat() == F::TimeFormat::Pattern)
        m_pattern->setText(mapping.timePattern());
    updatePatternEdit();
    updatePreview();
}

Status MappingDialog::loadMapping(const QString& path)
{
    auto mapping = FieldMapping::load(path);
    if (!mapping)
        return mapping.error();
    setMapping(*mapping);
    return {};
}

Status MappingDialog::saveMapping(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(mapping().toJson()) < 0 || !file.flush())
        return Error::failure(tr("cannot write the mapping: %1").arg(file.errorString()), path);
    return {};
}

void MappingDialog::updatePatternEdit()
{
    const bool pattern = F::TimeFormat(m_timeFormat->currentData().toInt()) == F::TimeFormat::Pattern;
    m_pattern->setEnabled(pattern);
}

void MappingDialog::updatePreview()
{
    m_rows.clear();
    m_problems.clear();
    if (m_preview)
        m_rows = m_preview->apply(mapping());
    const QString name = QFileInfo(m_file).fileName();
    const QPalette& pal = palette();
    const QColor problemColor = ThemeColors::anomaly(pal);
    const QColor dimmed = ThemeColors::dimmedText(pal);

    m_table->clearContents();
    m_table->clearSpans();
    m_table->setRowCount(int(m_rows.size()));
    int events = 0;
    // Problems span the row; they are set after the columns are sized, so that the columns fit
    // the events rather than the longest message.
    QList<std::pair<int, QString>> problemRows;
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const RecordPreview::Row& row = m_rows.at(r);
        const auto item = [&](int column, const QString& text) {
            auto* cell = new QTableWidgetItem(text);
            cell->setToolTip(text);
            m_table->setItem(r, column, cell);
            return cell;
        };
        QTableWidgetItem* line = item(LineColumn, row.line > 0 ? QString::number(row.line) : QString());
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (!row.problem.isEmpty()) {
            m_problems.append(Error::badInput(row.problem, name, row.line).toString());
            line->setIcon(Icons::anomaly(pal));
            problemRows.append({ r, row.problem });
            continue;
        }
        ++events;
        item(StreamColumn, row.event.stream);
        QTableWidgetItem* version = item(VersionColumn, QString::number(row.event.version));
        version->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (row.versionFilledIn) {
            version->setForeground(dimmed);
            version->setToolTip(tr("Not in the record: counted 1, 2, 3 … per stream"));
        }
        item(TypeColumn, row.event.type);
        QTableWidgetItem* time = item(TimeColumn, row.event.at != 0 ? EventText::time(row.event.at) : tr("(none)"));
        if (row.event.at == 0)
            time->setForeground(dimmed);
        item(DataColumn, QString::fromUtf8(row.event.data));
        if (row.isSnapshot)
            line->setIcon(Icons::snapshot(pal));
    }
    m_table->resizeColumnsToContents();
    for (int c = StreamColumn; c < DataColumn; ++c)
        m_table->setColumnWidth(c,
            std::clamp(
                m_table->columnWidth(c), fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00")) / 2, 220));
    // Sizing the other columns does not give the stretched one the room left; setting its mode does.
    m_table->horizontalHeader()->setSectionResizeMode(DataColumn, QHeaderView::Stretch);
    for (const auto& [r, text] : std::as_const(problemRows)) {
        auto* problem = new QTableWidgetItem(text);
        problem->setToolTip(text);
        problem->setForeground(problemColor);
        m_table->setItem(r, StreamColumn, problem);
        m_table->setSpan(r, StreamColumn, 1, ColumnCount - StreamColumn);
    }

    const int records = int(m_rows.size());
    if (m_preview && m_preview->records().isEmpty())
        m_summary->setText(tr("the file has no records to preview"));
    else if (m_problems.isEmpty())
        m_summary->setText(
            records == 1 ? tr("the record becomes an event") : tr("all %1 records become events").arg(records));
    else
        m_summary->setText(
            tr("%1 of %2 records become events; %3 cannot be read").arg(events).arg(records).arg(records - events));

    m_problemList->clear();
    for (const QString& problem : std::as_const(m_problems)) {
        auto* entry = new QListWidgetItem(Icons::anomaly(pal), problem, m_problemList);
        entry->setForeground(problemColor);
        entry->setToolTip(problem);
    }
    if (m_problems.isEmpty()) {
        auto* entry = new QListWidgetItem(tr("No problems in these records."), m_problemList);
        entry->setFlags(Qt::ItemIsEnabled);
    }
}

void MappingDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    // Problem and dimmed colours are picked for the palette: a new palette needs them again.
    if (event->type() == QEvent::PaletteChange)
        updatePreview();
}

void MappingDialog::chooseMappingToLoad()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load Mapping"), QFileInfo(m_file).absolutePath(), tr("Mapping files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const Status loaded = loadMapping(path); !loaded)
        QMessageBox::warning(this, tr("Cannot load the mapping"), loaded.error().toString());
}

void MappingDialog::chooseMappingToSave()
{
    const QFileInfo info(m_file);
    const QString suggested =
        info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral("-mapping.json");
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Mapping"), suggested, tr("Mapping files (*.json)"));
    if (path.isEmpty())
        return;
    if (const Status saved = saveMapping(path); !saved)
        QMessageBox::warning(this, tr("Cannot save the mapping"), saved.error().toString());
}

bool MappingDialog::canHelpWith(const QString& path, const Error& error)
{
    switch (SourceOpener::detect(path)) {
    case SourceOpener::Kind::JsonLines:
    case SourceOpener::Kind::Json:
    case SourceOpener::Kind::Csv:
        break;
    default:
        return false;
    }
    // A field the reader did not find or could not read; a broken file (invalid JSON, a bad
    // quote) is not something a mapping fixes.
    return error.kind == Error::Kind::Unmapped;
}

} // namespace Rewind
