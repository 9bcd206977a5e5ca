#include "aml_prepared.h"

#include "seekbench/aml/features.h"
#include "seekbench/config/estimates.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace seekbench::engine {
namespace {
constexpr double kDay = 86400;
}

AmlPrepared prepareAml(const RunConfig &cfg, const aml::AmlData &data)
{
    AmlPrepared p;
    const auto &tx = data.tx;
    const std::int64_t n = std::int64_t(tx.size()), na = std::int64_t(data.accounts.size());
    if (n == 0)
        throw std::invalid_argument("the AML dataset has no transactions");
    for (std::int64_t i = 1; i < n; ++i)
        if (tx.time[std::size_t(i)] < tx.time[std::size_t(i - 1)])
            throw std::invalid_argument("the AML dataset's transactions are not in time order");
    p.rows = n;
    p.accounts = na;
    p.fingerprint = aml::fingerprint(data);
    p.labels = tx.label;
    p.periods = aml::amlPeriods(data, cfg.aml);
    const aml::FeatureMatrix fm = aml::computeFeatures(data);
    if (fm.cols() != std::size_t(kAmlEdgeFeatures))
        throw std::logic_error("AML feature count differs from kAmlEdgeFeatures");
    std::vector<bool> isTrain(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        const aml::AmlPeriod period = p.periods.of(tx.time[std::size_t(i)]);
        isTrain[std::size_t(i)] = period == aml::AmlPeriod::Train;
        const auto l = tx.label[std::size_t(i)];
        if (l != 0 && l != 1)
            continue;
        if (period == aml::AmlPeriod::Train)
            p.train.push_back(i);
        else if (period == aml::AmlPeriod::Validation)
            p.validation.push_back(i);
    }
    const aml::FeatureStats st = aml::featureStats(fm, isTrain);
    auto edge = torch::empty({n, kAmlEdgeFeatures});
    float *e = edge.data_ptr<float>();
    for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t j = 0; j < kAmlEdgeFeatures; ++j)
            e[i * kAmlEdgeFeatures + j] = float((fm.at(std::size_t(i), std::size_t(j)) - st.mean[std::size_t(j)])
                                                / st.stddev[std::size_t(j)]);
    p.edge = edge;
    p.stats = st;
    p.featureNames = fm.names;

    // Windows and the message-passing index.
    const double t0 = tx.time.front(), w = std::max(1, cfg.aml.window_days) * kDay;
    p.origin = t0;
    std::vector<std::int64_t> win(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        win[std::size_t(i)] = std::int64_t((tx.time[std::size_t(i)] - t0) / w);
    p.windows = win.back() + 1;

    // Account features at the start of each window, from the earlier windows' transactions:
    // business, transaction counts, flow ratio, activity, foreign country.
    std::map<std::string, int> countries;
    for (const auto &c : data.accounts.country)
        countries[c]++;
    std::string home;
    int best = -1;
    for (const auto &[c, k] : countries)
        if (k > best) {
            best = k;
            home = c;
        }
    std::vector<double> outAmt(std::size_t(na), 0), inAmt(std::size_t(na), 0), outN(std::size_t(na), 0),
        inN(std::size_t(na), 0);
    auto node = torch::empty({p.windows * na, kAmlNodeFeatures});
    float *nd = node.data_ptr<float>();
    std::int64_t next = 0; // the first transaction not yet counted
    for (std::int64_t wi = 0; wi < p.windows; ++wi) {
        for (std::int64_t a = 0; a < na; ++a) {
            float *r = nd + (wi * na + a) * kAmlNodeFeatures;
            r[0] = data.accounts.business[std::size_t(a)];
            r[1] = float(std::log1p(outN[std::size_t(a)]) / 4);
            r[2] = float(std::log1p(inN[std::size_t(a)]) / 4);
            r[3] = float(std::log((inAmt[std::size_t(a)] + 1) / (outAmt[std::size_t(a)] + 1)) / 4);
            r[4] = float(std::log1p(inAmt[std::size_t(a)] + outAmt[std::size_t(a)]) / 10);
            r[5] = data.accounts.country[std::size_t(a)] == home ? 0.0f : 1.0f;
        }
        for (; next < n && win[std::size_t(next)] == wi; ++next) {
            outAmt[std::size_t(tx.sender[std::size_t(next)])] += tx.amount[std::size_t(next)];
            inAmt[std::size_t(tx.receiver[std::size_t(next)])] += tx.amount[std::size_t(next)];
            outN[std::size_t(tx.sender[std::size_t(next)])] += 1;
            inN[std::size_t(tx.receiver[std::size_t(next)])] += 1;
        }
    }
    p.node = node;

    auto src = torch::empty({n}, torch::kLong), dst = torch::empty({n}, torch::kLong);
    auto *ps = src.data_ptr<std::int64_t>(), *pd = dst.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < n; ++i) {
        ps[i] = win[std::size_t(i)] * na + tx.sender[std::size_t(i)];
        pd[i] = win[std::size_t(i)] * na + tx.receiver[std::size_t(i)];
    }
    p.src = src;
    p.dst = dst;
    const auto ones = torch::ones({n, 1});
    p.inDeg = torch::zeros({p.windows * na, 1}).index_add_(0, dst, ones).clamp_min(1);
    p.outDeg = torch::zeros({p.windows * na, 1}).index_add_(0, src, ones).clamp_min(1);

    // The sender's recent transactions, oldest first, ending with the scored one.
    const std::int64_t K = cfg.aml.sequence_length;
    p.seqLen = K;
    auto seq = torch::full({n, K}, -1, torch::kLong);
    auto extra = torch::zeros({n, K, 3});
    auto peer = torch::zeros({n, K}, torch::kLong);
    auto *sq = seq.data_ptr<std::int64_t>();
    auto *ex = extra.data_ptr<float>();
    auto *pe = peer.data_ptr<std::int64_t>();
    std::vector<std::vector<std::int64_t>> recent(static_cast<std::size_t>(na));
    std::vector<std::int64_t> chosen;
    for (std::int64_t i = 0; i < n; ++i) {
        const auto s = std::size_t(tx.sender[std::size_t(i)]), r = std::size_t(tx.receiver[std::size_t(i)]);
        auto push = [&](std::vector<std::int64_t> &v) {
            v.push_back(i);
            if (std::int64_t(v.size()) > 2 * K)
                v.erase(v.begin(), v.begin() + std::ptrdiff_t(v.size() - std::size_t(K)));
        };
        push(recent[r]);
        push(recent[s]);
        // This transaction and the sender's strictly earlier ones (not others of the same second).
        chosen.clear();
        const auto &v = recent[s];
        for (std::size_t q = v.size(); q-- > 0 && std::int64_t(chosen.size()) < K;)
            if (v[q] == i || tx.time[std::size_t(v[q])] < tx.time[std::size_t(i)])
                chosen.push_back(v[q]);
        std::reverse(chosen.begin(), chosen.end());
        const std::int64_t take = std::int64_t(chosen.size());
        for (std::int64_t k = 0; k < K; ++k) {
            const std::int64_t slot = i * K + k;
            const std::int64_t from = k - (K - take);
            if (from < 0) {
                ex[slot * 3 + 2] = 1; // padding
                continue;
            }
            const std::int64_t j = chosen[std::size_t(from)];
            sq[slot] = j;
            const bool outgoing = std::size_t(tx.sender[std::size_t(j)]) == s;
            ex[slot * 3 + 0] = outgoing ? 1.0f : 0.0f;
            ex[slot * 3 + 1] = float(std::log1p((tx.time[std::size_t(i)] - tx.time[std::size_t(j)]) / 3600.0) / 5);
            const std::int64_t cp = outgoing ? tx.receiver[std::size_t(j)] : tx.sender[std::size_t(j)];
            pe[slot] = win[std::size_t(j)] * na + cp;
        }
    }
    p.seqIdx = seq;
    p.seqExtra = extra;
    p.seqPeer = peer;
    return p;
}

} // namespace seekbench::engine
