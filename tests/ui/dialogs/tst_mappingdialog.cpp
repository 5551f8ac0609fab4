#include "dialogs/mappingdialog.h"
#include "sources/sourceopener.h"
#include "theme/themecolors.h"
#include "uitesthelpers.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyleFactory>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Rewind;
using F = FieldMapping;

/// Drives the real mapping dialog the way a person does: open a log detection cannot read,
/// choose its fields in the combo boxes, type a time pattern, and watch the preview and its
/// problems follow; save the mapping and load it again.
class TestMappingDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void showsTheRecordsAndWhatDetectionFound();
    void offersNestedPaths();
    void choosingTheFieldsFixesEveryRecord();
    void mappingReadsTheWholeFileLikeTheCore();
    void saveAndLoadRoundTrip();
    void loadsTheCommandLinesMappingFile();
    void csvColumnsAreMapped();
    void jsonDocumentRecordsArePreviewed();
    void keyboardReachesEveryField();
    void offeredOnlyWhenAMappingCanHelp();
    void refusesWhatIsNoTextLog();
    void readableInLightAndDarkPalettes_data();
    void readableInLightAndDarkPalettes();

private:
    static QString formats(const QString& name) { return QStringLiteral(REWIND_TEST_DATA_DIR "/formats/") + name; }
    static void choose(QComboBox* box, const QString& text)
    {
        const int index = box->findText(text);
        QVERIFY2(index >= 0, qPrintable(text + QStringLiteral(" is not offered")));
        box->setCurrentIndex(index);
    }
    static QString cell(const MappingDialog& dialog, int row, int column)
    {
        const QTableWidgetItem* item = dialog.previewTable()->item(row, column);
        return item ? item->text() : QString();
    }
    static void mapCustom(MappingDialog& dialog);

    QTemporaryDir m_dir;
};

void TestMappingDialog::initTestCase()
{
    RewindTest::setUpApplication();
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void TestMappingDialog::mapCustom(MappingDialog& dialog)
{
    choose(dialog.fieldBox(F::Stream), QStringLiteral("entity.key"));
    choose(dialog.fieldBox(F::Type), QStringLiteral("what"));
    choose(dialog.fieldBox(F::Version), QStringLiteral("n"));
    choose(dialog.fieldBox(F::At), QStringLiteral("when"));
    choose(dialog.fieldBox(F::Data), QStringLiteral("args"));
    choose(dialog.timeFormatBox(),
        dialog.timeFormatBox()->itemText(dialog.timeFormatBox()->findData(int(F::TimeFormat::Pattern))));
    dialog.timePatternEdit()->clear();
    QTest::keyClicks(dialog.timePatternEdit(), QStringLiteral("dd.MM.yyyy HH:mm:ss"));
}

void TestMappingDialog::showsTheRecordsAndWhatDetectionFound()
{
    // Field names that are aliases are found without help.
    MappingDialog aliases;
    QVERIFY(aliases.setFile(formats(QStringLiteral("aliases.jsonl"))));
    QCOMPARE(aliases.fieldBox(F::Stream)->currentText(), QStringLiteral("streamId"));
    QCOMPARE(aliases.fieldBox(F::Type)->currentText(), QStringLiteral("eventType"));
    QCOMPARE(aliases.fieldBox(F::Version)->currentText(), QStringLiteral("streamVersion"));
    QCOMPARE(aliases.fieldBox(F::At)->currentText(), QStringLiteral("timestamp"));
    QCOMPARE(aliases.fieldBox(F::Data)->currentText(), QStringLiteral("payload"));
    QCOMPARE(aliases.fieldBox(F::Metadata)->currentText(), QStringLiteral("meta"));
    QCOMPARE(aliases.fieldBox(F::Position)->currentText(), QStringLiteral("(none)"));
    QVERIFY2(aliases.problems().isEmpty(), qPrintable(aliases.problems().join(QLatin1Char('\n'))));

    // custom.jsonl names nothing the way any export does: every field is "none", every record
    // a problem that says which file, which line and what is missing.
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("custom.jsonl"))));
    for (const F::Field field : MappingDialog::Fields)
        QCOMPARE(dialog.fieldBox(field)->currentText(), QStringLiteral("(none)"));
    QCOMPARE(dialog.rows().size(), 3);
    QCOMPARE(dialog.problems().size(), 3);
    QVERIFY2(dialog.problems().first().startsWith(QStringLiteral("custom.jsonl:1: missing field \"stream\"")),
        qPrintable(dialog.problems().first()));
    QVERIFY(dialog.problems().at(2).startsWith(QStringLiteral("custom.jsonl:3: ")));
    QVERIFY(cell(dialog, 0, MappingDialog::StreamColumn).contains(QStringLiteral("missing field")));
    // The records as written, with their line numbers.
    const QString records = dialog.findChild<QPlainTextEdit*>(QStringLiteral("records"))->toPlainText();
    QVERIFY(records.contains(QStringLiteral("    1  {\"entity\":{\"kind\":\"Account\",\"key\":\"acct-100\"}")));
    QCOMPARE(records.count(QLatin1Char('\n')), 2);
}

