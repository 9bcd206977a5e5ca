#include "seekbench/aml/data.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <numeric>

namespace seekbench::aml {

namespace {
const char *const kTypologyNames[kTypologyCount] = {"normal",         "fan_out",        "fan_in",    "cycle",
                                                    "scatter_gather", "gather_scatter", "bipartite", "stack"};
}

const char *typologyName(int typology)
{
    return typology >= 0 && typology < kTypologyCount ? kTypologyNames[typology] : "unknown";
}

int typologyFromName(const std::string &name)
{
    for (int i = 0; i < kTypologyCount; ++i)
        if (name == kTypologyNames[i])
            return i;
    return -1;
}

const std::vector<std::string> &channelNames()
{
    static const std::vector<std::string> names{"wire", "ach", "card", "cash", "crypto"};
    return names;
}

int channelFromName(const std::string &name)
{
    const auto &names = channelNames();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name)
            return int(i);
    return -1;
}

void Accounts::reserve(std::size_t n)
{
    name.reserve(n);
    business.reserve(n);
    country.reserve(n);
    label.reserve(n);
    mule.reserve(n);
}

void Accounts::push(std::string n, bool b, std::string c, int l, bool m)
{
    name.push_back(std::move(n));
    business.push_back(b ? 1 : 0);
    country.push_back(std::move(c));
    label.push_back(std::int8_t(l));
    mule.push_back(m ? 1 : 0);
}

void Transactions::reserve(std::size_t n)
{
    id.reserve(n);
    time.reserve(n);
    sender.reserve(n);
    receiver.reserve(n);
    amount.reserve(n);
    currency.reserve(n);
    channel.reserve(n);
    label.reserve(n);
    typology.reserve(n);
    pattern.reserve(n);
}

void Transactions::push(double t, int s, int r, double a, const std::string &c, int ch, int l, int ty, int p)
{
    id.push_back(std::int64_t(time.size()) + 1);
    time.push_back(t);
    sender.push_back(s);
    receiver.push_back(r);
    amount.push_back(a);
    currency.push_back(c);
    channel.push_back(std::int8_t(ch));
    label.push_back(std::int8_t(l));
    typology.push_back(std::int8_t(ty));
    pattern.push_back(p);
}

void AmlData::sortByTime()
{
    const std::size_t n = tx.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (tx.time[a] != tx.time[b])
            return tx.time[a] < tx.time[b];
        if (tx.sender[a] != tx.sender[b])
            return tx.sender[a] < tx.sender[b];
        if (tx.receiver[a] != tx.receiver[b])
            return tx.receiver[a] < tx.receiver[b];
        return tx.amount[a] < tx.amount[b];
    });
    std::vector<std::int64_t> where(n);
    Transactions sorted;
    sorted.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = order[i];
        where[k] = std::int64_t(i);
        sorted.push(tx.time[k], tx.sender[k], tx.receiver[k], tx.amount[k], tx.currency[k], tx.channel[k], tx.label[k],
                    tx.typology[k], tx.pattern[k]);
    }
    tx = std::move(sorted);
    for (auto &p : patterns)
        for (auto &t : p.transactions)
            t = where[std::size_t(t)];
}

namespace {
void mix(std::uint64_t &h, const void *data, std::size_t size)
{
    const auto *p = static_cast<const unsigned char *>(data);
    for (std::size_t i = 0; i < size; ++i) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
}
} // namespace

std::uint64_t fingerprint(const AmlData &d)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (const auto &s : d.accounts.name)
        mix(h, s.data(), s.size() + 1);
    const auto &t = d.tx;
    mix(h, t.time.data(), t.time.size() * sizeof(double));
    mix(h, t.sender.data(), t.sender.size() * sizeof(std::int32_t));
    mix(h, t.receiver.data(), t.receiver.size() * sizeof(std::int32_t));
    mix(h, t.amount.data(), t.amount.size() * sizeof(double));
    mix(h, t.channel.data(), t.channel.size());
    mix(h, t.label.data(), t.label.size());
    return h;
}

std::string formatTimestamp(double seconds)
{
    const std::time_t t = std::time_t(std::floor(seconds));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace seekbench::aml
