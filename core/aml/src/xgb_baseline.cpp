#include "seekbench/aml/xgb_baseline.h"

#include "seekbench/xgb/booster.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace seekbench::aml {

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

    xgb::TrainOptions to = o;
    to.scale_pos_weight = std::sqrt(neg / pos);
    const xgb::Booster booster = xgb::Booster::train({rows.data(), y.size(), cols}, y, to);

    XgbResult r;
    r.scores = booster.predict({f.values.data(), f.rows, cols});
    r.importance = booster.importance();
    if (!modelFile.empty())
        booster.save(modelFile);
    r.trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

} // namespace seekbench::aml
