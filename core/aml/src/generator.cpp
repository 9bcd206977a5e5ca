#include "seekbench/aml/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>

namespace seekbench::aml {
namespace {

constexpr double kHour = 3600, kDay = 86400, kMonth = 30 * kDay;
const char *const kCountries[] = {"CN", "HK", "SG", "US", "GB", "AE", "CH", "KY"};
const char *const kCurrency[] = {"CNY", "HKD", "SGD", "USD", "GBP", "AED", "CHF", "USD"};
enum Channel { kWire = 0, kAch = 1, kCard = 2, kCash = 3, kCrypto = 4 };

struct Profile
{
    double typical = 300; // median payment
    double perMonth = 8;  // payments a month
    std::vector<int> contacts;
    int country = 0;
    bool business = false;
};

class Generator
{
public:
    explicit Generator(const GeneratorOptions &o) : m_o(o), m_rng(o.seed), m_hard(o.difficulty == Difficulty::Hard) {}

    AmlData run()
    {
        const int n = m_o.accounts;
        const int hubs = std::max(2, n / 200);
        m_data.accounts.reserve(std::size_t(n + hubs + n * m_o.fraud_rate + 16));
        // Ordinary accounts.
        for (int i = 0; i < n; ++i) {
            Profile p;
            p.business = uniform() < 0.2;
            p.country = uniform() < 0.8 ? 0 : 1 + int(uniform() * 7);
            p.typical = std::exp(std::log(p.business ? 4000.0 : 250.0) + normal() * 0.7);
            p.perMonth = m_o.tx_per_account_month * (p.business ? 2.5 : 1.0) * std::exp(normal() * 0.4);
            addAccount(p, "A", 0, false);
        }
        // Hubs: payroll processors and marketplaces that many accounts pay or are paid by.
        m_hubStart = int(m_profiles.size());
        for (int i = 0; i < hubs; ++i) {
            Profile p;
            p.business = true;
            p.typical = 1500;
            p.perMonth = 0; // they act through the ordinary accounts' payments
            addAccount(p, "H", 0, false);
        }
        m_hubEnd = int(m_profiles.size());
        for (int i = 0; i < n; ++i) {
            const int k = 3 + int(uniform() * 10);
            for (int c = 0; c < k; ++c)
                m_profiles[std::size_t(i)].contacts.push_back(int(uniform() * n));
        }
        if (m_hard) {
            formRings(n);
            normalActivity(n);
            lookalikes(n);
            launderHard();
            labelNoise();
        } else {
            normalActivity(n);
            laundering(n);
        }
        m_data.sortByTime();
        return std::move(m_data);
    }

private:
    double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng); }
    double normal() { return std::normal_distribution<double>(0.0, 1.0)(m_rng); }
    int pick(int lo, int hi) { return lo + int(uniform() * (hi - lo + 1)) % (hi - lo + 1); }
    double span() const { return m_o.months * kMonth; }

    int addAccount(const Profile &p, const char *prefix, int label, bool mule)
    {
        const int id = int(m_profiles.size());
        m_profiles.push_back(p);
        char name[32];
        std::snprintf(name, sizeof name, "%s%06d", prefix, id);
        m_data.accounts.push(name, p.business, kCountries[p.country], label, mule);
        return id;
    }

    // A daytime instant in [lo, hi): most payments happen between 8:00 and 20:00.
    double daytime(double lo, double hi)
    {
        double t = lo + uniform() * std::max(1.0, hi - lo);
        const double day = std::floor(t / kDay) * kDay;
        if (uniform() < 0.85)
            t = day + 8 * kHour + uniform() * 12 * kHour;
        return std::clamp(t, lo, hi - 1);
    }

    const char *currencyOf(int account) const { return kCurrency[m_profiles[std::size_t(account)].country]; }

