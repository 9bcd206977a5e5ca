#include "aml_task.h"

#include "aml_prepared.h"
#include "autocast.h"
#include "model.h"
#include "row_sampler.h"

#include "seekbench/aml/evaluation.h"
#include "seekbench/aml/features.h"
#include "seekbench/aml/metrics.h"
#include "seekbench/config/estimates.h"
#include "seekbench/engine/aml_scoring.h"
#include "seekbench/formats/checkpoint_file.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>

namespace seekbench::engine {
namespace {

namespace F = torch::nn::functional;

class AmlGraphModelImpl : public torch::nn::Module
{
public:
    explicit AmlGraphModelImpl(const RunConfig &cfg) : m_cfg(cfg.model), m_layers(cfg.aml.message_layers)
    {
        const std::int64_t h = cfg.model.hidden_size;
        edge_proj = register_module("edge_proj", torch::nn::Linear(kAmlEdgeFeatures, h));
        node_proj = register_module("node_proj", torch::nn::Linear(kAmlNodeFeatures, h));
        message = register_module("message", torch::nn::ModuleList());
        // Per layer: messages from senders and from receivers (the neighbour's state
        // through one linear map, the edge through another: the node map runs on the
        // states before they are gathered to edges, which is cheaper than on every edge),
        // the update, and a norm.
        for (int l = 0; l < m_layers; ++l) {
            message->push_back(torch::nn::Linear(h, h));
            message->push_back(torch::nn::Linear(torch::nn::LinearOptions(h, h).bias(false)));
            message->push_back(torch::nn::Linear(h, h));
            message->push_back(torch::nn::Linear(torch::nn::LinearOptions(h, h).bias(false)));
            message->push_back(torch::nn::Linear(2 * h, h));
            message->push_back(RMSNorm(h, cfg.model.rms_norm_eps));
        }
        token_proj = register_module("token_proj", torch::nn::Linear(kAmlEdgeFeatures + 3, h));
        layers = register_module("layers", torch::nn::ModuleList());
        for (int i = 0; i < cfg.model.num_hidden_layers; ++i)
            layers->push_back(DecoderLayer(cfg.model, i));
        norm = register_module("norm", RMSNorm(h, cfg.model.rms_norm_eps));
        head1 = register_module("head1", torch::nn::Linear(3 * h, h));
        head2 = register_module("head2", torch::nn::Linear(h, 1));
        const int64_t hd = cfg.model.headDim();
        const auto invFreq = 1.0
                             / torch::pow(cfg.model.rope_theta, torch::arange(0, hd, 2, torch::kDouble) / double(hd));
        const auto t = torch::arange(cfg.model.max_position_embeddings, torch::kDouble);
        const auto emb = torch::cat({torch::outer(t, invFreq), torch::outer(t, invFreq)}, -1);
        m_cos = emb.cos().to(torch::kFloat);
        m_sin = emb.sin().to(torch::kFloat);
    }

    // Account states per window: [windows * accounts, hidden].
    at::Tensor nodeStates(const AmlPrepared &p, const c10::Device &device)
    {
        const auto e = edge_proj(p.edge.to(device));
        const auto start = node_proj(p.node.to(device)); // what was known when each window began
        auto s = start;
        const auto src = p.src.to(device), dst = p.dst.to(device);
        const auto inDeg = p.inDeg.to(device), outDeg = p.outDeg.to(device);
        for (int l = 0; l < m_layers; ++l) {
            auto at = [&](int k) { return message[std::size_t(6 * l + k)]; };
            auto &ln = *at(5)->as<RMSNorm>();
            auto &update = *at(4)->as<torch::nn::Linear>();
            const auto mIn = F::silu(at(0)->as<torch::nn::Linear>()->forward(s).index_select(0, src)
                                     + at(1)->as<torch::nn::Linear>()->forward(e));
            const auto mOut = F::silu(at(2)->as<torch::nn::Linear>()->forward(s).index_select(0, dst)
                                      + at(3)->as<torch::nn::Linear>()->forward(e));
            // Under autocast the messages are 16-bit while the states after a norm are fp32.
            const auto aggIn = torch::zeros_like(s).index_add(0, dst, mIn.to(s.scalar_type())) / inDeg;
            const auto aggOut = torch::zeros_like(s).index_add(0, src, mOut.to(s.scalar_type())) / outDeg;
            s = ln.forward(s + update.forward(torch::cat({aggIn, aggOut}, -1)));
        }
        // The state a transaction of window w reads: the account at the window's start and
        // the running mean of the message-passing states of the windows before w (a
        // window's own messages include transfers later than the scored one).
        const auto s3 = s.view({p.windows, p.accounts, -1});
        const auto count = torch::arange(1, p.windows + 1, s.options()).view({p.windows, 1, 1});
        const auto mean = s3.cumsum(0) / count; // windows 0..w
        const auto before = torch::cat({torch::zeros_like(mean.narrow(0, 0, 1)), mean.narrow(0, 0, p.windows - 1)}, 0);
        return (start.view({p.windows, p.accounts, -1}) + before).view({p.windows * p.accounts, -1});
    }

