#include "seekbench/aml/xgb_baseline.h"

#include <xgboost/c_api.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace seekbench::aml {
namespace {

void check(int rc, const char *what)
{
    if (rc != 0)
        throw std::runtime_error(std::string("XGBoost ") + what + ": " + XGBGetLastError());
}

struct Matrix
{
    DMatrixHandle h = nullptr;
    ~Matrix()
    {
        if (h)
            XGDMatrixFree(h);
    }
};
struct Booster
{
    BoosterHandle h = nullptr;
    ~Booster()
    {
        if (h)
            XGBoosterFree(h);
    }
};

} // namespace

XgbResult trainXgbBaseline(const FeatureMatrix &f, const std::vector<std::int8_t> &labels,
                           const std::vector<bool> &train, const XgbOptions &o, const std::filesystem::path &modelFile)
{
    const auto started = std::chrono::steady_clock::now();
    const std::size_t cols = f.cols();
    // XGBoost reads the matrix through raw pointers: a shape mismatch would read past it.
    if (f.rows == 0 || cols == 0)
        throw std::invalid_argument("the XGBoost baseline needs a feature matrix with rows and columns (got "
                                    + std::to_string(f.rows) + " x " + std::to_string(cols) + ")");
    if (f.values.size() != f.rows * cols)
        throw std::invalid_argument("the feature matrix holds " + std::to_string(f.values.size()) + " values, not "
                                    + std::to_string(f.rows) + " rows x " + std::to_string(cols) + " columns");
    if (labels.size() != f.rows || train.size() != f.rows)
        throw std::invalid_argument("the XGBoost baseline got " + std::to_string(labels.size()) + " labels and "
                                    + std::to_string(train.size()) + " training flags for " + std::to_string(f.rows)
                                    + " feature rows");
    std::vector<float> rows, y;
    double pos = 0, neg = 0;
    for (std::size_t i = 0; i < f.rows; ++i) {
        if (!train[i] || (labels[i] != 0 && labels[i] != 1))
            continue;
        rows.insert(rows.end(), f.values.begin() + std::ptrdiff_t(i * cols),
                    f.values.begin() + std::ptrdiff_t((i + 1) * cols));
        y.push_back(float(labels[i]));
        (labels[i] ? pos : neg) += 1;
    }
    if (pos == 0 || neg == 0)
        throw std::runtime_error(
            "the XGBoost baseline needs labelled laundering and normal transactions in the training months");
    Matrix dtrain, dall;
    check(XGDMatrixCreateFromMat(rows.data(), bst_ulong(y.size()), bst_ulong(cols), NAN, &dtrain.h), "DMatrix");
    check(XGDMatrixSetFloatInfo(dtrain.h, "label", y.data(), bst_ulong(y.size())), "labels");
    Booster b;
    check(XGBoosterCreate(&dtrain.h, 1, &b.h), "booster");
    auto set = [&](const char *k, const std::string &v) { check(XGBoosterSetParam(b.h, k, v.c_str()), k); };
    set("objective", "binary:logistic");
    set("tree_method", "hist");
    set("max_depth", std::to_string(o.max_depth));
    set("eta", std::to_string(o.eta));
    set("subsample", std::to_string(o.subsample));
    set("seed", std::to_string(o.seed));
    set("nthread", std::to_string(o.threads));
    set("scale_pos_weight", std::to_string(std::sqrt(neg / pos)));
    set("verbosity", "0");
    for (int it = 0; it < o.rounds; ++it)
        check(XGBoosterUpdateOneIter(b.h, it, dtrain.h), "training");

    XgbResult r;
    check(XGDMatrixCreateFromMat(f.values.data(), bst_ulong(f.rows), bst_ulong(cols), NAN, &dall.h), "DMatrix");
    bst_ulong len = 0;
    const float *out = nullptr;
    check(XGBoosterPredict(b.h, dall.h, 0, 0, 0, &len, &out), "prediction");
    r.scores.assign(out, out + len);

    // Gain importance; features are named f0..fN by XGBoost.
    r.importance.assign(cols, 0);
    bst_ulong nFeatures = 0, dim = 0;
    const char **names = nullptr;
    const bst_ulong *shape = nullptr;
    const float *scores = nullptr;
    if (XGBoosterFeatureScore(b.h, R"({"importance_type": "total_gain"})", &nFeatures, &names, &dim, &shape, &scores)
        == 0) {
        double total = 0;
        for (bst_ulong i = 0; i < nFeatures; ++i) {
            const std::string name = names[i];
            if (name.size() > 1 && name[0] == 'f') {
                const std::size_t c = std::size_t(std::stoul(name.substr(1)));
                if (c < cols) {
                    r.importance[c] = scores[i];
                    total += scores[i];
                }
            }
        }
        for (auto &v : r.importance)
            v = total > 0 ? v / total : 0;
    }
    if (!modelFile.empty())
        check(XGBoosterSaveModel(b.h, modelFile.string().c_str()), "saving the model");
    r.trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

} // namespace seekbench::aml
