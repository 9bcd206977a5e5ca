#include "seekbench/run/confusion_matrix.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace seekbench {

using nlohmann::json;

ConfusionMatrix ConfusionMatrix::zeros(int classCount)
{
    ConfusionMatrix m;
    for (int c = 0; c < classCount; ++c)
        m.classes.push_back(std::to_string(c));
    m.counts.assign(std::size_t(std::max(0, classCount)),
                    std::vector<std::int64_t>(std::size_t(std::max(0, classCount))));
    return m;
}

std::int64_t ConfusionMatrix::total() const
{
    std::int64_t n = 0;
    for (const auto &row : counts)
        for (const auto v : row)
            n += v;
    return n;
}

std::int64_t ConfusionMatrix::correct() const
{
    std::int64_t n = 0;
    for (std::size_t i = 0; i < counts.size(); ++i)
        if (i < counts[i].size())
            n += counts[i][i];
    return n;
}

double ConfusionMatrix::accuracy() const
{
    const auto n = total();
    return n > 0 ? double(correct()) / double(n) : 0.0;
}

ClassificationMetrics classificationMetrics(const ConfusionMatrix &m)
{
    ClassificationMetrics out;
    const std::size_t C = m.counts.size();
    std::vector<std::int64_t> predicted(C, 0);
    for (const auto &row : m.counts)
        for (std::size_t p = 0; p < C && p < row.size(); ++p)
            predicted[p] += row[p];
    const std::int64_t total = m.total();
    out.accuracy = m.accuracy();
    out.macro.name = "macro";
    out.weighted.name = "weighted";
    out.macro.support = out.weighted.support = total;
    for (std::size_t c = 0; c < C; ++c) {
        ClassMetrics k;
        k.name = c < m.classes.size() ? m.classes[c] : std::to_string(c);
        const std::int64_t tp = c < m.counts[c].size() ? m.counts[c][c] : 0;
        for (const auto v : m.counts[c])
            k.support += v;
        k.predicted = predicted[c];
        k.precision = k.predicted > 0 ? double(tp) / double(k.predicted) : 0.0;
        k.recall = k.support > 0 ? double(tp) / double(k.support) : 0.0;
        k.f1 = k.precision + k.recall > 0 ? 2 * k.precision * k.recall / (k.precision + k.recall) : 0.0;
        out.macro.precision += k.precision;
        out.macro.recall += k.recall;
        out.macro.f1 += k.f1;
        const double w = total > 0 ? double(k.support) / double(total) : 0.0;
        out.weighted.precision += w * k.precision;
        out.weighted.recall += w * k.recall;
        out.weighted.f1 += w * k.f1;
        out.macro.predicted += k.predicted;
        out.perClass.push_back(std::move(k));
    }
    out.weighted.predicted = out.macro.predicted;
    if (C > 0) {
        out.macro.precision /= double(C);
        out.macro.recall /= double(C);
        out.macro.f1 /= double(C);
    }
    return out;
}

std::string toJson(const ConfusionMatrix &m)
{
    return json{{"format", kConfusionFormat},
                {"split", m.split},
                {"step", m.step},
                {"classes", m.classes},
                {"matrix", m.counts}}
        .dump();
}

namespace {

[[noreturn]] void malformed(const std::string &source, const std::string &what)
{
    throw std::invalid_argument(source + ": " + what);
}

const json &field(const json &doc, const char *name, const std::string &source)
{
    const auto it = doc.find(name);
    if (it == doc.end())
        malformed(source, std::string("field '") + name + "' is missing");
    return *it;
}

} // namespace

ConfusionMatrix confusionMatrixFromJson(std::string_view text, const std::string &source)
{
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded())
        malformed(source, "not JSON");
    if (!doc.is_object())
        malformed(source, "not a JSON object");
    const json &format = field(doc, "format", source);
    if (!format.is_string() || format.get<std::string>() != kConfusionFormat)
        malformed(source, std::string("field 'format' is ") + format.dump() + ", expected \"" + kConfusionFormat + "\"");

    ConfusionMatrix m;
    const json &split = field(doc, "split", source);
    if (!split.is_string())
        malformed(source, "field 'split' is not a string");
    m.split = split.get<std::string>();
    const json &step = field(doc, "step", source);
    if (!step.is_number_integer() || step.get<std::int64_t>() < 0)
        malformed(source, "field 'step' is not a non-negative integer");
    m.step = step.get<std::int64_t>();

    const json &classes = field(doc, "classes", source);
    if (!classes.is_array() || classes.empty())
        malformed(source, "field 'classes' is not a non-empty array");
    for (std::size_t i = 0; i < classes.size(); ++i) {
        if (!classes[i].is_string())
            malformed(source, "field 'classes' item " + std::to_string(i) + " is not a string");
        m.classes.push_back(classes[i].get<std::string>());
    }

    const json &matrix = field(doc, "matrix", source);
    if (!matrix.is_array())
        malformed(source, "field 'matrix' is not an array of rows");
    const std::size_t C = m.classes.size();
    if (matrix.size() != C)
        malformed(source, "field 'matrix' has " + std::to_string(matrix.size()) + " rows, but 'classes' names "
                              + std::to_string(C) + " classes");
    for (std::size_t t = 0; t < C; ++t) {
        const json &row = matrix[t];
        const std::string where = "field 'matrix' row " + std::to_string(t);
        if (!row.is_array())
            malformed(source, where + " is not an array");
        if (row.size() != C)
            malformed(source, where + " has " + std::to_string(row.size()) + " counts, expected " + std::to_string(C)
                                  + " (one per class)");
        std::vector<std::int64_t> counts;
        for (std::size_t p = 0; p < C; ++p) {
            const json &v = row[p];
            if (!v.is_number_integer())
                malformed(source, where + " column " + std::to_string(p) + " is not an integer count");
            if (v.is_number_unsigned()
                && v.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                malformed(source, where + " column " + std::to_string(p) + " is too large");
            if (v.get<std::int64_t>() < 0)
                malformed(source, where + " column " + std::to_string(p) + " is negative ("
                                      + std::to_string(v.get<std::int64_t>()) + ")");
            counts.push_back(v.get<std::int64_t>());
        }
        m.counts.push_back(std::move(counts));
    }
    return m;
}

} // namespace seekbench
