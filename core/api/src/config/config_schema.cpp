#include "seekbench/config/config_schema.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace seekbench {
namespace {

std::string formatDouble(double v)
{
    // Shortest text that reads back to the same double.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

bool parseInt(const std::string &s, int &out)
{
    long long v = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size())
        return false;
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        return false;
    out = static_cast<int>(v);
    return true;
}

bool parseU64(const std::string &s, std::uint64_t &out)
{
    auto res = std::from_chars(s.data(), s.data() + s.size(), out);
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool parseDouble(const std::string &s, double &out)
{
    if (s.empty())
        return false;
    char *end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v))
        return false;
    out = v;
    return true;
}

bool parseBool(const std::string &s, bool &out)
{
    if (s == "true" || s == "True" || s == "yes" || s == "on") {
        out = true;
        return true;
    }
    if (s == "false" || s == "False" || s == "no" || s == "off") {
        out = false;
        return true;
    }
    return false;
}

template<typename Section>
using SectionOf = std::function<Section &(RunConfig &)>;

struct SchemaBuilder
{
    std::vector<ConfigField> fields;

    template<typename S, typename Get>
    void add(std::string path, std::string group, Get getSection, int S::*member, std::string description,
             std::optional<double> min, std::optional<double> max = {})
    {
        ConfigField
            f{std::move(path), std::move(group), ConfigField::Type::Int, std::move(description), {}, min, max, {}, {}};
        f.get = [=](const RunConfig &c) { return std::to_string(getSection(const_cast<RunConfig &>(c)).*member); };
        f.set = [=](RunConfig &c, const std::string &s) { return parseInt(s, getSection(c).*member); };
        fields.push_back(std::move(f));
    }
    template<typename S, typename Get>
    void add(std::string path, std::string group, Get getSection, double S::*member, std::string description,
             std::optional<double> min, std::optional<double> max = {})
    {
        ConfigField f{std::move(path),
                      std::move(group),
                      ConfigField::Type::Double,
                      std::move(description),
                      {},
                      min,
                      max,
                      {},
                      {}};
        f.get = [=](const RunConfig &c) { return formatDouble(getSection(const_cast<RunConfig &>(c)).*member); };
        f.set = [=](RunConfig &c, const std::string &s) { return parseDouble(s, getSection(c).*member); };
        fields.push_back(std::move(f));
    }
    template<typename S, typename Get>
    void add(std::string path, std::string group, Get getSection, std::uint64_t S::*member, std::string description)
    {
        ConfigField
            f{std::move(path), std::move(group), ConfigField::Type::UInt64, std::move(description), {}, {}, {}, {}, {}};
        f.get = [=](const RunConfig &c) { return std::to_string(getSection(const_cast<RunConfig &>(c)).*member); };
        f.set = [=](RunConfig &c, const std::string &s) { return parseU64(s, getSection(c).*member); };
        fields.push_back(std::move(f));
    }
    template<typename S, typename Get>
    void add(std::string path, std::string group, Get getSection, bool S::*member, std::string description)
    {
        ConfigField
            f{std::move(path), std::move(group), ConfigField::Type::Bool, std::move(description), {}, {}, {}, {}, {}};
        f.get = [=](const RunConfig &c) {
            return std::string(getSection(const_cast<RunConfig &>(c)).*member ? "true" : "false");
        };
        f.set = [=](RunConfig &c, const std::string &s) { return parseBool(s, getSection(c).*member); };
        fields.push_back(std::move(f));
    }
    template<typename S, typename Get>
    void add(std::string path, std::string group, Get getSection, std::string S::*member, std::string description,
             std::vector<std::string> choices = {})
    {
        ConfigField f{std::move(path),
                      std::move(group),
                      ConfigField::Type::String,
                      std::move(description),
                      std::move(choices),
                      {},
                      {},
                      {},
                      {}};
        f.get = [=](const RunConfig &c) { return getSection(const_cast<RunConfig &>(c)).*member; };
        f.set = [=](RunConfig &c, const std::string &s) {
            getSection(c).*member = s;
            return true;
        };
        fields.push_back(std::move(f));
    }
};