void TestMappingDialog::offersNestedPaths()
{
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("custom.jsonl"))));
    QComboBox* stream = dialog.fieldBox(F::Stream);
    QStringList offered;
    for (int i = 0; i < stream->count(); ++i)
        offered.append(stream->itemText(i));
    QCOMPARE(offered.first(), QStringLiteral("(none)"));
    for (const char* key :
        { "entity", "entity.kind", "entity.key", "what", "n", "when", "args", "args.owner", "args.amount" })
        QVERIFY2(offered.contains(QLatin1String(key)), key);

    // A file whose time sits in the metadata: detection says so with a dotted path.
    MappingDialog nested;
    QVERIFY(nested.setFile(formats(QStringLiteral("nested-time.jsonl"))));
    QVERIFY2(nested.fieldBox(F::At)->currentText().contains(QLatin1Char('.')),
        qPrintable(nested.fieldBox(F::At)->currentText()));
    QVERIFY2(nested.problems().isEmpty(), qPrintable(nested.problems().join(QLatin1Char('\n'))));
}

void TestMappingDialog::choosingTheFieldsFixesEveryRecord()
{
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("custom.jsonl"))));

    // Stream and type chosen: the records become events, versions counted.
    choose(dialog.fieldBox(F::Stream), QStringLiteral("entity.key"));
    QVERIFY(dialog.problems().first().contains(QStringLiteral("missing field \"type\"")));
    choose(dialog.fieldBox(F::Type), QStringLiteral("what"));
    QVERIFY(dialog.problems().isEmpty());
    QCOMPARE(cell(dialog, 0, MappingDialog::StreamColumn), QStringLiteral("acct-100"));
    QCOMPARE(cell(dialog, 2, MappingDialog::VersionColumn), QStringLiteral("3"));
    QCOMPARE(cell(dialog, 0, MappingDialog::TimeColumn), QStringLiteral("(none)"));

    // A time in a format detection does not know: each record says so, until the pattern is typed.
    choose(dialog.fieldBox(F::At), QStringLiteral("when"));
    QCOMPARE(dialog.problems().size(), 3);
    QVERIFY2(dialog.problems().at(1).startsWith(QStringLiteral("custom.jsonl:2: field \"when\" (at) must be")),
        qPrintable(dialog.problems().at(1)));

    mapCustom(dialog);
    QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(QLatin1Char('\n'))));
    const QStringList types = { QStringLiteral("Opened"), QStringLiteral("Deposited"), QStringLiteral("Withdrawn") };
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(cell(dialog, row, MappingDialog::LineColumn), QString::number(row + 1));
        QCOMPARE(cell(dialog, row, MappingDialog::StreamColumn), QStringLiteral("acct-100"));
        QCOMPARE(cell(dialog, row, MappingDialog::VersionColumn), QString::number(row + 1));
        QCOMPARE(cell(dialog, row, MappingDialog::TypeColumn), types.at(row));
        QVERIFY(!dialog.rows().at(row).versionFilledIn);
    }
    QCOMPARE(cell(dialog, 2, MappingDialog::TimeColumn), QStringLiteral("2026-08-05 10:00:00"));
    QCOMPARE(cell(dialog, 1, MappingDialog::DataColumn), QStringLiteral("{\"amount\":40}"));

    // Back to a wrong field: the problem is back too.
    choose(dialog.fieldBox(F::Version), QStringLiteral("what"));
    QCOMPARE(dialog.problems().size(), 3);
    QVERIFY(dialog.problems().first().contains(QStringLiteral("must be a positive integer")));
    // A path typed by hand counts as much as one chosen.
    dialog.fieldBox(F::Version)->setEditText(QStringLiteral("n"));
    QVERIFY(dialog.problems().isEmpty());
}

