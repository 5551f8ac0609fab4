#include "cli/arguments.h"
#include "cli/commandline.h"
#include "cli/openedsource.h"
#include "replay/statequery.h"
#include "scripts/scriptexpression.h"
#include "scripts/scriptprojection.h"

#include <cstdio>

namespace Rewind {

using namespace Cli;

namespace {
/// `text` as a JSON string. Answers can be millions of lines: written directly, not through
/// QJsonDocument.
void appendString(QByteArray& out, const QString& text)
{
    out += '"';
    for (const char c : text.toUtf8()) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        default:
            if (uchar(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(uchar(c)));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

/// An answer of `query`: where the event is, and for `--changes` the value before and after it
/// (left out where the field was absent), as one line.
QByteArray matchLine(const StateQuery::Match& match, bool withValues)
{
    QByteArray line;
    line.reserve(160);
    line += "{\"stream\":";
    appendString(line, match.event.stream);
    line += ",\"version\":" + QByteArray::number(match.event.version);
    line += ",\"position\":" + QByteArray::number(match.event.position);
    line += ",\"type\":";
    appendString(line, match.event.type);
    line += ",\"at\":";
    appendString(line, formatTime(match.event.at));
    if (withValues && !match.old.isUndefined())
        line += ",\"old\":" + match.old.toJson();
    if (withValues && !match.now.isUndefined())
        line += ",\"new\":" + match.now.toJson();
    line += "}\n";
    return line;
}
}

int CommandLine::query(const QStringList& args)
{
    const Arguments a(args,
        { valueOption("stream", "ID"), flag("first"), flag("last"), flag("all"), valueOption("changes", "PATH"),
            valueOption("domain", "D"), valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    const bool changes = a.isSet("changes");
    const int whichCount = int(a.isSet("first")) + int(a.isSet("last")) + int(a.isSet("all"));
    if (changes) {
        if (a.positional().size() != 1)
            return usageError(QStringLiteral("query --changes takes one SOURCE and no expression"));
        if (!a.isSet("stream"))
            return usageError(QStringLiteral("query --changes PATH needs --stream ID"));
        if (whichCount > 0)
            return usageError(QStringLiteral("query --changes lists every change: no --first, --last or --all"));
    } else {
        if (a.positional().size() != 2)
            return usageError(QStringLiteral("query takes a SOURCE and an EXPR (or --changes PATH)"));
        if (whichCount != 1)
            return usageError(QStringLiteral("query needs one of --first, --last, --all"));
    }
    std::optional<ScriptExpression> expression;
    if (!changes) {
        auto compiled = ScriptExpression::compile(a.positional().at(1));
        if (!compiled)
            return fail(compiled.error());
        expression = std::move(compiled).value();
    }
    auto opened = openSource({ a.positional().first() }, a.value("domain"), m_domains, a.value("mapping"));
    if (!opened)
        return fail(opened.error());

    StateQuery::Options options;
    options.stream = a.value("stream");
    options.forcedDomain = opened->forcedDomain;
    // Written in blocks: a query can answer at every one of a million events.
    QByteArray pending;
    const auto flush = [&] {
        m_out << QString::fromUtf8(pending);
        pending.clear();
    };
    const auto print = [&](const StateQuery::Match& match) {
        pending += matchLine(match, changes);
        if (pending.size() > 1 << 16)
            flush();
    };
    Status status;
    if (changes) {
        status = StateQuery::changes(*opened->source, m_domains, options, a.value("changes"), print);
    } else {
        const auto which = a.isSet("first") ? StateQuery::Which::First
            : a.isSet("last")               ? StateQuery::Which::Last
                                            : StateQuery::Which::All;
        status = StateQuery::where(
            *opened->source, m_domains, options, which,
            [&expression](const JsonValue& state, const JsonValue& previous, const Event& event) {
                return expression->holds(state, previous, event);
            },
            print);
    }
    flush();
    m_out.flush();
    return status ? Ok : fail(status.error());
}

int CommandLine::project(const QStringList& args)
{
    const Arguments a(args, { valueOption("at-position", "P"), valueOption("mapping", "FILE") });
    if (!a.ok())
        return usageError(a.errorText());
    if (a.positional().size() != 2)
        return usageError(QStringLiteral("project takes a SOURCE and a projection FILE.js"));
    qint64 through = std::numeric_limits<qint64>::max();
    if (a.isSet("at-position")) {
        const auto p = positiveNumber(a.value("at-position"));
        if (!p)
            return usageError(QStringLiteral("--at-position needs a number"));
        through = *p;
    }
    const auto projection = ScriptProjection::load(a.positional().at(1));
    if (!projection)
        return fail(projection.error());
    auto opened = openSource({ a.positional().first() }, {}, m_domains, a.value("mapping"));
    if (!opened)
        return fail(opened.error());
    const auto projected = projection->project(*opened->source, through);
    if (!projected)
        return fail(projected.error());
    // A handler that failed left its event out; the read model is still printed, the
    // problems said on stderr, one a line.
    for (const Anomaly& problem : projected->problems) {
        m_err << "rewind-cli: " << problem.stream << " v" << problem.version << " (position " << problem.position
              << ") " << problem.kind << ": " << problem.message << '\n';
    }
    m_err.flush();
    m_out << QString::fromUtf8(projected->readModel.toJson()) << '\n';
    return Ok;
}

} // namespace Rewind
