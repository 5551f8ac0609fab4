#include "historygenerator.h"

#include <QFile>

#include <array>
#include <cinttypes>
#include <cstdio>

namespace Rewind {

namespace {

constexpr qint64 Start = 1767225600000; // 2026-01-01T00:00:00Z
constexpr int Skus = 12;
constexpr std::array<const char*, 4> Actors = { "alice", "bob", "carol", "dave" };

/// A fixed-seed generator: the same size gives the same history on every machine.
class Random {
public:
    quint64 next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }
    qint64 below(qint64 bound) { return qint64(next() % quint64(bound)); }

private:
    quint64 m_state = 0x9E3779B97F4A7C15ULL;
};

std::string money(qint64 cents)
{
    char text[32];
    const char* sign = cents < 0 ? "-" : "";
    const qint64 magnitude = cents < 0 ? -cents : cents;
    std::snprintf(text, sizeof text, "%s%lld.%02lld", sign, magnitude / 100, magnitude % 100);
    return text;
}

struct Account {
    std::string id;
    qint64 version = 0;
    qint64 cents = 0;
    std::string owner;
};

struct Cart {
    std::string id;
    qint64 version = 0;
    std::array<qint64, Skus> quantity {};
};

} // namespace

HistoryGenerator::HistoryGenerator(qint64 eventCount)
{
    Random random;
    // About 500 events per short stream, half bank accounts, half carts.
    const qint64 shortStreams = std::max<qint64>(4, eventCount / 1000);
    std::vector<Account> accounts(size_t(shortStreams / 2 + 1));
    std::vector<Cart> carts(size_t(shortStreams - shortStreams / 2));
    for (size_t i = 0; i < accounts.size(); ++i)
        accounts[i].id = "account-" + std::to_string(i);
    for (size_t i = 0; i < carts.size(); ++i)
        carts[i].id = "cart-" + std::to_string(i + 1);
    m_streamCount = qint64(accounts.size()) + qint64(carts.size());

    // The short accounts get about a quarter of the events and the 1,000 snapshots; the long
    // stream gets none, so its jumps show what the checkpoints alone do.
    const qint64 snapshotEvery = std::max<qint64>(1, eventCount / 4 / 1000);
    qint64 shortAccountEvents = 0;

    m_rows.reserve(size_t(eventCount));
    char buffer[256];
    for (qint64 i = 0; i < eventCount; ++i) {
        Row row;
        row.at = Start + i * 1000;
        const char* actor = Actors[size_t(random.below(qint64(Actors.size())))];
        std::snprintf(buffer, sizeof buffer, "{\"by\":\"%s\"}", actor);
        row.metadata = buffer;
        const bool hot = i % 2 == 0;
        const qint64 pick = random.below(shortStreams);
        if (hot || pick % 2 == 0) {
            Account& account = hot ? accounts[0] : accounts[size_t(1 + (pick / 2) % qint64(accounts.size() - 1))];
            row.stream = account.id;
            row.version = ++account.version;
            if (account.version == 1) {
                row.type = "Opened";
                account.owner = actor;
                std::snprintf(buffer, sizeof buffer, "{\"owner\":\"%s\"}", actor);
                row.data = buffer;
            } else {
                const qint64 cents = 100 + random.below(100000);
                // Never an overdraft: the history is clean, so the figures measure the normal path.
                const bool withdraw = random.below(3) == 0 && account.cents >= cents;
                account.cents += withdraw ? -cents : cents;
                row.type = withdraw ? "Withdrawn" : "Deposited";
                row.data = "{\"amount\":" + money(cents) + ",\"by\":\"" + actor + "\"}";
            }
            if (hot) {
                ++m_hotLength;
            } else if (++shortAccountEvents % snapshotEvery == 0 && m_snapshots < 1000 && account.version > 1) {
                std::snprintf(buffer, sizeof buffer,
                    "{\"kind\":\"snapshot\",\"stream\":\"%s\",\"version\":%lld,\"at\":%lld"
                    ",\"state\":{\"balance\":%s,\"closed\":false,\"owner\":\"%s\"}}",
                    account.id.c_str(), account.version, row.at, money(account.cents).c_str(), account.owner.c_str());
                m_snapshotLines.emplace_back(i, buffer);
                ++m_snapshots;
            }
        } else {
            Cart& cart = carts[size_t((pick / 2) % qint64(carts.size()))];
            row.stream = cart.id;
            row.version = ++cart.version;
            const int sku = int(random.below(Skus));
            qint64& quantity = cart.quantity[size_t(sku)];
            if (quantity == 0) {
                quantity = 1 + random.below(3);
                row.type = "ItemAdded";
                std::snprintf(buffer, sizeof buffer,
                    "{\"sku\":\"SKU-%d\",\"name\":\"Item %d\",\"quantity\":%lld,\"unitPrice\":%s}", sku, sku, quantity,
                    money(199 + sku * 100).c_str());
            } else if (random.below(2) == 0) {
                quantity = 1 + random.below(5);
                row.type = "QuantityChanged";
                std::snprintf(buffer, sizeof buffer, "{\"sku\":\"SKU-%d\",\"quantity\":%lld}", sku, quantity);
            } else {
                quantity = 0;
                row.type = "ItemRemoved";
                std::snprintf(buffer, sizeof buffer, "{\"sku\":\"SKU-%d\"}", sku);
            }
            row.data = buffer;
        }
        m_rows.push_back(std::move(row));
    }
}

bool HistoryGenerator::writeJsonLines(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    std::string out;
    out.reserve(1 << 22);
    size_t nextSnapshot = 0;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const Row& row = m_rows[i];
        out += "{\"stream\":\"";
        out += row.stream;
        out += "\",\"version\":";
        out += std::to_string(row.version);
        out += ",\"type\":\"";
        out += row.type;
        out += "\",\"at\":";
        out += std::to_string(row.at);
        out += ",\"data\":";
        out += row.data;
        out += ",\"metadata\":";
        out += row.metadata;
        out += "}\n";
        while (nextSnapshot < m_snapshotLines.size() && m_snapshotLines[nextSnapshot].first == qint64(i)) {
            out += m_snapshotLines[nextSnapshot++].second;
            out += '\n';
        }
        if (out.size() > (1 << 22) - 4096) {
            if (file.write(out.data(), qint64(out.size())) != qint64(out.size()))
                return false;
            out.clear();
        }
    }
    return file.write(out.data(), qint64(out.size())) == qint64(out.size()) && file.flush();
}

} // namespace Rewind