void TestMappingDialog::mappingReadsTheWholeFileLikeTheCore()
{
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("custom.jsonl"))));
    mapCustom(dialog);
    const FieldMapping mapping = dialog.mapping();
    QCOMPARE(mapping.path(F::Stream), QStringLiteral("entity.key"));
    QCOMPARE(mapping.timeFormat(), F::TimeFormat::Pattern);
    QCOMPARE(mapping.timePattern(), QStringLiteral("dd.MM.yyyy HH:mm:ss"));
    QVERIFY(mapping.isMapped(F::Position) && mapping.path(F::Position).isEmpty()); // "none"

    ReadOptions options;
    options.mapping = mapping;
    const auto source = SourceOpener::open(QStringList { formats(QStringLiteral("custom.jsonl")) }, options);
    QVERIFY2(source.ok(), source.ok() ? "" : qPrintable(source.error().toString()));
    const auto events = (*source)->events();
    QVERIFY(events.ok());
    QCOMPARE(events->size(), dialog.rows().size());
    for (qsizetype i = 0; i < events->size(); ++i) {
        QCOMPARE(events->at(i).stream, dialog.rows().at(i).event.stream);
        QCOMPARE(events->at(i).version, dialog.rows().at(i).event.version);
        QCOMPARE(events->at(i).at, dialog.rows().at(i).event.at);
        QCOMPARE(events->at(i).data, dialog.rows().at(i).event.data);
    }
}

void TestMappingDialog::saveAndLoadRoundTrip()
{
    const QString path = m_dir.filePath(QStringLiteral("saved-mapping.json"));
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("custom.jsonl"))));
    mapCustom(dialog);
    QVERIFY(dialog.saveMapping(path));

    // The file is the one `--mapping` reads: our field → their path, null for none.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(json.value(QStringLiteral("stream")).toString(), QStringLiteral("entity.key"));
    QCOMPARE(json.value(QStringLiteral("at")).toString(), QStringLiteral("when"));
    QCOMPARE(json.value(QStringLiteral("timeFormat")).toString(), QStringLiteral("dd.MM.yyyy HH:mm:ss"));
    QVERIFY(json.value(QStringLiteral("position")).isNull());
    QCOMPARE(*FieldMapping::load(path), dialog.mapping());

    MappingDialog again;
    QVERIFY(again.setFile(formats(QStringLiteral("custom.jsonl"))));
    QVERIFY(!again.problems().isEmpty());
    QVERIFY(again.loadMapping(path));
    QCOMPARE(again.mapping(), dialog.mapping());
    QCOMPARE(again.fieldBox(F::Stream)->currentText(), QStringLiteral("entity.key"));
    QVERIFY(again.timePatternEdit()->isEnabled());
    QVERIFY(again.problems().isEmpty());

    // A broken mapping file says why and changes nothing.
    const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
    QFile out(broken);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(R"({"aggregate":"x"})");
    out.close();
    const Status loaded = again.loadMapping(broken);
    QVERIFY(!loaded.ok());
    QVERIFY(loaded.error().toString().contains(QStringLiteral("unknown field \"aggregate\"")));
    QCOMPARE(again.mapping(), dialog.mapping());
}

void TestMappingDialog::loadsTheCommandLinesMappingFile()
{
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("custom.jsonl"))));
    QVERIFY(dialog.loadMapping(formats(QStringLiteral("custom-mapping.json"))));
    QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(QLatin1Char('\n'))));
    QCOMPARE(dialog.fieldBox(F::Version)->currentText(), QStringLiteral("n"));
    QCOMPARE(dialog.timeFormatBox()->currentData().toInt(), int(F::TimeFormat::Pattern));
    QCOMPARE(dialog.timePatternEdit()->text(), QStringLiteral("dd.MM.yyyy HH:mm:ss"));

    // What the dialog does not show (the snapshot fields) survives a load and a save.
    const QString withKind = m_dir.filePath(QStringLiteral("with-kind.json"));
    QFile file(withKind);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"stream":"entity.key","type":"what","kind":"recordKind"})");
    file.close();
    QVERIFY(dialog.loadMapping(withKind));
    QCOMPARE(dialog.mapping().path(F::Kind), QStringLiteral("recordKind"));
    QVERIFY(!dialog.mapping().isMapped(F::State));
}

