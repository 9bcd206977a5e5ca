#pragma once

// XGBoost for the scenarios (AML, predictive maintenance): binary:logistic boosters over a
// dense, row-major float matrix, trained, scored and explained through the C API of
// Debian's libxgboost (1.7). This header names no XGBoost type, so its users need neither
// the library's headers nor its include path.
//
// Every XGBoost failure becomes a std::runtime_error carrying XGBoost's own message.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace seekbench::xgb {

// A dense matrix the caller owns: `rows` x `cols` floats, row-major. NaN is a missing value.
struct DenseRows
{
    const float *values = nullptr;
    std::size_t rows = 0;
    std::size_t cols = 0;
};

struct TrainOptions
{
    int rounds = 200;
    int max_depth = 6;
    double eta = 0.1;
    double subsample = 0.8;
    std::uint64_t seed = 1;
    int threads = 1;
    // Weight of the positive class; 0 leaves XGBoost's default (1).
    double scale_pos_weight = 0;
    // With a validation set: stop when its log loss has not improved for this many rounds,
    // and keep the trees up to the best round. 0: train all `rounds`.
    int early_stopping_rounds = 0;
};

// Throws std::invalid_argument naming the field, its value and what is allowed.
void validateTrainOptions(const TrainOptions &options);

class Booster
{
public:
    Booster() = default; // empty: every query on it throws std::logic_error
    ~Booster();
    Booster(Booster &&other) noexcept;
    Booster &operator=(Booster &&other) noexcept;
    Booster(const Booster &) = delete;
    Booster &operator=(const Booster &) = delete;

    // Trains binary:logistic (hist trees) on `x` with 0/1 `labels`, one a row. With
    // `validation` rows and labels and early stopping on, the trees after the best
    // validation round are dropped. Throws std::invalid_argument for a shape mismatch, no
    // rows, a label other than 0/1 or bad options.
    static Booster train(const DenseRows &x, const std::vector<float> &labels, const TrainOptions &options,
                         const DenseRows &validation = {}, const std::vector<float> &validationLabels = {});

    // A model as XGBoost's JSON (what toJson() and save() write). Throws std::runtime_error
    // for text that is not an XGBoost JSON model.
    static Booster fromJson(const std::string &json);
    // Throws std::runtime_error naming the file when it cannot be read or is not a model.
    static Booster load(const std::filesystem::path &file);
    std::string toJson() const;
    // Written whole or not at all. Throws std::runtime_error naming the file.
    void save(const std::filesystem::path &file) const;

    bool empty() const { return m_handle == nullptr; }
    std::size_t features() const;
    int rounds() const; // trees kept
    // Round (0-based) with the best validation log loss; -1 without early stopping.
    int bestRound() const { return m_bestRound; }

    // Probability of the positive class, one per row.
    std::vector<float> predict(const DenseRows &x) const;
    // Log-odds, one per row: the logit of predict().
    std::vector<float> predictMargin(const DenseRows &x) const;
    // TreeSHAP, in log-odds: per row, cols() contributions and then the bias, so a row's
    // cols()+1 values sum to its margin. [row][cols + 1].
    std::vector<float> contributions(const DenseRows &x) const;
    // Total gain per feature, normalised to sum 1 (all 0 for a model without a split).
    std::vector<double> importance() const;

private:
    explicit Booster(void *handle) : m_handle(handle) {}
    std::vector<float> run(const DenseRows &x, int type, std::size_t perRow) const;
    void *requireHandle() const;

    void *m_handle = nullptr; // BoosterHandle
    int m_bestRound = -1;
};

} // namespace seekbench::xgb