std::vector<ConfigField> buildSchema()
{
    SchemaBuilder b;
    auto run = [](RunConfig &c) -> RunConfig & { return c; };
    auto m = [](RunConfig &c) -> ModelConfig & { return c.model; };
    auto d = [](RunConfig &c) -> DataConfig & { return c.data; };
    auto t = [](RunConfig &c) -> TrainingConfig & { return c.training; };
    auto aml = [](RunConfig &c) -> AmlConfig & { return c.aml; };
    const double big = 1 << 30;

    b.add("name", "run", run, &RunConfig::name, "Name of the run, shown in the runs table.");

    b.add("model.hidden_size", "model", m, &ModelConfig::hidden_size, "Width of the residual stream.", 1, big);
    b.add("model.num_attention_heads", "model", m, &ModelConfig::num_attention_heads,
          "Query heads per attention layer.", 1, 4096);
    b.add("model.num_key_value_heads", "model", m, &ModelConfig::num_key_value_heads,
          "Key/value heads (grouped-query attention); must divide the query heads.", 1, 4096);
    b.add("model.intermediate_size", "model", m, &ModelConfig::intermediate_size,
          "Hidden width of the dense SwiGLU MLP.", 1, big);
    b.add("model.num_hidden_layers", "model", m, &ModelConfig::num_hidden_layers, "Number of transformer blocks.", 1,
          1024);
    b.add("model.vocab_size", "model", m, &ModelConfig::vocab_size, "Token vocabulary size.", 2, big);
    b.add("model.max_position_embeddings", "model", m, &ModelConfig::max_position_embeddings,
          "Longest sequence the rotary embedding table covers.", 1, big);
    b.add("model.rms_norm_eps", "model", m, &ModelConfig::rms_norm_eps, "Epsilon of RMSNorm.", 0.0, 1.0);
    b.add("model.rope_theta", "model", m, &ModelConfig::rope_theta, "Base of the rotary position embedding.", 1.0, 1e12);
    b.add("model.attention_dropout", "model", m, &ModelConfig::attention_dropout,
          "Dropout on the attention weights during training.", 0.0, 0.99);
    b.add("model.hidden_act", "model", m, &ModelConfig::hidden_act, "Activation of the gated MLP.", {"silu"});
    b.add("model.attention_bias", "model", m, &ModelConfig::attention_bias, "Bias terms on the q/k/v/o projections.");
    b.add("model.tie_word_embeddings", "model", m, &ModelConfig::tie_word_embeddings,
          "Share the input embedding with the language-model head (causal_lm head only).");

    b.add("model.n_routed_experts", "moe", m, &ModelConfig::n_routed_experts,
          "Routed experts per MoE layer; 0 makes a dense model.", 0, 4096);
    b.add("model.n_shared_experts", "moe", m, &ModelConfig::n_shared_experts,
          "Shared experts every token passes through.", 0, 64);
    b.add("model.num_experts_per_tok", "moe", m, &ModelConfig::num_experts_per_tok,
          "Routed experts chosen per token (top-k).", 0, 4096);
    b.add("model.moe_intermediate_size", "moe", m, &ModelConfig::moe_intermediate_size, "Hidden width of each expert.",
          0, big);
    b.add("model.first_k_dense_replace", "moe", m, &ModelConfig::first_k_dense_replace,
          "The first k layers keep a dense MLP.", 0, 1024);
    b.add("model.moe_layer_freq", "moe", m, &ModelConfig::moe_layer_freq,
          "Every n-th layer (after the dense ones) is a MoE layer.", 1, 1024);
    b.add("model.norm_topk_prob", "moe", m, &ModelConfig::norm_topk_prob,
          "Renormalise the top-k routing weights to sum to one.");
    b.add("model.scoring_func", "moe", m, &ModelConfig::scoring_func, "Router scoring function.",
          {"softmax", "sigmoid"});
    b.add("model.aux_loss_alpha", "moe", m, &ModelConfig::aux_loss_alpha,
          "Weight of the load-balancing auxiliary loss.", 0.0, 10.0);

    b.add("model.head", "head", m, &ModelConfig::head, "Task head on top of the transformer.",
          {"sequence_classification", "token_classification", "regression", "causal_lm"});
    b.add("model.num_labels", "head", m, &ModelConfig::num_labels,
          "Outputs of the head (classes; 1 for scalar regression).", 1, 1 << 20);
    b.add("model.pooling", "head", m, &ModelConfig::pooling, "How a sequence head pools the tokens.", {"mean", "last"});
    b.add("model.causal", "head", m, &ModelConfig::causal, "Causal (decoder) attention mask.");

    b.add("data.kind", "data", d, &DataConfig::kind, "Dataset.",
          {"synthetic_text", "aml_transactions", "fashion_mnist_pairs", "pdm_fleet", "kg_corpus"});
    b.add("data.num_classes", "data", d, &DataConfig::num_classes, "Classes of the synthetic task.", 2, 64);
    b.add("data.train_samples", "data", d, &DataConfig::train_samples, "Training samples.", 1, big);
    b.add("data.eval_samples", "data", d, &DataConfig::eval_samples, "Evaluation samples.", 1, big);
    b.add("data.validation_samples", "data", d, &DataConfig::validation_samples,
          "Fashion-MNIST: training images held out for evaluation, early stopping and keep-best.", 1, big);
    b.add("data.seq_len", "data", d, &DataConfig::seq_len, "Tokens per sample.", 4, 1 << 20);
    b.add("data.difficulty", "data", d, &DataConfig::difficulty,
          "0 easy .. 1 hard: noise, distractors and label noise.", 0.0, 1.0);
    b.add("data.seed", "data", d, &DataConfig::seed, "Seed of the data generator.");

    b.add("training.optimizer", "training", t, &TrainingConfig::optimizer, "Optimizer.", {"adamw", "sgd"});
    b.add("training.lr", "training", t, &TrainingConfig::lr, "Peak learning rate.", 1e-12, 100.0);
    b.add("training.min_lr_ratio", "training", t, &TrainingConfig::min_lr_ratio,
          "The schedule decays to lr times this.", 0.0, 1.0);
    b.add("training.weight_decay", "training", t, &TrainingConfig::weight_decay,
          "Decoupled weight decay (AdamW) or L2 (SGD).", 0.0, 10.0);
    b.add("training.beta1", "training", t, &TrainingConfig::beta1, "AdamW beta1.", 0.0, 0.999999);
    b.add("training.beta2", "training", t, &TrainingConfig::beta2, "AdamW beta2.", 0.0, 0.999999);
    b.add("training.eps", "training", t, &TrainingConfig::eps, "AdamW epsilon.", 1e-30, 1.0);
    b.add("training.momentum", "training", t, &TrainingConfig::momentum, "SGD momentum.", 0.0, 0.999999);
    b.add("training.schedule", "training", t, &TrainingConfig::schedule, "Learning-rate schedule after warmup.",
          {"cosine", "linear", "constant"});
    b.add("training.warmup_steps", "training", t, &TrainingConfig::warmup_steps, "Linear warmup steps.", 0, big);
    b.add("training.max_steps", "training", t, &TrainingConfig::max_steps, "Optimizer steps of the run.", 1, big);
    b.add("training.batch_size", "training", t, &TrainingConfig::batch_size, "Samples per micro-batch.", 1, 1 << 20);
    b.add("training.grad_accum_steps", "training", t, &TrainingConfig::grad_accum_steps,
          "Micro-batches per optimizer step.", 1, 4096);
    b.add("training.grad_clip", "training", t, &TrainingConfig::grad_clip,
          "Clip the global gradient norm to this; 0 disables.", 0.0, 1e6);
    b.add("training.eval_every", "training", t, &TrainingConfig::eval_every,
          "Evaluate every n steps; 0 only at the end.", 0, big);
    b.add("training.eval_batches", "training", t, &TrainingConfig::eval_batches,
          "Batches per evaluation; 0 for the whole split.", 0, big);
    b.add("training.early_stopping_patience", "training", t, &TrainingConfig::early_stopping_patience,
          "Stop after this many evaluations without improvement; 0 disables.", 0, big);
    b.add("training.early_stopping_metric", "training", t, &TrainingConfig::early_stopping_metric,
          "Metric that early stopping and the best checkpoint follow.",
          {"eval_loss", "eval_accuracy", "eval_pr_auc", "eval_f1"});
    b.add("training.checkpoint_every", "checkpoints", t, &TrainingConfig::checkpoint_every,
          "Checkpoint every n steps; 0 only at the end.", 0, big);
    b.add("training.keep_last", "checkpoints", t, &TrainingConfig::keep_last, "Checkpoints kept besides the best.", 1,
          10000);
    b.add("training.keep_best", "checkpoints", t, &TrainingConfig::keep_best,
          "Also keep the checkpoint with the best eval metric.");
    b.add("training.precision", "precision", t, &TrainingConfig::precision,
          "Compute precision (autocast); auto measures fp32 against bf16 on the machine that trains and takes the "
          "faster.",
          {"auto", "fp32", "bf16", "fp16"});
    b.add("training.on_nonfinite", "training", t, &TrainingConfig::on_nonfinite,
          "A non-finite loss or gradient norm stops the run, or skips the step.", {"stop", "skip"});
    b.add("training.loss_scale_init", "precision", t, &TrainingConfig::loss_scale_init,
          "fp16 only: the loss scale of the first step; a step whose gradients overflow is skipped and halves it.", 1.0,
          1e30);
    b.add("training.loss_scale_growth_interval", "precision", t, &TrainingConfig::loss_scale_growth_interval,
          "fp16 only: steps without overflow after which the loss scale doubles.", 1, big);
    b.add("training.threads", "training", t, &TrainingConfig::threads,
          "Intra-op threads; 0 uses the cores given to the process.", 0, 1024);
    b.add("training.device", "training", t, &TrainingConfig::device, "Device to train on.", {"cpu", "cuda"});
    b.add("training.backend", "distributed", t, &TrainingConfig::backend,
          "Collectives of several ranks: auto (NCCL on CUDA when the build has it, else Gloo), gloo or nccl.",
          {"auto", "gloo", "nccl"});
    b.add("training.zero_stage", "distributed", t, &TrainingConfig::zero_stage,
          "ZeRO stage over data-parallel ranks: 0 off, 1 shards the optimizer state.", 0, 1);
    b.add("training.log_every", "training", t, &TrainingConfig::log_every, "Record step metrics every n steps.", 1, big);
    b.add("training.system_sample_hz", "training", t, &TrainingConfig::system_sample_hz,
          "System samples per second (memory, CPU, GPU).", 0.1, 100.0);
    b.add("training.seed", "training", t, &TrainingConfig::seed, "Seed of initialisation, shuffling and dropout.");

    b.add("aml.window_days", "aml", aml, &AmlConfig::window_days,
          "Message passing runs within time windows of this many days.", 1, 366);
    b.add("aml.message_layers", "aml", aml, &AmlConfig::message_layers,
          "Rounds of message passing over the transaction graph per window.", 0, 8);
    b.add("aml.sequence_length", "aml", aml, &AmlConfig::sequence_length,
          "Recent transactions of the sender the DeepSeek blocks read for each score.", 2, 512);
    b.add("aml.validation_months", "data", aml, &AmlConfig::validation_months,
          "Months before the test months on which the threshold, operating points and early stopping are tuned.", 1,
          60);
    b.add("aml.test_months", "data", aml, &AmlConfig::test_months,
          "The last months of transactions: the reported figures, never tuned on.", 1, 60);
    b.add("aml.pos_weight", "aml", aml, &AmlConfig::pos_weight,
          "Loss weight of laundering transactions; 0 uses sqrt(normal/laundering).", 0.0, 1e6);
    b.add("aml.capacity_per_day", "aml", aml, &AmlConfig::capacity_per_day,
          "Alerts the analysts can work a day (threshold tuning).", 0.1, 1e7);
    b.add("aml.cost_missed", "aml", aml, &AmlConfig::cost_missed,
          "Cost of a missed laundering transaction (threshold tuning).", 0.0, 1e9);
    b.add("aml.cost_false_alert", "aml", aml, &AmlConfig::cost_false_alert,
          "Cost of working a false alert (threshold tuning).", 0.0, 1e9);
    b.add("aml.fpr_target", "aml", aml, &AmlConfig::fpr_target,
          "False-positive rate at which recall is reported (0.021: the article's 2.1 %).", 1e-6, 0.999999);
    b.add("aml.severity_high", "aml", aml, &AmlConfig::severity_high,
          "An alert is high severity when the precision at its score reaches this.", 0.0, 1.0);
    b.add("aml.severity_medium", "aml", aml, &AmlConfig::severity_medium,
          "An alert is medium severity when the precision at its score reaches this (and low below it).", 0.0, 1.0);
    b.add("aml.xgb_rounds", "aml", aml, &AmlConfig::xgb_rounds, "Boosting rounds of the XGBoost baseline.", 1, 10000);
    b.add("aml.xgb_max_depth", "aml", aml, &AmlConfig::xgb_max_depth, "Tree depth of the XGBoost baseline.", 1, 16);
    // Cross-modal image-text model (data.kind: fashion_mnist_pairs).
    auto x = [](RunConfig &c) -> CrossModalConfig & { return c.crossmodal; };
    b.add("crossmodal.architecture", "crossmodal", x, &CrossModalConfig::architecture,
          "Image-text model with cross attention, or the image-only ViT baseline.", {"crossmodal", "image_only"});
    b.add("crossmodal.data_dir", "crossmodal", x, &CrossModalConfig::data_dir,
          "Folder with the gzipped Fashion-MNIST IDX files.");
    b.add("crossmodal.patch_size", "crossmodal", x, &CrossModalConfig::patch_size,
          "Side of the square image patches (must divide 28).", 1, 28);
    b.add("crossmodal.stem_channels", "crossmodal", x, &CrossModalConfig::stem_channels,
          "Channels of a convolutional stem whose features, max-pooled within each patch, are added to the patch embedding (0 = off).",
          0, 256);
    b.add("crossmodal.image_layers", "crossmodal", x, &CrossModalConfig::image_layers,
          "Transformer blocks of the patch encoder.", 1, 64);
    b.add("crossmodal.text_layers", "crossmodal", x, &CrossModalConfig::text_layers,
          "Transformer blocks of the caption encoder.", 0, 64);
    b.add("crossmodal.cross_layers", "crossmodal", x, &CrossModalConfig::cross_layers,
          "Cross-attention layers, each text-to-image and image-to-text.", 0, 64);
    b.add("crossmodal.negatives", "crossmodal", x, &CrossModalConfig::negatives,
          "Wrong captions scored beside the right one per image.", 1, 9);
    b.add("crossmodal.hard_negative_share", "crossmodal", x, &CrossModalConfig::hard_negative_share,
          "Share of negatives that name a similar class.", 0.0, 1.0);
    b.add("crossmodal.template_share", "crossmodal", x, &CrossModalConfig::template_share,
          "Share of training captions reduced to the class-only template.", 0.0, 1.0);
    b.add("crossmodal.template_loss_weight", "crossmodal", x, &CrossModalConfig::template_loss_weight,
          "Weight of the loss that scores each training image against the ten class templates.", 0.0, 100.0);
    b.add("crossmodal.template_loss_share", "crossmodal", x, &CrossModalConfig::template_loss_share,
          "Share of each batch's images scored against the ten class templates.", 0.0, 1.0);
    b.add("crossmodal.image_loss_weight", "crossmodal", x, &CrossModalConfig::image_loss_weight,
          "Weight of an auxiliary ten-class head on the image features (0 leaves it out; crossmodal.decision says whether it helps decide the class).",
          0.0, 100.0);
    b.add("crossmodal.decision", "crossmodal", x, &CrossModalConfig::decision,
          "How an image's class is decided: by the ten class templates, or by the templates and the auxiliary head together (their log-probabilities added).",
          {"templates", "fused"});
    b.add("crossmodal.augment_shift", "crossmodal", x, &CrossModalConfig::augment_shift,
          "Training images are moved by up to this many pixels at random (0 = off).", 0, 8);
    b.add("crossmodal.augment_flip", "crossmodal", x, &CrossModalConfig::augment_flip,
          "Half of the training images are mirrored left to right at random; their captions describe the mirrored image.");
    b.add("crossmodal.attribute_negative", "crossmodal", x, &CrossModalConfig::attribute_negative,
          "One negative keeps the class and changes an attribute.");
    // Predictive maintenance (data.kind: pdm_fleet).
    auto pm = [](RunConfig &c) -> PdmConfig & { return c.pdm; };
    b.add("pdm.fleet", "data", pm, &PdmConfig::fleet,
          "The project's fleet the windows are cut from (seekbench-cli pdm fleets lists them).");
    b.add("pdm.step", "pdm", pm, &PdmConfig::step,
          "Time a window step covers, in the fleet's unit (0: an hour, or a cycle for C-MAPSS).", 0.0, 1e9);
    b.add("pdm.history", "pdm", pm, &PdmConfig::history, "Steps a window reads (0: 24, or 30 for C-MAPSS).", 0, 4096);
    b.add("pdm.stride", "pdm", pm, &PdmConfig::stride, "A window every this many steps.", 1, 4096);
    b.add("pdm.horizon", "pdm", pm, &PdmConfig::horizon,
          "A window is positive when a failure follows within this time (0: 3 days, or 30 cycles).", 0.0, 1e9);
    b.add("pdm.baseline", "pdm", pm, &PdmConfig::baseline,
          "Each machine's readings are normalised against its own first period of this length (0: none; -1: a day, "
          "none for C-MAPSS).",
          -1.0, 1e9);
    b.add("pdm.rul_cap", "pdm", pm, &PdmConfig::rul_cap,
          "Remaining useful life above this is learnt and reported as this (0: 30 days, or 125 cycles).", 0.0, 1e9);
    b.add("pdm.validation_share", "data", pm, &PdmConfig::validation_share,
          "Share of the machines held out for validation: thresholds and early stopping are tuned on them.", 0.0, 0.9);
    b.add("pdm.test_share", "data", pm, &PdmConfig::test_share,
          "Share of the machines held out for the test, in the last quarter of the period: reported once.", 0.0, 0.9);
    b.add("pdm.lstm_layers", "pdm", pm, &PdmConfig::lstm_layers, "Stacked LSTM layers of the sensor model.", 1, 8);
    b.add("pdm.attention", "pdm", pm, &PdmConfig::attention,
          "Per-sensor and temporal attention; off gives the plain LSTM baseline.");
    b.add("pdm.rul_weight", "pdm", pm, &PdmConfig::rul_weight,
          "Weight of the remaining-useful-life loss beside the failure losses.", 0.0, 100.0);
    b.add("pdm.pos_weight", "pdm", pm, &PdmConfig::pos_weight,
          "Loss weight of windows before a failure; 0 uses sqrt(negatives/positives) per failure mode.", 0.0, 1e6);
    b.add("pdm.min_lead", "pdm", pm, &PdmConfig::min_lead,
          "An alert counts when it comes at least this long before the failure (0: a day, or 5 cycles).", 0.0, 1e9);
    b.add("pdm.xgb_rounds", "pdm", pm, &PdmConfig::xgb_rounds, "Boosting rounds of the XGBoost model beside it.", 1,
          10000);
    // Medical knowledge graph (data.kind: kg_corpus).
    auto kg = [](RunConfig &c) -> KgConfig & { return c.kg; };
    b.add("kg.corpus", "data", kg, &KgConfig::corpus,
          "The project's annotated corpus the model trains on (seekbench-cli kg corpora lists them).");
    b.add("kg.ngram_buckets", "kg", kg, &KgConfig::ngram_buckets,
          "Hashed buckets of the word embedding's character n-grams; unseen and misspelt words share their "
          "n-grams with known ones.",
          1024, 1 << 22);
    b.add("kg.relation_weight", "kg", kg, &KgConfig::relation_weight,
          "Weight of the relation loss beside the entity loss.", 0.0, 100.0);
    b.add("kg.none_weight", "kg", kg, &KgConfig::none_weight,
          "Loss weight of entity pairs with no relation, against 1 for related pairs.", 0.0, 10.0);
    b.add("kg.max_pairs", "kg", kg, &KgConfig::max_pairs,
          "Entity pairs of a sentence the relation head trains on, at most (all related pairs first).", 1, 4096);
    return b.fields;
}

} // namespace

const std::vector<ConfigField> &configSchema()
{
    static const std::vector<ConfigField> schema = buildSchema();
    return schema;
}

const ConfigField *findConfigField(const std::string &path)
{
    for (const auto &f : configSchema())
        if (f.path == path)
            return &f;
    return nullptr;
}

const char *typeName(ConfigField::Type type)
{
    switch (type) {
    case ConfigField::Type::Int: return "integer";
    case ConfigField::Type::Double: return "number";
    case ConfigField::Type::Bool: return "boolean";
    case ConfigField::Type::String: return "string";
    case ConfigField::Type::UInt64: return "unsigned integer";
    }
    return "value";
}

} // namespace seekbench
