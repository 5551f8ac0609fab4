#include "teaching/story.h"

#include "dialogs/gototimedialog.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Rewind {

namespace {

/// The line each value of a JSON document starts on, by JSON Pointer (`/steps/2/tab`; for a
/// member, the line of its key). QJsonDocument keeps no positions, and an error a teacher can
/// act on names the line. Walks a document QJsonDocument has already accepted.
class JsonLines {
public:
    explicit JsonLines(const QByteArray& text)
        : m_text(text)
    {
        value(QString());
    }
    qint64 of(const QString& pointer) const { return m_lines.value(pointer, 0); }

private:
    char peek() const { return m_at < m_text.size() ? m_text.at(m_at) : '\0'; }
    void skipSpace()
    {
        while (m_at < m_text.size() && QByteArrayView(" \t\r\n").contains(m_text.at(m_at))) {
            if (m_text.at(m_at) == '\n')
                ++m_line;
            ++m_at;
        }
    }
    QString string()
    {
        const qsizetype start = ++m_at;
        while (m_at < m_text.size() && m_text.at(m_at) != '"')
            m_at += m_text.at(m_at) == '\\' ? 2 : 1;
        return QString::fromUtf8(m_text.mid(start, m_at++ - start));
    }
    void value(const QString& pointer)
    {
        skipSpace();
        m_lines.insert(pointer, m_line);
        const char c = peek();
        if (c == '{' || c == '[') {
            ++m_at;
            for (int index = 0;; ++index) {
                skipSpace();
                if (peek() == '}' || peek() == ']' || peek() == '\0') {
                    ++m_at;
                    return;
                }
                QString member = QString::number(index);
                if (c == '{') {
                    member = string();
                    skipSpace();
                    ++m_at; // ':'
                }
                const qint64 keyLine = m_line;
                value(pointer + QLatin1Char('/') + member);
                if (c == '{')
                    m_lines.insert(pointer + QLatin1Char('/') + member, keyLine);
                skipSpace();
                if (peek() == ',')
                    ++m_at;
            }
        }
        if (c == '"') {
            string();
            return;
        }
        while (m_at < m_text.size() && !QByteArrayView(",]} \t\r\n").contains(m_text.at(m_at)))
            ++m_at;
    }

    const QByteArray& m_text;
    qsizetype m_at = 0;
    qint64 m_line = 1;
    QHash<QString, qint64> m_lines;
};

const QStringList& stepKeys()
{
    static const QStringList keys = { QStringLiteral("caption"), QStringLiteral("open"), QStringLiteral("stream"),
        QStringLiteral("version"), QStringLiteral("position"), QStringLiteral("time"), QStringLiteral("tab"),
        QStringLiteral("action") };
    return keys;
}

std::optional<qint64> positiveInteger(const QJsonValue& value)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 1 || number > 9e15 || number != double(qint64(number)))
        return std::nullopt;
    return qint64(number);
}

} // namespace

Result<Story> Story::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::badInput(QStringLiteral("cannot read the story: %1").arg(file.errorString()), path);
    return fromJson(file.readAll(), path);
}

