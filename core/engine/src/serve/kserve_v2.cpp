#include "kserve_v2.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace seekbench::engine {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string &message) { throw V2Error(400, message); }

// Flattens nested arrays (the protocol allows either) into `out`, checking each value.
void flatten(const json &value, const std::string &field, const ModelSignature &sig, std::vector<std::int64_t> &out,
             std::size_t limit, std::size_t depth, std::size_t maxDepth)
{
    if (value.is_array()) {
        if (depth >= maxDepth)
            bad(field + " is nested deeper than its shape's " + std::to_string(maxDepth) + " axes");
        for (const auto &v : value)
            flatten(v, field, sig, out, limit, depth + 1, maxDepth);
        return;
    }
    if (!value.is_number_integer())
        bad(field + " holds " + std::string(value.type_name()) + " values; INT64 data must be integers");
    const std::int64_t id = value.get<std::int64_t>();
    if (id < 0 || id >= sig.vocabSize)
        bad(field + "[" + std::to_string(out.size()) + "] is " + std::to_string(id) + "; token ids lie in [0, "
            + std::to_string(sig.vocabSize) + ")");
    if (out.size() >= limit)
        bad(field + " holds more values than its shape says (" + std::to_string(limit) + ")");
    out.push_back(id);
}

// The same for an FP32 input (the cross-modal model's image): any JSON number.
void flattenFloats(const json &value, const std::string &field, std::vector<float> &out, std::size_t limit,
                   std::size_t depth, std::size_t maxDepth)
{
    if (value.is_array()) {
        if (depth >= maxDepth)
            bad(field + " is nested deeper than its shape's " + std::to_string(maxDepth) + " axes");
        for (const auto &v : value)
            flattenFloats(v, field, out, limit, depth + 1, maxDepth);
        return;
    }
    if (!value.is_number())
        bad(field + " holds " + std::string(value.type_name()) + " values; FP32 data must be numbers");
    if (out.size() >= limit)
        bad(field + " holds more values than its shape says (" + std::to_string(limit) + ")");
    out.push_back(value.get<float>());
}

void appendFloat(std::string &s, float v)
{
    char buf[32];
    if (!std::isfinite(v)) {
        s += "null"; // JSON has no NaN or infinity
        return;
    }
    const auto r = std::to_chars(buf, buf + sizeof buf, v); // shortest text that reads back as v
    s.append(buf, r.ptr);
}

json specJson(const TensorSpec &t)
{
    std::vector<std::int64_t> shape{-1};
    shape.insert(shape.end(), t.dims.begin(), t.dims.end());
    return {{"name", t.name}, {"datatype", t.datatype}, {"shape", shape}};
}

} // namespace

std::int64_t effectiveTimeoutUs(const V2Request &request, std::int64_t defaultUs)
{
    return request.timeoutUs ? std::min(*request.timeoutUs, defaultUs) : defaultUs;
}

namespace {

// Reads `count` values of an input (INT64 token ids or FP32 pixels, named `dtype`) from
// the binary part; `check(k, value)` refuses a value by throwing.
template<typename T, typename Check>
void readBinaryValues(std::string_view binary, std::size_t &offset, const json &size, const std::string &at,
                      const char *dtype, std::size_t count, std::vector<T> &out, Check check)
{
    static_assert(std::endian::native == std::endian::little, "binary tensor data is little-endian");
    if (!size.is_number_integer() || size.get<std::int64_t>() < 0)
        bad(at + ".parameters.binary_data_size must be a whole number of bytes");
    const std::size_t bytes = std::size_t(size.get<std::int64_t>());
    if (bytes != count * sizeof(T))
        bad(at + ".parameters.binary_data_size is " + std::to_string(bytes) + " bytes; its shape holds "
            + std::to_string(count) + " " + dtype + " values, " + std::to_string(count * sizeof(T)) + " bytes");
    if (binary.size() - offset < bytes)
        bad(at + ".parameters.binary_data_size is " + std::to_string(bytes) + " bytes, but only "
            + std::to_string(binary.size() - offset) + " binary bytes are left after the JSON");
    out.resize(count);
    std::memcpy(out.data(), binary.data() + offset, bytes);
    offset += bytes;
    for (std::size_t k = 0; k < count; ++k)
        check(k, out[k]);
}

bool binaryFlag(const json &parameters, const char *name, const std::string &field)
{
    const auto v = parameters.find(name);
    if (v == parameters.end())
        return false;
    if (!v->is_boolean())
        bad(field + "." + name + " must be true or false");
    return v->get<bool>();
}

} // namespace

