#pragma once

#include <string>
#include <vector>

namespace seekbench {

// One problem with a config: the key (dotted path such as "model.hidden_size"), a stable
// code and its arguments. The CLI prints English with describe(); the GUI translates the
// code with tr() and places the message at the key's field.
//
// Codes and their arguments:
//   yaml_syntax        {line, column, reason}
//   json_syntax        {byte, reason}
//   head_dim_odd       {head_dim}           rotary embeddings need an even head dimension
//   mismatch           {value, other_key, expected}
//   file_unreadable    {path, reason}
//   unknown_key        {}
//   duplicate_key      {line}
//   wrong_type         {expected, got}
//   out_of_range       {value, min, max}
//   not_divisible      {value, divisor_key, divisor}
//   exceeds            {value, limit_key, limit}
//   bad_choice         {value, choices}
//   fp16_unavailable   {reason}
//   cuda_unavailable   {}
//   nccl_unavailable   {reason}
//   unsupported_hf_key {}
struct ConfigIssue
{
    std::string key;
    std::string code;
    std::vector<std::string> args;

    bool operator==(const ConfigIssue &) const = default;
};

using ConfigIssues = std::vector<ConfigIssue>;

// English text for the CLI and logs.
std::string describe(const ConfigIssue &issue);

} // namespace seekbench
