#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <vector>

namespace Rewind {

/// Writes a reproducible history of any size for the benchmark: one long bank account
/// (`account-0`, every other event, no snapshots: the worst case for a jump) interleaved with
/// many short bank accounts (which carry 1,000 snapshots, the timeline's markers) and carts.
/// Every snapshot matches the replay and no event breaks a rule, so the figures measure the
/// normal path.
class HistoryGenerator {
public:
    struct Row {
        std::string stream;
        qint64 version = 0;
        std::string type;
        std::string data;
        std::string metadata;
        qint64 at = 0;
    };

    explicit HistoryGenerator(qint64 eventCount);

    /// Every event, in global order.
    const std::vector<Row>& rows() const { return m_rows; }
    qint64 snapshotCount() const { return m_snapshots; }
    qint64 streamCount() const { return m_streamCount; }
    static QString hotStream() { return QStringLiteral("account-0"); }
    qint64 hotStreamLength() const { return m_hotLength; }

    /// The history as JSON Lines (events and snapshots), as an export would look. False on an
    /// I/O error.
    bool writeJsonLines(const QString& path) const;

private:
    std::vector<Row> m_rows;
    std::vector<std::pair<qint64, std::string>> m_snapshotLines; ///< after row index, the line
    qint64 m_snapshots = 0;
    qint64 m_streamCount = 0;
    qint64 m_hotLength = 0;
};

} // namespace Rewind
