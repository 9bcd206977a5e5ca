#include "seekbench/onnx/onnx_model.h"

#include "graph_writer.h"
#include "transformer_graph.h"

#include "seekbench/export/model_files.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <stdexcept>

namespace seekbench {
namespace {

// protobuf cannot serialise a message of 2 GiB or more; ONNX's external-data files, which
// would lift the limit, are not written yet.
constexpr std::uint64_t kMaxModelBytes = (std::uint64_t(1) << 31) - (std::uint64_t(64) << 20);

void checkSize(const OnnxWeights &weights)
{
    std::uint64_t bytes = 0;
    for (const auto &[name, w] : weights) {
        std::uint64_t n = sizeof(float);
        for (std::int64_t d : w.shape)
            n *= std::uint64_t(d);
        bytes += n;
    }
    if (bytes > kMaxModelBytes)
        throw std::invalid_argument("ONNX export: the model's " + std::to_string(bytes >> 20)
                                    + " MiB of weights do not fit one ONNX file (2 GiB at most; external data is not "
                                      "written yet); export it as safetensors or TorchScript");
}

} // namespace

std::string onnxModelBytes(const RunConfig &config, const OnnxWeights &weights, std::int64_t step)
{
    if (!onnxCovers(config.data.kind))
        throw std::invalid_argument(onnxRefusal(config.data.kind));
    checkSize(weights);

    onnx::ModelProto model;
    model.set_ir_version(7); // the IR of opset 13: any runtime that reads opset 13 reads it
    model.set_producer_name("seekbench");
    model.set_domain("local.seekbench");
    model.set_model_version(step);
    model.set_doc_string("DeepSeek-style transformer exported by Seekbench: input_ids int64 [batch, sequence] -> "
                         "logits float32 ("
                         + config.model.head + ")");
    onnx::OperatorSetIdProto *opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOnnxOpset);
    for (const auto &[key, value] :
         std::initializer_list<std::pair<const char *, std::string>>{{"seekbench.data_kind", config.data.kind},
                                                                     {"seekbench.head", config.model.head},
                                                                     {"seekbench.pooling", config.model.pooling},
                                                                     {"seekbench.step", std::to_string(step)}}) {
        onnx::StringStringEntryProto *p = model.add_metadata_props();
        p->set_key(key);
        p->set_value(value);
    }
    onnx::GraphProto *graph = model.mutable_graph();
    graph->set_name("seekbench_deepseek");
    onnx_export::GraphWriter writer(*graph);
    onnx_export::TransformerGraph(writer, config, weights).build();

    // The checker (every node against its operator schema at opset 13, every graph input
    // and output typed and shaped), then strict shape inference, which also fails when
    // the inferred logits disagree with the declared ones. Its inferred value_info is not
    // kept: the file stays the graph as written.
    try {
        onnx::checker::check_model(model);
        onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(),
                                           onnx::ShapeInferenceOptions(/*check_type=*/true, /*error_mode=*/1));
    } catch (const std::exception &e) {
        throw std::runtime_error(std::string("ONNX export: the ONNX checker rejected the graph: ") + e.what());
    }
    graph->clear_value_info();
    std::string bytes;
    if (!model.SerializeToString(&bytes))
        throw std::runtime_error("ONNX export: the model could not be serialised");
    return bytes;
}

} // namespace seekbench
