#pragma once

// A generator of realistic synthetic transactions for the AML scenario: accounts with
// profiles (personal or business, country, typical amount, monthly rhythm, a circle of
// usual counterparties), a few hub accounts (payroll, marketplaces) with very high
// degree, months of normal activity, and laundering patterns after AMLSim's typologies:
// fan-out, fan-in, cycle, scatter-gather, gather-scatter, bipartite and stack. Amounts
// shrink along chains (fees of 1-5 % a hop), hops are separated by time gaps, and many
// pattern members are mule accounts (new, otherwise quiet). Deterministic for a seed.
//
// The hard setting (Difficulty::Hard) camouflages all of that, so that a model cannot
// separate laundering perfectly:
//  - mules are ordinary accounts with months of history, a salary and usual
//    counterparties; ring members are each other's usual counterparties, so laundering
//    transfers run over edges that also carry normal payments;
//  - laundering legs are sized like the paying member's ordinary payments (chains pass
//    on what they received less fees); hops happen in business hours (8:00-20:00), 1 to
//    24 business hours apart (up to 48 by the last month), over ACH, wire and some cash;
//  - structuring: a share of fan-in and fan-out runs (20 %, rising to 50 % by the last
//    month) split the money into legs just below the 10,000 reporting threshold (2-15 %
//    under it, a quarter in cash, one leg in six left unstructured);
//  - normal look-alikes, labelled normal: supply-chain cycles between businesses, payroll
//    fan-outs, rent or fee collections (fan-in), and invoices just under 10,000;
//  - typology drift (`drift`): fan-out, fan-in and cycle runs thin out towards the last
//    month while gather-scatter, bipartite and stack runs grow from few to most, and
//    hop gaps lengthen; later months differ from the first ones;
//  - label noise: `missed_label_rate` of the laundering runs are labelled normal (never
//    caught) and `false_label_rate` of the normal transactions are labelled laundering
//    (wrong reports). Transaction `typology` and `pattern` and the account `mule` flag
//    keep the truth; `label` (transactions and accounts) is what an investigator would
//    have recorded, and accounts are labelled from the transactions' labels.
// The easy setting's output is unchanged by these knobs.

#include "seekbench/aml/data.h"
#include "seekbench/config/machine_memory.h"

#include <cstdint>
#include <string>

namespace seekbench::aml {

enum class Difficulty { Easy, Hard };
const char *difficultyName(Difficulty d); // "easy" | "hard"
// Throws std::invalid_argument "difficulty must be easy or hard (got 'x')".
Difficulty difficultyFromName(const std::string &name);

struct GeneratorOptions
{
    int accounts = 1000;             // ordinary accounts (hubs and mules come on top)
    int months = 6;                  // of activity, from start_time
    double fraud_rate = 0.05;        // share of accounts in laundering rings (at least one ring a typology);
                                     // each ring runs its pattern about twice a month
    double tx_per_account_month = 8; // mean ordinary payments an account makes a month
    std::uint64_t seed = 7;
    double start_time = 1767225600; // 2026-01-01T00:00:00Z

    Difficulty difficulty = Difficulty::Easy;
    // Knobs of the hard setting (ignored when easy):
    double missed_label_rate = 0.2;  // share of laundering runs labelled normal, in [0, 0.9]
    double false_label_rate = 0.001; // share of normal transactions labelled laundering, in [0, 0.05]
    double drift = 1.0;              // strength of the typology drift over the months, in [0, 1]
};

// Throws std::invalid_argument naming the field for options out of range.
AmlData generateTransactions(const GeneratorOptions &options);

// About how many transactions these options make (ordinary accounts' payments; business
// accounts pay more), and the peak memory of generating them: the columns with their
// growth and the sort's copies, and the accounts' profiles.
double expectedTransactions(const GeneratorOptions &options);
double estimateGeneratorBytes(const GeneratorOptions &options);
// Why these options cannot be generated on `machine`, naming both figures and the
// override (`--ignore-memory-check`), or empty when they fit.
std::string generatorMemoryRefusal(const GeneratorOptions &options, const MachineMemory &machine);

} // namespace seekbench::aml
