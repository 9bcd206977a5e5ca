#pragma once

// The project's transaction store for the AML scenario (schema version 5): accounts and
// transactions in SQLite, indexed for fund-chain tracing. Transactions leave it as plain
// columns (aml::AmlData), never as SQL. Account ids are dense (1..N, never deleted), so
// an account's index in AmlData is its id - 1.

#include "seekbench/aml/data.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct TransactionRow
{
    std::int64_t id = 0;
    double ts = 0;
    std::int64_t sender = 0, receiver = 0; // account ids
    std::string senderName, receiverName;
    double amount = 0;
    std::string currency, channel, typology;
    int label = -1; // -1 unknown
};

struct AccountRow
{
    std::int64_t id = 0;
    std::string name, country;
    bool business = false, mule = false;
    int label = -1;
};

class TransactionStore
{
public:
    explicit TransactionStore(const Project &project);
    ~TransactionStore();
    TransactionStore(const TransactionStore &) = delete;
    TransactionStore &operator=(const TransactionStore &) = delete;

    struct Appended
    {
        std::int64_t transactions = 0, newAccounts = 0, firstId = 0;
    };
    // Appends the transactions of `data` in one transaction. Accounts are matched by
    // name; new ones are added.
    Appended append(const aml::AmlData &data);

    // A CSV import as aml_imports records it; rows_ok is the number of rows appended.
    struct ImportRecord
    {
        std::string source;
        std::int64_t rowsBad = 0;
        std::string quarantine, detailsJson;
    };
    struct Imported
    {
        std::int64_t importId = 0;
        Appended appended;
    };
    // Records the import and appends its rows (import_id set) in ONE SQLite transaction:
    // the record and its rows commit together, so an import killed or failing midway
    // leaves neither, never a record of rows that are not in the store.
    Imported appendImport(const aml::AmlData &data, const ImportRecord &record);

    // One aml_imports row with the rows the store actually holds for it. A store written
    // before imports were atomic may hold a record whose rows never committed: it is
    // `complete() == false`, never shown as done.
    struct ImportRow
    {
        std::int64_t id = 0;
        std::string source;
        double importedAt = 0;
        std::int64_t rowsOk = 0, rowsBad = 0, rowsStored = 0;
        std::string quarantine, detailsJson;
        bool complete() const { return rowsStored == rowsOk; }
    };
    // Every import, oldest first.
    std::vector<ImportRow> imports();

    // Everything, transactions in time order (ts, id); Transactions::id holds store ids.
    aml::AmlData load();
    // The accounts alone (for matching names on import).
    aml::Accounts accounts();

    std::int64_t transactionCount();
    std::int64_t accountCount();
    std::optional<AccountRow> account(std::int64_t id);
    std::optional<AccountRow> accountByName(const std::string &name);
    std::optional<TransactionRow> transaction(std::int64_t id);
    // An account's transactions in both directions, in time order, at most `limit`.
    std::vector<TransactionRow> transactionsOf(std::int64_t accountId, int limit);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seekbench::projects
