#pragma once

// The run_summary table: final and best value of each rank-0 metric of a run, kept up
// to date by every flush so that listing runs with their results reads no points.

#include "sql.h"

#include <cstdint>
#include <string>

namespace seekbench::projects::summary {

struct Update
{
    std::int64_t finalStep = 0;
    double finalValue = 0;
    std::int64_t bestStep = 0;
    double bestValue = 0;
    bool hasBest = false;
};

// Folds a batch's figures into the table: the final value moves only forward in steps,
// the best only improves (direction from higherIsBetter()).
void merge(sql::Statement &upsert, const std::string &runId, const std::string &key, const Update &u);
const char *mergeSql();

// Recomputes one key from the visible points of its rank-0 curve (after a resume).
void recompute(sql::Database &db, const std::string &runId, const std::string &key, std::int64_t curveId);

} // namespace seekbench::projects::summary
