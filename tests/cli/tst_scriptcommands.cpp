#include "clirun.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using RewindTest::runCli;

namespace {
const QString Data = QStringLiteral(REWIND_TEST_DATA_DIR "/scripts/");
const QString Log = Data + u"library.jsonl"_s;
const QString Domain = Data + u"library.js"_s;

QList<QByteArray> lines(const QByteArray& out) { return out.trimmed().split('\n'); }
}

/// A domain written for a lending library, not a bank or a cart, scrubbed end to end through the
/// real rewind-cli with --domain library.js; and what the user's script errors look like there.
class TestScriptCommands : public QObject {
    Q_OBJECT

private slots:
    void stateAtSeveralVersions();
    void diffAndVerify();
    void queries();
    void commandsDecideThroughTheScript();
    void projection();
    void scriptErrorsAreBadInput();
    void aHandlerPastTheLimitIsAnAnomaly();
    void anEditedScriptIsNotAnsweredFromTheCache();
};

void TestScriptCommands::stateAtSeveralVersions()
{
    const auto v2 =
        runCli({ u"state"_s, Log, u"--stream"_s, u"title-dune"_s, u"--at-version"_s, u"2"_s, u"--domain"_s, Domain });
    QCOMPARE(v2.status, 0);
    QCOMPARE(v2.out.trimmed(),
        "{\"stream\":\"title-dune\",\"version\":2,\"position\":2,\"at\":\"2026-03-02T09:05:00Z\",\"state\":{\"copies\":"
        "2,\"loans\":0,\"onLoan\":{},\"title\":\"Dune\"},\"anomalies\":[]}");
    const auto v4 = runCli({ u"state"_s, Log, u"--stream"_s, u"title-dune"_s, u"--at-version"_s, u"4"_s, u"--domain"_s,
        Domain, u"--no-cache"_s });
    QCOMPARE(v4.status, 0);
    QCOMPARE(v4.out.trimmed(),
        "{\"stream\":\"title-dune\",\"version\":4,\"position\":7,\"at\":\"2026-03-04T12:00:00Z\",\"state\":{\"copies\":"
        "2,\"loans\":2,\"onLoan\":{\"D1\":\"ada\",\"D2\":\"cyd\"},\"title\":\"Dune\"},\"anomalies\":[]}");
    // The head: the copy lost while not on loan threw, so that event changed nothing.
    for (const QString& cache : { u"--no-cache"_s, u"--stream"_s }) {
        QStringList args { u"state"_s, Log, u"--stream"_s, u"title-dune"_s, u"--domain"_s, Domain };
        if (cache == u"--no-cache"_s)
            args.append(cache);
        const auto head = runCli(args);
        QCOMPARE(head.status, 0);
        QVERIFY(head.out.startsWith("{\"stream\":\"title-dune\",\"version\":9,\"position\":14,\"at\":\"2026-03-16T10:"
                                    "00:00Z\",\"state\":{\"copies\":2,\"loans\":3,\"onLoan\":{\"D1\":\"eve\",\"D2\":"
                                    "\"cyd\"},\"title\":\"Dune\"},\"anomalies\":[{\"kind\":\"not-on-loan\""));
        QVERIFY(head.out.contains("\"kind\":\"script-error\",\"stream\":\"title-dune\",\"version\":7,\"position\":11,"
                                  "\"message\":\"when.CopyLost"));
    }
}

void TestScriptCommands::diffAndVerify()
{
    const auto diff =
        runCli({ u"diff"_s, Log, u"--stream"_s, u"title-dune"_s, u"--version"_s, u"5"_s, u"--domain"_s, Domain });
    QCOMPARE(diff.status, 0);
    QCOMPARE(diff.out.trimmed(),
        "{\"stream\":\"title-dune\",\"version\":5,\"type\":\"BookReturned\",\"changes\":[{\"op\":\"remove\",\"path\":"
        "\"/onLoan/D1\",\"old\":\"ada\"}]}");

    const auto verify = runCli({ u"verify"_s, Log, u"--domain"_s, Domain });
    QCOMPARE(verify.status, 3);
    const auto found = lines(verify.out);
    QCOMPARE(found.size(), 5);
    QCOMPARE(found.at(0), "title-emma v4 (position 9) invariant: more loans than copies");
    QCOMPARE(found.at(1), "title-dune v6 (position 10) not-on-loan: copy D9 was returned but not on loan");
    QVERIFY(found.at(2).startsWith("title-dune v7 (position 11) script-error: when.CopyLost ("));
    QVERIFY(found.at(2).endsWith("threw: Error: copy D7 is not on loan (line 17); the event is not applied"));
    QCOMPARE(found.at(3),
        "title-dune v9 (position 14) unknown-type: The library domain does not know the event type \"Reshelved\"");
    QCOMPARE(found.at(4), "14 events, 0 snapshots checked: 4 anomalies, 0 snapshots differ");
}