    void normalActivity(int n)
    {
        const double start = m_o.start_time;
        for (int a = 0; a < n; ++a) {
            const Profile &p = m_profiles[std::size_t(a)];
            for (int m = 0; m < m_o.months; ++m) {
                const int count = std::poisson_distribution<int>(p.perMonth)(m_rng);
                const double lo = start + m * kMonth;
                // Salary-like income from a hub at the start of the month.
                if (!p.business && uniform() < 0.7) {
                    const int hub = m_hubStart + pick(0, m_hubEnd - m_hubStart - 1);
                    m_data.tx.push(lo + pick(0, 3) * kDay + 9 * kHour + uniform() * kHour, hub, a,
                                   std::round(p.typical * 8 * std::exp(normal() * 0.1)), currencyOf(a), kAch, 0, 0, -1);
                }
                for (int k = 0; k < count; ++k) {
                    const double u = uniform();
                    int to;
                    int channel;
                    if (u < 0.65 && !p.contacts.empty()) {
                        to = p.contacts[std::size_t(pick(0, int(p.contacts.size()) - 1))];
                        channel = uniform() < 0.6 ? kAch : kWire;
                    } else if (u < 0.9) {
                        to = m_hubStart + pick(0, m_hubEnd - m_hubStart - 1); // a marketplace
                        channel = kCard;
                    } else {
                        to = pick(0, n - 1);
                        channel = uniform() < 0.1 ? kCash : kWire;
                    }
                    if (to == a)
                        continue;
                    double amount = p.typical * std::exp(normal() * 0.6);
                    amount = uniform() < 0.15 ? std::round(amount / 100) * 100 : std::round(amount * 100) / 100;
                    if (m_hard && p.business && uniform() < 0.04)
                        amount = underThreshold(); // invoices kept under an approval limit
                    if (amount < 1)
                        amount = 1;
                    m_data.tx.push(daytime(lo, lo + kMonth), a, to, amount, currencyOf(a), channel, 0, 0, -1);
                }
            }
        }
    }

    // Members of a pattern: mostly fresh mule accounts, some ordinary accounts recruited.
    int member(int n)
    {
        if (uniform() < 0.4) {
            Profile p;
            p.country = uniform() < 0.6 ? 0 : 1 + int(uniform() * 7);
            p.typical = 200;
            p.perMonth = 1;
            return addAccount(p, "M", 1, true);
        }
        const int a = pick(0, n - 1);
        m_data.accounts.label[std::size_t(a)] = 1;
        return a;
    }

    // Every hop keeps 95-99 % of the money (fees, cuts) and comes 1-48 hours later.
    double shrink(double amount) { return std::round(amount * (0.95 + 0.04 * uniform()) * 100) / 100; }
    double gap()
    {
        return m_hard ? (1 + uniform() * 23) * (1 + m_o.drift * m_phase) * kHour : (1 + uniform() * 47) * kHour;
    }
    int launderChannel()
    {
        return uniform() < 0.5 ? kWire : uniform() < 0.6 ? kAch : uniform() < 0.5 ? kCrypto : kCash;
    }

    void hop(Pattern &p, int from, int to, double t, double amount)
    {
        p.transactions.push_back(std::int64_t(m_data.tx.size()));
        if (m_hard)
            m_data.tx.push(businessTime(t), from, to, amount, currencyOf(from), hardChannel(), 1, p.typology, p.id);
        else
            m_data.tx.push(t, from, to, amount, currencyOf(from), launderChannel(), 1, p.typology, p.id);
    }

    // One leg of a split: a share of the money less fees; in the hard setting with the
    // spread of ordinary payments, or (structuring) just under the reporting threshold.
    // In the hard setting a leg is sized like the payer's ordinary payments instead.
    double split(double share, int from)
    {
        if (!m_hard)
            return shrink(share);
        if (m_structured && uniform() < 5.0 / 6.0)
            return underThreshold();
        const double a = m_profiles[std::size_t(from)].typical * std::exp(normal() * 0.5);
        return std::max(1.0, uniform() < 0.15 ? std::round(a / 100) * 100 : std::round(a * 100) / 100);
    }

    // ---- The hard setting (generator.h) -------------------------------------------------

    static constexpr double kReportingThreshold = 10000;
    double underThreshold() { return std::round(kReportingThreshold * (0.98 - 0.13 * uniform()) / 10) * 10; }

    int hardChannel()
    {
        if (m_structured && uniform() < 0.25)
            return kCash;
        const double u = uniform();
        return u < 0.55 ? kAch : u < 0.95 ? kWire : kCash;
    }

