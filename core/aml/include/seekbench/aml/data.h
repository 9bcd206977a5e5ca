#pragma once

// Transactions and accounts of the anti-money-laundering scenario as plain columns. This
// is how transactions travel between layers: projects/ reads and writes them in SQLite,
// the CLI hands them to core (features, the XGBoost baseline, the graph model's training
// task) as an AmlDataset. No SQL, no torch, no Qt.

#include "seekbench/run/dataset_source.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::aml {

// The laundering typologies of public AML simulators (AMLSim). 0 is normal activity.
enum Typology : std::int8_t {
    kNormal = 0,
    kFanOut = 1,
    kFanIn = 2,
    kCycle = 3,
    kScatterGather = 4,
    kGatherScatter = 5,
    kBipartite = 6,
    kStack = 7,
};
constexpr int kTypologyCount = 8;
const char *typologyName(int typology);        // "fan_out", ...; "normal" for 0
int typologyFromName(const std::string &name); // -1 when unknown
std::string formatTimestamp(double seconds);   // 2026-03-01T14:05:00Z (UTC)

// Payment channels; index into channelNames().
const std::vector<std::string> &channelNames(); // wire, ach, card, cash, crypto
int channelFromName(const std::string &name);   // -1 when unknown

struct Accounts
{
    std::vector<std::string> name;
    std::vector<std::int8_t> business; // 1 business, 0 personal
    std::vector<std::string> country;  // ISO 3166 alpha-2
    std::vector<std::int8_t> label;    // 1: part of a laundering pattern, 0: not, -1: unknown
    std::vector<std::int8_t> mule;     // 1: an account opened to move laundered money

    std::size_t size() const { return name.size(); }
    void reserve(std::size_t n);
    void push(std::string name, bool business, std::string country, int label, bool mule);
};

struct Transactions
{
    std::vector<std::int64_t> id;     // store id (1-based); generator order before import
    std::vector<double> time;         // seconds since 1970-01-01 UTC
    std::vector<std::int32_t> sender; // index into Accounts
    std::vector<std::int32_t> receiver;
    std::vector<double> amount;        // in `currency`; no conversion is made
    std::vector<std::string> currency; // ISO 4217
    std::vector<std::int8_t> channel;  // index into channelNames()
    std::vector<std::int8_t> label;    // 1 laundering, 0 normal, -1 unknown (unlabelled import)
    std::vector<std::int8_t> typology; // Typology; 0 for normal and unknown
    std::vector<std::int32_t> pattern; // generator pattern id; -1 for none

    std::size_t size() const { return time.size(); }
    void reserve(std::size_t n);
    void push(double time, int sender, int receiver, double amount, const std::string &currency, int channel, int label,
              int typology, int pattern);
};

// One planted laundering pattern: its typology, member accounts and transactions
// (indices into Transactions, in the order the generator made them).
struct Pattern
{
    int id = 0;
    int typology = kNormal;
    std::vector<std::int32_t> accounts;
    std::vector<std::int64_t> transactions;
};

struct AmlData
{
    Accounts accounts;
    Transactions tx;
    std::vector<Pattern> patterns; // empty for imported data

    // Sorts transactions by (time, sender, receiver, amount) and remaps pattern indices.
    void sortByTime();
};

// What the CLI hands to the trainer (TrainRequest::dataset) for data.kind
// "aml_transactions": the project's transactions, read from its store.
class AmlDataset final : public DatasetSource
{
public:
    AmlData data;
    std::string origin; // where the data came from, for messages ("project /p, 120000 transactions")
};

// 64-bit FNV-1a over the columns: the data fingerprint of a run.
std::uint64_t fingerprint(const AmlData &data);

} // namespace seekbench::aml
