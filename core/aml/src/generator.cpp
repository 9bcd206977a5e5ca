#include "seekbench/aml/generator.h"

#include <algorithm>
#include <cmath>
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
    explicit Generator(const GeneratorOptions &o) : m_o(o), m_rng(o.seed) {}

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
        normalActivity(n);
        laundering(n);
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
    double gap() { return (1 + uniform() * 47) * kHour; }
    int launderChannel()
    {
        return uniform() < 0.5 ? kWire : uniform() < 0.6 ? kAch : uniform() < 0.5 ? kCrypto : kCash;
    }

    void hop(Pattern &p, int from, int to, double t, double amount)
    {
        p.transactions.push_back(std::int64_t(m_data.tx.size()));
        m_data.tx.push(t, from, to, amount, currencyOf(from), launderChannel(), 1, p.typology, p.id);
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
                hop(p, v[0], v[i], t += uniform() * 6 * kHour, shrink(amount / double(v.size() - 1)));
            break;
        case kFanIn:
            for (std::size_t i = 1; i < v.size(); ++i)
                hop(p, v[i], v[0], t += uniform() * 6 * kHour, shrink(amount / double(v.size() - 1)));
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
                const double part = shrink(amount / double(k));
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
                hop(p, v[i], v[0], t + uniform() * 24 * kHour, shrink(amount / double(k)));
            const double t2 = t + 24 * kHour + gap();
            const std::size_t m = v.size() - 1 - k;
            for (std::size_t j = 0; j < m; ++j)
                hop(p, v[0], v[1 + k + j], t2 + uniform() * 12 * kHour, shrink(shrink(amount) / double(m)));
            break;
        }
        case kBipartite: {
            const std::size_t k = v.size() / 2;
            for (std::size_t i = 0; i < k; ++i)
                for (std::size_t j = k; j < v.size(); ++j)
                    hop(p, v[i], v[j], t + uniform() * 48 * kHour, shrink(amount / double(k * (v.size() - k))));
            break;
        }
        case kStack: {
            // Three layers, each fully paying the next: money moves two hops deep.
            const std::size_t a = v.size() / 3, b = 2 * v.size() / 3;
            std::vector<double> got(v.size(), 0);
            for (std::size_t i = 0; i < a; ++i)
                for (std::size_t j = a; j < b; ++j) {
                    const double x = shrink(amount / double(a * (b - a)));
                    hop(p, v[i], v[j], t + uniform() * 24 * kHour, x);
                    got[j] += x;
                }
            const double t2 = t + 24 * kHour + gap();
            for (std::size_t j = a; j < b; ++j)
                for (std::size_t k = b; k < v.size(); ++k)
                    hop(p, v[j], v[k], t2 + uniform() * 24 * kHour, shrink(got[j] / double(v.size() - b)));
            break;
        }
        }
    }

    GeneratorOptions m_o;
    std::mt19937_64 m_rng;
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
    return Generator(o).run();
}

} // namespace seekbench::aml