    // Hard-setting pattern times are business hours after m_base (a midnight): 12 of
    // them a day, 8:00 to 20:00, so a pattern keeps its order and happens in daytime.
    double businessTime(double offset) const
    {
        const double day = std::floor(offset / (12 * kHour));
        return m_base + day * kDay + 8 * kHour + (offset - day * 12 * kHour);
    }

    // Rings formed before normal activity from ordinary accounts (with history), 40 % of
    // their members flagged mules; members become each other's usual counterparties.
    void formRings(int n)
    {
        const int target = std::max(7, int(std::lround(n * m_o.fraud_rate)));
        int members = 0;
        for (int typology = 1, rings = 0; members < target || rings < 7; typology = typology % 7 + 1, ++rings) {
            static const int lo[8] = {0, 6, 6, 3, 5, 7, 6, 6}, hi[8] = {0, 12, 12, 7, 9, 11, 9, 9};
            const int k = pick(lo[typology], hi[typology]);
            std::vector<int> v;
            while (int(v.size()) < k) {
                const int a = pick(0, n - 1);
                if (std::find(v.begin(), v.end(), a) == v.end())
                    v.push_back(a);
            }
            for (int a : v) {
                if (uniform() < 0.4)
                    m_data.accounts.mule[std::size_t(a)] = 1;
                auto &contacts = m_profiles[std::size_t(a)].contacts;
                for (int c = 0; c < 3; ++c) {
                    const int peer = v[std::size_t(pick(0, k - 1))];
                    if (peer != a)
                        contacts.push_back(peer);
                }
            }
            for (std::size_t i = 1; i < v.size(); ++i) // the pattern's first member deals with all
                m_profiles[std::size_t(v[0])].contacts.push_back(v[i]);
            members += k;
            m_rings.push_back({typology, std::move(v)});
        }
    }

    // A normal payment in the hard setting's look-alike patterns.
    void normalPay(double t, int from, int to, double amount, int channel)
    {
        if (from != to && amount >= 1 && t < m_o.start_time + span())
            m_data.tx.push(t, from, to, amount, currencyOf(from), channel, 0, 0, -1);
    }

    // Normal activity shaped like typologies: supply-chain cycles between businesses,
    // payroll fan-outs and collections (fan-in), every month.
    void lookalikes(int n)
    {
        std::vector<int> biz;
        for (int a = 0; a < n; ++a)
            if (m_profiles[std::size_t(a)].business)
                biz.push_back(a);
        if (biz.size() < 8)
            return;
        const int groups = std::max(3, n / 100);
        auto business = [&] { return biz[std::size_t(pick(0, int(biz.size()) - 1))]; };
        for (int g = 0; g < groups; ++g) {
            std::vector<int> chain;
            const int k = pick(3, 6);
            while (int(chain.size()) < k) {
                const int b = business();
                if (std::find(chain.begin(), chain.end(), b) == chain.end())
                    chain.push_back(b);
            }
            const int payer = business(), collector = business();
            std::vector<int> staff, payers;
            for (int i = pick(4, 12); i > 0; --i)
                staff.push_back(pick(0, n - 1));
            std::vector<double> rent;
            for (int i = pick(5, 15); i > 0; --i) {
                payers.push_back(pick(0, n - 1));
                rent.push_back(std::round(m_profiles[std::size_t(payers.back())].typical * (1 + 2 * uniform())));
            }
            for (int m = 0; m < m_o.months; ++m) {
                const double lo = m_o.start_time + m * kMonth;
                if (uniform() < 0.8) { // goods invoiced round the chain, a margin off each hop
                    m_base = std::floor((lo + uniform() * (kMonth - 14 * kDay)) / kDay) * kDay;
                    double t = uniform() * 12 * kHour,
                           a = std::round(m_profiles[std::size_t(chain[0])].typical * std::exp(normal() * 0.4));
                    for (std::size_t i = 0; i < chain.size(); ++i) {
                        normalPay(businessTime(t), chain[i], chain[(i + 1) % chain.size()], a,
                                  uniform() < 0.6 ? kAch : kWire);
                        t += (4 + uniform() * 20) * kHour;
                        a = std::round(a * (0.9 + 0.08 * uniform()));
                    }
                }
                const double payday = lo + double(pick(24, 27)) * kDay + 9 * kHour;
                for (int s : staff)
                    normalPay(payday + uniform() * 2 * kHour, payer, s,
                              std::round(m_profiles[std::size_t(s)].typical * 6 * std::exp(normal() * 0.2)), kAch);
                for (std::size_t i = 0; i < payers.size(); ++i)
                    normalPay(daytime(lo, lo + 5 * kDay), payers[i], collector, rent[i], uniform() < 0.8 ? kAch : kWire);
            }
        }
    }

