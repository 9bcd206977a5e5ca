#include "seekbench/engine/model_export.h"

#include "aml_export.h"
#include "aml_task.h"
#include "checkpoint.h"
#include "crossmodal_export.h"
#include "crossmodal_model.h"
#include "int8_report.h"
#include "model.h"
#include "quantization.h"
#include "torchscript_export.h"

#include "seekbench/config/config_io.h"
#include "seekbench/config/validation.h"
#include "seekbench/export/model_signature.h"
#include "seekbench/export/safetensors.h"
#include "seekbench/export/triton_repository.h"
#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/run/cancel_token.h"
#ifdef SEEKBENCH_HAS_ONNX
#include "seekbench/onnx/onnx_model.h"
#endif

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdint>

namespace seekbench {
namespace {

struct LoadedCheckpoint
{
    RunConfig config;
    std::string configYaml;
    std::int64_t step = 0;
    std::shared_ptr<torch::nn::Module> module;
    std::shared_ptr<const aml::AmlData> amlData; // the run's transactions (AML), when given
    nlohmann::json amlInputs;                    // config.json's seekbench.aml_inputs, when known
};

std::shared_ptr<torch::nn::Module> buildModule(const RunConfig &config, const std::string &source)
{
    const std::string &kind = config.data.kind;
    if (kind == "synthetic_text")
        return engine::DeepSeekModel(config.model).ptr();
    if (kind == "fashion_mnist_pairs")
        return engine::CrossModalModel(config).ptr();
    if (kind == "aml_transactions")
        return engine::makeAmlGraphModule(config);
    throw CheckpointError("checkpoint " + source + ": its model (data.kind '" + kind + "') cannot be exported");
}

LoadedCheckpoint loadCheckpoint(const std::filesystem::path &checkpoint)
{
    const std::string source = checkpoint.string();
    const CheckpointContents contents = readCheckpointFile(checkpoint);
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(contents.info.headerJson);
    } catch (const nlohmann::json::exception &e) {
        throw CheckpointError("checkpoint " + source + ": unreadable header: " + e.what());
    }
    LoadedCheckpoint c;
    c.configYaml = header.value("config_yaml", std::string());
    if (c.configYaml.empty())
        throw CheckpointError("checkpoint " + source + ": its header has no run config");
    const ConfigLoad load = parseRunConfig(c.configYaml);
    if (!load.issues.empty())
        throw CheckpointError("checkpoint " + source + ": its config does not load: " + describe(load.issues.front()));
    c.config = load.config;
    c.step = contents.info.step;
    c.module = buildModule(c.config, source);
    engine::loadModelWeights(contents.payload, source, *c.module); // every name and shape checked
    c.module->eval();
    return c;
}

std::string safetensorsDtype(c10::ScalarType type, const std::string &name)
{
    switch (type) {
    case c10::kFloat: return "F32";
    case c10::kDouble: return "F64";
    case c10::kHalf: return "F16";
    case c10::kBFloat16: return "BF16";
    case c10::kLong: return "I64";
    case c10::kInt: return "I32";
    case c10::kShort: return "I16";
    case c10::kChar: return "I8";
    case c10::kByte: return "U8";
    case c10::kBool: return "BOOL";
    default: throw std::invalid_argument("tensor '" + name + "' has a dtype safetensors cannot hold");
    }
}

void writeConfigJson(const std::filesystem::path &path, const LoadedCheckpoint &c, bool int8 = false)
{
    std::string text = exportedConfigJson(c.config, c.configYaml, c.step);
    if (int8 || !c.amlInputs.is_null()) {
        nlohmann::json config = nlohmann::json::parse(text);
        if (int8) // the server reads it (serving_model.cpp)
            config["seekbench"]["quantization"] = engine::int8KindName(engine::chooseInt8Kind());
        if (!c.amlInputs.is_null()) // how a deployment builds edge_features (aml_export.h)
            config["seekbench"]["aml_inputs"] = c.amlInputs;
        text = config.dump(2) + "\n";
    }
    AtomicFile file(path, "model config");
    file.write(text);
    file.commit();
}

void throwIfCancelled(const CancelToken *cancel)
{
    if (cancel && cancel->isCancelled())
        throw CancelledError("the export was cancelled");
}

// Each exporter adds to `written` every file it has put in place, so that a cancelled
// export removes exactly those.
ModelExportResult exportSafetensors(const LoadedCheckpoint &c, const std::filesystem::path &outDir,
                                    const CancelToken *cancel, std::vector<std::filesystem::path> &written)
{
    ModelExportResult r;
    std::vector<at::Tensor> keep; // contiguous CPU copies outlive the write
    std::vector<SafetensorsTensor> tensors;
    auto add = [&](const std::string &name, const at::Tensor &value) {
        at::Tensor t = value.detach().to(torch::kCPU).contiguous();
        keep.push_back(t);
        SafetensorsTensor s;
        s.name = exportedTensorName(name, c.config);
        s.dtype = safetensorsDtype(t.scalar_type(), name);
        s.shape.assign(t.sizes().begin(), t.sizes().end());
        s.data = t.data_ptr();
        s.bytes = std::size_t(t.numel()) * t.element_size();
        tensors.push_back(std::move(s));
        r.parameters += t.numel();
    };
    for (const auto &item : c.module->named_parameters())
        add(item.key(), item.value());
    for (const auto &item : c.module->named_buffers())
        add(item.key(), item.value());
    r.tensors = std::int64_t(tensors.size());
    const std::map<std::string, std::string> metadata
        = {{"format", "pt"}, {"producer", "seekbench"}, {"seekbench_step", std::to_string(c.step)}};
    writeSafetensors(outDir / "model.safetensors", tensors, metadata, cancel);
    written.push_back(outDir / "model.safetensors");
    throwIfCancelled(cancel);
    writeConfigJson(outDir / "config.json", c);
    written.push_back(outDir / "config.json");
    r.files = {outDir / "model.safetensors", outDir / "config.json"};
    return r;
}

void writeText(const std::filesystem::path &path, const std::string &text, const char *what,
               std::vector<std::filesystem::path> &written)
{
    std::filesystem::create_directories(path.parent_path());
    AtomicFile file(path, what);
    file.write(text);
    file.commit();
    written.push_back(path);
}

ModelExportResult exportTorchScript(const LoadedCheckpoint &c, const std::filesystem::path &outDir,
                                    const CancelToken *cancel, std::vector<std::filesystem::path> &written,
                                    bool int8 = false)
{
    if (!torchScriptCovers(c.config.data.kind))
        throw std::invalid_argument("TorchScript export covers the DeepSeek-style transformer, the cross-modal "
                                    "model and the AML graph model; this run's model is "
                                    + modelFamilyName(c.config.data.kind) + " (data.kind '" + c.config.data.kind
                                    + "'), which exports as safetensors");
    throwIfCancelled(cancel);
    ModelExportResult r;
    std::string bytes;
    nlohmann::json report;
    if (c.config.data.kind == "aml_transactions") {
        // The transaction graph's tensors -> laundering logits (aml_export.h).
        bytes = engine::amlTorchScriptBytes(*c.module, c.config, int8);
        if (int8) {
            throwIfCancelled(cancel);
            const std::string fp32 = engine::amlTorchScriptBytes(*c.module, c.config);
            throwIfCancelled(cancel);
            report = engine::compareInt8Aml(c.config, fp32, bytes, c.amlData.get());
        }
    } else if (auto crossModal = std::dynamic_pointer_cast<engine::CrossModalModelImpl>(c.module)) {
        // An image classifier: image [B, 1, 28, 28] -> logits [B, 10] (crossmodal_export.h).
        bytes = engine::crossModalTorchScriptBytes(*crossModal, int8);
        if (int8) {
            throwIfCancelled(cancel);
            const std::string fp32 = engine::crossModalTorchScriptBytes(*crossModal);
            throwIfCancelled(cancel);
            report = engine::compareInt8Images(c.config, fp32, bytes);
        }
    } else {
        auto model = std::dynamic_pointer_cast<engine::DeepSeekModelImpl>(c.module);
        bytes = engine::torchScriptBytes(*model, int8);
        if (int8) {
            throwIfCancelled(cancel);
            report = engine::compareInt8(*model, c.config, engine::torchScriptBytes(*model), bytes);
        }
    }
    if (int8) {
        r.int8Report = report.dump();
        writeText(outDir / "int8_report.json", report.dump(2) + "\n", "INT8 report", written);
        r.files.push_back(outDir / "int8_report.json");
    }
    throwIfCancelled(cancel);
    writeText(outDir / "model.pt", bytes, "model file", written);
    throwIfCancelled(cancel);
    writeConfigJson(outDir / "config.json", c, int8);
    written.push_back(outDir / "config.json");
    for (const auto &p : c.module->parameters())
        r.parameters += p.numel();
    r.tensors = std::int64_t(c.module->parameters().size());
    r.files.insert(r.files.begin(), {outDir / "model.pt", outDir / "config.json"});
    return r;
}

// model.onnx from the loaded module's weights (the graph itself is written torch-free,
// seekbench/onnx/onnx_model.h) and the same config.json as the other formats.
ModelExportResult exportOnnx(const LoadedCheckpoint &c, const std::filesystem::path &outDir, const CancelToken *cancel,
                             std::uint64_t externalAbove, std::vector<std::filesystem::path> &written)
{
    if (!onnxCovers(c.config.data.kind))
        throw std::invalid_argument(onnxRefusal(c.config.data.kind));
#ifdef SEEKBENCH_HAS_ONNX
    ModelExportResult r;
    std::vector<at::Tensor> keep; // contiguous fp32 CPU copies outlive the graph's writing
    OnnxWeights weights;
    auto add = [&](const std::string &name, const at::Tensor &value) {
        at::Tensor t = value.detach().to(torch::kCPU, torch::kFloat).contiguous();
        keep.push_back(t);
        weights[name] = {std::vector<std::int64_t>(t.sizes().begin(), t.sizes().end()), t.data_ptr<float>()};
    };
    for (const auto &item : c.module->named_parameters()) {
        add(item.key(), item.value());
        r.parameters += item.value().numel();
    }
    r.tensors = std::int64_t(weights.size());
    if (auto model = std::dynamic_pointer_cast<engine::DeepSeekModelImpl>(c.module)) {
        add("rope_cos", model->ropeCos());
        add("rope_sin", model->ropeSin());
    } else if (c.config.data.kind == "aml_transactions") { // its sequence blocks' rotary tables
        const auto [cos, sin] = engine::amlRotaryTables(c.config.model);
        add("rope_cos", cos);
        add("rope_sin", sin);
    } else if (auto crossModal = std::dynamic_pointer_cast<engine::CrossModalModelImpl>(c.module);
               crossModal && !crossModal->imageOnly()) {
        // The ten class templates' caption encoding: fixed, so computed here once and stored
        // as constants; the caption encoder itself is not in the graph.
        const engine::TemplateEncoding t = engine::templateEncoding(*crossModal);
        add("template_states", t.states);
        add("template_mask", t.mask);
    }
    throwIfCancelled(cancel);
    const OnnxFiles files = onnxModelFiles(c.config, weights, c.step, externalAbove); // checked before writing
    throwIfCancelled(cancel);
    if (!files.externalData.empty()) { // the data first: a model.onnx never points at a missing file
        writeText(outDir / kOnnxExternalDataFile, files.externalData, "model file", written);
        throwIfCancelled(cancel);
    }
    writeText(outDir / "model.onnx", files.model, "model file", written);
    throwIfCancelled(cancel);
    writeConfigJson(outDir / "config.json", c);
    written.push_back(outDir / "config.json");
    r.files = {outDir / "model.onnx", outDir / "config.json"};
    if (!files.externalData.empty())
        r.files.push_back(outDir / kOnnxExternalDataFile);
    return r;
#else
    (void)outDir, (void)cancel, (void)externalAbove, (void)written;
    throw std::invalid_argument("this Seekbench was built without ONNX support (Debian's libonnx-dev); install it and "
                                "rebuild, or export as safetensors or TorchScript");
#endif
}

// A Triton model repository around the TorchScript or ONNX file, and the manifests that
// serve it.
// Everything that can be refused (settings, the signature) is checked before a file is
// written.
ModelExportResult exportTriton(const LoadedCheckpoint &c, const ModelExportRequest &request,
                               std::vector<std::filesystem::path> &written)
{
    const ServingSettings &s = request.serving;
    if (const auto problems = kubernetesSettingsProblems(request.kubernetes); !problems.empty())
        throw std::invalid_argument(problems.front());
    const TritonPlatform platform = request.tritonBackend;
    if (platform == TritonPlatform::Onnx && request.int8)
        throw std::invalid_argument(
            "--int8 applies to Triton's libtorch backend; the onnx backend takes the fp32 model");
    const ModelSignature signature = modelSignature(c.config);
    const std::string pbtxt = tritonConfigPbtxt(signature, s, platform);
    const std::string readme = tritonRepositoryReadme(signature, s, platform, request.source);
    const std::string serving = servingManifestsYaml(s, request.kubernetes);
    std::string training;
    if (!request.kubernetes.trainingImage.empty())
        training = trainingJobYaml(request.kubernetes, kubernetesName(s.modelName) + "-train", request.trainingWorkers,
                                   request.trainingConfigPath);
    const std::filesystem::path model = request.outDir / s.modelName;
    ModelExportResult r = platform == TritonPlatform::Onnx
                              ? exportOnnx(c, model / "1", request.cancel, request.onnxExternalDataAbove, written)
                              : exportTorchScript(c, model / "1", request.cancel, written, request.int8);
    writeText(model / "config.pbtxt", pbtxt, "Triton model config", written);
    writeText(model / "README.md", readme, "repository README", written);
    writeText(request.outDir / "kubernetes" / "serving.yaml", serving, "Kubernetes manifests", written);
    r.files.insert(r.files.end(),
                   {model / "config.pbtxt", model / "README.md", request.outDir / "kubernetes" / "serving.yaml"});
    if (!training.empty()) {
        writeText(request.outDir / "kubernetes" / "training.yaml", training, "Kubernetes training job", written);
        r.files.push_back(request.outDir / "kubernetes" / "training.yaml");
    }
    return r;
}

} // namespace

