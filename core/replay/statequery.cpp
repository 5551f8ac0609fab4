#include "replay/statequery.h"

#include "replay/verifier.h"

#include <unordered_map>

namespace Rewind {

namespace {
/// An RFC 6901 pointer split into its tokens once, to find its value in every state quickly.
class Pointer {
public:
    explicit Pointer(const QString& text)
    {
        if (text.isEmpty())
            return;
        for (QString token : text.mid(1).split(QLatin1Char('/'))) {
            token.replace(QLatin1String("~1"), QLatin1String("/"));
            token.replace(QLatin1String("~0"), QLatin1String("~"));
            m_tokens.append(token);
        }
    }

    /// The value at the pointer in `json`, or Undefined (as JsonValue::at gives it).
    JsonValue in(const JsonValue& json) const
    {
        JsonValue current = json;
        for (const QString& token : m_tokens) {
            if (current.isObject()) {
                current = current.value(token);
            } else if (current.isArray()) {
                bool ok = false;
                const qsizetype index = token.toLongLong(&ok);
                current = ok ? current.at(index) : JsonValue();
            } else {
                return {};
            }
            if (current.isUndefined())
                return {};
        }
        return current;
    }

private:
    QStringList m_tokens;
};

/// One stream's fold during a query: its domain, its state, and that state as JSON.
struct StreamFold {
    const Domain* domain = nullptr;
    std::unique_ptr<State> state;
    JsonValue json;
};
}

Status StateQuery::fold(const EventSource& source, const DomainRegistry& domains, const Options& options,
    bool withMetadata, const Visit& visit)
{
    Verifier::Options choosing;
    choosing.stream = options.stream;
    choosing.domain = options.forcedDomain;
    const auto domainOf = Verifier::chooseDomains(source, domains, choosing);
    if (!domainOf)
        return domainOf.error();
    if (!options.stream.isEmpty() && !domainOf->contains(options.stream))
        return Error::badInput(QStringLiteral("no stream '%1'").arg(options.stream), source.path());

    std::unordered_map<QString, StreamFold> folds;
    Anomalies ignored; // a query answers about states; `verify` reports anomalies
    std::optional<Error> failed;
    EventFilter filter { options.stream };
    filter.withMetadata = withMetadata;
    const Status read = source.readEvents(filter, [&](const Event& event) {
        auto found = folds.find(event.stream);
        if (found == folds.end()) {
            const Domain* domain = domainOf->value(event.stream, &domains.generic());
            auto state = domain->initialState();
            JsonValue json = state->toJson();
            found = folds.emplace(event.stream, StreamFold { domain, std::move(state), std::move(json) }).first;
        }
        StreamFold& stream = found->second;
        stream.domain->evolve(*stream.state, event, ignored);
        ignored.clear();
        JsonValue after = stream.state->toJson();
        const auto goOn = visit(event, stream.json, after);
        stream.json = std::move(after);
        if (!goOn) {
            failed = goOn.error();
            return false;
        }
        return *goOn;
    });
    if (!read)
        return read.error();
    if (failed)
        return *failed;
    return {};
}

Status StateQuery::where(const EventSource& source, const DomainRegistry& domains, const Options& options, Which which,
    const Condition& condition, const Found& found)
{
    std::optional<Match> last;
    Status status = fold(source, domains, options, true, // the condition may look at the metadata
        [&](const Event& event, const JsonValue& before, const JsonValue& after) -> Result<bool> {
            const auto holds = condition(after, before, event);
            if (!holds)
                return holds.error();
            if (!*holds)
                return true;
            if (which == Which::Last) {
                last = Match { event, before, after };
                return true;
            }
            found(Match { event, before, after });
            return which == Which::All;
        });
    if (!status)
        return status;
    if (last)
        found(*last);
    return {};
}

Status StateQuery::changes(const EventSource& source, const DomainRegistry& domains, const Options& options,
    const QString& pointer, const Found& found)
{
    if (!pointer.isEmpty() && !pointer.startsWith(QLatin1Char('/')))
        return Error::badInput(
            QStringLiteral("'%1' is not a JSON Pointer: it starts with / (e.g. /items/SKU-1/quantity)").arg(pointer));
    const Pointer path(pointer);
    return fold(
        source, domains, options, false, [&](const Event& event, const JsonValue& before, const JsonValue& after) {
            JsonValue old = path.in(before);
            JsonValue now = path.in(after);
            if (!(old == now))
                found(Match { event, std::move(old), std::move(now) });
            return Result<bool>(true);
        });
}

} // namespace Rewind
