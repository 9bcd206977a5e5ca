#include "seekbench/config/validation.h"

#include "seekbench/config/config_schema.h"
#include "seekbench/formats/fashion_captions.h"

#include <cmath>
#include <filesystem>
#include <sstream>

namespace seekbench {
namespace {

std::string num(double v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (const auto &s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

void checkSchema(const RunConfig &c, ConfigIssues &issues)
{
    for (const auto &field : configSchema()) {
        const std::string value = field.get(c);
        if (!field.choices.empty()) {
            bool found = false;
            for (const auto &choice : field.choices)
                found = found || choice == value;
            if (!found)
                issues.push_back({field.path, "bad_choice", {value, joined(field.choices)}});
            continue;
        }
        if (field.type != ConfigField::Type::Int && field.type != ConfigField::Type::Double)
            continue;
        const double v = std::stod(value);
        if ((field.min && v < *field.min) || (field.max && v > *field.max))
            issues.push_back({field.path,
                              "out_of_range",
                              {value, field.min ? num(*field.min) : "", field.max ? num(*field.max) : ""}});
    }
}

} // namespace

ConfigIssues validate(const RunConfig &c, const BuildCapabilities &caps)
{
    ConfigIssues issues;
    checkSchema(c, issues);
    const ModelConfig &m = c.model;
    const DataConfig &d = c.data;
    const TrainingConfig &t = c.training;

    if (m.hidden_size > 0 && m.num_attention_heads > 0) {
        if (m.hidden_size % m.num_attention_heads != 0)
            issues.push_back(
                {"model.hidden_size",
                 "not_divisible",
                 {std::to_string(m.hidden_size), "model.num_attention_heads", std::to_string(m.num_attention_heads)}});
        else if (m.headDim() % 2 != 0)
            issues.push_back({"model.num_attention_heads", "head_dim_odd", {std::to_string(m.headDim())}});
    }
    if (m.num_attention_heads > 0 && m.num_key_value_heads > 0) {
        if (m.num_key_value_heads > m.num_attention_heads)
            issues.push_back({"model.num_key_value_heads",
                              "exceeds",
                              {std::to_string(m.num_key_value_heads), "model.num_attention_heads",
                               std::to_string(m.num_attention_heads)}});
        else if (m.num_attention_heads % m.num_key_value_heads != 0)
            issues.push_back({"model.num_attention_heads",
                              "not_divisible",
                              {std::to_string(m.num_attention_heads), "model.num_key_value_heads",
                               std::to_string(m.num_key_value_heads)}});
    }
    if (m.n_routed_experts > 0) {
        if (m.num_experts_per_tok < 1)
            issues.push_back({"model.num_experts_per_tok",
                              "out_of_range",
                              {std::to_string(m.num_experts_per_tok), "1", std::to_string(m.n_routed_experts)}});
        else if (m.num_experts_per_tok > m.n_routed_experts)
            issues.push_back({"model.num_experts_per_tok",
                              "exceeds",
                              {std::to_string(m.num_experts_per_tok), "model.n_routed_experts",
                               std::to_string(m.n_routed_experts)}});
        if (m.moe_intermediate_size < 1)
            issues.push_back(
                {"model.moe_intermediate_size", "out_of_range", {std::to_string(m.moe_intermediate_size), "1", ""}});
        if (m.first_k_dense_replace > m.num_hidden_layers)
            issues.push_back({"model.first_k_dense_replace",
                              "exceeds",
                              {std::to_string(m.first_k_dense_replace), "model.num_hidden_layers",
                               std::to_string(m.num_hidden_layers)}});
    }
    if (m.head == "regression" && m.num_labels < 1)
        issues.push_back({"model.num_labels", "out_of_range", {std::to_string(m.num_labels), "1", ""}});
    if (m.tie_word_embeddings && m.head != "causal_lm")
        issues.push_back({"model.tie_word_embeddings", "mismatch", {"true", "model.head", "causal_lm"}});

    if (d.kind == "synthetic_text") {
        if (m.head == "sequence_classification" && m.num_labels != d.num_classes)
            issues.push_back({"model.num_labels",
                              "mismatch",
                              {std::to_string(m.num_labels), "data.num_classes", std::to_string(d.num_classes)}});
        if (m.head == "token_classification" && m.num_labels != d.num_classes + 1)
            issues.push_back({"model.num_labels",
                              "mismatch",
                              {std::to_string(m.num_labels), "data.num_classes", std::to_string(d.num_classes + 1)}});
        if (m.head == "regression" && m.num_labels != 1)
            issues.push_back({"model.num_labels", "mismatch", {std::to_string(m.num_labels), "model.head", "1"}});
        // The generator plants class motifs in a reserved part of the vocabulary.
        const int minVocab = 16 + 8 * d.num_classes;
        if (m.vocab_size < minVocab)
            issues.push_back(
                {"model.vocab_size", "out_of_range", {std::to_string(m.vocab_size), std::to_string(minVocab), ""}});
        if (d.seq_len > m.max_position_embeddings)
            issues.push_back({"data.seq_len",
                              "exceeds",
                              {std::to_string(d.seq_len), "model.max_position_embeddings",
                               std::to_string(m.max_position_embeddings)}});
    }
    if (d.kind == "aml_transactions") {
        // The blocks read aml.sequence_length transactions with rotary positions.
        if (c.aml.sequence_length > m.max_position_embeddings)
            issues.push_back({"aml.sequence_length",
                              "exceeds",
                              {std::to_string(c.aml.sequence_length), "model.max_position_embeddings",
                               std::to_string(m.max_position_embeddings)}});
    } else if (t.early_stopping_metric == "eval_f1" && d.kind != "kg_corpus") {
        issues.push_back({"training.early_stopping_metric", "mismatch", {"eval_f1", "data.kind", "kg_corpus"}});
    } else if (t.early_stopping_metric == "eval_pr_auc" && d.kind != "pdm_fleet") {
        issues.push_back(
            {"training.early_stopping_metric", "mismatch", {"eval_pr_auc", "data.kind", "aml_transactions"}});
    }
    // Severities are cut from high to low precision.
    if (c.aml.severity_medium > c.aml.severity_high)
        issues.push_back({"aml.severity_medium",
                          "exceeds",
                          {num(c.aml.severity_medium), "aml.severity_high", num(c.aml.severity_high)}});
    if (d.kind == "fashion_mnist_pairs") {
        const CrossModalConfig &x = c.crossmodal;
        if (x.patch_size > 0 && 28 % x.patch_size != 0)
            issues.push_back({"crossmodal.patch_size",
                              "not_divisible",
                              {"28", "crossmodal.patch_size", std::to_string(x.patch_size)}});
        if (x.architecture == "crossmodal" && m.vocab_size < captionVocabularySize())
            issues.push_back({"model.vocab_size",
                              "out_of_range",
                              {std::to_string(m.vocab_size), std::to_string(captionVocabularySize()), ""}});
        if (x.decision == "fused" && x.image_loss_weight <= 0) // fused needs the auxiliary head
            issues.push_back({"crossmodal.decision", "mismatch", {"fused", "crossmodal.image_loss_weight", "> 0"}});
        if (d.train_samples > 60000)
            issues.push_back({"data.train_samples",
                              "exceeds",
                              {std::to_string(d.train_samples), "the Fashion-MNIST training split", "60000"}});
        if (d.validation_samples >= 60000) // the rest of the training split is what trains
            issues.push_back(
                {"data.validation_samples", "out_of_range", {std::to_string(d.validation_samples), "1", "59999"}});
        if (d.eval_samples > 10000)
            issues.push_back({"data.eval_samples",
                              "exceeds",
                              {std::to_string(d.eval_samples), "the Fashion-MNIST test split", "10000"}});
        for (const char *f : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                              "t10k-labels-idx1-ubyte.gz"}) {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(std::filesystem::path(x.data_dir) / f, ec)) {
                issues.push_back({"crossmodal.data_dir",
                                  "file_unreadable",
                                  {(std::filesystem::path(x.data_dir) / f).string(),
                                   "no such file (install dataset-fashion-mnist)"}});
                break;
            }
        }
    }
    if (d.kind == "pdm_fleet" && c.pdm.validation_share + c.pdm.test_share >= 0.95)
        issues.push_back({"pdm.test_share",
                          "exceeds",
                          {std::to_string(c.pdm.test_share), "1 - pdm.validation_share - 0.05 (machines left to train)",
                           std::to_string(0.95 - c.pdm.validation_share)}});
    if (d.kind == "kg_corpus" && m.causal)
        issues.push_back({"model.causal", "mismatch", {"true", "data.kind kg_corpus", "false"}});
    if (t.batch_size > d.train_samples && d.kind != "aml_transactions" && d.kind != "pdm_fleet" && d.kind != "kg_corpus")
        issues.push_back({"training.batch_size",
                          "exceeds",
                          {std::to_string(t.batch_size), "data.train_samples", std::to_string(d.train_samples)}});
    if (t.warmup_steps > t.max_steps)
        issues.push_back({"training.warmup_steps",
                          "exceeds",
                          {std::to_string(t.warmup_steps), "training.max_steps", std::to_string(t.max_steps)}});
    if (t.early_stopping_metric == "eval_accuracy" && m.head == "regression")
        issues.push_back({"training.early_stopping_metric", "mismatch", {"eval_accuracy", "model.head", "eval_loss"}});