void TestMappingDialog::csvColumnsAreMapped()
{
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("merge-february.csv"))));
    QCOMPARE(dialog.fieldBox(F::Stream)->currentText(), QStringLiteral("stream"));
    QCOMPARE(dialog.fieldBox(F::At)->currentText(), QStringLiteral("at"));
    QVERIFY(dialog.fieldBox(F::Stream)->findText(QStringLiteral("amount")) >= 0);
    QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(QLatin1Char('\n'))));
    QCOMPARE(dialog.rows().size(), 3);
    QCOMPARE(cell(dialog, 0, MappingDialog::LineColumn), QStringLiteral("2"));
    QCOMPARE(cell(dialog, 2, MappingDialog::StreamColumn), QStringLiteral("account-2"));
    QCOMPARE(cell(dialog, 0, MappingDialog::DataColumn), QStringLiteral("{\"amount\":5}"));

    // A stream column the header does not have: the whole file is refused, in one line.
    dialog.fieldBox(F::Stream)->setEditText(QStringLiteral("account"));
    QCOMPARE(dialog.problems().size(), 1);
    QVERIFY2(
        dialog.problems().first().startsWith(QStringLiteral("merge-february.csv: not an event log: no stream column")),
        qPrintable(dialog.problems().first()));
    QCOMPARE(dialog.rows().size(), 1);
    choose(dialog.fieldBox(F::Stream), QStringLiteral("stream"));
    QVERIFY(dialog.problems().isEmpty());
    // A column chosen for the version: its numbers are the versions; text is a problem per row.
    choose(dialog.fieldBox(F::Version), QStringLiteral("amount"));
    QVERIFY(dialog.problems().isEmpty());
    QCOMPARE(cell(dialog, 2, MappingDialog::VersionColumn), QStringLiteral("7"));
    choose(dialog.fieldBox(F::At), QStringLiteral("(none)"));
    choose(dialog.fieldBox(F::Version), QStringLiteral("at"));
    QCOMPARE(dialog.problems().size(), 3);
    QVERIFY2(dialog.problems().at(1).startsWith(QStringLiteral("merge-february.csv:3: ")),
        qPrintable(dialog.problems().at(1)));
}

void TestMappingDialog::jsonDocumentRecordsArePreviewed()
{
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("events-object.json"))));
    QVERIFY(!dialog.rows().isEmpty());
    QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(QLatin1Char('\n'))));
    QCOMPARE(cell(dialog, 0, MappingDialog::StreamColumn), QStringLiteral("account-6"));
    QCOMPARE(cell(dialog, 0, MappingDialog::LineColumn), QStringLiteral("5")); // where the record starts
    // The export's own header is not a record.
    QVERIFY(dialog.fieldBox(F::Stream)->findText(QStringLiteral("exportedAt")) < 0);
}