Result<Story> Story::fromJson(const QByteArray& json, const QString& file)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qint64 line = 1 + json.left(parseError.offset).count('\n');
        return Error::badInput(QStringLiteral("invalid JSON: %1").arg(parseError.errorString()), file, line);
    }
    const JsonLines lines(json);
    const auto bad = [&](const QString& pointer, const QString& message) {
        return Error::badInput(message, file, lines.of(pointer));
    };
    if (!document.isObject())
        return bad(QString(), QStringLiteral("a story is a JSON object with a \"title\" and \"steps\""));
    const QJsonObject root = document.object();
    Story story;
    story.file = file;
    story.title = root.value(QLatin1String("title")).toString().trimmed();
    if (story.title.isEmpty())
        return bad(QString(), QStringLiteral("a story needs a \"title\" (text)"));
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != QLatin1String("title") && it.key() != QLatin1String("steps"))
            return bad(QLatin1Char('/') + it.key(),
                QStringLiteral("unknown member \"%1\" (a story has \"title\" and \"steps\")").arg(it.key()));
    }
    const QJsonArray steps = root.value(QLatin1String("steps")).toArray();
    if (steps.isEmpty())
        return bad(QStringLiteral("/steps"), QStringLiteral("a story needs \"steps\": a list of at least one step"));

    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString at = QStringLiteral("/steps/%1").arg(i);
        if (!steps.at(i).isObject())
            return bad(at, QStringLiteral("step %1 is not a JSON object").arg(i + 1));
        const QJsonObject object = steps.at(i).toObject();
        StoryStep step;
        step.line = lines.of(at);
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!stepKeys().contains(it.key()))
                return bad(at + QLatin1Char('/') + it.key(),
                    QStringLiteral("unknown action \"%1\" in step %2 (expected %3)")
                        .arg(it.key())
                        .arg(i + 1)
                        .arg(stepKeys().join(QLatin1String(", "))));
        }
        const auto member = [&](const char* key) -> QString { return at + QLatin1Char('/') + QLatin1String(key); };
        step.caption = object.value(QLatin1String("caption")).toString().trimmed();
        if (step.caption.isEmpty())
            return bad(at, QStringLiteral("step %1 needs a \"caption\" (text)").arg(i + 1));
        if (object.contains(QLatin1String("open"))) {
            if (object.value(QLatin1String("open")).toString() != QLatin1String("demo"))
                return bad(member("open"), QStringLiteral("\"open\" takes \"demo\" (the bundled demo)"));
            step.openDemo = true;
        }
        if (object.contains(QLatin1String("stream"))) {
            if (!object.value(QLatin1String("stream")).isString())
                return bad(member("stream"), QStringLiteral("\"stream\" takes a stream's name (\"\": all streams)"));
            step.stream = object.value(QLatin1String("stream")).toString();
        }
        int moves = 0;
        for (const char* key : { "version", "position" }) {
            if (!object.contains(QLatin1String(key)))
                continue;
            ++moves;
            const auto number = positiveInteger(object.value(QLatin1String(key)));
            if (!number)
                return bad(member(key), QStringLiteral("\"%1\" takes a whole number from 1").arg(QLatin1String(key)));
            (qstrcmp(key, "version") == 0 ? step.version : step.position) = *number;
        }
        if (object.contains(QLatin1String("time"))) {
            ++moves;
            const QString text = object.value(QLatin1String("time")).toString();
            step.time = GoToTimeDialog::parseTime(text);
            if (!step.time)
                return bad(member("time"),
                    QStringLiteral("\"time\": cannot read \"%1\" as a time (e.g. \"2026-08-04 14:00\", UTC)")
                        .arg(text));
        }
        if (moves > 1)
            return bad(
                at, QStringLiteral("step %1 moves the playhead twice: give one of version, position, time").arg(i + 1));
        if (object.contains(QLatin1String("tab"))) {
            step.tab = object.value(QLatin1String("tab")).toString();
            static const QStringList tabs = { QStringLiteral("state"), QStringLiteral("diff"), QStringLiteral("event"),
                QStringLiteral("chart"), QStringLiteral("fold"), QStringLiteral("crud"), QStringLiteral("snapshots"),
                QStringLiteral("projections") };
            if (!tabs.contains(step.tab))
                return bad(member("tab"),
                    QStringLiteral(
                        "unknown tab \"%1\" (expected state, diff, event, chart, fold, crud, snapshots or projections)")
                        .arg(step.tab));
        }
        if (object.contains(QLatin1String("action"))) {
            step.actionLine = lines.of(member("action"));
            const QJsonValue action = object.value(QLatin1String("action"));
            const QJsonArray names = action.isArray() ? action.toArray() : QJsonArray { action };
            for (const auto& name : names) {
                if (!name.isString() || name.toString().isEmpty())
                    return bad(
                        member("action"), QStringLiteral("\"action\" takes a window action's name, or a list of them"));
                step.actions.append(name.toString());
            }
        }
        story.steps.append(step);
    }
    return story;
}

} // namespace Rewind
