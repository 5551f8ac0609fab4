#include "model/statediff.h"

#include <algorithm>

namespace Rewind {

namespace {
void diffValues(const QString& path, const JsonValue& before, const JsonValue& after, QList<Change>& out);

// Both member lists are sorted by key: one merge walk visits every key once, in order.
void diffObjects(const QString& path, const JsonValue& before, const JsonValue& after, QList<Change>& out)
{
    qsizetype b = 0;
    qsizetype a = 0;
    while (b < before.size() || a < after.size()) {
        const bool takeBefore = a >= after.size() || (b < before.size() && before.keyAt(b) < after.keyAt(a));
        const bool takeAfter = b >= before.size() || (a < after.size() && after.keyAt(a) < before.keyAt(b));
        const QString key = takeBefore ? before.keyAt(b) : after.keyAt(a);
        const QString child = path + QLatin1Char('/') + StateDiff::escapePointerToken(key);
        if (takeBefore)
            out.append({ Change::Op::Remove, child, {}, before.at(b++) });
        else if (takeAfter)
            out.append({ Change::Op::Add, child, after.at(a++), {} });
        else
            diffValues(child, before.at(b++), after.at(a++), out);
    }
}

void diffArrays(const QString& path, const JsonValue& before, const JsonValue& after, QList<Change>& out)
{
    const qsizetype common = std::min(before.size(), after.size());
    for (qsizetype i = 0; i < common; ++i)
        diffValues(path + QLatin1Char('/') + QString::number(i), before.at(i), after.at(i), out);
    for (qsizetype i = common; i < after.size(); ++i)
        out.append({ Change::Op::Add, path + QLatin1Char('/') + QString::number(i), after.at(i), {} });
    // Remove from the end backwards, so each path is valid when its operation is applied.
    for (qsizetype i = before.size() - 1; i >= common; --i)
        out.append({ Change::Op::Remove, path + QLatin1Char('/') + QString::number(i), {}, before.at(i) });
}

void diffValues(const QString& path, const JsonValue& before, const JsonValue& after, QList<Change>& out)
{
    if (before.isObject() && after.isObject())
        diffObjects(path, before, after, out);
    else if (before.isArray() && after.isArray())
        diffArrays(path, before, after, out);
    else if (!(before == after))
        out.append({ Change::Op::Replace, path, after, before });
}

QString opName(Change::Op op)
{
    switch (op) {
    case Change::Op::Add:
        return QStringLiteral("add");
    case Change::Op::Remove:
        return QStringLiteral("remove");
    case Change::Op::Replace:
        break;
    }
    return QStringLiteral("replace");
}
}

JsonWriter Change::toJsonWriter() const
{
    JsonWriter json;
    json.add("op", opName(op)).add("path", path);
    if (op != Op::Remove)
        json.addJson("value", value.toJson());
    if (op != Op::Add)
        json.addJson("old", old.toJson());
    return json;
}

QList<Change> StateDiff::between(const JsonValue& before, const JsonValue& after)
{
    QList<Change> changes;
    diffValues(QString(), before, after, changes);
    return changes;
}

QList<JsonWriter> StateDiff::toJsonWriters(const QList<Change>& changes)
{
    QList<JsonWriter> list;
    for (const Change& change : changes)
        list.append(change.toJsonWriter());
    return list;
}

QString StateDiff::escapePointerToken(const QString& token)
{
    QString escaped = token;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0"));
    escaped.replace(QLatin1Char('/'), QLatin1String("~1"));
    return escaped;
}

} // namespace Rewind