void TestMappingDialog::keyboardReachesEveryField()
{
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("custom.jsonl"))));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    const std::pair<Qt::Key, QWidget*> mnemonics[] = {
        { Qt::Key_S, dialog.fieldBox(F::Stream) },
        { Qt::Key_T, dialog.fieldBox(F::Type) },
        { Qt::Key_V, dialog.fieldBox(F::Version) },
        { Qt::Key_I, dialog.fieldBox(F::At) },
        { Qt::Key_F, dialog.timeFormatBox() },
        { Qt::Key_E, dialog.previewTable() },
    };
    for (const auto& [key, widget] : mnemonics) {
        QTest::keyClick(&dialog, key, Qt::AltModifier);
        QVERIFY2(widget->hasFocus(), qPrintable(QKeySequence(key).toString()));
    }
    // Tab walks down the fields in their order, then to the records and the preview.
    dialog.fieldBox(F::Metadata)->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), dialog.timeFormatBox());
    dialog.fieldBox(F::Stream)->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), dialog.fieldBox(F::Type));
    // Typing a path into the focused box maps the field.
    dialog.fieldBox(F::Stream)->setFocus();
    dialog.fieldBox(F::Stream)->lineEdit()->selectAll();
    QTest::keyClicks(dialog.fieldBox(F::Stream), QStringLiteral("entity.key"));
    QCOMPARE(dialog.mapping().path(F::Stream), QStringLiteral("entity.key"));
    // Enter opens: Open is the default button, not Load or Save.
    QTest::keyClick(dialog.fieldBox(F::Stream), Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestMappingDialog::offeredOnlyWhenAMappingCanHelp()
{
    const QString custom = formats(QStringLiteral("custom.jsonl"));
    const auto opened = SourceOpener::open(custom);
    QVERIFY(!opened.ok());
    QVERIFY(MappingDialog::canHelpWith(custom, opened.error()));

    const QString notes = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile file(notes);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("just some notes\n");
    file.close();
    const auto refused = SourceOpener::open(notes);
    QVERIFY(!refused.ok());
    QVERIFY(!MappingDialog::canHelpWith(notes, refused.error()));

    const QString broken = m_dir.filePath(QStringLiteral("broken.jsonl"));
    QFile brokenFile(broken);
    QVERIFY(brokenFile.open(QIODevice::WriteOnly));
    brokenFile.write("{\"stream\":\"a\",\"type\":\"X\"}\n{\"stream\":\"a\n");
    brokenFile.close();
    const auto invalid = SourceOpener::open(broken);
    QVERIFY(!invalid.ok());
    QVERIFY2(!MappingDialog::canHelpWith(broken, invalid.error()), qPrintable(invalid.error().toString()));
}

void TestMappingDialog::refusesWhatIsNoTextLog()
{
    MappingDialog dialog;
    const Status store = dialog.setFile(RewindTest::demoPath());
    QVERIFY(!store.ok());
    QVERIFY(store.error().message.contains(QStringLiteral("event store")));
    QVERIFY(!dialog.setFile(m_dir.filePath(QStringLiteral("missing.jsonl"))).ok());
}

namespace {
/// WCAG's contrast ratio of two colours: 1 (none) to 21 (black on white).
double contrast(const QColor& a, const QColor& b)
{
    const auto luminance = [](const QColor& c) {
        const auto channel = [](float v) { return v <= 0.03928F ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
}

void TestMappingDialog::readableInLightAndDarkPalettes_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestMappingDialog::readableInLightAndDarkPalettes()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? ThemeColors::darkPalette() : QApplication::style()->standardPalette();
    MappingDialog dialog;
    QVERIFY(dialog.setFile(formats(QStringLiteral("custom.jsonl"))));
    dialog.setPalette(palette);
    // Half mapped: a time in a format not chosen yet, so problems show beside the events.
    choose(dialog.fieldBox(F::Stream), QStringLiteral("entity.key"));
    choose(dialog.fieldBox(F::Type), QStringLiteral("what"));
    choose(dialog.fieldBox(F::Version), QStringLiteral("n"));
    choose(dialog.fieldBox(F::Data), QStringLiteral("args"));
    choose(dialog.fieldBox(F::At), QStringLiteral("when"));
    dialog.resize(1100, 640);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    const QColor base = dialog.palette().color(QPalette::Base);
    const QTableWidgetItem* problem = dialog.previewTable()->item(0, MappingDialog::StreamColumn);
    QVERIFY(problem);
    QVERIFY2(contrast(problem->foreground().color(), base) >= 4.5, qPrintable(problem->foreground().color().name()));
    const QListWidgetItem* listed = dialog.findChild<QListWidget*>(QStringLiteral("problemList"))->item(0);
    QVERIFY(contrast(listed->foreground().color(), base) >= 4.5);
    QVERIFY(contrast(dialog.palette().color(QPalette::Text), base) >= 7);

    QTest::qWait(20); // the table lays out its columns on the next turn of the event loop
    const QImage image = dialog.grab().toImage();
    QVERIFY(!image.isNull());
    // Light or dark as asked, all over: the record text areas follow the palette too.
    const QColor records =
        image.pixelColor(dialog.findChild<QPlainTextEdit*>(QStringLiteral("records"))->mapTo(&dialog, QPoint(600, 60)));
    QCOMPARE(records.lightness() < 128, dark);
    const QString out = QDir::temp().filePath(
        dark ? QStringLiteral("rewind-mapping-dialog-dark.png") : QStringLiteral("rewind-mapping-dialog-light.png"));
    QVERIFY(image.save(out));

    // Mapped whole: the preview the documentation shows.
    mapCustom(dialog);
    QVERIFY(dialog.problems().isEmpty());
    QTest::qWait(20);
    // The columns fill the table: the data takes the room the others leave.
    const QHeaderView* header = dialog.previewTable()->horizontalHeader();
    QCOMPARE(header->length(), header->width());
    QVERIFY(dialog.grab().save(QDir::temp().filePath(dark ? QStringLiteral("rewind-mapping-dialog-dark-mapped.png")
                                                          : QStringLiteral("rewind-mapping-dialog-mapped.png"))));
}

QTEST_MAIN(TestMappingDialog)
#include "tst_mappingdialog.moc"
