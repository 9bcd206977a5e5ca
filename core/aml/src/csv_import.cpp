#include "seekbench/aml/csv_import.h"

#include "seekbench/formats/small_file.h"
#include "seekbench/text/csv_line.h"
#include "seekbench/text/terminal_text.h"
#include "seekbench/text/timestamp.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <unordered_map>

namespace seekbench::aml {
namespace {

// A value quoted in a reason: control characters escaped (terminal_text.h), so that a
// reason printed to a terminal or written to the quarantine file carries none.
std::string shown(const std::string &value) { return "'" + terminalText(value) + "'"; }

} // namespace

CsvImport parseTransactionsCsv(std::istream &in, const Accounts &known)
{
    CsvImport r;
    r.data.accounts = known;
    std::unordered_map<std::string, int> index;
    for (std::size_t i = 0; i < known.size(); ++i)
        index.emplace(known.name[i], int(i));
    auto account = [&](const std::string &name) {
        auto it = index.find(name);
        if (it != index.end())
            return it->second;
        const int id = int(r.data.accounts.size());
        r.data.accounts.push(name, false, "", -1, false);
        index.emplace(name, id);
        return id;
    };

    std::string line;
    if (!std::getline(in, line)) {
        r.headerError
            = "the file is empty: expected a header line timestamp,sender,receiver,amount,currency[,channel][,label]";
        return r;
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
        line.erase(0, 3);
    std::vector<std::string> fields;
    splitCsvLine(line, fields);
    std::map<std::string, int> col;
    std::vector<std::string> names; // the columns in the file's order
    static const std::vector<std::string> allowed{"timestamp", "sender",  "receiver", "amount",
                                                  "currency",  "channel", "label"};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        std::string name = trimSpaces(fields[i]);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            r.headerError = "line 1: unknown column " + shown(name)
                            + " (expected timestamp, sender, receiver, amount, currency, channel, label)";
            return r;
        }
        if (col.count(name)) {
            r.headerError = "line 1: column " + shown(name) + " appears twice";
            return r;
        }
        col[name] = int(i);
        names.push_back(name);
    }
    for (const char *required : {"timestamp", "sender", "receiver", "amount", "currency"})
        if (!col.count(required)) {
            r.headerError = std::string("line 1: the header has no '") + required + "' column";
            return r;
        }

