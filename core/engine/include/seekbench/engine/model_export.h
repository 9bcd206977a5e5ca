#pragma once

// Exporting a trained model from a checkpoint (issue 23), torch-free to its callers. The
// checkpoint is verified byte for byte (checkpoint_file.h), its config rebuilds the model,
// and every tensor of the checkpoint is checked against that model (name, shape) before a
// byte is written. Files are written atomically into the output folder: an export that
// fails leaves no partial file.

#include "seekbench/export/k8s_manifests.h"
#include "seekbench/export/model_files.h"
#include "seekbench/export/serving_settings.h"
#include "seekbench/export/triton_repository.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

namespace seekbench::aml {
struct AmlData;
}

namespace seekbench {

class CancelToken;

struct ModelExportRequest
{
    std::filesystem::path checkpoint;
    std::filesystem::path outDir; // created when missing
    ModelExportFormat format = ModelExportFormat::Safetensors;
    // Polled between tensors and before each file: when cancelled, the files this export
    // wrote are removed and CancelledError is thrown.
    const CancelToken *cancel = nullptr;
    // torchscript and triton: every linear layer but the MoE router as dynamic INT8, and
    // int8_report.json beside it comparing it with fp32 on the run's eval data.
    bool int8 = false;
    // --format triton: the repository's config.pbtxt and the manifests take these, and the
    // backend: LibTorch (1/model.pt) or ONNX Runtime (1/model.onnx, platform onnxruntime_onnx).
    ServingSettings serving;
    TritonPlatform tritonBackend = TritonPlatform::LibTorch;
    KubernetesSettings kubernetes;
    // onnx: weights past this many bytes go to model.onnx.data beside model.onnx (ONNX's
    // external data; 1 GiB, as seekbench/onnx/onnx_model.h's kOnnxExternalDataAbove).
    std::uint64_t onnxExternalDataAbove = std::uint64_t(1) << 30;
    int trainingWorkers = 1;        // the PyTorchJob's, written when kubernetes.trainingImage is set
    std::string trainingConfigPath; // the run config's path inside the training image
    std::string source;             // "run X, checkpoint Y", for the repository's README
    // The AML graph model (data.kind aml_transactions): the run's transactions, from its
    // project's store (the CLI loads them). With them, config.json gets seekbench.aml_inputs
    // (the training months' feature mean and stddev, the windows' origin: aml_export.h's
    // amlInputsJson) and int8_report.json measures PR-AUC on the run's test months; without
    // them (a bare checkpoint), config.json has no aml_inputs and the report says it used
    // generated transactions. Ignored for other models.
    std::shared_ptr<const aml::AmlData> amlData;
};

struct ModelExportResult
{
    std::vector<std::filesystem::path> files; // what was written, in outDir
    std::int64_t step = 0;                    // the checkpoint's step
    std::int64_t tensors = 0;
    std::int64_t parameters = 0; // elements over every tensor
    std::string dataKind;        // the model family: the run's data.kind
    std::string int8Report;      // int8: the comparison's JSON (int8_report.h), else empty
};

// safetensors: model.safetensors + config.json (model_files.h for the names).
// torchscript: model.pt + config.json. onnx: model.onnx + config.json (the transformer;
// other families are refused by name, std::invalid_argument). triton: <name>/config.pbtxt,
// <name>/README.md, <name>/1/model.pt (or model.onnx) and <name>/1/config.json (so
// `serve --model <out>/<name>/1` serves a LibTorch one too), kubernetes/serving.yaml and,
// with a training image, kubernetes/training.yaml.
// Throws CheckpointError naming the checkpoint when it is missing, damaged, truncated,
// not a Seekbench checkpoint, or does not fit its own config's model; FileWriteError for
// a failed write (a full disk included).
ModelExportResult exportModel(const ModelExportRequest &request);

} // namespace seekbench
