#include "sources/recordpreview.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Rewind;

// The preview finds records with the readers' own scanners: these shapes are where a scanner
// of its own would disagree with them.
class TestRecordPreview : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const char* name, const QByteArray& text)
    {
        QString path = m_dir.filePath(QLatin1String(name));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void csvRowsBreakWhereTheReaderBreaksThem()
    {
        // A quoted header name with the separator in it, `;` as the separator, a quoted line
        // break inside a row, and a blank line.
        const QString path = write("quoted.csv",
            "\xEF\xBB\xBF\"stream\";type;\"data; as JSON\"\n"
            "a-1;Opened;\"{\"\"owner\"\":\n\"\"alice\"\"}\"\n"
            "\n"
            "a-1;Deposited;\"{\"\"amount\"\":5}\"\n");
        const auto preview = RecordPreview::load(path);
        QVERIFY2(preview, preview ? "" : qPrintable(preview.error().toString()));
        QCOMPARE(preview->keys(),
            (QStringList { QStringLiteral("stream"), QStringLiteral("type"), QStringLiteral("data; as JSON") }));
        QCOMPARE(preview->records().size(), 2);
        QCOMPARE(preview->records().at(0).line, 2);
        QVERIFY(preview->records().at(0).text.contains("alice"));
        QCOMPARE(preview->records().at(1).line, 5);
    }

    void jsonRecordsAreTheEventsArraysElements()
    {
        // The array under `events` is not the first member, and members follow it.
        const QString path = write("wrapped.json",
            "{\n"
            "  \"exported\": {\"by\": \"ops\", \"note\": \"[not records]\"},\n"
            "  \"Events\": [\n"
            "    {\"stream\": \"a-1\", \"type\": \"Opened\", \"data\": {\"owner\": \"bob\"}},\n"
            "    {\"stream\": \"a-1\", \"type\": \"Deposited\",\n"
            "     \"data\": {\"amount\": 7}}\n"
            "  ],\n"
            "  \"count\": 2\n"
            "}\n");
        const auto preview = RecordPreview::load(path);
        QVERIFY2(preview, preview ? "" : qPrintable(preview.error().toString()));
        QCOMPARE(preview->records().size(), 2);
        QCOMPARE(preview->records().at(0).line, 4);
        QCOMPARE(preview->records().at(1).line, 5);
        QVERIFY(preview->records().at(1).text.endsWith("{\"amount\": 7}}"));
        QVERIFY(preview->keys().contains(QStringLiteral("data.amount")));
        QVERIFY(!preview->keys().contains(QStringLiteral("exported")));
    }

    void aBrokenJsonRecordEndsThePreview()
    {
        const QString path = write("broken.json",
            "[{\"stream\": \"a-1\", \"type\": \"Opened\"},\n"
            " {\"stream\": \"a-1\", \"type\": \"Deposited\", \"data\": {\"amount\": 1}\n");
        const auto preview = RecordPreview::load(path);
        QVERIFY2(preview, preview ? "" : qPrintable(preview.error().toString()));
        QCOMPARE(preview->records().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRecordPreview)
#include "tst_recordpreview.moc"