    // Logits for the transactions `rows` ([B], long, on the device).
    at::Tensor score(const AmlPrepared &p, const at::Tensor &states, const at::Tensor &rowsCpu,
                     const c10::Device &device, at::Tensor &aux)
    {
        const std::int64_t K = p.seqLen;
        const auto seq = p.seqIdx.index_select(0, rowsCpu); // [B, K]
        const auto pad = seq.lt(0);
        const auto feats = p.edge.index_select(0, seq.clamp_min(0).view({-1})).view({-1, K, kAmlEdgeFeatures});
        const auto extra = p.seqExtra.index_select(0, rowsCpu);
        auto tokIn = torch::cat({feats.masked_fill(pad.unsqueeze(-1), 0), extra}, -1).to(device);
        const auto peers = p.seqPeer.index_select(0, rowsCpu).to(device).view({-1});
        auto h = token_proj(tokIn)
                 + states.index_select(0, peers).view({-1, K, states.size(1)})
                       * (~pad).unsqueeze(-1).to(device).to(states.scalar_type());
        if (m_cos.device() != device) {
            m_cos = m_cos.to(device);
            m_sin = m_sin.to(device);
        }
        for (const auto &layer : *layers)
            h = layer->as<DecoderLayer>()->forward(h, m_cos, m_sin, aux);
        h = norm(h).select(1, K - 1);
        const auto rows = rowsCpu.to(device);
        const auto sState = states.index_select(0, p.src.to(device).index_select(0, rows));
        const auto rState = states.index_select(0, p.dst.to(device).index_select(0, rows));
        return head2(F::silu(head1(torch::cat({h.to(torch::kFloat), sState, rState}, -1)))).squeeze(-1);
    }

