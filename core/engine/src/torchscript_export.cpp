#include "torchscript_export.h"

#include "torchscript_builder.h"

#include "seekbench/formats/atomic_file.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <sstream>

namespace seekbench::engine {

std::string torchScriptBytes(DeepSeekModelImpl &model, bool int8)
{
    torch::NoGradGuard noGrad;
    const Int8Kind kind = int8 ? chooseInt8Kind() : Int8Kind::Dynamic;
    if (int8 && kind == Int8Kind::Dynamic)
        selectQuantizedEngine(); // the packed weights are laid out for the engine in use
    const ModelConfig &c = model.config();
    TorchScriptBuilder b(c, int8, kind);
    JitModule root = b.make("");
    JitModule embed = b.make("embed_tokens");
    embed.register_parameter("weight", model.embed_tokens->weight.detach().clone(), false);
    root.register_module("embed_tokens", embed);
    for (int i = 0; i < c.num_hidden_layers; ++i) {
        DecoderLayer layer(std::dynamic_pointer_cast<DecoderLayerImpl>(model.layers->ptr(size_t(i))));
        root.register_module("layer_" + std::to_string(i), b.layer("layer_" + std::to_string(i), layer));
    }
    root.register_module("norm", b.norm("norm", model.norm));
    root.register_buffer("rope_cos", model.ropeCos().detach().clone());
    root.register_buffer("rope_sin", model.ropeSin().detach().clone());
    const std::string headName = c.head == "causal_lm" ? "lm_head" : "score";
    if (model.head)
        root.register_module(headName, b.linear(headName, model.head));

    std::ostringstream &src = b.source();
    src << "def forward(self, input_ids: Tensor) -> Tensor:\n"
        << "    assert input_ids.dim() == 2, 'input_ids must be [batch, sequence]'\n"
        << "    assert input_ids.size(1) <= " << c.max_position_embeddings
        << ", 'the sequence is longer than max_position_embeddings (" << c.max_position_embeddings << ")'\n"
        << "    h = torch.embedding(self.embed_tokens.weight, input_ids)\n";
    for (int i = 0; i < c.num_hidden_layers; ++i)
        src << "    h = self." << TorchScriptBuilder::method("layer_" + std::to_string(i))
            << "(h, self.rope_cos, self.rope_sin)\n";
    src << "    h = self." << TorchScriptBuilder::method("norm") << "(h)\n";
    const bool bias = model.head && model.head->bias.defined();
    if (c.head == "causal_lm")
        src << "    return "
            << (model.head ? b.apply("h", "lm_head", false)
                           : std::string("torch.matmul(h, self.embed_tokens.weight.t())"))
            << "\n";
    else if (c.head == "token_classification")
        src << "    return " << b.apply("h", "score", bias) << "\n";
    else
        src << "    pooled = " << (c.pooling == "last" ? "h[:, -1]" : "h.mean(1)") << "\n"
            << "    return " << b.apply("pooled", "score", bias) << "\n";
    root.define(src.str(), std::make_shared<ExportResolver>());
    root.eval();

    std::ostringstream bytes;
    root.save(bytes);
    return bytes.str();
}

void writeTorchScript(DeepSeekModelImpl &model, const std::filesystem::path &path, bool int8)
{
    const std::string bytes = torchScriptBytes(model, int8);
    AtomicFile file(path, "model file");
    file.write(bytes);
    file.commit();
}

} // namespace seekbench::engine
