#pragma once

// The DeepSeek-style transformer as ONNX nodes (onnx_model.h describes the graph). Each
// method mirrors the module of core/engine/src/model.cpp of the same name.

#include "graph_writer.h"

#include "seekbench/onnx/onnx_model.h"

#include <map>
#include <string>

namespace seekbench::onnx_export {

class TransformerGraph
{
public:
    TransformerGraph(GraphWriter &g, const RunConfig &config, const OnnxWeights &weights);
    // The blocks of another model (the cross-modal image encoder, crossmodal_graph.h): its
    // block config `blocks`, no rotary tables (attention without rotary embeddings).
    TransformerGraph(GraphWriter &g, const RunConfig &config, const ModelConfig &blocks, const OnnxWeights &weights);

    // Declares input_ids and logits and writes every node between them.
    void build();

    // The parts, for the other graphs built from the same blocks.
    // The initializer of a checked weight (added once).
    std::string param(const std::string &name, const Dims &shape);
    std::string linear(const std::string &x, const std::string &path, std::int64_t out, std::int64_t in, bool bias);
    std::string norm(const std::string &x, const std::string &path);
    std::string swiglu(const std::string &x, const std::string &path, std::int64_t inner);
    std::string rotateHalf(const std::string &x, const std::string &hint);
    std::string heads(const std::string &x, const std::string &path, std::int64_t n, std::int64_t out);
    std::string attention(const std::string &x, const std::string &path);
    std::string moe(const std::string &x, const std::string &path);
    // The DecoderLayer at module path `path` (its index decides dense or MoE).
    std::string layer(const std::string &x, const std::string &path, int index);
    // For another graph's sequence blocks (aml_graph.h): the rotary tables' rows [T, head_dim]
    // and, for a causal config, the mask [T, T] (true above the diagonal) of its sequences.
    void useSequence(const std::string &cos, const std::string &sin, const std::string &causalMask);

private:
    std::string head(const std::string &h);

    GraphWriter &m_g;
    const RunConfig &m_run;
    const ModelConfig m_c;
    const OnnxWeights &m_weights;
    std::map<std::string, std::string> m_params; // module name -> initializer
    std::string m_cos, m_sin;                    // the rotary tables' first `sequence` rows; empty: no rotary
    std::string m_mask;                          // causal: [sequence, sequence], true above the diagonal
};

} // namespace seekbench::onnx_export
