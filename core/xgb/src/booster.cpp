#include "seekbench/xgb/booster.h"

#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/small_file.h"

#include <nlohmann/json.hpp>
#include <xgboost/c_api.h>

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

namespace seekbench::xgb {
namespace {

// A model of a few thousand trees is some megabytes; this bounds what an untrusted file costs.
constexpr std::size_t kMaxModelBytes = std::size_t(512) << 20;

void check(int rc, const std::string &what)
{
    if (rc != 0)
        throw std::runtime_error("XGBoost " + what + ": " + XGBGetLastError());
}

struct Matrix
{
    DMatrixHandle h = nullptr;
    Matrix() = default;
    Matrix(const Matrix &) = delete;
    Matrix &operator=(const Matrix &) = delete;
    ~Matrix()
    {
        if (h)
            XGDMatrixFree(h);
    }
};

// A booster handle before it is handed to a Booster (freed if training throws).
struct Handle
{
    BoosterHandle h = nullptr;
    Handle() = default;
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;
    ~Handle()
    {
        if (h)
            XGBoosterFree(h);
    }
    BoosterHandle release() { return std::exchange(h, nullptr); }
};

void checkShape(const DenseRows &x, const char *what)
{
    if (x.rows > 0 && (x.cols == 0 || x.values == nullptr))
        throw std::invalid_argument(std::string("XGBoost ") + what + ": " + std::to_string(x.rows)
                                    + " rows without columns or values");
}

void fill(Matrix &m, const DenseRows &x, const char *what)
{
    checkShape(x, what);
    check(XGDMatrixCreateFromMat(x.values, bst_ulong(x.rows), bst_ulong(x.cols), NAN, &m.h), what);
}

void checkLabels(const DenseRows &x, const std::vector<float> &labels, const char *what)
{
    if (labels.size() != x.rows)
        throw std::invalid_argument(std::string("XGBoost ") + what + ": " + std::to_string(labels.size())
                                    + " labels for " + std::to_string(x.rows) + " rows");
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] != 0.0f && labels[i] != 1.0f)
            throw std::invalid_argument(std::string("XGBoost ") + what + ": label " + std::to_string(labels[i])
                                        + " of row " + std::to_string(i) + " is not 0 or 1");
}

// "[12]\tvalidation-logloss:0.123456" -> 0.123456.
double lastMetric(const char *text)
{
    const std::string s = text ? text : "";
    const std::size_t colon = s.rfind(':');
    if (colon == std::string::npos)
        throw std::runtime_error("XGBoost evaluation: cannot read \"" + s + "\"");
    return std::strtod(s.c_str() + colon + 1, nullptr);
}

} // namespace

void validateTrainOptions(const TrainOptions &o)
{
    auto bad = [](const std::string &field, double value, const char *allowed) {
        throw std::invalid_argument("XGBoost option " + field + " = " + std::to_string(value) + ": must be " + allowed);
    };
    if (o.rounds < 1)
        bad("rounds", o.rounds, "at least 1");
    if (o.max_depth < 1)
        bad("max_depth", o.max_depth, "at least 1");
    if (!(o.eta > 0 && o.eta <= 1))
        bad("eta", o.eta, "in (0, 1]");
    if (!(o.subsample > 0 && o.subsample <= 1))
        bad("subsample", o.subsample, "in (0, 1]");
    if (o.threads < 0)
        bad("threads", o.threads, "0 (all cores) or more");
    if (!(o.scale_pos_weight >= 0 && std::isfinite(o.scale_pos_weight)))
        bad("scale_pos_weight", o.scale_pos_weight, "0 (XGBoost's default) or a positive number");
    if (o.early_stopping_rounds < 0)
        bad("early_stopping_rounds", o.early_stopping_rounds, "0 (off) or more");
}

Booster::~Booster()
{
    if (m_handle)
        XGBoosterFree(m_handle);
}

Booster::Booster(Booster &&other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr)), m_bestRound(other.m_bestRound)
{}

