#pragma once

#include <cstdint>
#include <string>

namespace seekbench {

// The model, named as in Hugging Face DeepSeek configs. n_routed_experts == 0 means a
// dense model (every layer has a SwiGLU MLP).
struct ModelConfig
{
    int hidden_size = 64;
    int num_attention_heads = 4;
    int num_key_value_heads = 4;
    int intermediate_size = 128;
    int num_hidden_layers = 2;
    int vocab_size = 256;
    int max_position_embeddings = 128;
    double rms_norm_eps = 1e-6;
    double rope_theta = 10000.0;
    double attention_dropout = 0.0;
    std::string hidden_act = "silu";
    bool attention_bias = false;
    bool tie_word_embeddings = false;

    // DeepSeekMoE.
    int n_routed_experts = 0;
    int n_shared_experts = 0;
    int num_experts_per_tok = 0;
    int moe_intermediate_size = 0;
    int first_k_dense_replace = 0;
    int moe_layer_freq = 1;
    bool norm_topk_prob = true;
    std::string scoring_func = "softmax";
    double aux_loss_alpha = 0.001;

    // The task head on top of the block.
    std::string head = "sequence_classification"; // | token_classification | regression
    int num_labels = 4;                           // outputs; 1 for scalar regression
    std::string pooling = "mean";                 // sequence heads: mean | last
    bool causal = true;

    bool isMoeLayer(int layer) const
    {
        return n_routed_experts > 0 && layer >= first_k_dense_replace && moe_layer_freq > 0
               && layer % moe_layer_freq == 0;
    }
    int headDim() const { return num_attention_heads > 0 ? hidden_size / num_attention_heads : 0; }

    bool operator==(const ModelConfig &) const = default;
};

// Where training data comes from. "synthetic_text" is a generated text-classification
// task with planted patterns, so learning can be shown without a download.
struct DataConfig
{
    std::string kind = "synthetic_text";
    int num_classes = 4;
    int train_samples = 4096;
    int eval_samples = 512;
    // fashion_mnist_pairs: training images held out (stratified by class, drawn with
    // `seed`) for evaluation during training, early stopping and keep-best.
    int validation_samples = 5000;
    int seq_len = 32;
    double difficulty = 0.3; // 0 easy .. 1 hard: noise, distractors, label noise
    std::uint64_t seed = 1234;

    bool operator==(const DataConfig &) const = default;
};

// The cross-modal image-text model (data.kind: fashion_mnist_pairs). Its transformer
// blocks take width, heads, MLP size and MoE settings from `model`; the head fields of
// `model` do not apply. architecture "image_only" is the ViT baseline: the same patch
// encoder with a 10-class head, no text.
struct CrossModalConfig
{
    std::string architecture = "crossmodal"; // | image_only
    std::string data_dir = "/usr/share/datasets/fashion-mnist";
    int patch_size = 4;
    int image_layers = 2;
    int text_layers = 1;
    int cross_layers = 1;
    int negatives = 3;                // wrong captions scored beside the right one
    double hard_negative_share = 0.7; // negatives naming a similar class (shirt for a coat)
    double template_share = 0.3;      // training captions reduced to the class-only template
    bool attribute_negative = true;   // one negative keeps the class and changes an attribute
    // Weight of a second loss term: every training image scored against the ten class-only
    // templates (cross-entropy on its class), the way the test split is classified.
    double template_loss_weight = 0.0;
    // Share of each batch's images that get that second loss (the first ones of the shuffled
    // batch). Ten template pairs per image cost more than the matching itself, so scoring part
    // of the batch buys more epochs in the same time.
    double template_loss_share = 1.0;
    // Weight of an auxiliary ten-class head on the pooled image features, in training only:
    // it gives the patch encoder the direct signal a ViT gets, while the test split is still
    // classified by the template scores. 0 leaves the head out of the model.
    double image_loss_weight = 0.0;
    // How an image's class is decided: "templates" scores it against the ten class
    // templates; "fused" adds the log-probabilities of the template scores and of the
    // auxiliary head (equal weights, fixed in advance, so nothing is tuned on the test
    // split). "fused" needs image_loss_weight > 0.
    std::string decision = "templates"; // | fused
    // Training images are moved by up to this many pixels, at random per image and step
    // (background fills the border); 0 = off. Evaluation always sees the images as they are.
    int augment_shift = 0;
    // Half of the training images, drawn at random per image and step, are mirrored left to
    // right; their captions describe the mirrored image (its left/right mass swaps sides).
    bool augment_flip = false;
    // Channels of a convolutional stem beside the linear patch embedding: two 3x3
    // convolutions over the whole image (1 -> stem_channels / 2 -> stem_channels, SiLU after
    // each); each patch's feature maps are max-pooled in 3x3 windows at stride 2 (a 3x3 grid
    // for 7-pixel patches) and projected onto the patch's embedding. The pooling gives the
    // tokens local shift invariance, as in a CNN; each token reads only its own patch's
    // features, so the attention overlay keeps exact pixel squares. 0 = off.
    int stem_channels = 0;
    int stemHiddenChannels() const { return stem_channels > 1 ? stem_channels / 2 : 1; }
    int stemPoolWindow() const { return patch_size < 3 ? patch_size : 3; }
    int stemPoolSide() const { return patch_size > 0 ? (patch_size - stemPoolWindow()) / 2 + 1 : 0; }

