#pragma once

#include "model/jsonwriter.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Rewind {

struct Event;

/// A place where the history breaks a rule. A debugger shows these rather than refusing the log.
struct Anomaly {
    /// Stable, kebab-case names; the CLI prints them and tests match on them.
    QString kind; ///< overdraft, after-close, bad-amount, version-gap, …
    QString stream;
    qint64 version = 0;
    qint64 position = 0;
    QString message; ///< one sentence for people

    /// An anomaly of `kind` at `event`'s place in the history.
    static Anomaly at(const Event& event, const char* kind, QString message);

    JsonWriter toJsonWriter() const;
    bool operator==(const Anomaly&) const = default;
};

using Anomalies = QList<Anomaly>;

namespace AnomalyKind {
// Domain invariants
inline constexpr auto Overdraft = "overdraft";
inline constexpr auto AfterClose = "after-close";
inline constexpr auto BadAmount = "bad-amount";
/// A sum beyond what the money type holds: the event is not applied, never wrapped around.
inline constexpr auto Overflow = "overflow";
inline constexpr auto NotOpen = "not-open"; ///< unused by bank today; reserved
inline constexpr auto UnknownSku = "unknown-sku";
inline constexpr auto BadQuantity = "bad-quantity";
inline constexpr auto AfterCheckout = "after-checkout";
inline constexpr auto TotalMismatch = "total-mismatch";
inline constexpr auto BadData = "bad-data"; ///< a required field missing or of the wrong type
// The log itself
inline constexpr auto UnknownType = "unknown-type";
inline constexpr auto VersionGap = "version-gap";
inline constexpr auto VersionDuplicate = "version-duplicate";
inline constexpr auto PositionDuplicate = "position-duplicate"; ///< two events at one global position
inline constexpr auto OutOfOrder = "out-of-order";
inline constexpr auto SnapshotMismatch = "snapshot-mismatch";
// A user's JavaScript domain
/// A rule of the domain's `invariants` that does not hold (the message is the rule's own text).
inline constexpr auto Invariant = "invariant";
/// A handler threw or returned what is not JSON: the event is not applied.
inline constexpr auto ScriptError = "script-error";
/// A handler ran past the time limit and was interrupted: the event is not applied.
inline constexpr auto ScriptTimeout = "script-timeout";
}

} // namespace Rewind
