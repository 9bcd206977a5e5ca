#pragma once

// The KServe v2 inference protocol's JSON, torch-free (issue 23): an infer request checked
// against the model's signature, and the replies. Every refusal names the field, as the
// client sent it ("inputs[0].shape[1] is 300; input_ids takes at most 128").
// https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/

#include "dynamic_batcher.h"

#include "seekbench/export/model_signature.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace seekbench::engine {

// An HTTP status and the message of the v2 error reply {"error": message}.
struct V2Error : std::runtime_error
{
    V2Error(int status, const std::string &message) : std::runtime_error(message), status(status) {}
    int status;
};

struct V2Request
{
    std::string id;                  // echoed in the reply when given
    std::vector<std::int64_t> shape; // the input's shape, batch axis first
    std::vector<std::int64_t> data;  // row-major, an INT64 input (input_ids)
    std::vector<float> values;       // row-major, an FP32 input (the cross-modal model's image)
    // "parameters": {"timeout": N}: the request's own timeout in microseconds (Triton's
    // request parameter; the model's allow_timeout_override lets it shorten, never lengthen,
    // the default). Absent: the default.
    std::optional<std::int64_t> timeoutUs;
    // The binary tensor data extension: the client asked for the output as raw bytes
    // (outputs[i].parameters.binary_data or parameters.binary_data_output).
    bool binaryOutput = false;
};

// The deadline's length for a request: its own timeout when shorter than the model's.
std::int64_t effectiveTimeoutUs(const V2Request &request, std::int64_t defaultUs);

// Throws V2Error(400) for anything the model cannot take: not JSON, a missing or unknown
// input, a wrong datatype, a shape not [1..maxRows, 1..maxDim], data of the wrong count,
// type or range, an unknown requested output, a timeout parameter that is not a positive
// whole number of microseconds.
//
// jsonLength: the Inference-Header-Content-Length header (the binary tensor data
// extension): the body is that many bytes of JSON, then each input that says
// "parameters": {"binary_data_size": N} as N raw little-endian bytes, in input order. A
// size that does not match the shape, bytes missing or left over, are refused naming the
// input.
V2Request parseInferRequest(std::string_view body, const ModelSignature &signature, std::int64_t maxRows,
                            std::optional<std::size_t> jsonLength = std::nullopt);

// The reply's body. binary: the output's data as raw little-endian FP32 after the JSON
// (whose length goes in *jsonLength, for the Inference-Header-Content-Length header),
// with "parameters": {"binary_data_size": N} in place of "data".
std::string inferReply(const std::string &modelName, const std::string &id, const TensorSpec &output,
                       const InferenceOutcome &outcome, bool binary = false, std::size_t *jsonLength = nullptr);
std::string errorReply(const std::string &message);
// GET /v2/models/<name>: name, versions, platform, inputs and outputs with dims (-1 for
// the batch axis and any variable one).
std::string modelMetadataReply(const std::string &modelName, const ModelSignature &signature,
                               const std::string &quantization);
// GET /v2: the server's name, version and extensions.
std::string serverMetadataReply();

} // namespace seekbench::engine
