#include "seekbench/export/triton_repository.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace seekbench {
namespace {

// KServe v2 datatype -> Triton's DataType (model_config.proto).
constexpr std::array<std::pair<const char *, const char *>, 14> kDataTypes = {{
    {"BOOL", "TYPE_BOOL"},
    {"UINT8", "TYPE_UINT8"},
    {"UINT16", "TYPE_UINT16"},
    {"UINT32", "TYPE_UINT32"},
    {"UINT64", "TYPE_UINT64"},
    {"INT8", "TYPE_INT8"},
    {"INT16", "TYPE_INT16"},
    {"INT32", "TYPE_INT32"},
    {"INT64", "TYPE_INT64"},
    {"FP16", "TYPE_FP16"},
    {"FP32", "TYPE_FP32"},
    {"FP64", "TYPE_FP64"},
    {"BF16", "TYPE_BF16"},
    {"BYTES", "TYPE_STRING"},
}};

// A protobuf text-format string literal: every byte that could end the literal or the
// line is escaped, so that no name can add a field.
std::string quoted(const std::string &text)
{
    std::string out = "\"";
    for (unsigned char c : text) {
        if (c == '"' || c == '\\' || c == '\'') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", unsigned(c));
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out + "\"";
}

std::string list(const std::vector<std::int64_t> &values)
{
    std::string t = "[ ";
    for (std::size_t i = 0; i < values.size(); ++i)
        t += (i ? ", " : "") + std::to_string(values[i]);
    return t + " ]";
}

void checkInputs(const ModelSignature &sig, const ServingSettings &s)
{
    const std::vector<std::string> problems = servingSettingsProblems(s);
    if (!problems.empty())
        throw std::invalid_argument("serving settings: " + problems.front());
    if (sig.inputs.empty() || sig.outputs.empty())
        throw std::invalid_argument("the model signature needs at least one input and one output tensor");
    for (const auto *tensors : {&sig.inputs, &sig.outputs})
        for (const TensorSpec &t : *tensors) {
            if (t.name.empty())
                throw std::invalid_argument("a tensor of the model signature has no name");
            tritonDataType(t.datatype, t.name);
            if (t.dims.empty())
                throw std::invalid_argument("tensor '" + t.name
                                            + "' has no dims; Triton needs at least one axis besides the batch axis");
            for (std::int64_t d : t.dims)
                if (d < -1 || d == 0)
                    throw std::invalid_argument("tensor '" + t.name + "' has dims " + dimsText(t.dims)
                                                + "; each must be positive or -1");
        }
}

void tensorBlock(std::ostringstream &out, const char *field, const std::vector<TensorSpec> &tensors)
{
    out << field << " [\n";
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        const TensorSpec &t = tensors[i];
        out << "  {\n"
            << "    name: " << quoted(t.name) << "\n"
            << "    data_type: " << tritonDataType(t.datatype, t.name) << "\n"
            << "    dims: " << list(t.dims) << "\n"
            << "  }" << (i + 1 < tensors.size() ? "," : "") << "\n";
    }
    out << "]\n";
}

// The length a request in the README's example gives an axis of any length.
std::int64_t exampleLength(const TensorSpec &t, std::int64_t d)
{
    if (d != -1)
        return d;
    return t.maxDim > 0 && t.maxDim < 8 ? t.maxDim : 8;
}

nlohmann::json exampleData(const TensorSpec &t, std::int64_t elements, std::int64_t vocabSize)
{
    nlohmann::json data = nlohmann::json::array();
    for (std::int64_t i = 0; i < elements; ++i) {
        if (t.datatype == "BOOL")
            data.push_back(i % 2 == 0);
        else if (t.datatype == "BYTES")
            data.push_back("text");
        else if (t.datatype.rfind("FP", 0) == 0 || t.datatype == "BF16")
            data.push_back(0.5);
        else if (t.name == "input_ids" && vocabSize > 0)
            data.push_back((i * 7 + 1) % vocabSize);
        else
            data.push_back(i % 2);
    }
    return data;
}

// A shell single-quoted word.
std::string shellQuoted(const std::string &text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string describeTensor(const TensorSpec &t, const ModelSignature &sig)
{
    std::string what;
    if (!t.meaning.empty())
        what = t.meaning;
    else if (t.name == "input_ids")
        what = "token ids"
               + (sig.vocabSize > 0 ? ", each in [0, " + std::to_string(sig.vocabSize) + ")" : std::string());
    else if (t.name == "image")
        what = "Fashion-MNIST images, each pixel normalised as (pixel / 255 - 0.2860) / 0.3530";
    else if (t.name == "logits" && sig.vocabSize == 0)
        what = "the class scores before softmax (argmax is the class)";
    else if (t.name == "logits")
        what = "the model's scores before softmax (per label, or per token and label/vocabulary entry)";
    else
        what = "a model tensor";
    if (t.maxDim > 0)
        what += "; an axis of any length (-1) takes at most " + std::to_string(t.maxDim);
    return what;
}

} // namespace

std::string tritonPlatformName(TritonPlatform platform)
{
    return platform == TritonPlatform::LibTorch ? "pytorch_libtorch" : "onnxruntime_onnx";
}

std::string tritonModelFile(TritonPlatform platform)
{
    return platform == TritonPlatform::LibTorch ? "model.pt" : "model.onnx";
}

std::string tritonDataType(const std::string &kserveDatatype, const std::string &tensorName)
{
    for (const auto &[kserve, triton] : kDataTypes)
        if (kserveDatatype == kserve)
            return triton;
    throw std::invalid_argument("tensor '" + tensorName + "' has datatype '" + kserveDatatype
                                + "', which Triton's config.pbtxt cannot declare (expected a KServe v2 datatype "
                                  "such as INT64, FP32, INT32, FP16, BF16, UINT8 or BOOL)");
}

std::string tritonConfigPbtxt(const ModelSignature &sig, const ServingSettings &s, TritonPlatform platform)
{
    checkInputs(sig, s);
    std::ostringstream out;
    out << "# Triton model configuration written by Seekbench (inference.ModelConfig, protobuf text format).\n"
        << "name: " << quoted(s.modelName) << "\n"
        << "platform: " << quoted(tritonPlatformName(platform))
        << "\n"
        // 0: no batch axis, the dims are whole shapes (one request, one transaction graph)
        << "max_batch_size: " << (sig.batched ? s.maxBatchSize : 0) << "\n";
    tensorBlock(out, "input", sig.inputs);
    tensorBlock(out, "output", sig.outputs);
    if (s.dynamicBatching && sig.batched) { // Triton batches only models with a batch axis
        out << "dynamic_batching {\n";
        if (!s.preferredBatchSizes.empty())
            out << "  preferred_batch_size: "
                << list(std::vector<std::int64_t>(s.preferredBatchSizes.begin(), s.preferredBatchSizes.end())) << "\n";
        out << "  max_queue_delay_microseconds: " << s.maxQueueDelayUs << "\n"
            << "  default_queue_policy {\n"
            << "    max_queue_size: " << s.maxQueueSize << "\n"
            << "    default_timeout_microseconds: " << s.requestTimeoutUs << "\n"
            << "    allow_timeout_override: true\n"
            << "    timeout_action: REJECT\n"
            << "  }\n"
            << "}\n";
    }
    out << "instance_group [\n"
        << "  {\n"
        << "    count: " << s.instances << "\n"
        << "    kind: KIND_CPU\n"
        << "  }\n"
        << "]\n";
    if (platform == TritonPlatform::LibTorch)
        out << "parameters {\n"
            << "  key: \"INFERENCE_MODE\"\n"
            << "  value: {\n"
            << "    string_value: \"true\"\n"
            << "  }\n"
            << "}\n";
    return out.str();
}

std::string tritonRepositoryReadme(const ModelSignature &sig, const ServingSettings &s, TritonPlatform platform,
                                   const std::string &sourceDescription)
{
    checkInputs(sig, s);
    const std::string &name = s.modelName; // [A-Za-z0-9_.-]: safe in a path, a URL and Markdown code
    std::ostringstream out;
    out << "# " << name << ": a Triton model repository\n\n"
        << "Written by Seekbench. Source:\n\n"
        << sourceDescription << "\n\n"
        << "## Layout\n\n"
        << "```\n"
        << "<repository>/\n"
        << "  " << name << "/\n"
        << "    config.pbtxt\n"
        << "    1/\n"
        << "      " << tritonModelFile(platform) << "\n"
        << "```\n\n"
        << "Platform `" << tritonPlatformName(platform) << "`; instances run on CPU (`instance_group` "
        << "`KIND_CPU`, count " << s.instances << "). For GPUs, change `kind` to `KIND_GPU`.\n\n"
        << "## Serving\n\n"
        << "```\n"
        << "docker run --rm -p 8000:8000 -p 8001:8001 -p 8002:8002 -v $PWD/<repository>:/models \\\n"
        << "  nvcr.io/nvidia/tritonserver:24.08-py3 tritonserver --model-repository=/models\n"
        << "```\n\n"
        << "HTTP (KServe v2) on port 8000, gRPC on 8001, Prometheus metrics on 8002. "
        << "`/v2/health/ready` answers 200 once the model is loaded.\n\n";

    nlohmann::json inputs = nlohmann::json::array();
    for (const TensorSpec &t : sig.inputs) {
        std::vector<std::int64_t> shape; // the batch axis (one row), where the model has one
        if (sig.batched)
            shape.push_back(1);
        std::int64_t elements = 1;
        for (std::int64_t d : t.dims) {
            shape.push_back(exampleLength(t, d));
            elements *= shape.back();
        }
        inputs.push_back({{"name", t.name},
                          {"shape", shape},
                          {"datatype", t.datatype},
                          {"data", exampleData(t, elements, sig.vocabSize)}});
    }
    nlohmann::json outputs = nlohmann::json::array();
    for (const TensorSpec &t : sig.outputs)
        outputs.push_back({{"name", t.name}});
    const nlohmann::json body = {{"inputs", inputs}, {"outputs", outputs}};
    out << "## A request\n\n"
        << "```\n"
        << "curl -s -X POST http://localhost:8000/v2/models/" << name << "/infer \\\n"
        << "  -H 'Content-Type: application/json' \\\n"
        << "  -d " << shellQuoted(body.dump()) << "\n"
        << "```\n\n"
        << (sig.batched ? "Every shape starts with the batch axis (rows in this request, at most "
                              + std::to_string(s.maxBatchSize) + "); "
                        : std::string("The model has no batch axis (`max_batch_size: 0`): the shapes are whole, "
                                      "and one request carries every input of one call; "))
        << "`data` is the tensor flattened in row-major order.\n\n";
    if (!sig.batched)
        out << "The example is a valid but meaningless graph (every index 0 or 1); a real request's index "
               "tensors point into the others as described under Tensors.\n\n";

    out << "## Tensors\n\n"
        << (sig.batched ? "Dims exclude the batch axis; -1 is an axis of any length.\n\n"
                        : "Dims are whole shapes (no batch axis); -1 is an axis of any length.\n\n");
    for (const TensorSpec &t : sig.inputs)
        out << "- input `" << t.name << "` " << t.datatype << " " << dimsText(t.dims) << ": " << describeTensor(t, sig)
            << "\n";
    for (std::size_t i = 0; i < sig.outputs.size(); ++i) {
        const TensorSpec &t = sig.outputs[i];
        out << "- output " << i << " `" << t.name << "` " << t.datatype << " " << dimsText(t.dims) << ": "
            << describeTensor(t, sig) << "\n";
    }
    if (platform == TritonPlatform::LibTorch)
        out << "\nTriton's PyTorch backend matches inputs to the TorchScript `forward` arguments by name "
            << "(Triton 22.x and later) and outputs by position: `" << sig.outputs.front().name
            << "` is output 0. Older Tritons need the `<name>__<index>` convention: rename the inputs "
            << "`INPUT__0`, ... and the outputs `OUTPUT__0`, ... in config.pbtxt and in requests. "
            << "`INFERENCE_MODE` is on (torch.inference_mode).\n";
    else
        out << "\nThe ONNX Runtime backend matches tensors to the ONNX graph's inputs and outputs by name.\n";

    out << "\n## Batching\n\n";
    if (!sig.batched) {
        out << "No batching: each request is one call of the model on the whole input it carries (Triton "
               "cannot concatenate requests of a model without a batch axis); score many transactions in one "
               "request through `rows`.\n";
    } else if (s.dynamicBatching) {
        out << "Dynamic batching is on: requests are gathered into batches of up to " << s.maxBatchSize
            << " rows; preferred batch sizes " << dimsText({s.preferredBatchSizes.begin(), s.preferredBatchSizes.end()})
            << "; a request waits at most " << s.maxQueueDelayUs << " us for a batch to fill. At most "
            << s.maxQueueSize << " requests queue (more are refused at once); a request not started within "
            << s.requestTimeoutUs << " us is rejected (a request may ask for a shorter timeout). "
            << "Requests are batched together only when their shapes agree (same sequence length).\n";
    } else {
        out << "Dynamic batching is off: each request runs as its own batch of up to " << s.maxBatchSize << " rows.\n";
    }
    return out.str();
}

} // namespace seekbench