V2Request parseInferRequest(std::string_view body, const ModelSignature &sig, std::int64_t maxRows,
                            std::optional<std::size_t> jsonLength)
{
    std::string_view binary;
    if (jsonLength) {
        if (*jsonLength > body.size())
            bad("Inference-Header-Content-Length is " + std::to_string(*jsonLength) + " but the body holds only "
                + std::to_string(body.size()) + " bytes");
        binary = body.substr(*jsonLength);
        body = body.substr(0, *jsonLength);
    }
    std::size_t binaryOffset = 0;
    json j;
    try {
        j = json::parse(body);
    } catch (const json::exception &e) {
        bad(std::string("the request body is not JSON: ") + e.what());
    }
    if (!j.is_object())
        bad("the request body must be a JSON object with \"inputs\"");
    V2Request r;
    if (const auto id = j.find("id"); id != j.end()) {
        if (!id->is_string())
            bad("\"id\" must be a string");
        r.id = id->get<std::string>();
    }
    if (const auto params = j.find("parameters"); params != j.end()) {
        if (!params->is_object())
            bad("\"parameters\" must be an object");
        if (const auto timeout = params->find("timeout"); timeout != params->end()) {
            if (!timeout->is_number_integer() || timeout->get<std::int64_t>() < 1)
                bad("parameters.timeout must be a positive whole number of microseconds, not " + timeout->dump());
            r.timeoutUs = timeout->get<std::int64_t>();
        }
        r.binaryOutput = binaryFlag(*params, "binary_data_output", "parameters");
    }
    const auto inputs = j.find("inputs");
    if (inputs == j.end() || !inputs->is_array() || inputs->empty())
        bad("\"inputs\" is missing or not a non-empty array");
    const TensorSpec &spec = sig.inputs.front();
    bool seen = false;
    for (std::size_t i = 0; i < inputs->size(); ++i) {
        const json &in = (*inputs)[i];
        const std::string at = "inputs[" + std::to_string(i) + "]";
        if (!in.is_object())
            bad(at + " must be an object with name, shape, datatype and data");
        const auto name = in.find("name");
        if (name == in.end() || !name->is_string())
            bad(at + ".name is missing");
        if (name->get<std::string>() != spec.name)
            bad(at + ".name '" + name->get<std::string>() + "' is not an input of this model (its input: " + spec.name
                + ")");
        if (seen)
            bad(at + ": input '" + spec.name + "' is given twice");
        seen = true;
        const auto datatype = in.find("datatype");
        if (datatype == in.end() || !datatype->is_string())
            bad(at + ".datatype is missing");
        if (datatype->get<std::string>() != spec.datatype)
            bad(at + ".datatype is " + datatype->get<std::string>() + "; " + spec.name + " is " + spec.datatype);
        const auto shape = in.find("shape");
        if (shape == in.end() || !shape->is_array())
            bad(at + ".shape is missing");
        if (shape->size() != spec.dims.size() + 1)
            bad(at + ".shape has " + std::to_string(shape->size()) + " axes; " + spec.name + " takes "
                + std::to_string(spec.dims.size() + 1) + " (batch, then " + dimsText(spec.dims) + ")");
        std::size_t count = 1;
        for (std::size_t a = 0; a < shape->size(); ++a) {
            const json &d = (*shape)[a];
            const std::string field = at + ".shape[" + std::to_string(a) + "]";
            if (!d.is_number_integer())
                bad(field + " must be an integer");
            const std::int64_t n = d.get<std::int64_t>();
            const std::int64_t want = a == 0 ? -1 : spec.dims[a - 1];
            const std::int64_t most = a == 0 ? maxRows : (want == -1 ? spec.maxDim : want);
            if (n < 1 || n > most || (want != -1 && n != want))
                bad(field + " is " + std::to_string(n) + "; " + spec.name + " takes "
                    + (want != -1 ? std::to_string(want) : "1.." + std::to_string(most))
                    + (a == 0 ? " rows (max_batch_size)" : ""));
            r.shape.push_back(n);
            count *= std::size_t(n);
        }
        const auto params = in.find("parameters");
        if (params != in.end() && !params->is_object())
            bad(at + ".parameters must be an object");
        const auto size = params != in.end() ? params->find("binary_data_size") : in.end();
        if (params != in.end() && size != params->end()) {
            if (!jsonLength)
                bad(at
                    + ".parameters.binary_data_size needs the Inference-Header-Content-Length header (the binary "
                      "tensor data extension)");
            if (in.contains("data"))
                bad(at + " has both data and parameters.binary_data_size");
            if (spec.datatype == "FP32")
                readBinaryValues(binary, binaryOffset, *size, at, "FP32", count, r.values,
                                 [&at](std::size_t k, float v) {
                                     if (!std::isfinite(v))
                                         bad(at + " binary data[" + std::to_string(k) + "] is not a finite number");
                                 });
            else
                readBinaryValues(binary, binaryOffset, *size, at, "INT64", count, r.data,
                                 [&at, &sig](std::size_t k, std::int64_t v) {
                                     if (v < 0 || v >= sig.vocabSize)
                                         bad(at + " binary data[" + std::to_string(k) + "] is " + std::to_string(v)
                                             + "; token ids lie in [0, " + std::to_string(sig.vocabSize) + ")");
                                 });
            continue;
        }
        const auto data = in.find("data");
        if (data == in.end() || !data->is_array())
            bad(at + ".data is missing or not an array");
        std::size_t got = 0;
        if (spec.datatype == "FP32") {
            r.values.reserve(count);
            flattenFloats(*data, at + ".data", r.values, count, 0, r.shape.size());
            got = r.values.size();
        } else {
            r.data.reserve(count);
            flatten(*data, at + ".data", sig, r.data, count, 0, r.shape.size());
            got = r.data.size();
        }
        if (got != count)
            bad(at + ".data holds " + std::to_string(got) + " values; shape " + dimsText(r.shape) + " needs "
                + std::to_string(count));
    }
    if (binaryOffset != binary.size())
        bad("the body holds " + std::to_string(binary.size())
            + " binary bytes after the JSON; the inputs' "
              "parameters.binary_data_size add up to "
            + std::to_string(binaryOffset));
    if (const auto outputs = j.find("outputs"); outputs != j.end()) {
        if (!outputs->is_array())
            bad("\"outputs\" must be an array");
        for (std::size_t i = 0; i < outputs->size(); ++i) {
            const json &o = (*outputs)[i];
            const auto name = o.is_object() ? o.find("name") : o.end();
            const std::string at = "outputs[" + std::to_string(i) + "]";
            if (!o.is_object() || name == o.end() || !name->is_string())
                bad(at + ".name is missing");
            if (name->get<std::string>() != sig.outputs.front().name)
                bad(at + ".name '" + name->get<std::string>()
                    + "' is not an output of this model (its output: " + sig.outputs.front().name + ")");
            if (const auto p = o.find("parameters"); p != o.end()) {
                if (!p->is_object())
                    bad(at + ".parameters must be an object");
                r.binaryOutput = binaryFlag(*p, "binary_data", at + ".parameters") || r.binaryOutput;
            }
        }
    }
    return r;
}

