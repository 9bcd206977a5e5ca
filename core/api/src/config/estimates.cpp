#include "seekbench/config/estimates.h"

#include "seekbench/formats/fashion_captions.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace seekbench {
namespace {

std::int64_t swiglu(std::int64_t hidden, std::int64_t inner) { return 3 * hidden * inner; }

int headOutputs(const ModelConfig &m) { return m.head == "causal_lm" ? m.vocab_size : m.num_labels; }

} // namespace

ParameterCount countParameters(const ModelConfig &m)
{
    ParameterCount p;
    const std::int64_t h = m.hidden_size;
    const std::int64_t hd = m.headDim();
    const std::int64_t qDim = std::int64_t(m.num_attention_heads) * hd;
    const std::int64_t kvDim = std::int64_t(m.num_key_value_heads) * hd;

    p.embedding = std::int64_t(m.vocab_size) * h;
    std::int64_t inactive = 0;
    for (int layer = 0; layer < m.num_hidden_layers; ++layer) {
        p.norms += 2 * h;
        p.attention += h * qDim + 2 * h * kvDim + qDim * h;
        if (m.attention_bias)
            p.attention += qDim + 2 * kvDim + h;
        if (m.isMoeLayer(layer)) {
            const std::int64_t expert = swiglu(h, m.moe_intermediate_size);
            p.mlp += std::int64_t(m.n_routed_experts) * h;      // router
            p.mlp += std::int64_t(m.n_routed_experts) * expert; // routed experts
            if (m.n_shared_experts > 0)
                p.mlp += swiglu(h, std::int64_t(m.moe_intermediate_size) * m.n_shared_experts);
            inactive += std::int64_t(m.n_routed_experts - m.num_experts_per_tok) * expert;
        } else {
            p.mlp += swiglu(h, m.intermediate_size);
        }
    }
    p.norms += h; // final norm
    if (m.head == "causal_lm")
        p.head = m.tie_word_embeddings ? 0 : std::int64_t(m.vocab_size) * h;
    else
        p.head = h * headOutputs(m) + headOutputs(m);
    p.total = p.embedding + p.attention + p.mlp + p.norms + p.head;
    p.activePerToken = p.total - inactive;
    return p;
}

std::int64_t amlGraphParameters(const RunConfig &c)
{
    const std::int64_t h = c.model.hidden_size, f = kAmlEdgeFeatures, nf = kAmlNodeFeatures;
    const ParameterCount blocks = countParameters(c.model);
    std::int64_t n = (f * h + h) + (nf * h + h);                                         // edge and node projections
    n += std::int64_t(c.aml.message_layers) * (4 * h * h + 2 * h + (2 * h * h + h) + h); // in, out, update, norm
    n += (f + 3) * h + h;                                                                // token projection
    n += blocks.attention + blocks.mlp + blocks.norms;                                   // blocks and final norm
    n += (3 * h * h + h) + (h + 1);                                                      // risk head
    return n;
}

namespace {

// Parameters of a DecoderLayer stack of `layers` blocks (no embedding, head or final norm).
ParameterCount blockStack(const ModelConfig &m, int layers)
{
    ModelConfig stack = m;
    stack.num_hidden_layers = layers;
    ParameterCount p = countParameters(stack);
    p.norms -= m.hidden_size; // the final norm is not part of the stack
    return p;
}

} // namespace