    if (t.device == "cuda" && !(caps.cudaBuild && caps.cudaDevice))
        issues.push_back({"training.device", "cuda_unavailable", {}});
    if (t.backend == "nccl") {
        if (!caps.nccl)
            issues.push_back({"training.backend",
                              "nccl_unavailable",
                              {"this build's LibTorch has no NCCL (a CPU LibTorch); use gloo or auto"}});
        else if (t.device != "cuda")
            issues.push_back({"training.backend", "mismatch", {"nccl", "training.device", "cuda"}});
    }
    if (t.precision == "fp16") {
        if (!caps.cudaBuild)
            issues.push_back({"training.precision",
                              "fp16_unavailable",
                              {"this build's LibTorch has no CUDA; CPU autocast supports only bf16"}});
        else if (!caps.cudaDevice)
            issues.push_back({"training.precision", "fp16_unavailable", {"no CUDA device is present"}});
        else if (t.device != "cuda")
            issues.push_back({"training.precision", "fp16_unavailable", {"fp16 needs training.device: cuda"}});
    }
    return issues;
}

std::string describe(const ConfigIssue &i)
{
    auto arg = [&](std::size_t n) { return n < i.args.size() ? i.args[n] : std::string(); };
    const std::string where = i.key.empty() ? std::string() : i.key + ": ";
    if (i.code == "yaml_syntax")
        return "YAML syntax error at line " + arg(0) + ", column " + arg(1) + ": " + arg(2);
    if (i.code == "json_syntax")
        return "JSON syntax error at byte " + arg(0) + ": " + arg(1);
    if (i.code == "file_unreadable")
        return "cannot read " + arg(0) + ": " + arg(1);
    if (i.code == "duplicate_key")
        return where + "given more than once (again at line " + arg(0) + ")";
    if (i.code == "unknown_key")
        return where + "unknown key";
    if (i.code == "replaced_key")
        return where + "no longer exists; replaced by " + arg(0) + " (see README, AML evaluation protocol)";
    if (i.code == "wrong_type")
        return where + "expected " + arg(0) + ", got '" + arg(1) + "'";
    if (i.code == "out_of_range") {
        std::string range = arg(2).empty()   ? "at least " + arg(1)
                            : arg(1).empty() ? "at most " + arg(2)
                                             : "between " + arg(1) + " and " + arg(2);
        return where + arg(0) + " is out of range; must be " + range;
    }
    if (i.code == "not_divisible")
        return where + arg(0) + " is not divisible by " + arg(1) + " (" + arg(2) + ")";
    if (i.code == "exceeds")
        return where + arg(0) + " exceeds " + arg(1) + " (" + arg(2) + ")";
    if (i.code == "bad_choice")
        return where + "'" + arg(0) + "' is not one of: " + arg(1);
    if (i.code == "head_dim_odd")
        return where + "head dimension " + arg(0) + " is odd; rotary embeddings need an even one";
    if (i.code == "mismatch")
        return where + arg(0) + " does not match " + arg(1) + " (expected " + arg(2) + ")";
    if (i.code == "fp16_unavailable")
        return where + "fp16 is not available: " + arg(0);
    if (i.code == "nccl_unavailable")
        return where + "NCCL is not available: " + arg(0);
    if (i.code == "cuda_unavailable")
        return where + "CUDA is not available in this build or on this machine";
    if (i.code == "unsupported_hf_key")
        return where + "not supported by Seekbench";
    // Sweep definitions (core/tuning, search_space.h).
    if (i.code == "missing_field")
        return where + "required";
    if (i.code == "unknown_param_key")
        return where + "not a config key; a sweep can vary only keys of the run config";
    if (i.code == "unknown_param_field")
        return where + "unknown field '" + arg(0) + "'";
    if (i.code == "bad_param_kind")
        return where + "needs exactly one of choices, uniform, log_uniform, int (given: " + arg(0) + ")";
    if (i.code == "param_type_mismatch")
        return where + arg(0) + " does not fit a " + arg(1) + " key";
    if (i.code == "empty_choices")
        return where + "no choices";
    if (i.code == "duplicate_choice")
        return where + "'" + arg(0) + "' is listed twice";
    if (i.code == "choice_not_allowed")
        return where + "choice '" + arg(0) + "' is " + arg(1);
    if (i.code == "range_outside_key") {
        std::string range = arg(3).empty()   ? "at least " + arg(2)
                            : arg(2).empty() ? "at most " + arg(3)
                                             : "between " + arg(2) + " and " + arg(3);
        return where + "range " + arg(0) + ".." + arg(1) + " leaves the key's own range; it must be " + range;
    }
    if (i.code == "low_not_below_high")
        return where + "low " + arg(0) + " must be below high " + arg(1);
    if (i.code == "log_needs_positive")
        return where + "a log scale needs low > 0 (got " + arg(0) + ")";
    if (i.code == "bad_step")
        return where + "step " + arg(0) + " must be a positive whole number (and 1 on a log scale)";
    if (i.code == "grid_outside_range")
        return where + "grid point " + arg(0) + " is outside " + arg(1) + ".." + arg(2);
    if (i.code == "field_not_for_kind")
        return where + "'" + arg(0) + "' does not apply to " + arg(1);
    if (i.code == "condition_unknown_parent")
        return where + "condition on '" + arg(0) + "', which is not a param of this sweep";
    if (i.code == "condition_self")
        return where + "a param cannot be conditioned on itself";
    if (i.code == "condition_bad_value")
        return where + "'" + arg(0) + "' never takes the value '" + arg(1) + "'";
    if (i.code == "condition_cycle")
        return where + "conditions form a cycle through '" + arg(0) + "'";
    if (i.code == "empty_space")
        return where + "the sweep has no params";
    std::string text = where + i.code;
    for (const auto &a : i.args)
        text += " " + a;
    return text;
}

} // namespace seekbench