Booster &Booster::operator=(Booster &&other) noexcept
{
    if (this != &other) {
        if (m_handle)
            XGBoosterFree(m_handle);
        m_handle = std::exchange(other.m_handle, nullptr);
        m_bestRound = other.m_bestRound;
    }
    return *this;
}

void *Booster::requireHandle() const
{
    if (!m_handle)
        throw std::logic_error("XGBoost: the booster holds no model");
    return m_handle;
}

Booster Booster::train(const DenseRows &x, const std::vector<float> &labels, const TrainOptions &o,
                       const DenseRows &validation, const std::vector<float> &validationLabels)
{
    validateTrainOptions(o);
    if (x.rows == 0)
        throw std::invalid_argument("XGBoost training needs at least one row");
    checkLabels(x, labels, "training");
    const bool validate = validation.rows > 0 && o.early_stopping_rounds > 0;
    if (validation.rows > 0) {
        checkLabels(validation, validationLabels, "validation");
        if (validation.cols != x.cols)
            throw std::invalid_argument("XGBoost validation rows have " + std::to_string(validation.cols)
                                        + " columns, the training rows " + std::to_string(x.cols));
    }
    Matrix dtrain, dvalid;
    fill(dtrain, x, "training matrix");
    check(XGDMatrixSetFloatInfo(dtrain.h, "label", labels.data(), bst_ulong(labels.size())), "labels");
    if (validate) {
        fill(dvalid, validation, "validation matrix");
        check(XGDMatrixSetFloatInfo(dvalid.h, "label", validationLabels.data(), bst_ulong(validationLabels.size())),
              "validation labels");
    }
    Handle b;
    DMatrixHandle cache[2] = {dtrain.h, dvalid.h};
    check(XGBoosterCreate(cache, validate ? 2 : 1, &b.h), "booster");
    auto set = [&](const char *k, const std::string &v) { check(XGBoosterSetParam(b.h, k, v.c_str()), k); };
    set("objective", "binary:logistic");
    set("eval_metric", "logloss");
    set("tree_method", "hist");
    set("max_depth", std::to_string(o.max_depth));
    set("eta", std::to_string(o.eta));
    set("subsample", std::to_string(o.subsample));
    set("seed", std::to_string(o.seed));
    set("nthread", std::to_string(o.threads));
    if (o.scale_pos_weight > 0)
        set("scale_pos_weight", std::to_string(o.scale_pos_weight));
    set("verbosity", "0");

    int best = -1;
    double bestLoss = INFINITY;
    for (int it = 0; it < o.rounds; ++it) {
        check(XGBoosterUpdateOneIter(b.h, it, dtrain.h), "training");
        if (!validate)
            continue;
        const char *names[] = {"validation"};
        const char *out = nullptr;
        check(XGBoosterEvalOneIter(b.h, it, &dvalid.h, names, 1, &out), "evaluation");
        const double loss = lastMetric(out);
        if (loss < bestLoss) {
            bestLoss = loss;
            best = it;
        } else if (it - best >= o.early_stopping_rounds) {
            break;
        }
    }
    int trained = 0;
    check(XGBoosterBoostedRounds(b.h, &trained), "rounds");
    if (validate && best >= 0 && best + 1 < trained) {
        Handle sliced;
        check(XGBoosterSlice(b.h, 0, best + 1, 1, &sliced.h), "keeping the best rounds");
        std::swap(b.h, sliced.h);
    }
    Booster result(b.release());
    result.m_bestRound = validate ? best : -1;
    return result;
}

Booster Booster::fromJson(const std::string &json)
{
    // XGBoost reads anything not starting with '{' as its old binary format: refuse it here.
    const auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (parsed.is_discarded())
        throw std::runtime_error("XGBoost model: not JSON");
    if (!parsed.is_object() || !parsed.contains("learner"))
        throw std::runtime_error("XGBoost model: JSON without a \"learner\" object");
    Handle b;
    check(XGBoosterCreate(nullptr, 0, &b.h), "booster");
    check(XGBoosterLoadModelFromBuffer(b.h, json.data(), bst_ulong(json.size())), "model");
    return Booster(b.release());
}