ParameterCount countParameters(const RunConfig &c)
{
    if (c.data.kind == "aml_transactions") {
        ParameterCount p;
        p.total = amlGraphParameters(c);
        p.activePerToken = p.total;
        return p;
    }
    if (c.data.kind == "pdm_fleet" || c.data.kind == "kg_corpus")
        return {}; // pdm: the LSTM's input width is the fleet's sensors, known once the fleet is read
    if (c.data.kind != "fashion_mnist_pairs")
        return countParameters(c.model);
    const ModelConfig &m = c.model;
    const CrossModalConfig &x = c.crossmodal;
    const std::int64_t h = m.hidden_size, patch = x.patch_size;
    const std::int64_t patches = patch > 0 ? (28 / patch) * (28 / patch) : 0;
    const std::int64_t inner = std::int64_t(m.num_attention_heads) * m.headDim();
    ParameterCount p;
    const std::int64_t stem = x.stem_channels, mid = x.stemHiddenChannels(), side = x.stemPoolSide();
    // Stem: 1 -> mid and mid -> stem 3x3 convolutions with biases, and the projection of a
    // patch's pooled features (side x side x stem) onto the hidden size, without bias.
    p.embedding = (stem > 0 ? (9 * mid + mid) + (9 * mid * stem + stem) + side * side * stem * h : 0)
                  + patch * patch * h + h + patches * h;
    auto addStack = [&](int layers) {
        const ParameterCount s = blockStack(m, layers);
        p.attention += s.attention;
        p.mlp += s.mlp;
        p.norms += s.norms + h; // the stack's output norm
        return s.total - s.activePerToken;
    };
    std::int64_t inactive = addStack(x.image_layers);
    if (x.architecture == "image_only" || x.image_loss_weight > 0)
        p.head = h * 10 + 10;
    if (x.architecture != "image_only") {
        p.embedding += std::int64_t(m.vocab_size) * h;
        inactive += addStack(x.text_layers);
        const std::int64_t crossBlocks = 2 * std::int64_t(x.cross_layers);
        p.attention += crossBlocks * (4 * h * inner + (m.attention_bias ? 3 * inner + h : 0));
        p.mlp += crossBlocks * swiglu(h, m.intermediate_size);
        p.norms += crossBlocks * 3 * h;
        p.head += (2 * h * 2 + 2) + h + (h * h + h) + (h + 1); // gate, joint norm, joint_up, joint_out
    }
    p.total = p.embedding + p.attention + p.mlp + p.norms + p.head;
    p.activePerToken = p.total - inactive;
    return p;
}

namespace {

// Activation elements saved for backward, per token, per layer. Counted from the ops of
// core/engine's block: norms keep input and output, attention keeps q/k/v before and after
// rotary, the GQA-expanded k/v, scores and probabilities, the context and the projection;
// the MLP keeps gate, up, silu(gate), their product and the output.
//
// On a CPU the engine's fused kernels (core/engine/src/fused_ops.h) keep less: RMSNorm
// only its input, output and 1/rms (always, the residual stream being fp32); in fp32 also
// SwiGLU only gate and up, and rotary plus the strided attention products no copies of q
// and k.
struct FusedKernels
{
    bool norms = false; // RMSNorm (CPU, any precision)
    bool fp32 = false;  // SwiGLU, rotary, attention products (CPU, fp32)
};

FusedKernels fusedKernelsFor(const RunConfig &c, bool half)
{
    const bool cpu = c.training.device != "cuda";
    return {cpu, cpu && !half};
}

struct LayerActivations
{
    double elements16 = 0; // outputs of matmuls and what follows them (16-bit under autocast)
    double elements32 = 0; // always fp32 (softmax, norms, residual stream)
};

LayerActivations layerActivations(const ModelConfig &m, int layer, int seqLen, FusedKernels fused)
{
    const double h = m.hidden_size;
    const double kv = double(m.num_key_value_heads) * m.headDim();
    LayerActivations a;
    a.elements32 += 2 * ((fused.norms ? h : 2 * h) + 1); // two RMSNorms: (input,) output, rsqrt
    a.elements32 += 2 * h;                               // residual stream copies
    a.elements16 += h + 2 * kv;                          // q, k, v projections
    if (!fused.fp32)
        a.elements16 += h + kv;                           // rotated q, k as copies
    a.elements16 += 2 * h;                                // k, v expanded to all heads
    a.elements32 += 2.0 * m.num_attention_heads * seqLen; // scores, probabilities
    if (m.attention_dropout > 0)
        a.elements32 += 1.0 * m.num_attention_heads * seqLen;
    a.elements16 += 2 * h; // context, o_proj output
    double inner = m.intermediate_size;
    if (m.isMoeLayer(layer)) {
        inner = double(m.num_experts_per_tok) * m.moe_intermediate_size
                + double(m.n_shared_experts) * m.moe_intermediate_size;
        a.elements32 += 2.0 * m.n_routed_experts;        // router logits and probabilities
        a.elements16 += h * (m.num_experts_per_tok + 1); // gathered inputs, weighted outputs
    }
    a.elements16 += (fused.fp32 ? 3 : 4) * inner + h; // gate, up, (silu,) product, down
    return a;
}

// The step's peak: weights, optimizer state and data stay; the trainer releases the
// gradients before each step, so backward creates them as it frees the activations, and
// the two are never all alive at once: the larger of them, not their sum.
double peakBytes(const MemoryEstimate &e)
{
    return e.weightsBytes + e.optimizerBytes + e.dataBytes + std::max(e.gradientsBytes, e.activationsBytes);
}

} // namespace

