#include "seekbench/pdm/pdm_xgboost.h"

#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/small_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace seekbench::pdm {
namespace {

constexpr const char *kFormat = "seekbench.pdm.xgboost";
constexpr int kVersion = 1;

struct Rows
{
    std::vector<float> values;
    std::vector<float> labels;
    std::size_t rows = 0;
};

Rows rowsOf(const Windows &w, const WindowFeatureTable &t, Split split, int mode)
{
    Rows r;
    const std::size_t cols = t.cols(), modes = std::size_t(w.modes());
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (w.split[i] != split)
            continue;
        r.values.insert(r.values.end(), t.values.begin() + std::ptrdiff_t(i * cols),
                        t.values.begin() + std::ptrdiff_t((i + 1) * cols));
        r.labels.push_back(w.failure[i * modes + std::size_t(mode)] ? 1.0f : 0.0f);
        ++r.rows;
    }
    return r;
}

// A mode file named in the manifest must be a plain name inside the folder.
bool isPlainFileName(const std::string &name)
{
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos
           && name.find('\\') == std::string::npos;
}

} // namespace

WindowFeatureTable windowFeatureTable(const Windows &windows, const std::vector<float> &embedding, int embeddingDim)
{
    if (embeddingDim < 0 || embedding.size() != windows.size() * std::size_t(embeddingDim))
        throw std::invalid_argument("the embedding holds " + std::to_string(embedding.size()) + " values, not "
                                    + std::to_string(windows.size()) + " windows x " + std::to_string(embeddingDim));
    WindowFeatureTable t;
    t.names = summaryFeatureNames(windows);
    const std::size_t summary = t.names.size(), dim = std::size_t(embeddingDim);
    for (std::size_t d = 0; d < dim; ++d)
        t.names.push_back("embedding." + std::to_string(d));
    const std::size_t cols = t.cols();
    t.rows = windows.size();
    t.values.resize(t.rows * cols);
    for (std::size_t i = 0; i < t.rows; ++i) {
        float *row = t.values.data() + i * cols;
        summaryFeatures(windows, i, row);
        std::copy_n(embedding.begin() + std::ptrdiff_t(i * dim), dim, row + summary);
    }
    return t;
}

PdmXgboost PdmXgboost::train(const Windows &w, const WindowFeatureTable &t, const PdmXgbOptions &options)
{
    xgb::validateTrainOptions(options.booster);
    if (t.rows != w.size() || t.values.size() != t.rows * t.cols())
        throw std::invalid_argument("the feature table has " + std::to_string(t.rows) + " rows and "
                                    + std::to_string(t.values.size()) + " values for " + std::to_string(w.size())
                                    + " windows of " + std::to_string(t.cols()) + " features");
    if (w.count(Split::Train) == 0)
        throw std::runtime_error("XGBoost needs training windows, and this windowing has none");
    PdmXgboost m;
    m.m_features = t.names;
    m.m_modes = w.failure_modes;
    for (int k = 0; k < w.modes(); ++k) {
        const Rows train = rowsOf(w, t, Split::Train, k), valid = rowsOf(w, t, Split::Validation, k);
        const double pos = std::accumulate(train.labels.begin(), train.labels.end(), 0.0);
        const double neg = double(train.rows) - pos;
        const std::string &name = w.failure_modes[std::size_t(k)];
        if (pos == 0 || neg == 0) {
            m.m_notes.push_back(pos == 0
                                    ? "no " + name + " failure in the training windows: no booster, scores 0"
                                    : "every training window precedes a " + name + " failure: no booster, scores 0");
            m.m_boosters.emplace_back();
            continue;
        }
        xgb::TrainOptions o = options.booster;
        if (options.balance_classes)
            o.scale_pos_weight = std::sqrt(neg / pos);
        m.m_boosters.push_back(xgb::Booster::train({train.values.data(), train.rows, t.cols()}, train.labels, o,
                                                   {valid.values.data(), valid.rows, t.cols()}, valid.labels));
        m.m_notes.emplace_back();
    }
    return m;
}

void PdmXgboost::checkMode(int mode) const
{
    if (mode < 0 || mode >= int(m_modes.size()))
        throw std::out_of_range("failure mode " + std::to_string(mode) + " of " + std::to_string(m_modes.size()));
}

void PdmXgboost::checkTable(const WindowFeatureTable &t) const
{
    if (t.names != m_features)
        throw std::invalid_argument("the feature table's " + std::to_string(t.cols()) + " features are not the model's "
                                    + std::to_string(m_features.size()));
    if (t.values.size() != t.rows * t.cols())
        throw std::invalid_argument("the feature table holds " + std::to_string(t.values.size()) + " values, not "
                                    + std::to_string(t.rows) + " x " + std::to_string(t.cols()));
}

bool PdmXgboost::hasBooster(int mode) const
{
    checkMode(mode);
    return !m_boosters[std::size_t(mode)].empty();
}

const xgb::Booster &PdmXgboost::booster(int mode) const
{
    checkMode(mode);
    return m_boosters[std::size_t(mode)];
}

const std::string &PdmXgboost::note(int mode) const
{
    checkMode(mode);
    return m_notes[std::size_t(mode)];
}

std::vector<float> PdmXgboost::scores(const WindowFeatureTable &t) const
{
    checkTable(t);
    const std::size_t modes = m_modes.size();
    std::vector<float> out(t.rows * modes, 0.0f);
    for (std::size_t k = 0; k < modes; ++k) {
        if (m_boosters[k].empty())
            continue;
        const std::vector<float> p = m_boosters[k].predict(t.dense());
        for (std::size_t i = 0; i < t.rows; ++i)
            out[i * modes + k] = p[i];
    }
    return out;
}