void TestScriptCommands::queries()
{
    // Every point where a title had no copy left on the shelf.
    const auto all = runCli({ u"query"_s, Log, u"--all"_s,
        u"state.copies > 0 && Object.keys(state.onLoan).length >= state.copies"_s, u"--domain"_s, Domain });
    QCOMPARE(all.status, 0);
    QCOMPARE(lines(all.out),
        QList<QByteArray>({
            // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one answer a line, each its own string
            "{\"stream\":\"title-emma\",\"version\":3,\"position\":6,\"type\":\"BookBorrowed\",\"at\":\"2026-03-03T11:"
            "00:00Z\"}",
            "{\"stream\":\"title-dune\",\"version\":4,\"position\":7,\"type\":\"BookBorrowed\",\"at\":\"2026-03-04T12:"
            "00:00Z\"}",
            "{\"stream\":\"title-emma\",\"version\":4,\"position\":9,\"type\":\"BookBorrowed\",\"at\":\"2026-03-11T15:"
            "00:00Z\"}",
            "{\"stream\":\"title-dune\",\"version\":8,\"position\":12,\"type\":\"BookBorrowed\",\"at\":\"2026-03-14T10:"
            "00:00Z\"}",
            "{\"stream\":\"title-emma\",\"version\":5,\"position\":13,\"type\":\"BookReturned\",\"at\":\"2026-03-15T10:"
            "00:00Z\"}",
            "{\"stream\":\"title-dune\",\"version\":9,\"position\":14,\"type\":\"Reshelved\",\"at\":\"2026-03-16T10:00:"
            "00Z\"}",
        }));
    const auto first = runCli({ u"query"_s, Log, u"--stream"_s, u"title-dune"_s, u"--first"_s,
        u"event.data.member === 'cyd'"_s, u"--domain"_s, Domain });
    QCOMPARE(first.status, 0);
    QCOMPARE(first.out.trimmed(),
        "{\"stream\":\"title-dune\",\"version\":4,\"position\":7,\"type\":\"BookBorrowed\",\"at\":\"2026-03-04T12:00:"
        "00Z\"}");
    const auto last =
        runCli({ u"query"_s, Log, u"--last"_s, u"state.loans > previous.loans"_s, u"--domain"_s, Domain });
    QCOMPARE(last.status, 0);
    QCOMPARE(last.out.trimmed(),
        "{\"stream\":\"title-dune\",\"version\":8,\"position\":12,\"type\":\"BookBorrowed\",\"at\":\"2026-03-14T10:00:"
        "00Z\"}");
    const auto none = runCli({ u"query"_s, Log, u"--first"_s, u"state.copies > 100"_s, u"--domain"_s, Domain });
    QCOMPARE(none.status, 0);
    QVERIFY(none.out.isEmpty());

    const auto changes = runCli(
        { u"query"_s, Log, u"--stream"_s, u"title-dune"_s, u"--changes"_s, u"/onLoan/D1"_s, u"--domain"_s, Domain });
    QCOMPARE(changes.status, 0);
    QCOMPARE(lines(changes.out),
        QList<QByteArray>({
            "{\"stream\":\"title-dune\",\"version\":3,\"position\":5,\"type\":\"BookBorrowed\",\"at\":\"2026-03-03T10:"
            "00:00Z\",\"new\":\"ada\"}",
            "{\"stream\":\"title-dune\",\"version\":5,\"position\":8,\"type\":\"BookReturned\",\"at\":\"2026-03-10T09:"
            "30:00Z\",\"old\":\"ada\"}",
            "{\"stream\":\"title-dune\",\"version\":8,\"position\":12,\"type\":\"BookBorrowed\",\"at\":\"2026-03-14T10:"
            "00:00Z\",\"new\":\"eve\"}",
        }));
}

