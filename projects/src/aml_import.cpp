#include "seekbench/projects/aml_import.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/transactions.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>

namespace seekbench::projects {

std::filesystem::path defaultQuarantinePath(const Project &project, const std::filesystem::path &csv)
{
    std::filesystem::create_directories(project.dir() / "datasets");
    const auto stamp
        = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return project.dir() / "datasets" / ("quarantine-" + csv.stem().string() + "-" + std::to_string(stamp) + ".csv");
}

replies::AmlImportReply recordCsvImport(const Project &project, const std::string &csv, aml::AmlData good,
                                        std::int64_t lines, std::int64_t bad, const std::string &quarantine)
{
    TransactionStore store(project);
    good.sortByTime(); // the rows get their ids in time order
    // The record and its rows commit together: a kill midway leaves no import at all.
    const auto done = store.appendImport(good, {csv, bad, quarantine, nlohmann::json{{"lines", lines}}.dump()});
    const auto &added = done.appended;
    replies::AmlImportReply r;
    r.importId = done.importId;
    r.lines = lines;
    r.imported = added.transactions;
    r.newAccounts = added.newAccounts;
    r.quarantined = bad;
    r.quarantine = quarantine;
    return r;
}

std::shared_ptr<aml::AmlDataset> loadAmlDataset(const Project &project)
{
    auto ds = std::make_shared<aml::AmlDataset>();
    ds->data = TransactionStore(project).load();
    ds->origin = "project " + project.dir().string() + ", " + std::to_string(ds->data.tx.size()) + " transactions";
    if (ds->data.tx.size() == 0)
        throw std::invalid_argument("the project " + project.dir().string()
                                    + " has no transactions: run seekbench-cli aml generate or aml import first");
    return ds;
}

} // namespace seekbench::projects
