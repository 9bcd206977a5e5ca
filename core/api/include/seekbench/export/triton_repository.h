#pragma once

// A Triton Inference Server model repository for an exported model (issue 23), torch-free:
// the model's config.pbtxt (Triton's inference.ModelConfig in protobuf text format) from
// the model's signature and the serving settings `seekbench-cli serve` uses, and a README
// for the engineer who receives the repository.

#include "seekbench/export/model_signature.h"
#include "seekbench/export/serving_settings.h"

#include <string>

namespace seekbench {

enum class TritonPlatform {
    LibTorch, // a TorchScript model.pt, Triton's pytorch_libtorch platform
    Onnx      // a model.onnx, Triton's onnxruntime_onnx platform
};

// "pytorch_libtorch" / "onnxruntime_onnx".
std::string tritonPlatformName(TritonPlatform platform);

// The model file's name inside the version folder <name>/1/: "model.pt" / "model.onnx".
std::string tritonModelFile(TritonPlatform platform);

// Triton's data type for a KServe v2 datatype: "INT64" -> "TYPE_INT64". Throws
// std::invalid_argument naming the tensor for a datatype Triton's config cannot declare.
std::string tritonDataType(const std::string &kserveDatatype, const std::string &tensorName);

// <name>/config.pbtxt: name, platform, max_batch_size, input and output (dims without the
// batch axis), dynamic_batching with its default queue policy (only when
// settings.dynamicBatching), instance_group on CPU and, for LibTorch, INFERENCE_MODE.
// Throws std::invalid_argument for a tensor with an unknown datatype (naming the tensor)
// and for settings that servingSettingsProblems rejects.
std::string tritonConfigPbtxt(const ModelSignature &signature, const ServingSettings &settings, TritonPlatform platform);

// <name>/README.md: the layout, the tritonserver command, a curl request in the KServe v2
// protocol for this signature, the tensors, the batching settings and sourceDescription
// (the run or checkpoint the model came from) verbatim. Throws like tritonConfigPbtxt.
std::string tritonRepositoryReadme(const ModelSignature &signature, const ServingSettings &settings,
                                   TritonPlatform platform, const std::string &sourceDescription);

} // namespace seekbench