Booster Booster::load(const std::filesystem::path &file)
{
    const SmallFileRead read = readSmallFile(file, kMaxModelBytes);
    if (!read.ok())
        throw std::runtime_error("cannot read XGBoost model " + file.string() + ": " + read.problem);
    try {
        return fromJson(read.text);
    } catch (const std::runtime_error &e) {
        throw std::runtime_error(file.string() + ": " + e.what());
    }
}

std::string Booster::toJson() const
{
    bst_ulong len = 0;
    const char *data = nullptr;
    check(XGBoosterSaveModelToBuffer(requireHandle(), R"({"format": "json"})", &len, &data), "saving the model");
    return std::string(data, std::size_t(len));
}

void Booster::save(const std::filesystem::path &file) const
{
    const std::string text = toJson();
    AtomicFile out(file, "XGBoost model");
    out.write(text);
    out.commit();
}

std::size_t Booster::features() const
{
    bst_ulong n = 0;
    check(XGBoosterGetNumFeature(requireHandle(), &n), "feature count");
    return std::size_t(n);
}

int Booster::rounds() const
{
    int n = 0;
    check(XGBoosterBoostedRounds(requireHandle(), &n), "rounds");
    return n;
}

std::vector<float> Booster::run(const DenseRows &x, int type, std::size_t perRow) const
{
    void *h = requireHandle();
    if (x.rows == 0)
        return {};
    const std::size_t expected = features();
    if (x.cols != expected)
        throw std::invalid_argument("XGBoost prediction: " + std::to_string(x.cols) + " columns for a model of "
                                    + std::to_string(expected) + " features");
    Matrix m;
    fill(m, x, "prediction matrix");
    const std::string config
        = R"({"type": )" + std::to_string(type)
          + R"(, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
    const bst_ulong *shape = nullptr;
    bst_ulong dim = 0;
    const float *out = nullptr;
    check(XGBoosterPredictFromDMatrix(h, m.h, config.c_str(), &shape, &dim, &out), "prediction");
    std::size_t n = 1;
    for (bst_ulong d = 0; d < dim; ++d)
        n *= std::size_t(shape[d]);
    if (n != x.rows * perRow)
        throw std::runtime_error("XGBoost prediction: " + std::to_string(n) + " values for " + std::to_string(x.rows)
                                 + " rows x " + std::to_string(perRow));
    return std::vector<float>(out, out + n);
}

std::vector<float> Booster::predict(const DenseRows &x) const { return run(x, 0, 1); }

std::vector<float> Booster::predictMargin(const DenseRows &x) const { return run(x, 1, 1); }

std::vector<float> Booster::contributions(const DenseRows &x) const { return run(x, 2, x.cols + 1); }

std::vector<double> Booster::importance() const
{
    const std::size_t cols = features();
    std::vector<double> shares(cols, 0.0);
    bst_ulong n = 0, dim = 0;
    const char **names = nullptr;
    const bst_ulong *shape = nullptr;
    const float *scores = nullptr;
    check(XGBoosterFeatureScore(requireHandle(), R"({"importance_type": "total_gain"})", &n, &names, &dim, &shape,
                                &scores),
          "feature importance");
    // Without feature names XGBoost calls the columns f0, f1, ...; unused ones are absent.
    double total = 0;
    for (bst_ulong i = 0; i < n; ++i) {
        const std::string name = names[i];
        if (name.size() < 2 || name[0] != 'f')
            continue;
        char *end = nullptr;
        const unsigned long c = std::strtoul(name.c_str() + 1, &end, 10);
        if (*end != '\0' || c >= cols)
            continue;
        shares[c] += scores[i];
        total += scores[i];
    }
    for (double &v : shares)
        v = total > 0 ? v / total : 0;
    return shares;
}

} // namespace seekbench::xgb
