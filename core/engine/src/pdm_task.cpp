#include "pdm_task.h"

#include "autocast.h"
#include "row_sampler.h"

#include "seekbench/aml/metrics.h"
#include "seekbench/pdm/pdm_dataset.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>
#include <stdexcept>

namespace seekbench::engine {
namespace {

namespace F = torch::nn::functional;
using pdm::Split;
using pdm::Windows;

// The article's sensor model: per-sensor attention weighs each sensor's statistics at each
// step, an LSTM reads the steps, temporal attention pools its states, and two heads give
// the failure logits (one per mode) and the RUL as a share of the cap. Without attention it
// is the plain LSTM baseline (its last state).
class PdmModelImpl : public torch::nn::Module
{
public:
    PdmModelImpl(int features, int perSensor, int modes, int hidden, int layers, bool attention)
        : m_perSensor(perSensor), m_attention(attention)
    {
        m_input = register_module("input", torch::nn::Linear(features, hidden));
        m_lstm = register_module("lstm",
                                 torch::nn::LSTM(
                                     torch::nn::LSTMOptions(hidden, hidden).num_layers(layers).batch_first(true)));
        if (attention) {
            m_sensorScore = register_module("sensor_score", torch::nn::Linear(perSensor, 1));
            m_timeHidden = register_module("time_hidden", torch::nn::Linear(hidden, hidden));
            m_timeScore = register_module("time_score", torch::nn::Linear(hidden, 1));
        }
        m_failure = register_module("failure", torch::nn::Linear(hidden, modes));
        m_rul = register_module("rul", torch::nn::Linear(hidden, 1));
    }

    struct Out
    {
        at::Tensor logits, rul, temporal, sensor, state;
    };

    // x: [batch, history, features], features grouped by sensor.
    Out forward(const at::Tensor &x)
    {
        Out o;
        at::Tensor in = x;
        const auto B = x.size(0), H = x.size(1), S = x.size(2) / m_perSensor;
        if (m_attention) {
            const auto perSensor = x.view({B, H, S, m_perSensor});
            const auto a = torch::softmax(m_sensorScore(perSensor).squeeze(-1), -1); // [B, H, S]
            in = (perSensor * (a * double(S)).unsqueeze(-1)).view({B, H, S * m_perSensor});
            o.sensor = a.mean(1);
        }
        const auto states = std::get<0>(m_lstm(m_input(in))); // [B, H, hidden]
        if (m_attention) {
            const auto b = torch::softmax(m_timeScore(torch::tanh(m_timeHidden(states))).squeeze(-1), -1);
            o.temporal = b;
            o.state = (states * b.unsqueeze(-1)).sum(1);
        } else {
            o.state = states.select(1, H - 1);
        }
        o.logits = m_failure(o.state);
        o.rul = torch::sigmoid(m_rul(o.state)).squeeze(-1);
        return o;
    }

private:
    int m_perSensor;
    bool m_attention;
    torch::nn::Linear m_input{nullptr}, m_sensorScore{nullptr}, m_timeHidden{nullptr}, m_timeScore{nullptr},
        m_failure{nullptr}, m_rul{nullptr};
    torch::nn::LSTM m_lstm{nullptr};
};
TORCH_MODULE(PdmModel);

int perSensorOf(const Windows &w) { return w.options.stats == pdm::StepStats::Mean ? 2 : 4; }

class PdmTask final : public TrainingTask
{
public:
    PdmTask(const RunConfig &cfg, int rank, int worldSize, const pdm::PdmDataset &data)
        : m_cfg(cfg), m_w(data.windows), m_model(m_w->features, perSensorOf(*m_w), std::max(1, m_w->modes()),
                                                 cfg.model.hidden_size, cfg.pdm.lstm_layers, cfg.pdm.attention)
    {
        const Windows &w = *m_w;
        if (w.modes() == 0)
            throw std::invalid_argument(data.origin + " has no failure modes: there is nothing to predict");
        for (std::size_t i = 0; i < w.size(); ++i)
            (w.split[i] == Split::Train        ? m_train
             : w.split[i] == Split::Validation ? m_validation
                                               : m_test)
                .push_back(std::int64_t(i));
        if (m_train.empty())
            throw std::invalid_argument(data.origin
                                        + " gives no training windows (pdm.history, pdm.horizon and the "
                                          "time cut leave none on the training machines)");
        if (m_validation.empty())
            throw std::invalid_argument(data.origin
                                        + " gives no validation windows: raise pdm.validation_share or "
                                          "give the fleet more machines");
        const int M = w.modes();
        for (int k = 0; k < M; ++k) {
            double pos = 0;
            for (auto i : m_train)
                pos += w.failure[std::size_t(i) * std::size_t(M) + std::size_t(k)];
            const double neg = double(m_train.size()) - pos;
            m_posWeight.push_back(float(cfg.pdm.pos_weight > 0 ? cfg.pdm.pos_weight
                                        : pos > 0              ? std::sqrt(neg / pos)
                                                               : 1.0));
        }
        m_sampler.emplace(m_train, cfg.training.seed, rank, worldSize);
        m_fingerprint = pdm::windowsFingerprint(w);
    }