    torch::nn::Linear edge_proj{nullptr}, node_proj{nullptr}, token_proj{nullptr}, head1{nullptr}, head2{nullptr};
    torch::nn::ModuleList message, layers;
    RMSNorm norm{nullptr};

private:
    ModelConfig m_cfg;
    int m_layers;
    at::Tensor m_cos, m_sin;
};
TORCH_MODULE(AmlGraphModel);

// Scores `rows` in chunks (no grad, eval mode set by the caller).
std::vector<float> scoreRows(AmlGraphModel &model, const AmlPrepared &p, const std::vector<std::int64_t> &rows,
                             const StepContext &ctx)
{
    std::vector<float> out;
    out.reserve(rows.size());
    const auto states = model->nodeStates(p, ctx.device);
    auto aux = torch::zeros({}, torch::TensorOptions().device(ctx.device));
    for (std::size_t lo = 0; lo < rows.size(); lo += 2048) {
        const std::size_t hi = std::min(rows.size(), lo + 2048);
        const auto idx = torch::from_blob(const_cast<std::int64_t *>(rows.data() + lo), {std::int64_t(hi - lo)},
                                          torch::kLong)
                             .clone();
        AutocastGuard autocast(ctx.autocast, ctx.device.is_cuda(), ctx.autocastDtype);
        const auto prob
            = torch::sigmoid(model->score(p, states, idx, ctx.device, aux).to(torch::kFloat)).cpu().contiguous();
        out.insert(out.end(), prob.data_ptr<float>(), prob.data_ptr<float>() + prob.numel());
    }
    return out;
}

class AmlTask final : public TrainingTask
{
public:
    AmlTask(const RunConfig &cfg, int rank, int worldSize, const aml::AmlDataset &data)
        : m_cfg(cfg), m_p(prepareAml(cfg, data.data)), m_model(cfg),
          m_sampler(m_p.train, cfg.training.seed, rank, worldSize) // this rank's share of the training rows
    {
        if (m_p.train.empty())
            throw std::invalid_argument("the AML training months have no labelled transactions (" + data.origin + ", "
                                        + monthsText() + "); label data or lower aml.validation_months");
        // Early stopping and the best checkpoint follow the validation months: never fall
        // back to other rows (scoring the training rows would report training figures).
        if (m_p.validation.empty())
            throw std::invalid_argument("the AML validation months have no labelled transactions (" + data.origin + ", "
                                        + monthsText() + "); label data or change aml.validation_months");
        double pos = 0;
        for (auto i : m_p.train)
            pos += m_p.labels[std::size_t(i)] == 1;
        if (pos == 0)
            throw std::invalid_argument("the AML training months have no laundering transactions (" + data.origin + ")");
        const double neg = double(m_p.train.size()) - pos;
        m_posWeight = cfg.aml.pos_weight > 0 ? cfg.aml.pos_weight : std::sqrt(neg / pos);
    }

    torch::nn::Module &module() override { return *m_model; }
    std::uint64_t dataFingerprint() const override { return m_p.fingerprint; }

    MicroStep trainMicroStep(const StepContext &ctx) override
    {
        const std::vector<std::int64_t> rows = m_sampler.next(m_cfg.training.batch_size);
        std::vector<float> y;
        for (auto r : rows)
            y.push_back(float(m_p.labels[std::size_t(r)]));
        const auto idx = torch::tensor(rows, torch::kLong);
        const auto target = torch::tensor(y).to(ctx.device);
        AutocastGuard autocast(ctx.autocast, ctx.device.is_cuda(), ctx.autocastDtype);
        const auto states = m_model->nodeStates(m_p, ctx.device);
        auto aux = torch::zeros({}, torch::TensorOptions().device(ctx.device));
        const auto logits = m_model->score(m_p, states, idx, ctx.device, aux).to(torch::kFloat);
        const auto weight = torch::tensor({m_posWeight}, torch::TensorOptions().dtype(torch::kFloat).device(ctx.device));
        const auto loss = F::binary_cross_entropy_with_logits(logits, target,
                                                              F::BinaryCrossEntropyWithLogitsFuncOptions().pos_weight(
                                                                  weight));
        return {loss + aux, loss.item<double>(), aux.item<double>()};
    }

    std::int64_t epoch() const override { return m_sampler.epoch(); }
    std::int64_t cursor() const override { return m_sampler.cursor(); }
    void seek(std::int64_t epoch, std::int64_t cursor) override { m_sampler.seek(epoch, cursor); }

    std::map<std::string, double> evaluate(const StepContext &ctx, const ReduceSum &) override
    {
        // Every rank scores all the validation months (it is one graph): no reduction. The
        // test months are scored once, after training (evaluateAmlRun).
        const auto &rows = m_p.validation;
        if (rows.empty())
            throw std::invalid_argument("the AML validation months have no labelled transactions (" + monthsText()
                                        + ")");
        const auto scores = scoreRows(m_model, m_p, rows, ctx);
        std::vector<std::int8_t> labels;
        double loss = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto l = m_p.labels[std::size_t(rows[i])];
            labels.push_back(l);
            const double s = std::clamp(double(scores[i]), 1e-7, 1 - 1e-7);
            loss -= l == 1 ? m_posWeight * std::log(s) : std::log(1 - s);
        }
        // Recall at the config's FPR target, named like the run's final figure (aml/...).
        const auto e = aml::evaluateScores(scores, labels, m_cfg.aml.fpr_target);
        return {{"eval/loss", loss / std::max<double>(1, double(rows.size()))},
                {"eval/pr_auc", e.prAuc},
                {"eval/roc_auc", e.rocAuc},
                {"eval/" + aml::recallAtFprName(m_cfg.aml.fpr_target), e.atFpr.recall}};
    }