std::vector<FeatureShare> PdmXgboost::importance(int mode) const
{
    checkMode(mode);
    const xgb::Booster &b = m_boosters[std::size_t(mode)];
    const std::vector<double> shares = b.empty() ? std::vector<double>(m_features.size(), 0.0) : b.importance();
    std::vector<FeatureShare> out;
    for (std::size_t c = 0; c < m_features.size(); ++c)
        out.push_back({m_features[c], shares[c]});
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.share > b.share; });
    return out;
}

AlertExplanation PdmXgboost::explain(const WindowFeatureTable &t, std::size_t row, int mode, int topK) const
{
    checkMode(mode);
    checkTable(t);
    if (row >= t.rows)
        throw std::out_of_range("row " + std::to_string(row) + " of " + std::to_string(t.rows));
    AlertExplanation e;
    e.mode = m_modes[std::size_t(mode)];
    const xgb::Booster &b = m_boosters[std::size_t(mode)];
    if (b.empty()) {
        e.note = m_notes[std::size_t(mode)];
        return e;
    }
    const std::size_t cols = t.cols();
    const float *x = t.values.data() + row * cols;
    const std::vector<float> c = b.contributions({x, 1, cols});
    e.bias = c[cols];
    double margin = e.bias;
    std::vector<std::size_t> order(cols);
    std::iota(order.begin(), order.end(), std::size_t(0));
    for (std::size_t j = 0; j < cols; ++j)
        margin += c[j];
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return std::abs(c[a]) > std::abs(c[b]); });
    for (std::size_t j = 0; j < std::min(order.size(), std::size_t(std::max(topK, 0))); ++j)
        e.top.push_back({m_features[order[j]], x[order[j]], c[order[j]]});
    e.margin = float(margin);
    e.score = float(1.0 / (1.0 + std::exp(-margin)));
    return e;
}

void PdmXgboost::save(const std::filesystem::path &folder) const
{
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw std::runtime_error("cannot create the XGBoost folder " + folder.string() + ": " + ec.message());
    nlohmann::json modes = nlohmann::json::array();
    for (std::size_t k = 0; k < m_modes.size(); ++k) {
        nlohmann::json file = nullptr;
        if (!m_boosters[k].empty()) {
            const std::string name = "mode_" + std::to_string(k) + ".json";
            m_boosters[k].save(folder / name);
            file = name;
        }
        modes.push_back({{"name", m_modes[k]}, {"file", file}, {"note", m_notes[k]}});
    }
    const nlohmann::json manifest
        = {{"format", kFormat}, {"version", kVersion}, {"features", m_features}, {"modes", modes}};
    AtomicFile out(folder / kManifestFile, "XGBoost manifest");
    out.write(manifest.dump(2) + "\n");
    out.commit();
}

PdmXgboost PdmXgboost::load(const std::filesystem::path &folder)
{
    const std::filesystem::path path = folder / kManifestFile;
    const std::string where = "XGBoost manifest " + path.string() + ": ";
    const SmallFileRead read = readSmallFile(path);
    if (!read.ok())
        throw std::runtime_error("cannot read " + where + read.problem);
    const nlohmann::json j = nlohmann::json::parse(read.text, nullptr, false);
    if (j.is_discarded())
        throw std::runtime_error(where + "not JSON");
    auto bad = [&](const std::string &what) { return std::runtime_error(where + what); };
    if (!j.is_object() || j.value("format", std::string()) != kFormat)
        throw bad(std::string("not a manifest (\"format\" is not \"") + kFormat + "\")");
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() != kVersion)
        throw bad("version is not " + std::to_string(kVersion));
    const auto &features = j.contains("features") ? j["features"] : nlohmann::json();
    const auto &modes = j.contains("modes") ? j["modes"] : nlohmann::json();
    if (!features.is_array() || features.empty() || !modes.is_array())
        throw bad("\"features\" must be a non-empty array and \"modes\" an array");
    PdmXgboost m;
    for (const auto &f : features) {
        if (!f.is_string())
            throw bad("a feature name is not a string");
        m.m_features.push_back(f.get<std::string>());
    }
    for (const auto &mode : modes) {
        if (!mode.is_object() || !mode.contains("name") || !mode["name"].is_string())
            throw bad("a mode without a name");
        const std::string name = mode["name"].get<std::string>();
        const nlohmann::json file = mode.value("file", nlohmann::json());
        const nlohmann::json note = mode.value("note", nlohmann::json(""));
        if (!note.is_string() || !(file.is_null() || file.is_string()))
            throw bad("mode " + name + ": \"file\" must be a file name or null and \"note\" a string");
        xgb::Booster booster;
        if (file.is_string()) {
            const std::string fileName = file.get<std::string>();
            if (!isPlainFileName(fileName))
                throw bad("mode " + name + ": \"" + fileName + "\" is not a file name in the folder");
            const std::filesystem::path modelPath = folder / fileName;
            booster = xgb::Booster::load(modelPath);
            if (booster.features() != m.m_features.size())
                throw std::runtime_error(modelPath.string() + ": the model has " + std::to_string(booster.features())
                                         + " features, the manifest " + path.string() + " "
                                         + std::to_string(m.m_features.size()));
        }
        m.m_modes.push_back(name);
        m.m_notes.push_back(note.get<std::string>());
        m.m_boosters.push_back(std::move(booster));
    }
    return m;
}

} // namespace seekbench::pdm
