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

std::uint64_t weightBytes(const OnnxWeights &weights)
{
    std::uint64_t bytes = 0;
    for (const auto &[name, w] : weights) {
        std::uint64_t n = sizeof(float);
        for (std::int64_t d : w.shape)
            n *= std::uint64_t(d);
        bytes += n;
    }
    return bytes;
}

// Moves every initializer of 1 KiB or more into `data` (64-byte aligned), leaving its
// TensorProto pointing there: data_location EXTERNAL, location, offset, length.
std::string moveToExternalData(onnx::GraphProto &graph)
{
    std::string data;
    for (onnx::TensorProto &t : *graph.mutable_initializer()) {
        if (!t.has_raw_data() || t.raw_data().size() < 1024)
            continue;
        data.resize((data.size() + 63) / 64 * 64, '\0');
        const std::size_t offset = data.size(), length = t.raw_data().size();
        data += t.raw_data();
        t.clear_raw_data();
        t.set_data_location(onnx::TensorProto::EXTERNAL);
        for (const auto &[key, value] :
             std::initializer_list<std::pair<const char *, std::string>>{{"location", kOnnxExternalDataFile},
                                                                         {"offset", std::to_string(offset)},
                                                                         {"length", std::to_string(length)}}) {
            onnx::StringStringEntryProto *e = t.add_external_data();
            e->set_key(key);
            e->set_value(value);
        }
    }
    return data;
}

} // namespace

OnnxFiles onnxModelFiles(const RunConfig &config, const OnnxWeights &weights, std::int64_t step,
                         std::uint64_t externalAbove)
{
    if (!onnxCovers(config.data.kind))
        throw std::invalid_argument(onnxRefusal(config.data.kind));

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
    OnnxFiles files;
    if (weightBytes(weights) > externalAbove)
        files.externalData = moveToExternalData(*graph);
    if (!model.SerializeToString(&files.model))
        throw std::runtime_error("ONNX export: the model could not be serialised");
    return files;
}

} // namespace seekbench
