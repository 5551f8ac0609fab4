#include "domains/genericdomain.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace Rewind {

void GenericDomain::merge(QJsonObject& target, const QJsonObject& patch)
{
    for (auto it = patch.constBegin(); it != patch.constEnd(); ++it) {
        const QJsonValue incoming = it.value();
        if (incoming.isObject()) {
            // Detach the nested object, merge into it, put it back: QJsonObject has no references
            // into nested values.
            const auto existing = target.constFind(it.key());
            if (existing != target.constEnd() && existing.value().isObject()) {
                QJsonObject nested = existing.value().toObject();
                merge(nested, incoming.toObject());
                target.insert(it.key(), nested);
                continue;
            }
        }
        target.insert(it.key(), incoming);
    }
}

QString GenericDomain::name() const { return QStringLiteral("generic"); }

QStringList GenericDomain::eventTypes() const { return {}; }

QString GenericDomain::canonicalType(const QString& type) const
{
    Q_UNUSED(type)
    return {};
}

std::unique_ptr<State> GenericDomain::initialState() const { return std::make_unique<GenericState>(); }

std::unique_ptr<State> GenericDomain::stateFromJson(const QJsonObject& json) const
{
    auto state = std::make_unique<GenericState>();
    state->fields = json;
    return state;
}

void GenericDomain::evolve(State& state, const Event& event, Anomalies& found) const
{
    Q_ASSERT(dynamic_cast<GenericState*>(&state));
    auto& merged = static_cast<GenericState&>(state);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(event.data, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        found.append(Anomaly { QLatin1String(AnomalyKind::BadData), event.stream, event.version, event.position,
            event.type + QLatin1String(" data is not a JSON object") });
        return;
    }
    merge(merged.fields, document.object());
}

} // namespace Rewind