MemoryEstimate estimateTrainingMemory(const RunConfig &c, const std::string &precision, int batch)
{
    MemoryEstimate e;
    e.precision = precision;
    e.batchSize = batch;
    const ParameterCount p = countParameters(c);
    const double params = double(p.total);
    const bool half = precision == "bf16" || precision == "fp16";

    e.weightsBytes = 4 * params;
    // Autocast caches a 16-bit copy of every weight a matmul uses for the step.
    if (half)
        e.weightsBytes += 2 * double(p.attention + p.mlp + (c.model.head == "causal_lm" ? p.embedding : p.head));
    e.gradientsBytes = 4 * params;
    if (c.training.optimizer == "adamw")
        e.optimizerBytes = 8 * params;
    else
        e.optimizerBytes = c.training.momentum > 0 ? 4 * params : 0;

    const double bytes16 = half ? 2 : 4;
    if (c.data.kind == "aml_transactions") {
        e.available = false;
        e.note = "no estimate from the config alone: the AML graph model passes messages over all of the "
                 "project's transactions and accounts every step, so its memory grows with the data (weights, "
                 "gradients and optimizer state are exact)";
        return e;
    }
    if (c.data.kind == "kg_corpus") {
        e.available = false;
        e.note = "no estimate from the config alone: sentence lengths and entity pairs come from the corpus, read "
                 "when training starts";
        return e;
    }
    if (c.data.kind == "pdm_fleet") {
        e.available = false;
        e.note = "no estimate from the config alone: the sensor model's input width and the number of windows come "
                 "from the fleet, read when training starts";
        return e;
    }
    if (c.data.kind == "fashion_mnist_pairs") {
        // Patches through the image stack once per image; captions (1 + negatives per
        // image) through the text stack; each pair's patches and tokens through the
        // cross layers, which keep about one block's activations per token.
        const CrossModalConfig &x = c.crossmodal;
        const int patches = x.patch_size > 0 ? (28 / x.patch_size) * (28 / x.patch_size) : 0;
        const double pairs = double(batch) * (x.architecture == "image_only" ? 0 : 1 + x.negatives);
        auto perToken = [&](int layer, int keys) {
            const LayerActivations a = layerActivations(c.model, layer, keys, fusedKernelsFor(c, half));
            return a.elements16 * bytes16 + a.elements32 * 4;
        };
        // Stem: two convolutions and their SiLUs keep two maps per image at each width
        // ([mid, 28, 28] and [stem, 28, 28]), plus the pooled features and their argmax
        // indices; counted at 4 bytes whatever the precision (an upper bound under autocast).
        const double side = x.stemPoolSide();
        double act = x.stem_channels > 0 ? double(batch) * 4
                                               * (2.0 * (x.stemHiddenChannels() + x.stem_channels) * 28 * 28
                                                  + 3.0 * patches * side * side * x.stem_channels)
                                         : 0.0;
        for (int l = 0; l < x.image_layers; ++l)
            act += double(batch) * patches * perToken(l, patches);
        for (int l = 0; l < x.text_layers && pairs > 0; ++l)
            act += pairs * kCaptionTokens * perToken(l, kCaptionTokens);
        if (pairs > 0)
            act += pairs * x.cross_layers
                   * (patches * perToken(0, kCaptionTokens) + kCaptionTokens * perToken(0, patches));
        e.activationsBytes = act;
        e.totalBytes = peakBytes(e);
        return e;
    }
    const double tokens = double(batch) * c.data.seq_len;
    double act = tokens * c.model.hidden_size * 4; // embedding output
    for (int layer = 0; layer < c.model.num_hidden_layers; ++layer) {
        const LayerActivations a = layerActivations(c.model, layer, c.data.seq_len, fusedKernelsFor(c, half));
        act += tokens * (a.elements16 * bytes16 + a.elements32 * 4);
    }
    act += tokens * c.model.hidden_size * 4 * (fusedKernelsFor(c, half).norms ? 1 : 2); // final norm
    const double outputs = c.model.head == "sequence_classification" || c.model.head == "regression"
                               ? double(batch) * c.model.num_labels
                               : tokens * (c.model.head == "causal_lm" ? c.model.vocab_size : c.model.num_labels);
    act += outputs * (bytes16 + 4 + 4); // logits, fp32 log-softmax and its gradient
    e.activationsBytes = act;
    e.totalBytes = peakBytes(e);
    return e;
}

