#include "graph_writer.h"

#include <sstream>

namespace seekbench::onnx_export {

std::string GraphWriter::unique(const std::string &hint)
{
    std::string name = hint;
    for (int n = 1; m_used.count(name); ++n)
        name = hint + "_" + std::to_string(n);
    m_used.insert(name);
    return name;
}

std::vector<std::string> GraphWriter::ops(const std::string &type, const std::vector<std::string> &inputs,
                                          const std::string &hint, int outputs, const std::vector<Attr> &attrs)
{
    onnx::NodeProto *node = m_graph.add_node();
    node->set_op_type(type);
    node->set_name(unique(hint + "/" + type));
    for (const auto &in : inputs)
        node->add_input(in);
    std::vector<std::string> names;
    for (int i = 0; i < outputs; ++i) {
        names.push_back(unique(outputs == 1 ? hint : hint + "." + std::to_string(i)));
        node->add_output(names.back());
    }
    for (const Attr &a : attrs) {
        onnx::AttributeProto *p = node->add_attribute();
        p->set_name(a.name);
        switch (a.kind) {
        case Attr::Kind::Int:
            p->set_type(onnx::AttributeProto::INT);
            p->set_i(a.i);
            break;
        case Attr::Kind::Float:
            p->set_type(onnx::AttributeProto::FLOAT);
            p->set_f(a.f);
            break;
        case Attr::Kind::Ints:
            p->set_type(onnx::AttributeProto::INTS);
            for (std::int64_t v : a.ints)
                p->add_ints(v);
            break;
        case Attr::Kind::FloatTensor:
            p->set_type(onnx::AttributeProto::TENSOR);
            p->mutable_t()->set_data_type(onnx::TensorProto::FLOAT);
            p->mutable_t()->add_dims(1);
            p->mutable_t()->add_float_data(a.f);
            break;
        case Attr::Kind::String:
            p->set_type(onnx::AttributeProto::STRING);
            p->set_s(a.s);
            break;
        }
    }
    return names;
}

std::string GraphWriter::op(const std::string &type, const std::vector<std::string> &inputs, const std::string &hint,
                            const std::vector<Attr> &attrs)
{
    return ops(type, inputs, hint, 1, attrs).front();
}

std::string GraphWriter::constant(const std::string &key, onnx::TensorProto tensor)
{
    if (const auto it = m_constants.find(key); it != m_constants.end())
        return it->second;
    const std::string name = unique("const." + key);
    tensor.set_name(name);
    *m_graph.add_initializer() = std::move(tensor);
    m_constants.emplace(key, name);
    return name;
}

std::string GraphWriter::ints(const Dims &values)
{
    std::ostringstream key;
    key << "i64[";
    for (std::size_t i = 0; i < values.size(); ++i)
        key << (i ? "," : "") << values[i];
    key << "]";
    onnx::TensorProto t;
    t.set_data_type(onnx::TensorProto::INT64);
    t.add_dims(std::int64_t(values.size()));
    for (std::int64_t v : values)
        t.add_int64_data(v);
    return constant(key.str(), std::move(t));
}

std::string GraphWriter::intScalar(std::int64_t value)
{
    onnx::TensorProto t;
    t.set_data_type(onnx::TensorProto::INT64);
    t.add_int64_data(value);
    return constant("i64." + std::to_string(value), std::move(t));
}

std::string GraphWriter::floatScalar(float value)
{
    std::ostringstream key;
    key.precision(9);
    key << "f32." << value;
    onnx::TensorProto t;
    t.set_data_type(onnx::TensorProto::FLOAT);
    t.add_float_data(value);
    return constant(key.str(), std::move(t));
}

std::string GraphWriter::weight(const std::string &name, const Dims &shape, const float *data)
{
    onnx::TensorProto *t = m_graph.add_initializer();
    const std::string unique_ = unique(name);
    t->set_name(unique_);
    t->set_data_type(onnx::TensorProto::FLOAT);
    std::int64_t n = 1;
    for (std::int64_t d : shape) {
        t->add_dims(d);
        n *= d;
    }
    // raw_data is little-endian; so is every machine Seekbench builds on (x86-64, arm64).
    t->set_raw_data(std::string(reinterpret_cast<const char *>(data), std::size_t(n) * sizeof(float)));
    return unique_;
}

namespace {

void declare(onnx::ValueInfoProto *v, const std::string &name, int elemType, const std::vector<GraphWriter::Dim> &dims)
{
    v->set_name(name);
    onnx::TypeProto_Tensor *t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(elemType);
    onnx::TensorShapeProto *shape = t->mutable_shape();
    for (const auto &d : dims) {
        onnx::TensorShapeProto_Dimension *dim = shape->add_dim();
        if (d.param.empty())
            dim->set_dim_value(d.value);
        else
            dim->set_dim_param(d.param);
    }
}

} // namespace

void GraphWriter::input(const std::string &name, int elemType, const std::vector<Dim> &dims)
{
    m_used.insert(name);
    declare(m_graph.add_input(), name, elemType, dims);
}

void GraphWriter::output(const std::string &name, int elemType, const std::vector<Dim> &dims)
{
    declare(m_graph.add_output(), name, elemType, dims);
}

} // namespace seekbench::onnx_export
