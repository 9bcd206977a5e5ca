#include "seekbench/onnx/onnx_model.h"

#include "aml_graph.h"
#include "crossmodal_graph.h"
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
    const bool aml = config.data.kind == "aml_transactions";
    // The IR of the opset (7 for 13, 8 for 16): any runtime that reads the opset reads it.
    model.set_ir_version(aml ? 8 : 7);
    model.set_producer_name("seekbench");
    model.set_domain("local.seekbench");
    model.set_model_version(step);
    const bool crossModal = config.data.kind == "fashion_mnist_pairs";
    model.set_doc_string(aml          ? "AML graph model exported by Seekbench: one transaction graph (edge_features, "
                                        "node_features, edge_src, edge_dst, seq_index, seq_extra, seq_peer, rows) -> logits "
                                        "float32 [scored], laundering logits of the scored transactions"
                         : crossModal ? "Cross-modal Fashion-MNIST model exported by Seekbench as an image classifier ("
                                            + config.crossmodal.architecture
                                            + "): image float32 [batch, 1, 28, 28], normalised as (pixel / 255 - "
                                              "0.2860) / 0.3530 -> logits float32 [batch, 10]"
                                      : "DeepSeek-style transformer exported by Seekbench: input_ids int64 [batch, "
                                        "sequence] -> logits float32 ("
                                            + config.model.head + ")");
    onnx::OperatorSetIdProto *opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(aml ? kOnnxAmlOpset : kOnnxOpset);
    std::vector<std::pair<std::string, std::string>> metadata{{"seekbench.data_kind", config.data.kind},
                                                              {"seekbench.step", std::to_string(step)}};
    if (aml)
        metadata.insert(metadata.end(), {{"seekbench.window_days", std::to_string(config.aml.window_days)},
                                         {"seekbench.sequence_length", std::to_string(config.aml.sequence_length)},
                                         {"seekbench.output", "sigmoid(logits) is the risk score"}});
    else if (crossModal)
        metadata.insert(metadata.end(), {{"seekbench.architecture", config.crossmodal.architecture},
                                         {"seekbench.decision", config.crossmodal.decision},
                                         {"seekbench.image_normalisation", "(pixel / 255 - 0.2860) / 0.3530"}});
    else
        metadata.insert(metadata.end(),
                        {{"seekbench.head", config.model.head}, {"seekbench.pooling", config.model.pooling}});
    for (const auto &[key, value] : metadata) {
        onnx::StringStringEntryProto *p = model.add_metadata_props();
        p->set_key(key);
        p->set_value(value);
    }
    onnx::GraphProto *graph = model.mutable_graph();
    graph->set_name(aml ? "seekbench_aml_graph" : crossModal ? "seekbench_crossmodal" : "seekbench_deepseek");
    onnx_export::GraphWriter writer(*graph);
    if (aml)
        onnx_export::AmlGraph(writer, config, weights).build();
    else if (crossModal)
        onnx_export::CrossModalGraph(writer, config, weights).build();
    else
        onnx_export::TransformerGraph(writer, config, weights).build();

    // The checker (every node against its operator schema at the model's opset, every graph input
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
