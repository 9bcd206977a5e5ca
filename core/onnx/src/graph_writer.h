#pragma once

// A thin writer over onnx::GraphProto: nodes with unique, readable names, constants and
// initializers. Nothing here knows the transformer (transformer_graph.cpp does).

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace seekbench::onnx_export {

using Dims = std::vector<std::int64_t>;

// One node attribute: an int, a float, a list of ints, a one-element float tensor (the
// fill value of ConstantOfShape), or a string (ScatterND's reduction).
struct Attr
{
    enum class Kind { Int, Float, Ints, FloatTensor, String };
    std::string name;
    Kind kind = Kind::Int;
    std::int64_t i = 0;
    float f = 0;
    Dims ints;
    std::string s = {};

    static Attr integer(std::string n, std::int64_t v) { return {std::move(n), Kind::Int, v, 0, {}}; }
    static Attr real(std::string n, float v) { return {std::move(n), Kind::Float, 0, v, {}}; }
    static Attr list(std::string n, Dims v) { return {std::move(n), Kind::Ints, 0, 0, std::move(v)}; }
    static Attr fill(std::string n, float v) { return {std::move(n), Kind::FloatTensor, 0, v, {}}; }
    static Attr text(std::string n, std::string v) { return {std::move(n), Kind::String, 0, 0, {}, std::move(v)}; }
};

class GraphWriter
{
public:
    explicit GraphWriter(onnx::GraphProto &graph) : m_graph(graph) {}

    // A node of `type` with one output, named from `hint` (made unique); returns the output.
    std::string op(const std::string &type, const std::vector<std::string> &inputs, const std::string &hint,
                   const std::vector<Attr> &attrs = {});
    // A node with `outputs` outputs (TopK: values, indices).
    std::vector<std::string> ops(const std::string &type, const std::vector<std::string> &inputs,
                                 const std::string &hint, int outputs, const std::vector<Attr> &attrs = {});

    // Constants, as initializers (deduplicated by value): an int64 vector, an int64 scalar
    // (0-d), a float scalar (0-d).
    std::string ints(const Dims &values);
    std::string intScalar(std::int64_t value);
    std::string floatScalar(float value);

    // A float initializer with the given name, shape and values (copied).
    std::string weight(const std::string &name, const Dims &shape, const float *data);

    // Graph inputs and outputs, with element type and dims (symbolic dims by name).
    struct Dim
    {
        std::int64_t value = 0;
        std::string param; // a dim_param when not empty
    };
    void input(const std::string &name, int elemType, const std::vector<Dim> &dims);
    void output(const std::string &name, int elemType, const std::vector<Dim> &dims);

private:
    std::string unique(const std::string &hint);
    std::string constant(const std::string &key, onnx::TensorProto tensor);

    onnx::GraphProto &m_graph;
    std::set<std::string> m_used;
    std::map<std::string, std::string> m_constants; // a constant's value, as text -> its name
};

} // namespace seekbench::onnx_export