    std::int64_t lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (trimSpaces(line).empty())
            continue; // blank lines carry no row
        ++r.lines;
        auto bad = [&](std::string reason) { r.bad.push_back({lineNo, std::move(reason), line}); };
        if (!splitCsvLine(line, fields)) {
            bad("unterminated quoted field");
            continue;
        }
        if (fields.size() != col.size()) {
            bad("expected " + std::to_string(col.size()) + " fields, found " + std::to_string(fields.size()));
            continue;
        }
        // Every field is text from outside: UTF-8 or the row is refused, naming the column
        // and the byte (the quarantine keeps the raw line for the user to repair).
        bool utf8 = true;
        for (std::size_t i = 0; i < fields.size() && utf8; ++i)
            if (const std::size_t at = firstInvalidUtf8(fields[i]); at != std::string::npos) {
                char byte[8];
                std::snprintf(byte, sizeof byte, "0x%02X", unsigned(static_cast<unsigned char>(fields[i][at])));
                bad(names[i] + ": not valid UTF-8 (byte " + byte + " at byte " + std::to_string(at + 1)
                    + " of the field, column " + std::to_string(i + 1) + ")");
                utf8 = false;
            }
        if (!utf8)
            continue;
        auto field = [&](const char *name) {
            return col.count(name) ? trimSpaces(fields[std::size_t(col[name])]) : std::string();
        };
        double t = 0;
        const std::string ts = field("timestamp");
        if (!parseTimestamp(ts, t)) {
            bad("timestamp: " + shown(ts) + " is not an ISO 8601 UTC time or epoch seconds");
            continue;
        }
        const std::string sender = field("sender"), receiver = field("receiver");
        if (sender.empty()) {
            bad("sender: empty");
            continue;
        }
        if (receiver.empty()) {
            bad("receiver: empty");
            continue;
        }
        // An account id is shown in tables, traces and reports: printable text only.
        if (const std::string c = firstControlCharacter(sender); !c.empty()) {
            bad("sender: " + shown(sender) + " holds a control character (" + c + ")");
            continue;
        }
        if (const std::string c = firstControlCharacter(receiver); !c.empty()) {
            bad("receiver: " + shown(receiver) + " holds a control character (" + c + ")");
            continue;
        }
        if (sender == receiver) {
            bad("receiver: same account as the sender (" + shown(sender) + ")");
            continue;
        }
        const std::string amountText = field("amount");
        char *end = nullptr;
        errno = 0;
        const double amount = std::strtod(amountText.c_str(), &end);
        if (amountText.empty() || end != amountText.c_str() + amountText.size() || errno == ERANGE) {
            bad("amount: " + shown(amountText) + " is not a number");
            continue;
        }
        if (!std::isfinite(amount) || amount <= 0) {
            bad("amount: " + shown(amountText) + " must be greater than 0");
            continue;
        }
        const std::string currency = field("currency");
        if (currency.size() != 3
            || !std::all_of(currency.begin(), currency.end(), [](unsigned char c) { return c >= 'A' && c <= 'Z'; })) {
            bad("currency: " + shown(currency) + " is not a three-letter ISO 4217 code");
            continue;
        }
        std::string channelText = field("channel");
        std::transform(channelText.begin(), channelText.end(), channelText.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        const int channel = channelText.empty() ? 0 : channelFromName(channelText);
        if (channel < 0) {
            bad("channel: " + shown(channelText) + " is not one of wire, ach, card, cash, crypto");
            continue;
        }
        const std::string labelText = field("label");
        int label = -1;
        if (labelText == "1")
            label = 1;
        else if (labelText == "0")
            label = 0;
        else if (!labelText.empty()) {
            bad("label: " + shown(labelText) + " must be 0, 1 or empty");
            continue;
        }
        const int s = account(sender), rcv = account(receiver);
        r.data.tx.push(t, s, rcv, amount, currency, channel, label, 0, -1);
        if (label == 1) {
            r.data.accounts.label[std::size_t(s)] = 1;
            r.data.accounts.label[std::size_t(rcv)] = 1;
        }
    }
    return r;
}

CsvImport readTransactionsCsv(const std::filesystem::path &file, const Accounts &known)
{
    // A directory or a device (/dev/zero) is refused before anything is read.
    if (const std::string problem = regularFileProblem(file); !problem.empty()) {
        CsvImport r;
        r.headerError = file.string() + ": " + problem;
        return r;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        CsvImport r;
        r.headerError = "cannot open " + file.string();
        return r;
    }
    CsvImport r = parseTransactionsCsv(in, known);
    if (!r.headerError.empty())
        r.headerError = file.string() + ": " + r.headerError;
    return r;
}

bool writeQuarantine(const std::filesystem::path &file, const std::vector<BadRow> &bad)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << "line,reason,text\n";
    for (const auto &b : bad)
        out << b.line << ',' << csvQuoted(b.reason) << ',' << csvQuoted(b.text) << '\n';
    return bool(out);
}

bool writeTransactionsCsv(const std::filesystem::path &file, const AmlData &d)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << "timestamp,sender,receiver,amount,currency,channel,label\n";
    char amount[64];
    for (std::size_t i = 0; i < d.tx.size(); ++i) {
        std::snprintf(amount, sizeof amount, "%.2f", d.tx.amount[i]);
        out << formatTimestamp(d.tx.time[i]) << ',' << d.accounts.name[std::size_t(d.tx.sender[i])] << ','
            << d.accounts.name[std::size_t(d.tx.receiver[i])] << ',' << amount << ',' << d.tx.currency[i] << ','
            << channelNames()[std::size_t(d.tx.channel[i])] << ',';
        if (d.tx.label[i] >= 0)
            out << int(d.tx.label[i]);
        out << '\n';
    }
    return bool(out);
}

} // namespace seekbench::aml