    bool hasAuxLoss() const override { return m_cfg.model.n_routed_experts > 0; }
    double tokensPerSample() const override { return double(m_cfg.aml.sequence_length); }

private:
    std::string monthsText() const
    {
        const auto &pr = m_p.periods;
        return "the data has " + std::to_string(pr.months) + " months: " + std::to_string(pr.trainMonths)
               + " training, " + std::to_string(pr.validationMonths) + " validation (aml.validation_months), "
               + std::to_string(pr.testMonths) + " test (aml.test_months)";
    }

    const RunConfig m_cfg;
    AmlPrepared m_p;
    AmlGraphModel m_model;
    double m_posWeight = 1;
    RowSampler m_sampler;
};

const aml::AmlDataset &datasetOf(const std::shared_ptr<const DatasetSource> &dataset)
{
    const auto *d = dynamic_cast<const aml::AmlDataset *>(dataset.get());
    if (!d)
        throw std::invalid_argument("data.kind 'aml_transactions' trains on transactions from a project's store: "
                                    "start it with seekbench-cli aml train --project DIR");
    return *d;
}

} // namespace

std::unique_ptr<TrainingTask> makeAmlTask(const RunConfig &config, int rank, int worldSize,
                                          std::shared_ptr<const DatasetSource> dataset)
{
    return std::make_unique<AmlTask>(config, rank, worldSize, datasetOf(dataset));
}

std::shared_ptr<torch::nn::Module> makeAmlGraphModule(const RunConfig &config) { return AmlGraphModel(config).ptr(); }

} // namespace seekbench::engine

namespace seekbench {

aml::RunEvaluation evaluateAmlRun(const RunConfig &config, const std::filesystem::path &checkpoint,
                                  const aml::AmlData &data, const std::filesystem::path &xgbModelFile)
{
    return aml::evaluateRun(config, data, scoreAmlTransactions(config, checkpoint, data), xgbModelFile);
}

std::vector<float> scoreAmlTransactions(const RunConfig &config, const std::filesystem::path &checkpoint,
                                        const aml::AmlData &data)
{
    using namespace seekbench::engine;
    torch::NoGradGuard noGrad;
    const AmlPrepared p = prepareAml(config, data);
    AmlGraphModel model(config);
    try {
        const CheckpointContents contents = readCheckpointFile(checkpoint);
        std::istringstream in(contents.payload);
        torch::serialize::InputArchive archive, modelArchive;
        archive.load_from(in, torch::kCPU); // a GPU run's checkpoint too
        archive.read("model", modelArchive);
        for (auto &item : model->named_parameters()) {
            at::Tensor stored;
            if (!modelArchive.try_read(item.key(), stored) || stored.sizes() != item.value().sizes())
                throw std::runtime_error("checkpoint " + checkpoint.string()
                                         + " does not fit the AML model of this config ('" + item.key() + "')");
            item.value().copy_(stored);
        }
    } catch (const c10::Error &e) {
        throw std::runtime_error("checkpoint " + checkpoint.string() + " cannot be read: " + e.what_without_backtrace());
    } catch (const CheckpointError &e) {
        throw std::runtime_error(e.what());
    }
    model->eval();
    std::vector<std::int64_t> rows(std::size_t(p.rows));
    std::iota(rows.begin(), rows.end(), 0);
    return scoreRows(model, p, rows, StepContext{});
}

std::int64_t amlModelParameterCount(const RunConfig &config)
{
    engine::AmlGraphModel model(config);
    return engine::parameterCount(*model);
}

} // namespace seekbench