void TestScriptCommands::commandsDecideThroughTheScript()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(u"library.db"_s);
    QCOMPARE(runCli({ u"import"_s, Log, u"--out"_s, store }).status, 0);
    const auto full = runCli(
        { u"command"_s, store, u"--stream"_s, u"title-dune"_s, u"borrow"_s, u"copy=D3"_s, u"--domain"_s, Domain });
    QCOMPARE(full.status, 3);
    QCOMPARE(full.out.trimmed(), "{\"stream\":\"title-dune\",\"command\":\"borrow\",\"refused\":\"no copy left\"}");
    const auto returned = runCli(
        { u"command"_s, store, u"--stream"_s, u"title-dune"_s, u"return"_s, u"copy=D2"_s, u"--domain"_s, Domain });
    QCOMPARE(returned.status, 0);
    QVERIFY(
        returned.out.startsWith("{\"stream\":\"title-dune\",\"version\":10,\"position\":15,\"type\":\"BookReturned\""));
    const auto lent = runCli({ u"command"_s, store, u"--stream"_s, u"title-dune"_s, u"borrow"_s, u"copy=D3"_s,
        u"member=fay"_s, u"--domain"_s, Domain });
    QCOMPARE(lent.status, 0);
    QVERIFY(lent.out.contains("\"type\":\"BookBorrowed\""));
    QVERIFY(lent.out.contains("\"data\":{\"copy\":\"D3\",\"member\":\"fay\"}"));
    const auto state = runCli({ u"state"_s, store, u"--stream"_s, u"title-dune"_s, u"--domain"_s, Domain });
    QCOMPARE(state.status, 0);
    QVERIFY(state.out.contains(
        "\"state\":{\"copies\":2,\"loans\":4,\"onLoan\":{\"D1\":\"eve\",\"D3\":\"fay\"},\"title\":\"Dune\"}"));
}

void TestScriptCommands::projection()
{
    const QString projection = Data + u"loans-by-member.js"_s;
    const auto all = runCli({ u"project"_s, Log, projection });
    QCOMPARE(all.status, 0);
    QCOMPARE(all.out.trimmed(),
        "{\"ada\":{\"borrowed\":1,\"holds\":[]},\"bob\":{\"borrowed\":1,\"holds\":[]},\"cyd\":{\"borrowed\":1,"
        "\"holds\":[\"D2\"]},\"dee\":{\"borrowed\":1,\"holds\":[\"E2\"]},\"eve\":{\"borrowed\":1,\"holds\":[\"D1\"]}}");
    // The handler that threw is reported on stderr; the read model went on without its event.
    QVERIFY2(all.err.startsWith(u"rewind-cli: title-dune v9 (position 14) script-error: when.Reshelved ("_s),
        qPrintable(all.err));
    QVERIFY(all.err.contains(u"threw: Error: nobody reshelves D1"_s));
    const auto early = runCli({ u"project"_s, Log, projection, u"--at-position"_s, u"6"_s });
    QCOMPARE(early.status, 0);
    QCOMPARE(early.out.trimmed(),
        "{\"ada\":{\"borrowed\":1,\"holds\":[\"D1\"]},\"bob\":{\"borrowed\":1,\"holds\":[\"E1\"]}}");
    QVERIFY(early.err.isEmpty());
}

