#pragma once

// The cross-modal Fashion-MNIST model as ONNX nodes, an image classifier (issue 23): input
// `image` float32 [batch, 1, 28, 28] (normalised as the engine's splits: (pixel / 255 -
// 0.2860) / 0.3530), output `logits` float32 [batch, 10], the engine's class decision
// (core/engine/src/crossmodal_export.h). Each part mirrors CrossModalModelImpl in
// core/engine/src/crossmodal_model.cpp; the image encoder's DecoderLayers are the
// transformer's (transformer_graph.h) without rotary embeddings (the patches' rotary
// tables are the identity).
//
// Architecture "crossmodal": every image is paired with the ten class templates, whose
// caption-encoder output is fixed and therefore precomputed at export time: the weights
// "template_states" [10, T, H] and "template_mask" [10, T] (1 on real tokens, 0 on padding)
// become initializers; the caption encoder itself is not in the graph. "image_only": the
// ViT's class head on the mean-pooled image states.

#include "graph_writer.h"
#include "transformer_graph.h"

#include "seekbench/onnx/onnx_model.h"

#include <string>

namespace seekbench::onnx_export {

class CrossModalGraph
{
public:
    CrossModalGraph(GraphWriter &g, const RunConfig &config, const OnnxWeights &weights);

    // Declares image and logits and writes every node between them.
    void build();

private:
    std::string silu(const std::string &x, const std::string &hint);
    std::string encodeImage(const std::string &image);
    std::string classHead(const std::string &img);
    // CrossBlockImpl::forward on gathered pairs; `blocked` [N, 1, 1, Tk] true on padding
    // keys, or empty.
    std::string crossBlock(const std::string &x, const std::string &context, const std::string &blocked,
                           const std::string &path);
    std::string templateScores(const std::string &img, const std::string &image);

    GraphWriter &m_g;
    const RunConfig &m_run;
    ModelConfig m_c; // the encoders' block config: model, bidirectional
    const OnnxWeights &m_weights;
    TransformerGraph m_blocks;
};

} // namespace seekbench::onnx_export
