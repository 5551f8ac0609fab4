#include "model/statediff.h"

#include <QJsonDocument>

#include <algorithm>

namespace Rewind {

namespace {
void diffValues(const QString& path, const QJsonValue& before, const QJsonValue& after, QList<Change>& out);

void diffObjects(const QString& path, const QJsonObject& before, const QJsonObject& after, QList<Change>& out)
{
    QStringList keys = before.keys();
    for (const QString& key : after.keys()) {
        if (!before.contains(key))
            keys.append(key);
    }
    std::sort(keys.begin(), keys.end());
    for (const QString& key : std::as_const(keys)) {
        const QString child = path + QLatin1Char('/') + StateDiff::escapePointerToken(key);
        if (!after.contains(key))
            out.append({ Change::Op::Remove, child, {}, before.value(key) });
        else if (!before.contains(key))
            out.append({ Change::Op::Add, child, after.value(key), {} });
        else
            diffValues(child, before.value(key), after.value(key), out);
    }
}

void diffArrays(const QString& path, const QJsonArray& before, const QJsonArray& after, QList<Change>& out)
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

void diffValues(const QString& path, const QJsonValue& before, const QJsonValue& after, QList<Change>& out)
{
    if (before.isObject() && after.isObject())
        diffObjects(path, before.toObject(), after.toObject(), out);
    else if (before.isArray() && after.isArray())
        diffArrays(path, before.toArray(), after.toArray(), out);
    else if (before != after)
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
        json.add("value", value);
    if (op != Op::Add)
        json.add("old", old);
    return json;
}

QJsonObject Change::toJson() const { return QJsonDocument::fromJson(toJsonWriter().toJson()).object(); }

QList<Change> StateDiff::between(const QJsonObject& before, const QJsonObject& after)
{
    QList<Change> changes;
    diffObjects(QString(), before, after, changes);
    return changes;
}

QJsonArray StateDiff::toJson(const QList<Change>& changes)
{
    QJsonArray array;
    for (const Change& change : changes)
        array.append(change.toJson());
    return array;
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

QJsonValue StateDiff::valueAt(const QJsonObject& root, const QString& pointer)
{
    if (pointer.isEmpty())
        return root;
    if (!pointer.startsWith(QLatin1Char('/')))
        return QJsonValue(QJsonValue::Undefined);
    QJsonValue current = root;
    const QStringList tokens = pointer.mid(1).split(QLatin1Char('/'));
    for (QString token : tokens) {
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            if (!object.contains(token))
                return QJsonValue(QJsonValue::Undefined);
            current = object.value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const qsizetype index = token.toLongLong(&ok);
            const QJsonArray array = current.toArray();
            if (!ok || index < 0 || index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            current = array.at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return current;
}

} // namespace Rewind