void TestScriptCommands::scriptErrorsAreBadInput()
{
    QTemporaryDir dir;
    const QString broken = dir.filePath(u"broken.js"_s);
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("({\n  name: \"broken\",\n  init: () => ({ copies: 0 ),\n})\n");
    file.close();
    const auto syntax = runCli({ u"state"_s, Log, u"--stream"_s, u"title-dune"_s, u"--domain"_s, broken });
    QCOMPARE(syntax.status, 2);
    QCOMPARE(syntax.err.trimmed(), u"rewind-cli: %1:3:28: SyntaxError: Unexpected token `)'"_s.arg(broken));
    QVERIFY(syntax.out.isEmpty());
    for (const QString& command : { u"verify"_s, u"query"_s }) {
        QStringList args { command, Log, u"--domain"_s, broken };
        if (command == u"query"_s)
            args << u"--all"_s << u"true"_s;
        const auto run = runCli(args);
        QCOMPARE(run.status, 2);
        QVERIFY(run.err.contains(broken + u":3:28:"_s));
    }
    const auto missing = runCli({ u"verify"_s, Log, u"--domain"_s, dir.filePath(u"nowhere.js"_s) });
    QCOMPARE(missing.status, 2);
    QVERIFY(missing.err.startsWith(u"rewind-cli: %1: cannot read the script"_s.arg(dir.filePath(u"nowhere.js"_s))));
    const auto expression = runCli({ u"query"_s, Log, u"--all"_s, u"state.loans <"_s, u"--domain"_s, Domain });
    QCOMPARE(expression.status, 2);
    QVERIFY(expression.err.startsWith(u"rewind-cli: expression:1:14: SyntaxError"_s));
    const auto throwing = runCli({ u"query"_s, Log, u"--all"_s, u"state.x.y"_s, u"--domain"_s, Domain });
    QCOMPARE(throwing.status, 2);
    QCOMPARE(throwing.err.trimmed(),
        u"rewind-cli: the expression threw at title-dune v1 (position 1): TypeError: Cannot read property 'y' of undefined (line 1)"_s);
    const auto usage = runCli({ u"query"_s, Log, u"state.loans > 1"_s });
    QCOMPARE(usage.status, 2);
    QVERIFY(usage.err.startsWith(u"rewind-cli: query needs one of --first, --last, --all"_s));
    const auto pointer = runCli({ u"query"_s, Log, u"--stream"_s, u"title-dune"_s, u"--changes"_s, u"copies"_s });
    QCOMPARE(pointer.status, 2);
    QVERIFY(pointer.err.contains(u"is not a JSON Pointer"_s));
    const auto projection = runCli({ u"project"_s, Log, broken });
    QCOMPARE(projection.status, 2);
    QVERIFY(projection.err.contains(broken + u":3:28:"_s));
}

void TestScriptCommands::aHandlerPastTheLimitIsAnAnomaly()
{
    QTemporaryDir dir;
    const QString slow = dir.filePath(u"slow.js"_s);
    QFile file(slow);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("const h = (s, e) => { if (e.type === 'CopyLost') for (;;) {} s.n += 1; return s; };\n"
               "({ name: \"slow\", init: () => ({ n: 0 }), when: { TitleCatalogued: h, CopyAcquired: h,\n"
               "  BookBorrowed: h, BookReturned: h, CopyLost: h, Reshelved: h } })\n");
    file.close();
    const auto verify = runCli({ u"verify"_s, Log, u"--domain"_s, slow });
    QCOMPARE(verify.status, 3);
    QVERIFY2(
        verify.out.contains("title-dune v7 (position 11) script-timeout: when.CopyLost ("), verify.out.constData());
    QVERIFY(verify.out.contains("ran past the time limit of 1 s and was interrupted; the event is not applied"));
    const auto state =
        runCli({ u"state"_s, Log, u"--stream"_s, u"title-dune"_s, u"--domain"_s, slow, u"--no-cache"_s });
    QCOMPARE(state.status, 0);
    QVERIFY(state.out.contains("\"state\":{\"n\":8}"));
}

void TestScriptCommands::anEditedScriptIsNotAnsweredFromTheCache()
{
    QTemporaryDir dir;
    const QString script = dir.filePath(u"counting.js"_s);
    const auto write = [&script](const QByteArray& rule) {
        QFile file(script);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        file.write("const h = (s) => { s.n += 1; return s; };\n"
                   "({ name: \"counting\", init: () => ({ n: 0 }), invariants: ["
            + rule
            + "],\n"
              "  when: { TitleCatalogued: h, CopyAcquired: h, BookBorrowed: h, BookReturned: h, CopyLost: h,\n"
              "  Reshelved: h } })\n");
        return true;
    };
    QVERIFY(write("(s) => s.n < 9 || \"nine\""));
    const QStringList args { u"state"_s, Log, u"--stream"_s, u"title-dune"_s, u"--domain"_s, script };
    const auto first = runCli(args);
    QCOMPARE(first.status, 0);
    QVERIFY2(first.out.contains("\"message\":\"nine\""), first.out.constData());
    // The same name, another rule: the anomalies kept for the first file must not answer.
    QVERIFY(write("(s) => s.n < 8 || \"eight\""));
    const auto edited = runCli(args);
    QCOMPARE(edited.status, 0);
    QVERIFY2(edited.out.contains("\"message\":\"eight\""), edited.out.constData());
    QVERIFY(!edited.out.contains("\"message\":\"nine\""));
}

QTEST_GUILESS_MAIN(TestScriptCommands)
#include "tst_scriptcommands.moc"