ModelExportResult exportModel(const ModelExportRequest &request)
{
    torch::NoGradGuard noGrad;
    LoadedCheckpoint c = loadCheckpoint(request.checkpoint);
    if (c.config.data.kind == "aml_transactions" && request.amlData) {
        c.amlData = request.amlData;
        c.amlInputs = engine::amlInputsJson(c.config, *c.amlData);
    }
    throwIfCancelled(request.cancel);
    ModelExportResult r;
    std::vector<std::filesystem::path> written;
    try {
        switch (request.format) {
        case ModelExportFormat::Safetensors: r = exportSafetensors(c, request.outDir, request.cancel, written); break;
        case ModelExportFormat::TorchScript:
            r = exportTorchScript(c, request.outDir, request.cancel, written, request.int8);
            break;
        case ModelExportFormat::Triton: r = exportTriton(c, request, written); break;
        case ModelExportFormat::Onnx:
            r = exportOnnx(c, request.outDir, request.cancel, request.onnxExternalDataAbove, written);
            break;
        }
    } catch (const CancelledError &) {
        // A cancelled export leaves none of its files: the one being written removed its
        // temporary; the ones it had already put in place go too.
        std::error_code ec;
        for (const auto &f : written)
            std::filesystem::remove(f, ec);
        throw;
    }
    r.step = c.step;
    r.dataKind = c.config.data.kind;
    return r;
}

} // namespace seekbench