    // A run's place in the months, in [0, 1): with drift, fan-out, fan-in and cycle runs
    // thin out towards the end, gather-scatter, bipartite and stack runs grow.
    double phase(int typology)
    {
        for (;;) {
            const double u = uniform();
            const double w = typology <= kCycle ? 1 - u : typology == kScatterGather ? 0.5 : u;
            if (uniform() < (1 - m_o.drift) + m_o.drift * w)
                return u;
        }
    }

    void launderHard()
    {
        const double end = m_o.start_time + span();
        for (const auto &ring : m_rings) {
            const std::vector<int> &v = ring.members;
            const int size = int(v.size());
            // Legs of the pattern's first layer: each about a member's typical payment.
            const int legs = ring.typology == kFanOut || ring.typology == kFanIn ? size - 1
                             : ring.typology == kCycle                           ? 1
                             : ring.typology == kScatterGather                   ? size - 2
                             : ring.typology == kGatherScatter                   ? (size - 1) / 2
                             : ring.typology == kBipartite                       ? (size / 2) * (size - size / 2)
                                                           : (size / 3) * (2 * size / 3 - size / 3);
            double typical = 0;
            for (int a : v)
                typical += m_profiles[std::size_t(a)].typical / size;
            const int runs = std::max(1, int(std::lround(m_o.months * 2 * (0.5 + uniform()))));
            for (int r = 0; r < runs; ++r) {
                Pattern p;
                p.id = int(m_data.patterns.size());
                p.typology = ring.typology;
                p.accounts.assign(v.begin(), v.end());
                m_phase = phase(ring.typology);
                m_structured = (ring.typology == kFanOut || ring.typology == kFanIn)
                               && uniform() < 0.2 + 0.3 * m_o.drift * m_phase;
                m_base = std::floor((m_o.start_time + m_phase * (span() - 10 * kDay)) / kDay) * kDay;
                plant(p, v, uniform() * 12 * kHour, std::round(legs * typical * std::exp(normal() * 0.4)));
                // A pattern running past the last month moves back by whole days.
                double last = 0;
                for (auto i : p.transactions)
                    last = std::max(last, m_data.tx.time[std::size_t(i)]);
                if (last >= end) {
                    const double back = std::ceil((last - end + 1) / kDay) * kDay;
                    for (auto i : p.transactions)
                        m_data.tx.time[std::size_t(i)] -= back;
                }
                m_data.patterns.push_back(std::move(p));
            }
        }
        m_phase = 0;
        m_structured = false;
    }

    // Missed runs, false reports, and account labels from the transactions' labels.
    void labelNoise()
    {
        auto &tx = m_data.tx;
        for (const auto &p : m_data.patterns)
            if (uniform() < m_o.missed_label_rate)
                for (auto i : p.transactions)
                    tx.label[std::size_t(i)] = 0;
        for (std::size_t i = 0; i < tx.size(); ++i)
            if (tx.pattern[i] < 0 && uniform() < m_o.false_label_rate)
                tx.label[i] = 1;
        auto &label = m_data.accounts.label;
        std::fill(label.begin(), label.end(), std::int8_t(0));
        for (std::size_t i = 0; i < tx.size(); ++i)
            if (tx.label[i] == 1)
                label[std::size_t(tx.sender[i])] = label[std::size_t(tx.receiver[i])] = 1;
    }

    std::vector<int> ring(int n, int k)
    {
        std::vector<int> v;
        while (int(v.size()) < k) {
            const int a = member(n);
            if (std::find(v.begin(), v.end(), a) == v.end())
                v.push_back(a);
        }
        return v;
    }

