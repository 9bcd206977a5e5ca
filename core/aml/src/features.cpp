#include "seekbench/aml/features.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_set>

namespace seekbench::aml {
namespace {

constexpr double kHour = 3600, kDay = 86400;

struct Column
{
    const char *name;
    const char *code;
};
const Column kColumns[] = {
    {"log_amount", "LARGE_AMOUNT"},
    {"hour_of_day", "ODD_HOUR"},
    {"channel_wire", "WIRE"},
    {"channel_ach", "ACH"},
    {"channel_card", "CARD"},
    {"channel_cash", "CASH"},
    {"channel_crypto", "CRYPTO"},
    {"cross_border", "CROSS_BORDER"},
    {"round_amount", "ROUND_AMOUNT"},
    {"sender_out_degree", "SENDER_FAN_OUT"},
    {"sender_in_degree", "SENDER_FAN_IN"},
    {"receiver_out_degree", "RECEIVER_FAN_OUT"},
    {"receiver_in_degree", "RECEIVER_FAN_IN"},
    {"sender_flow_ratio", "SENDER_PASS_THROUGH_FLOW"},
    {"receiver_flow_ratio", "RECEIVER_PASS_THROUGH_FLOW"},
    {"sender_velocity_24h", "VELOCITY_24H"},
    {"sender_velocity_7d", "VELOCITY_7D"},
    {"receiver_in_velocity_24h", "RECEIVER_VELOCITY_24H"},
    {"pass_through", "RAPID_PASS_THROUGH"},
    {"hours_since_incoming", "HOURS_SINCE_INCOMING"},
    {"amount_vs_typical", "UNUSUAL_AMOUNT"},
    {"cycle_member", "CYCLE"},
    {"sender_new_account", "NEW_SENDER_ACCOUNT"},
    {"receiver_new_account", "NEW_RECEIVER_ACCOUNT"},
    {"sender_fan_out_7d", "FAN_OUT_7D"},
    {"receiver_fan_in_7d", "FAN_IN_7D"},
    {"sender_account_tx", "SENDER_ACTIVITY"},
};
constexpr std::size_t kCols = sizeof kColumns / sizeof kColumns[0];

// Count of entries of a sorted time list in [lo, hi).
std::size_t countIn(const std::vector<double> &times, double lo, double hi)
{
    return std::size_t(std::lower_bound(times.begin(), times.end(), hi)
                       - std::lower_bound(times.begin(), times.end(), lo));
}

} // namespace

AmlPeriods amlPeriods(const AmlData &data, int validationMonths, int testMonths)
{
    AmlPeriods p;
    p.validationMonths = validationMonths;
    p.testMonths = testMonths;
    const auto &t = data.tx.time;
    if (t.empty())
        throw std::invalid_argument(
            "the AML data has no transactions, so it has no training, validation or test months");
    const double t0 = *std::min_element(t.begin(), t.end()), t1 = *std::max_element(t.begin(), t.end());
    const double month = 30 * kDay;
    p.months = int(std::floor((t1 - t0) / month)) + 1;
    p.trainMonths = p.months - validationMonths - testMonths;
    if (validationMonths < 1 || testMonths < 1 || p.trainMonths < 1)
        throw std::invalid_argument(
            "the AML data has " + std::to_string(p.months) + " month" + (p.months == 1 ? "" : "s")
            + " (30-day months from " + formatTimestamp(t0) + " to " + formatTimestamp(t1)
            + "); aml.validation_months (" + std::to_string(validationMonths) + ") and aml.test_months ("
            + std::to_string(testMonths) + ") must each be at least 1 and leave at least one training month");
    p.testStart = t0 + double(p.months - testMonths) * month;
    p.validationStart = p.testStart - double(validationMonths) * month;
    return p;
}

AmlPeriods amlPeriods(const AmlData &data, const AmlConfig &config)
{
    return amlPeriods(data, config.validation_months, config.test_months);
}

const char *periodName(AmlPeriod period)
{
    switch (period) {
    case AmlPeriod::Train: return "training";
    case AmlPeriod::Validation: return "validation";
    case AmlPeriod::Test: return "test";
    }
    return "?";
}

FeatureMatrix computeFeatures(const AmlData &data, const FeatureOptions &opt)
{
    const auto &tx = data.tx;
    const std::size_t n = tx.size(), accounts = data.accounts.size();
    for (std::size_t i = 1; i < n; ++i)
        if (tx.time[i] < tx.time[i - 1])
            throw std::invalid_argument("computeFeatures: transactions are not in time order (row " + std::to_string(i)
                                        + ")");
    FeatureMatrix m;
    for (const auto &c : kColumns) {
        m.names.emplace_back(c.name);
        m.codes.emplace_back(c.code);
    }
    m.rows = n;
    m.values.assign(n * kCols, 0.0f);

    // Per-account lists in time order (tx is sorted): outgoing and incoming indices. Every
    // query below reads only the entries strictly before the row's time.
    std::vector<std::vector<std::int64_t>> out(accounts), in(accounts);
    for (std::size_t i = 0; i < n; ++i) {
        out[std::size_t(tx.sender[i])].push_back(std::int64_t(i));
        in[std::size_t(tx.receiver[i])].push_back(std::int64_t(i));
    }
    std::vector<std::vector<double>> outTimes(accounts), inTimes(accounts);
    for (std::size_t a = 0; a < accounts; ++a) {
        for (auto i : out[a])
            outTimes[a].push_back(tx.time[std::size_t(i)]);
        for (auto i : in[a])
            inTimes[a].push_back(tx.time[std::size_t(i)]);
    }

    // The running state of every account, as known before the current time: it takes in a
    // group of same-time transactions only after every row of the group has read it.
    std::vector<std::unordered_set<std::int32_t>> outPeers(accounts), inPeers(accounts);
    std::vector<double> outSum(accounts, 0), inSum(accounts, 0), firstSeen(accounts, 1e300);
    std::vector<std::int64_t> txCount(accounts, 0);
    // The sender's median outgoing amount: a max-heap of the lower half and a min-heap of
    // the upper half (upper.size() is lower.size() or one more; the median is upper's top).
    std::vector<std::vector<double>> lower(accounts), upper(accounts);
    auto typical = [&](std::size_t a) { return upper[a].empty() ? 0.0 : upper[a].front(); };
    auto addAmount = [&](std::size_t a, double x) {
        auto &lo = lower[a];
        auto &hi = upper[a];
        const auto minHeap = std::greater<double>();
        if (!hi.empty() && x >= hi.front()) {
            hi.push_back(x);
            std::push_heap(hi.begin(), hi.end(), minHeap);
        } else {
            lo.push_back(x);
            std::push_heap(lo.begin(), lo.end());
        }
        if (lo.size() > hi.size()) {
            std::pop_heap(lo.begin(), lo.end());
            hi.push_back(lo.back());
            lo.pop_back();
            std::push_heap(hi.begin(), hi.end(), minHeap);
        } else if (hi.size() > lo.size() + 1) {
            std::pop_heap(hi.begin(), hi.end(), minHeap);
            lo.push_back(hi.back());
            hi.pop_back();
            std::push_heap(lo.begin(), lo.end());
        }
    };

    // Does the transfer u -> v at time t close a time-respecting cycle of earlier hops?
    // Walk backward from u (earlier transfers into u, each earlier than the last, every hop
    // keeping most of the amount) to the accounts the money came from; the transfer closes
    // a cycle when v is one of them, all within the window. Only hops that had already
    // happened count: the members of a cycle before its closing transfer are not marked.
    struct Node
    {
        std::int32_t account;
        double time, amount;
        int depth;
    };
    std::vector<Node> stack;
    std::vector<std::int32_t> origins;
    auto closesCycle = [&](std::size_t start) {
        const double window = opt.cycle_window_days * kDay;
        origins.clear();
        stack.assign(1, {tx.sender[start], tx.time[start], tx.amount[start], 1});
        for (int visited = 0; !stack.empty() && visited < 200; ++visited) {
            const Node cur = stack.back();
            stack.pop_back();
            const auto &times = inTimes[std::size_t(cur.account)];
            const auto &list = in[std::size_t(cur.account)];
            auto it = std::lower_bound(times.begin(), times.end(), cur.time);
            int branches = 0;
            while (it != times.begin() && branches < 8) {
                --it;
                if (*it < tx.time[start] - window)
                    break;
                const std::size_t j = std::size_t(list[std::size_t(it - times.begin())]);
                const double a = tx.amount[j];
                if (cur.amount < a * opt.cycle_tolerance || cur.amount > a * 1.05)
                    continue;
                ++branches;
                if (tx.sender[j] == tx.receiver[start])
                    return true;
                origins.push_back(tx.sender[j]);
                if (cur.depth + 1 < opt.cycle_max_hops)
                    stack.push_back({tx.sender[j], tx.time[j], a, cur.depth + 1});
            }
        }
        return false;
    };

    std::unordered_set<std::int32_t> peers;
    for (std::size_t g0 = 0; g0 < n;) {
        std::size_t g1 = g0 + 1;
        while (g1 < n && tx.time[g1] == tx.time[g0])
            ++g1;
        for (std::size_t i = g0; i < g1; ++i) {
            float *row = &m.values[i * kCols];
            const auto s = std::size_t(tx.sender[i]), r = std::size_t(tx.receiver[i]);
            const double t = tx.time[i], amount = tx.amount[i];
            row[0] = float(std::log1p(std::max(0.0, amount)));
            row[1] = float(std::fmod(t, kDay) / kDay);
            if (tx.channel[i] >= 0 && tx.channel[i] < 5)
                row[2 + tx.channel[i]] = 1;
            row[7] = data.accounts.country[s] != data.accounts.country[r] ? 1.0f : 0.0f;
            row[8] = std::fmod(amount, 100.0) == 0 ? 1.0f : 0.0f;
            row[9] = float(std::log1p(double(outPeers[s].size())));
            row[10] = float(std::log1p(double(inPeers[s].size())));
            row[11] = float(std::log1p(double(outPeers[r].size())));
            row[12] = float(std::log1p(double(inPeers[r].size())));
            // Near 0 for accounts that pass on what they receive.
            row[13] = float(std::log((inSum[s] + 1) / (outSum[s] + 1)));
            row[14] = float(std::log((inSum[r] + 1) / (outSum[r] + 1)));
            row[15] = float(std::log1p(double(countIn(outTimes[s], t - kDay, t))));
            row[16] = float(std::log1p(double(countIn(outTimes[s], t - 7 * kDay, t))));
            row[17] = float(std::log1p(double(countIn(inTimes[r], t - kDay, t))));
            // The latest incoming payment of the sender before this one, within 72 hours.
            {
                const auto &times = inTimes[s];
                auto it = std::lower_bound(times.begin(), times.end(), t);
                double hours = 24 * 30;
                float passThrough = 0;
                if (it != times.begin()) {
                    const std::size_t k = std::size_t(it - times.begin()) - 1;
                    hours = std::min(hours, (t - times[k]) / kHour);
                    for (std::size_t q = k + 1; q-- > 0 && times[q] >= t - 72 * kHour;) {
                        const double got = tx.amount[std::size_t(in[s][q])];
                        if (amount <= got * 1.05 && amount >= got * 0.2) {
                            passThrough = float(amount / got);
                            break;
                        }
                    }
                }
                row[18] = passThrough;
                row[19] = float(std::log1p(hours));
            }
            const double typ = typical(s);
            row[20] = typ > 0 ? float(std::log(amount / typ + 1e-9)) : 0.0f;
            row[21] = closesCycle(i) ? 1.0f : 0.0f;
            row[22] = float(std::log1p((t - std::min(firstSeen[s], t)) / kDay));
            row[23] = float(std::log1p((t - std::min(firstSeen[r], t)) / kDay));
            {
                // Distinct receivers of the sender in the 7 days before, and this one.
                peers.clear();
                peers.insert(tx.receiver[i]);
                const auto &times = outTimes[s];
                const auto lo = std::size_t(std::lower_bound(times.begin(), times.end(), t - 7 * kDay) - times.begin());
                const auto hi = std::size_t(std::lower_bound(times.begin(), times.end(), t) - times.begin());
                for (std::size_t q = lo; q < hi && peers.size() < 64; ++q)
                    peers.insert(tx.receiver[std::size_t(out[s][q])]);
                row[24] = float(std::log1p(double(peers.size())));
                peers.clear();
                peers.insert(tx.sender[i]);
                const auto &itimes = inTimes[r];
                const auto ilo = std::size_t(std::lower_bound(itimes.begin(), itimes.end(), t - 7 * kDay)
                                             - itimes.begin());
                const auto ihi = std::size_t(std::lower_bound(itimes.begin(), itimes.end(), t) - itimes.begin());
                for (std::size_t q = ilo; q < ihi && peers.size() < 64; ++q)
                    peers.insert(tx.sender[std::size_t(in[r][q])]);
                row[25] = float(std::log1p(double(peers.size())));
            }
            // The sender's transactions so far, this one included.
            row[26] = float(std::log1p(double(txCount[s] + 1)));
        }
        // What the group adds to the accounts' state, for later rows.
        for (std::size_t i = g0; i < g1; ++i) {
            const auto s = std::size_t(tx.sender[i]), r = std::size_t(tx.receiver[i]);
            const double t = tx.time[i], amount = tx.amount[i];
            outPeers[s].insert(tx.receiver[i]);
            inPeers[r].insert(tx.sender[i]);
            outSum[s] += amount;
            inSum[r] += amount;
            firstSeen[s] = std::min(firstSeen[s], t);
            firstSeen[r] = std::min(firstSeen[r], t);
            txCount[s] += 1;
            if (r != s)
                txCount[r] += 1;
            addAmount(s, amount);
        }
        g0 = g1;
    }
    return m;
}

FeatureStats featureStats(const FeatureMatrix &m, const std::vector<bool> &use)
{
    const std::size_t c = m.cols();
    FeatureStats st;
    st.mean.assign(c, 0);
    st.stddev.assign(c, 0);
    double count = 0;
    for (std::size_t i = 0; i < m.rows; ++i) {
        if (!use.empty() && !use[i])
            continue;
        count += 1;
        for (std::size_t j = 0; j < c; ++j)
            st.mean[j] += m.at(i, j);
    }
    for (auto &v : st.mean)
        v /= std::max(1.0, count);
    for (std::size_t i = 0; i < m.rows; ++i) {
        if (!use.empty() && !use[i])
            continue;
        for (std::size_t j = 0; j < c; ++j) {
            const double d = m.at(i, j) - st.mean[j];
            st.stddev[j] += d * d;
        }
    }
    for (auto &v : st.stddev)
        v = std::sqrt(v / std::max(1.0, count)) + 1e-6;
    return st;
}

std::vector<std::string> reasonCodes(const FeatureMatrix &m, std::size_t row, const FeatureStats &normal,
                                     const std::vector<double> &weight, int count)
{
    std::vector<std::pair<double, std::size_t>> contrib;
    for (std::size_t j = 0; j < m.cols(); ++j) {
        const double z = (m.at(row, j) - normal.mean[j]) / normal.stddev[j];
        const double w = weight.empty() ? 1.0 : weight[j];
        if (z > 1.0 && w > 0)
            contrib.push_back({z * w, j});
    }
    std::sort(contrib.begin(), contrib.end(), [](auto &a, auto &b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (int k = 0; k < count && std::size_t(k) < contrib.size(); ++k) {
        const std::size_t j = contrib[std::size_t(k)].second;
        char buf[160];
        std::snprintf(buf, sizeof buf, "%s: %s=%.3g (z=%.1f)", m.codes[j].c_str(), m.names[j].c_str(),
                      double(m.at(row, j)), (m.at(row, j) - normal.mean[j]) / normal.stddev[j]);
        out.emplace_back(buf);
    }
    return out;
}

} // namespace seekbench::aml