    torch::nn::Module &module() override { return *m_model; }
    std::uint64_t dataFingerprint() const override { return m_fingerprint; }

    MicroStep trainMicroStep(const StepContext &ctx) override
    {
        const std::vector<std::int64_t> rows = m_sampler->next(m_cfg.training.batch_size);
        AutocastGuard autocast(ctx.autocast, ctx.device.is_cuda(), ctx.autocastDtype);
        const at::Tensor loss = lossOf(rows, ctx.device).total;
        return {loss, loss.item<double>(), 0};
    }

    std::int64_t epoch() const override { return m_sampler->epoch(); }
    std::int64_t cursor() const override { return m_sampler->cursor(); }
    void seek(std::int64_t epoch, std::int64_t cursor) override { m_sampler->seek(epoch, cursor); }
    double epochProgress() const override { return m_sampler->progress(); }

    // The validation machines' windows: the loss, PR-AUC per failure mode and their mean
    // (eval/pr_auc, for early stopping and keep-best), and the RUL's RMSE in the fleet's unit.
    std::map<std::string, double> evaluate(const StepContext &ctx, const ReduceSum &) override
    {
        const Windows &w = *m_w;
        const int M = w.modes();
        std::vector<std::vector<float>> scores(static_cast<std::size_t>(M));
        std::vector<std::vector<std::int8_t>> labels(static_cast<std::size_t>(M));
        double loss = 0, se = 0, observed = 0;
        for (std::size_t at = 0; at < m_validation.size(); at += kEvalBatch) {
            const std::vector<std::int64_t> rows(m_validation.begin() + std::ptrdiff_t(at),
                                                 m_validation.begin()
                                                     + std::ptrdiff_t(std::min(m_validation.size(), at + kEvalBatch)));
            const Loss l = lossOf(rows, ctx.device);
            loss += l.total.item<double>() * double(rows.size());
            const auto pt = torch::sigmoid(l.out.logits).to(torch::kFloat).cpu().contiguous();
            const auto rt = l.out.rul.to(torch::kFloat).cpu().contiguous();
            const float *p = pt.data_ptr<float>(), *rul = rt.data_ptr<float>();
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const auto i = std::size_t(rows[r]);
                for (int k = 0; k < M; ++k) {
                    scores[std::size_t(k)].push_back(p[r * std::size_t(M) + std::size_t(k)]);
                    labels[std::size_t(k)].push_back(w.failure[i * std::size_t(M) + std::size_t(k)]);
                }
                if (w.rul_observed[i]) {
                    const double d = double(rul[r]) * w.options.rul_cap - w.rul[i];
                    se += d * d;
                    observed += 1;
                }
            }
        }
        std::map<std::string, double> out{{"eval/loss", loss / double(m_validation.size())}};
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < M; ++k) {
            if (std::find(labels[std::size_t(k)].begin(), labels[std::size_t(k)].end(), 1)
                == labels[std::size_t(k)].end())
                continue; // no failure of this mode on the validation machines: no PR-AUC
            const double a = aml::prAuc(scores[std::size_t(k)], labels[std::size_t(k)]);
            out["eval/pr_auc_" + w.failure_modes[std::size_t(k)]] = a;
            sum += a;
            ++counted;
        }
        if (counted > 0)
            out["eval/pr_auc"] = sum / counted;
        if (observed > 0)
            out["eval/rul_rmse"] = std::sqrt(se / observed);
        return out;
    }

    bool higherIsBetter(const std::string &metric) const override
    {
        return metric.find("loss") == std::string::npos && metric.find("rmse") == std::string::npos;
    }