    // Rings of accounts (at least one per typology) that run their pattern again every
    // two weeks or so, each time with fresh money: every run is one Pattern.
    void laundering(int n)
    {
        const int target = std::max(7, int(std::lround(n * m_o.fraud_rate)));
        int members = 0;
        for (int typology = 1, rings = 0; members < target || rings < 7; typology = typology % 7 + 1, ++rings) {
            static const int lo[8] = {0, 6, 6, 3, 5, 7, 6, 6}, hi[8] = {0, 12, 12, 7, 9, 11, 9, 9};
            const std::vector<int> v = ring(n, pick(lo[typology], hi[typology]));
            members += int(v.size());
            const int runs = std::max(1, int(std::lround(m_o.months * 2 * (0.5 + uniform()))));
            for (int r = 0; r < runs; ++r) {
                Pattern p;
                p.id = int(m_data.patterns.size());
                p.typology = typology;
                p.accounts.assign(v.begin(), v.end());
                plant(p, v, m_o.start_time + uniform() * (span() - 10 * kDay),
                      std::round(std::exp(std::log(6000.0) + normal() * 1.0)));
                m_data.patterns.push_back(std::move(p));
            }
        }
    }

    void plant(Pattern &p, const std::vector<int> &v, double t, double amount)
    {
        switch (p.typology) {
        case kFanOut:
            for (std::size_t i = 1; i < v.size(); ++i)
                hop(p, v[0], v[i], t += uniform() * 6 * kHour, split(amount / double(v.size() - 1), v[0]));
            break;
        case kFanIn:
            for (std::size_t i = 1; i < v.size(); ++i)
                hop(p, v[i], v[0], t += uniform() * 6 * kHour, split(amount / double(v.size() - 1), v[i]));
            break;
        case kCycle: {
            // The money goes round the ring and returns to its origin.
            double a = amount;
            for (std::size_t i = 0; i < v.size(); ++i) {
                hop(p, v[i], v[(i + 1) % v.size()], t, a);
                t += gap();
                a = shrink(a);
            }
            break;
        }
        case kScatterGather: {
            // v[0] the source, v.back() the sink, the rest intermediates.
            const std::size_t k = v.size() - 2;
            for (std::size_t i = 1; i <= k; ++i) {
                const double part = split(amount / double(k), v[0]);
                const double t1 = t + uniform() * 12 * kHour;
                hop(p, v[0], v[i], t1, part);
                hop(p, v[i], v.back(), t1 + gap(), shrink(part));
            }
            break;
        }
        case kGatherScatter: {
            // v[0] the hub; then the sources, then the destinations.
            const std::size_t k = (v.size() - 1) / 2;
            for (std::size_t i = 1; i <= k; ++i)
                hop(p, v[i], v[0], t + uniform() * 24 * kHour, split(amount / double(k), v[i]));
            const double t2 = t + 24 * kHour + gap();
            const std::size_t m = v.size() - 1 - k;
            for (std::size_t j = 0; j < m; ++j)
                hop(p, v[0], v[1 + k + j], t2 + uniform() * 12 * kHour, split(shrink(amount) / double(m), v[0]));
            break;
        }
        case kBipartite: {
            const std::size_t k = v.size() / 2;
            for (std::size_t i = 0; i < k; ++i)
                for (std::size_t j = k; j < v.size(); ++j)
                    hop(p, v[i], v[j], t + uniform() * 48 * kHour, split(amount / double(k * (v.size() - k)), v[i]));
            break;
        }
        case kStack: {
            // Three layers, each fully paying the next: money moves two hops deep.
            const std::size_t a = v.size() / 3, b = 2 * v.size() / 3;
            std::vector<double> got(v.size(), 0);
            for (std::size_t i = 0; i < a; ++i)
                for (std::size_t j = a; j < b; ++j) {
                    const double x = split(amount / double(a * (b - a)), v[i]);
                    hop(p, v[i], v[j], t + uniform() * 24 * kHour, x);
                    got[j] += x;
                }
            const double t2 = t + 24 * kHour + gap();
            for (std::size_t j = a; j < b; ++j)
                for (std::size_t k = b; k < v.size(); ++k)
                    hop(p, v[j], v[k], t2 + uniform() * 24 * kHour, split(got[j] / double(v.size() - b), v[j]));
            break;
        }
        }
    }

