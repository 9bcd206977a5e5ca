#pragma once

// The AML graph model (data.kind aml_transactions) as ONNX nodes (onnx_model.h describes
// the graph). Mirrors AmlGraphModelImpl::nodeStates and ::score of
// core/engine/src/aml_task.cpp, with the sequence blocks from TransformerGraph.
//
// Opset 16 (kOnnxAmlOpset): message passing sums each edge's message into its node, with
// repeated nodes (torch's index_add). ONNX expresses that exactly only with ScatterND's
// reduction="add", which opset 16 introduced; opset 13's ScatterND/ScatterElements keep one
// of the duplicates' values instead of their sum, and a dense [nodes, edges] incidence
// MatMul would grow with nodes x edges.

#include "graph_writer.h"
#include "transformer_graph.h"

#include "seekbench/onnx/onnx_model.h"

#include <string>

namespace seekbench::onnx_export {

class AmlGraph
{
public:
    AmlGraph(GraphWriter &g, const RunConfig &config, const OnnxWeights &weights);

    // Declares the eight inputs and `logits` and writes every node between them.
    void build();

private:
    std::string silu(const std::string &x, const std::string &hint);
    // torch.zeros_like(data).index_add(0, index, updates): ScatterND(reduction add).
    std::string indexAdd(const std::string &zeros, const std::string &index, const std::string &updates,
                         const std::string &hint);
    std::string nodeStates();
    std::string score(const std::string &states);

    GraphWriter &m_g;
    const RunConfig &m_config;
    TransformerGraph m_t;     // the linear layers, norms and sequence blocks, with their weights
    std::string m_src, m_dst; // edge_src / edge_dst as ScatterND indices [transactions, 1]
};

} // namespace seekbench::onnx_export