std::string inferReply(const std::string &modelName, const std::string &id, const TensorSpec &output,
                       const InferenceOutcome &outcome, bool binary, std::size_t *jsonLength)
{
    std::string s = "{\"model_name\":" + json(modelName).dump() + ",\"model_version\":\"1\"";
    if (!id.empty())
        s += ",\"id\":" + json(id).dump();
    s += ",\"outputs\":[{\"name\":" + json(output.name).dump()
         + ",\"datatype\":\"FP32\",\"shape\":" + json(outcome.shape).dump();
    if (binary) {
        const std::size_t bytes = outcome.data.size() * sizeof(float);
        s += ",\"parameters\":{\"binary_data_size\":" + std::to_string(bytes) + "}}]}";
        if (jsonLength)
            *jsonLength = s.size();
        s.append(reinterpret_cast<const char *>(outcome.data.data()), bytes);
        return s;
    }
    s += ",\"data\":[";
    s.reserve(s.size() + outcome.data.size() * 12 + 8);
    for (std::size_t i = 0; i < outcome.data.size(); ++i) {
        if (i)
            s += ',';
        appendFloat(s, outcome.data[i]);
    }
    return s + "]}]}";
}

std::string errorReply(const std::string &message)
{
    // A message may quote the client's bytes, which need not be UTF-8: replaced, not thrown on.
    return json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string modelMetadataReply(const std::string &modelName, const ModelSignature &sig, const std::string &quantization)
{
    json inputs = json::array(), outputs = json::array();
    for (const auto &t : sig.inputs)
        inputs.push_back(specJson(t));
    for (const auto &t : sig.outputs)
        outputs.push_back(specJson(t));
    return json{{"name", modelName},
                {"versions", {"1"}},
                {"platform", "pytorch_libtorch"},
                {"parameters", {{"quantization", quantization}}},
                {"inputs", inputs},
                {"outputs", outputs}}
        .dump();
}

std::string serverMetadataReply()
{
    return json{{"name", "seekbench"}, {"version", "1"}, {"extensions", json::array({"binary_tensor_data"})}}.dump();
}

} // namespace seekbench::engine