    struct Ring
    {
        int typology = kNormal;
        std::vector<int> members;
    };

    GeneratorOptions m_o;
    std::mt19937_64 m_rng;
    bool m_hard = false;
    std::vector<Ring> m_rings;      // the hard setting's rings, formed before normal activity
    double m_base = 0, m_phase = 0; // the current pattern's midnight and place in the months
    bool m_structured = false;      // the current pattern is structured
    AmlData m_data;
    std::vector<Profile> m_profiles;
    int m_hubStart = 0, m_hubEnd = 0;
};

} // namespace

AmlData generateTransactions(const GeneratorOptions &o)
{
    if (o.accounts < 20 || o.accounts > 10'000'000)
        throw std::invalid_argument("accounts must be between 20 and 10000000 (got " + std::to_string(o.accounts) + ")");
    if (o.months < 1 || o.months > 120)
        throw std::invalid_argument("months must be between 1 and 120 (got " + std::to_string(o.months) + ")");
    if (!(o.fraud_rate > 0 && o.fraud_rate <= 0.5))
        throw std::invalid_argument("fraud rate must be in (0, 0.5] (got " + std::to_string(o.fraud_rate) + ")");
    if (!(o.tx_per_account_month >= 0.5 && o.tx_per_account_month <= 1000))
        throw std::invalid_argument("transactions per account and month must be in [0.5, 1000]");
    if (!(o.missed_label_rate >= 0 && o.missed_label_rate <= 0.9))
        throw std::invalid_argument("missed_label_rate must be in [0, 0.9] (got " + std::to_string(o.missed_label_rate)
                                    + ")");
    if (!(o.false_label_rate >= 0 && o.false_label_rate <= 0.05))
        throw std::invalid_argument("false_label_rate must be in [0, 0.05] (got " + std::to_string(o.false_label_rate)
                                    + ")");
    if (!(o.drift >= 0 && o.drift <= 1))
        throw std::invalid_argument("drift must be in [0, 1] (got " + std::to_string(o.drift) + ")");
    if (o.difficulty != Difficulty::Easy && o.difficulty != Difficulty::Hard)
        throw std::invalid_argument("difficulty must be easy or hard");
    return Generator(o).run();
}

double expectedTransactions(const GeneratorOptions &o)
{
    // A fifth of the accounts are businesses paying 2.5 times as often, with a log-normal
    // spread (mean factor exp(0.4^2 / 2)); laundering and look-alikes add a little.
    return double(o.accounts) * o.months * o.tx_per_account_month * 1.5;
}

double estimateGeneratorBytes(const GeneratorOptions &o)
{
    // 71 bytes of columns a transaction (ids, time, amount, parties, a currency string,
    // codes), twice over for the vectors' growth and the sort's copies; about 256 bytes
    // of profile, contacts and names an account.
    return expectedTransactions(o) * 160.0 + double(o.accounts) * (1 + o.fraud_rate) * 256.0;
}

std::string generatorMemoryRefusal(const GeneratorOptions &o, const MachineMemory &machine)
{
    char count[32];
    std::snprintf(count, sizeof count, "%.3g", expectedTransactions(o));
    return memoryRefusal("generating about " + std::string(count) + " transactions (" + std::to_string(o.accounts)
                             + " accounts, " + std::to_string(o.months) + " months)",
                         estimateGeneratorBytes(o), machine,
                         "give fewer --accounts, --months or --tx-per-month, or pass --ignore-memory-check to try "
                         "anyway");
}

const char *difficultyName(Difficulty d) { return d == Difficulty::Hard ? "hard" : "easy"; }

Difficulty difficultyFromName(const std::string &name)
{
    if (name == "easy")
        return Difficulty::Easy;
    if (name == "hard")
        return Difficulty::Hard;
    throw std::invalid_argument("difficulty must be easy or hard (got '" + name + "')");
}

} // namespace seekbench::aml
