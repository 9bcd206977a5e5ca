#include "seekbench/projects/transactions.h"

#include "connection.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"

#include <chrono>
#include <cstdint>
#include <unordered_map>

namespace seekbench::projects {

struct TransactionStore::Impl
{
    sql::Database db;
};

namespace {

double nowSeconds()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const char *kRowColumns = "t.id, t.ts, t.sender, t.receiver, s.name, r.name, t.amount, t.currency, t.channel, "
                          "coalesce(t.label, -1), t.typology FROM aml_transactions t "
                          "JOIN aml_accounts s ON s.id = t.sender JOIN aml_accounts r ON r.id = t.receiver ";

TransactionRow readRow(const sql::Statement &st)
{
    TransactionRow r;
    r.id = st.int64(0);
    r.ts = st.real(1);
    r.sender = st.int64(2);
    r.receiver = st.int64(3);
    r.senderName = st.text(4);
    r.receiverName = st.text(5);
    r.amount = st.real(6);
    r.currency = st.text(7);
    r.channel = st.text(8);
    r.label = st.int32(9);
    r.typology = st.text(10);
    return r;
}

AccountRow readAccount(const sql::Statement &st)
{
    AccountRow a;
    a.id = st.int64(0);
    a.name = st.text(1);
    a.business = st.int32(2) != 0;
    a.country = st.text(3);
    a.label = st.isNull(4) ? -1 : st.int32(4);
    a.mule = st.int32(5) != 0;
    return a;
}

// Appends the rows of `data` inside the caller's write transaction.
TransactionStore::Appended appendRows(sql::Database &db, const aml::AmlData &data, std::int64_t importId)
{
    TransactionStore::Appended out;
    // Dense ids: account index in AmlData is id - 1.
    std::unordered_map<std::string, std::int64_t> ids;
    {
        auto st = db.prepare("SELECT id, name FROM aml_accounts");
        while (st.step())
            ids.emplace(st.text(1), st.int64(0));
    }
    std::int64_t next = std::int64_t(ids.size()) + 1;
    std::vector<std::int64_t> idOf(data.accounts.size(), 0);
    auto ins = db.prepare(
        "INSERT INTO aml_accounts(id, name, business, country, label, mule) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto upd = db.prepare("UPDATE aml_accounts SET label = ?2 WHERE id = ?1 AND coalesce(label, -1) < ?2");
    const auto &a = data.accounts;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto it = ids.find(a.name[i]);
        if (it != ids.end()) {
            idOf[i] = it->second;
            if (a.label[i] >= 0)
                upd.bind(1, it->second).bind(2, int(a.label[i])).run();
            continue;
        }
        ins.bind(1, next).bind(2, a.name[i]).bind(3, int(a.business[i])).bind(4, a.country[i]);
        if (a.label[i] >= 0)
            ins.bind(5, int(a.label[i]));
        else
            ins.bindNull(5);
        ins.bind(6, int(a.mule[i])).run();
        ids.emplace(a.name[i], next);
        idOf[i] = next++;
        ++out.newAccounts;
    }
    auto tx = db.prepare("INSERT INTO aml_transactions(ts, sender, receiver, amount, currency, channel, label, "
                         "typology, pattern, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    const auto &t = data.tx;
    const auto &channels = aml::channelNames();
    for (std::size_t i = 0; i < t.size(); ++i) {
        tx.bind(1, t.time[i]).bind(2, idOf[std::size_t(t.sender[i])]).bind(3, idOf[std::size_t(t.receiver[i])]);
        tx.bind(4, t.amount[i]).bind(5, t.currency[i]).bind(6, channels[std::size_t(t.channel[i])]);
        if (t.label[i] >= 0)
            tx.bind(7, int(t.label[i]));
        else
            tx.bindNull(7);
        tx.bind(8, t.typology[i] > 0 ? aml::typologyName(t.typology[i]) : "");
        if (t.pattern[i] >= 0)
            tx.bind(9, int(t.pattern[i]));
        else
            tx.bindNull(9);
        if (importId > 0)
            tx.bind(10, importId);
        else
            tx.bindNull(10);
        tx.run();
        if (i == 0)
            out.firstId = db.lastInsertRowid();
        ++out.transactions;
    }
    return out;
}

} // namespace

TransactionStore::TransactionStore(const Project &project) : d(std::make_unique<Impl>())
{
    d->db = openConnection(project, false);
}

TransactionStore::~TransactionStore() = default;

TransactionStore::Appended TransactionStore::append(const aml::AmlData &data)
{
    Appended out;
    sql::withWriteTransaction(d->db, [&] { out = appendRows(d->db, data, 0); });
    return out;
}

TransactionStore::Imported TransactionStore::appendImport(const aml::AmlData &data, const ImportRecord &record)
{
    Imported out;
    sql::withWriteTransaction(d->db, [&] {
        d->db
            .prepare("INSERT INTO aml_imports(source, imported_at, rows_ok, rows_bad, quarantine, details_json) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .bind(1, record.source)
            .bind(2, nowSeconds())
            .bind(3, std::int64_t(data.tx.size()))
            .bind(4, record.rowsBad)
            .bind(5, record.quarantine)
            .bind(6, record.detailsJson)
            .run();
        out.importId = d->db.lastInsertRowid();
        out.appended = appendRows(d->db, data, out.importId);
    });
    return out;
}

std::vector<TransactionStore::ImportRow> TransactionStore::imports()
{
    std::vector<ImportRow> rows;
    // One statement: the records and the counts of their rows are of the same moment.
    auto st = d->db.prepare("SELECT i.id, i.source, i.imported_at, i.rows_ok, i.rows_bad, i.quarantine, i.details_json, "
                            "coalesce(n.stored, 0) FROM aml_imports i LEFT JOIN "
                            "(SELECT import_id, count(*) AS stored FROM aml_transactions WHERE import_id IS NOT NULL "
                            "GROUP BY import_id) n ON n.import_id = i.id ORDER BY i.id");
    while (st.step()) {
        ImportRow r;
        r.id = st.int64(0);
        r.source = st.text(1);
        r.importedAt = st.real(2);
        r.rowsOk = st.int64(3);
        r.rowsBad = st.int64(4);
        r.quarantine = st.text(5);
        r.detailsJson = st.text(6);
        r.rowsStored = st.int64(7);
        rows.push_back(std::move(r));
    }
    return rows;
}

aml::Accounts TransactionStore::accounts()
{
    aml::Accounts a;
    auto st = d->db.prepare("SELECT id, name, business, country, label, mule FROM aml_accounts ORDER BY id");
    std::int64_t expect = 1;
    while (st.step()) {
        const AccountRow r = readAccount(st);
        if (r.id != expect++)
            throw ProjectError(ProjectError::Kind::DamagedDatabase, "aml_accounts ids are not dense (id "
                                                                        + std::to_string(r.id) + " in " + d->db.path()
                                                                        + ")");
        a.push(r.name, r.business, r.country, r.label, r.mule);
    }
    return a;
}

aml::AmlData TransactionStore::load()
{
    aml::AmlData data;
    data.accounts = accounts();
    const std::int64_t n = transactionCount();
    data.tx.reserve(std::size_t(n));
    auto st = d->db.prepare("SELECT id, ts, sender, receiver, amount, currency, channel, coalesce(label, -1), typology, "
                            "coalesce(pattern, -1) FROM aml_transactions ORDER BY ts, id");
    while (st.step()) {
        const int channel = aml::channelFromName(st.text(6));
        const std::string typology = st.text(8);
        data.tx.push(st.real(1), int(st.int64(2) - 1), int(st.int64(3) - 1), st.real(4), st.text(5),
                     channel < 0 ? 0 : channel, st.int32(7),
                     typology.empty() ? 0 : std::max(0, aml::typologyFromName(typology)), st.int32(9));
        data.tx.id.back() = st.int64(0);
    }
    return data;
}

std::int64_t TransactionStore::transactionCount()
{
    auto st = d->db.prepare("SELECT count(*) FROM aml_transactions");
    st.step();
    const auto n = st.int64(0);
    st.reset();
    return n;
}

std::int64_t TransactionStore::accountCount()
{
    auto st = d->db.prepare("SELECT count(*) FROM aml_accounts");
    st.step();
    const auto n = st.int64(0);
    st.reset();
    return n;
}

std::optional<AccountRow> TransactionStore::account(std::int64_t id)
{
    auto st = d->db.prepare("SELECT id, name, business, country, label, mule FROM aml_accounts WHERE id = ?1");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    auto a = readAccount(st);
    st.reset();
    return a;
}

std::optional<AccountRow> TransactionStore::accountByName(const std::string &name)
{
    auto st = d->db.prepare("SELECT id, name, business, country, label, mule FROM aml_accounts WHERE name = ?1");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    auto a = readAccount(st);
    st.reset();
    return a;
}

std::optional<TransactionRow> TransactionStore::transaction(std::int64_t id)
{
    auto st = d->db.prepare(std::string("SELECT ") + kRowColumns + "WHERE t.id = ?1");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    auto r = readRow(st);
    st.reset();
    return r;
}

std::vector<TransactionRow> TransactionStore::transactionsOf(std::int64_t accountId, int limit)
{
    std::vector<TransactionRow> rows;
    auto st = d->db.prepare(std::string("SELECT * FROM (SELECT ") + kRowColumns + "WHERE t.sender = ?1 UNION ALL SELECT "
                            + kRowColumns + "WHERE t.receiver = ?1) ORDER BY 2, 1 LIMIT ?2");
    st.bind(1, accountId).bind(2, limit);
    while (st.step())
        rows.push_back(readRow(st));
    return rows;
}

} // namespace seekbench::projects
