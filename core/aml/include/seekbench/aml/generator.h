#pragma once

// A generator of realistic synthetic transactions for the AML scenario: accounts with
// profiles (personal or business, country, typical amount, monthly rhythm, a circle of
// usual counterparties), a few hub accounts (payroll, marketplaces) with very high
// degree, months of normal activity, and laundering patterns after AMLSim's typologies:
// fan-out, fan-in, cycle, scatter-gather, gather-scatter, bipartite and stack. Amounts
// shrink along chains (fees of 1-5 % a hop), hops are separated by time gaps, and many
// pattern members are mule accounts (new, otherwise quiet). Deterministic for a seed.

#include "seekbench/aml/data.h"

#include <cstdint>

namespace seekbench::aml {

struct GeneratorOptions
{
    int accounts = 1000;             // ordinary accounts (hubs and mules come on top)
    int months = 6;                  // of activity, from start_time
    double fraud_rate = 0.05;        // share of accounts in laundering rings (at least one ring a typology);
                                     // each ring runs its pattern about twice a month
    double tx_per_account_month = 8; // mean ordinary payments an account makes a month
    std::uint64_t seed = 7;
    double start_time = 1767225600; // 2026-01-01T00:00:00Z
};

// Throws std::invalid_argument naming the field for options out of range.
AmlData generateTransactions(const GeneratorOptions &options);

} // namespace seekbench::aml