MemoryEstimate estimateAmlTrainingMemory(const RunConfig &c, const std::string &precision, int batch,
                                         const AmlDataShape &d)
{
    MemoryEstimate e = estimateTrainingMemory(c, precision, batch);
    e.available = true;
    e.note.clear();
    const bool half = precision == "bf16" || precision == "fp16";
    const double b16 = half ? 2 : 4;
    const double E = double(d.transactions), h = c.model.hidden_size, K = c.aml.sequence_length;
    const double windows = std::floor(std::max(0.0, d.spanDays) / std::max(1, c.aml.window_days)) + 1;
    const double S = windows * double(d.accounts); // (window, account) states
    const double F = kAmlEdgeFeatures, L = c.aml.message_layers;
    if (half) // the autocast copies of the matmul weights
        e.weightsBytes += 2 * double(amlGraphParameters(c));
    // The prepared data: edge features, account features per window, sender and receiver
    // state indices, in- and out-degrees, and per transaction its sequence (indices,
    // three extra inputs, the counterparties' states).
    e.dataBytes = E * F * 4 + S * kAmlNodeFeatures * 4 + 2 * E * 8 + 2 * S * 4 + E * K * (8 + 3 * 4 + 8);
    // Kept for backward: the edge projection; per message-passing layer the two message
    // sums before their SiLU (one per edge each), the concatenated aggregates, the norm's
    // fp32 input, normalised input (not with the fused CPU kernel) and output per state;
    // the starting states.
    double act = E * h * b16 + S * h * 4;
    act += L * (2 * E * h * b16 + 2 * S * h * b16 + (fusedKernelsFor(c, half).norms ? 2 : 3) * S * h * 4);
    // Alive at the peak besides: the message computation's transients (the gathered
    // states, the edge term, their sum and its SiLU: about three edge-sized buffers), and
    // the running mean over windows (three state-sized buffers).
    act += 3 * E * h * b16 + 3 * S * h * 4;
    // The scored rows: token inputs and projection, the gathered counterparty states and
    // the blocks over `batch` sequences, then the head.
    const double tokens = double(batch) * K;
    act += tokens * (F + 3) * 4 + tokens * h * (b16 + 4 + 4);
    for (int layer = 0; layer < c.model.num_hidden_layers; ++layer) {
        const LayerActivations a = layerActivations(c.model, layer, int(K), fusedKernelsFor(c, half));
        act += tokens * (a.elements16 * b16 + a.elements32 * 4);
    }
    act += tokens * h * 4 * (fusedKernelsFor(c, half).norms ? 1 : 2) + double(batch) * h * (3 * 4 + 2 * b16);
    e.activationsBytes = act;
    e.totalBytes = peakBytes(e);
    return e;
}

int largestBatchThatFits(const RunConfig &c, const std::string &precision, double budget)
{
    if (!estimateTrainingMemory(c, precision, 1).available)
        return -1;
    if (estimateTrainingMemory(c, precision, 1).totalBytes > budget)
        return 0;
    int lo = 1, hi = 2;
    while (hi < (1 << 24) && estimateTrainingMemory(c, precision, hi).totalBytes <= budget) {
        lo = hi;
        hi *= 2;
    }
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        if (estimateTrainingMemory(c, precision, mid).totalBytes <= budget)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

double trainingStepFlops(const RunConfig &c, int batch)
{
    const ModelConfig &m = c.model;
    const double tokens = double(batch) * c.data.seq_len;
    const double T = c.data.seq_len;
    const double h = m.hidden_size;
    const double kv = double(m.num_key_value_heads) * m.headDim();
    double fwd = 0;
    for (int layer = 0; layer < m.num_hidden_layers; ++layer) {
        fwd += 2 * tokens * (h * h + 2 * h * kv + h * h); // q, k, v, o
        fwd += 2 * 2 * tokens * T * h;                    // scores and context
        double inner = m.intermediate_size;
        if (m.isMoeLayer(layer)) {
            inner = double(m.num_experts_per_tok + m.n_shared_experts) * m.moe_intermediate_size;
            fwd += 2 * tokens * h * m.n_routed_experts;
        }
        fwd += 2 * tokens * 3 * h * inner;
    }
    const double outputs = m.head == "causal_lm" ? m.vocab_size : m.num_labels;
    fwd += 2 * (m.head == "causal_lm" || m.head == "token_classification" ? tokens : batch) * h * outputs;
    return 3 * fwd;
}

} // namespace seekbench
