#pragma once

// Transactions into and out of the project's store for the CLI: a CSV import after core
// read the file (aml/csv_import.h): where the bad rows are kept by default, and the good
// rows recorded as one import (sorted by time before they get ids; `seekbench-cli aml
// import` prints the reply); and the store's transactions as a training dataset.

#include "seekbench/aml/data.h"
#include "seekbench/replies/aml_replies.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace seekbench::projects {

class Project;

// datasets/quarantine-<csv stem>-<unix seconds>.csv in the project (the folder is created).
std::filesystem::path defaultQuarantinePath(const Project &project, const std::filesystem::path &csv);

// Records the import of `csv` (`lines` data lines, `bad` of them refused and kept in
// `quarantine`, "" for none) and appends `good` sorted by time.
replies::AmlImportReply recordCsvImport(const Project &project, const std::string &csv, aml::AmlData good,
                                        std::int64_t lines, std::int64_t bad, const std::string &quarantine);

// Every transaction of the store as the dataset of an AML run ("project DIR, N
// transactions"). Throws std::invalid_argument when the store has none.
std::shared_ptr<aml::AmlDataset> loadAmlDataset(const Project &project);

} // namespace seekbench::projects