    bool operator==(const CrossModalConfig &) const = default;
};

struct TrainingConfig
{
    std::string optimizer = "adamw"; // | sgd
    double lr = 1e-3;
    double min_lr_ratio = 0.1; // the cosine decays to lr * min_lr_ratio
    double weight_decay = 0.01;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double momentum = 0.9;           // sgd
    std::string schedule = "cosine"; // | constant | linear
    int warmup_steps = 20;
    int max_steps = 200;
    int batch_size = 32;
    int grad_accum_steps = 1;
    double grad_clip = 1.0; // 0 disables clipping
    int eval_every = 50;
    int eval_batches = 0;            // 0: the whole eval split
    int early_stopping_patience = 0; // evaluations without improvement; 0 disables
    std::string early_stopping_metric = "eval_loss";
    int checkpoint_every = 100; // 0: only at the end
    int keep_last = 2;
    bool keep_best = true;
    std::string precision = "auto";        // | fp32 | bf16 | fp16; auto: measured per machine (precision_choice.h)
    std::string on_nonfinite = "stop";     // | skip
    double loss_scale_init = 65536.0;      // fp16: the dynamic loss scale of the first step
    int loss_scale_growth_interval = 2000; // fp16: clean steps before the scale doubles
    int threads = 0;                       // 0: the cores given to the process
    std::string device = "cpu";            // | cuda
    std::string backend = "auto";          // | gloo | nccl: collectives of several ranks; auto: nccl on cuda with NCCL
    int zero_stage = 0;                    // 1: each data-parallel rank keeps only its shard of the optimizer state
    int log_every = 1;
    double system_sample_hz = 2.0;
    std::uint64_t seed = 42;

    bool operator==(const TrainingConfig &) const = default;
};

// The anti-money-laundering scenario (data.kind "aml_transactions", transactions from a
// project's store): the graph model around the DeepSeek blocks (which take their shape
// from model.*), the held-out months, the XGBoost baseline and the alert policy.
struct AmlConfig
{
    int window_days = 7;          // message passing runs within time windows of this length
    int message_layers = 2;       // rounds of message passing per window
    int sequence_length = 16;     // the sender's recent transactions the blocks read per score
    int validation_months = 1;    // months before the test months: thresholds and early stopping are tuned here
    int test_months = 1;          // the last months: reported once, never tuned on
    double pos_weight = 0;        // weight of laundering rows in the loss; 0: sqrt(normal/laundering)
    double capacity_per_day = 50; // alerts the analysts can work a day
    double cost_missed = 50;      // cost of a missed laundering transaction
    double cost_false_alert = 1;  // cost of working a false alert
    double fpr_target = 0.021;    // recall is reported at this false-positive rate (the article's 2.1 %)
    double severity_high = 0.8;   // an alert is high when the precision at its score reaches this
    double severity_medium = 0.5; // ... medium when it reaches this, else low
    int xgb_rounds = 200;         // boosting rounds of the XGBoost baseline
    int xgb_max_depth = 6;

    bool operator==(const AmlConfig &) const = default;
};

// The predictive maintenance scenario (data.kind "pdm_fleet", a fleet of the project's
// store, seekbench/pdm/windows.h): the point-in-time windows, the split by machine and
// time, and the sensor model (an LSTM over the window's steps with per-sensor and temporal
// attention; model.hidden_size is its width). Times are in the fleet's unit (seconds, or
// cycles for C-MAPSS); 0 (or -1 for the baseline) takes the fleet's default.
struct PdmConfig
{
    std::string fleet;             // the project's fleet the windows are cut from
    double step = 0;               // time units a step; 0: an hour (seconds) or a cycle
    int history = 0;               // steps a window; 0: 24 (seconds) or 30 (cycles)
    int stride = 1;                // a window every `stride` steps
    double horizon = 0;            // failure within this time; 0: 3 days or 30 cycles
    double baseline = -1;          // per-machine baseline period; 0 none; -1: a day or none
    double rul_cap = 0;            // 0: 30 days or 125 cycles
    double validation_share = 0.2; // of the machines
    double test_share = 0.2;
    int lstm_layers = 1;
    bool attention = true; // per-sensor and temporal attention; false: the plain LSTM baseline
    double rul_weight = 1; // weight of the RUL loss beside the failure losses
    double pos_weight = 0; // weight of failing windows in the loss; 0: sqrt(negatives/positives) per mode
    double min_lead = 0;   // alerts count when they come this long before the failure; 0: a day or 5 cycles
    int xgb_rounds = 200;  // boosting rounds of the XGBoost model beside it

    bool operator==(const PdmConfig &) const = default;
};

// The medical knowledge graph scenario (data.kind "kg_corpus", a corpus of the project's
// datasets/kg folder, seekbench/kg/corpus.h): the DeepSeek-style encoder (model.*, with
// model.causal false) over words whose embeddings sum hashed character n-grams, a BIO
// token head for the entities and a pairwise relation head over entity pairs, trained
// jointly.
struct KgConfig
{
    std::string corpus;         // the project's corpus (seekbench-cli kg corpora lists them)
    int ngram_buckets = 32768;  // hashed character n-gram (3-5) and word buckets of the word embedding
    double relation_weight = 1; // weight of the relation loss beside the entity loss
    double none_weight = 0.3;   // loss weight of entity pairs with no relation
    int max_pairs = 64;         // entity pairs a sentence trains its relation head on, at most

    bool operator==(const KgConfig &) const = default;
};

struct RunConfig
{
    std::string name = "run";
    ModelConfig model;
    DataConfig data;
    TrainingConfig training;
    AmlConfig aml;
    CrossModalConfig crossmodal;
    PdmConfig pdm;
    KgConfig kg;

    bool operator==(const RunConfig &) const = default;
};

} // namespace seekbench