    // Every window's outputs, attention and embedding, for the views and the XGBoost model.
    void writeExamples(const std::filesystem::path &outDir, std::int64_t) override
    {
        torch::NoGradGuard noGrad;
        m_model->eval();
        const Windows &w = *m_w;
        pdm::ModelOutputs o;
        o.fingerprint = m_fingerprint;
        o.windows = std::int64_t(w.size());
        o.modes = w.modes();
        o.history = w.history;
        o.sensors = w.features / perSensorOf(w);
        o.embedding = m_cfg.model.hidden_size;
        const auto device = m_model->parameters().front().device();
        std::vector<std::int64_t> all(w.size());
        std::iota(all.begin(), all.end(), 0);
        for (std::size_t at = 0; at < all.size(); at += kEvalBatch) {
            const std::vector<std::int64_t> rows(all.begin() + std::ptrdiff_t(at),
                                                 all.begin() + std::ptrdiff_t(std::min(all.size(), at + kEvalBatch)));
            const auto out = m_model->forward(inputOf(rows, device));
            append(o.scores, torch::sigmoid(out.logits));
            append(o.rul, out.rul * w.options.rul_cap);
            if (out.temporal.defined()) {
                append(o.temporal, out.temporal);
                append(o.sensor, out.sensor);
            }
            append(o.features, out.state);
        }
        std::string error;
        if (!pdm::writeModelOutputs(outDir / pdm::kModelOutputsFile, o, error))
            throw std::runtime_error(error);
    }

private:
    static constexpr std::size_t kEvalBatch = 512;

    struct Loss
    {
        at::Tensor total;
        PdmModelImpl::Out out;
    };

    at::Tensor inputOf(const std::vector<std::int64_t> &rows, const c10::Device &device) const
    {
        const Windows &w = *m_w;
        const std::int64_t per = std::int64_t(w.history) * w.features;
        auto x = torch::empty({std::int64_t(rows.size()), w.history, w.features}, torch::kFloat);
        float *p = x.data_ptr<float>();
        for (std::size_t r = 0; r < rows.size(); ++r)
            w.copyWindow(std::size_t(rows[r]), p + std::int64_t(r) * per);
        return x.to(device);
    }

    Loss lossOf(const std::vector<std::int64_t> &rows, const c10::Device &device)
    {
        const Windows &w = *m_w;
        const int M = w.modes();
        std::vector<float> y, rul, mask;
        for (auto i : rows) {
            for (int k = 0; k < M; ++k)
                y.push_back(float(w.failure[std::size_t(i) * std::size_t(M) + std::size_t(k)]));
            rul.push_back(float(w.rul[std::size_t(i)] / w.options.rul_cap));
            mask.push_back(float(w.rul_observed[std::size_t(i)]));
        }
        const auto opts = torch::TensorOptions().dtype(torch::kFloat);
        const auto n = std::int64_t(rows.size());
        const auto target = torch::from_blob(y.data(), {n, M}, opts).clone().to(device);
        const auto rulTarget = torch::from_blob(rul.data(), {n}, opts).clone().to(device);
        const auto rulMask = torch::from_blob(mask.data(), {n}, opts).clone().to(device);
        const auto weight = torch::from_blob(m_posWeight.data(), {M}, opts).clone().to(device);
        Loss l;
        l.out = m_model->forward(inputOf(rows, device));
        const auto bce = F::binary_cross_entropy_with_logits(l.out.logits.to(torch::kFloat), target,
                                                             F::BinaryCrossEntropyWithLogitsFuncOptions().pos_weight(
                                                                 weight));
        const auto se = (l.out.rul.to(torch::kFloat) - rulTarget).pow(2) * rulMask;
        l.total = bce + m_cfg.pdm.rul_weight * se.sum() / rulMask.sum().clamp_min(1);
        return l;
    }

    static void append(std::vector<float> &to, const at::Tensor &t)
    {
        const auto c = t.to(torch::kFloat).cpu().contiguous();
        to.insert(to.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    }

    const RunConfig m_cfg;
    std::shared_ptr<const Windows> m_w;
    PdmModel m_model;
    std::vector<float> m_posWeight;
    std::vector<std::int64_t> m_train, m_validation, m_test;
    std::optional<RowSampler> m_sampler; // this rank's share of the training windows
    std::uint64_t m_fingerprint = 0;
};

const pdm::PdmDataset &datasetOf(const std::shared_ptr<const DatasetSource> &dataset)
{
    const auto *d = dynamic_cast<const pdm::PdmDataset *>(dataset.get());
    if (!d || !d->windows)
        throw std::invalid_argument("data.kind 'pdm_fleet' trains on a fleet of a project: start it with "
                                    "seekbench-cli pdm train --project DIR --config FILE");
    return *d;
}

} // namespace

std::unique_ptr<TrainingTask> makePdmTask(const RunConfig &config, int rank, int worldSize,
                                          std::shared_ptr<const DatasetSource> dataset)
{
    return std::make_unique<PdmTask>(config, rank, worldSize, datasetOf(dataset));
}

} // namespace seekbench::engine
