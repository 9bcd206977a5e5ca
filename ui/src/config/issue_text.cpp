#include "config/issue_text.h"

namespace seekbench::ui {

QString IssueText::describe(const ConfigIssue &issue)
{
    auto arg = [&](std::size_t i) { return i < issue.args.size() ? QString::fromStdString(issue.args[i]) : QString(); };
    const std::string &c = issue.code;
    QString text;
    if (c == "yaml_syntax")
        text = tr("YAML syntax error at line %1, column %2: %3").arg(arg(0), arg(1), arg(2));
    else if (c == "json_syntax")
        text = tr("JSON syntax error at byte %1: %2").arg(arg(0), arg(1));
    else if (c == "head_dim_odd")
        text = tr("the head dimension %1 is odd; rotary embeddings need an even head dimension").arg(arg(0));
    else if (c == "mismatch")
        text = tr("%1 does not match %2 (expected %3)").arg(arg(0), arg(1), arg(2));
    else if (c == "file_unreadable")
        text = tr("cannot read %1: %2").arg(arg(0), arg(1));
    else if (c == "unknown_key")
        text = tr("unknown key");
    else if (c == "replaced_key")
        text = tr("this key no longer exists; it was replaced by %1").arg(arg(0));
    else if (c == "duplicate_key")
        text = tr("duplicate key (line %1)").arg(arg(0));
    else if (c == "wrong_type")
        text = tr("expected %1, got %2").arg(arg(0), arg(1));
    else if (c == "out_of_range")
        text = tr("%1 is out of range [%2, %3]").arg(arg(0), arg(1), arg(2));
    else if (c == "not_divisible")
        text = tr("%1 is not divisible by %2 (%3)").arg(arg(0), arg(1), arg(2));
    else if (c == "exceeds")
        text = tr("%1 exceeds %2 (%3)").arg(arg(0), arg(1), arg(2));
    else if (c == "bad_choice")
        text = tr("%1 is not one of: %2").arg(arg(0), arg(1));
    else if (c == "fp16_unavailable")
        text = tr("fp16 is not available: %1").arg(arg(0));
    else if (c == "nccl_unavailable")
        text = tr("NCCL is not available: %1").arg(arg(0));
    else if (c == "cuda_unavailable")
        text = tr("CUDA is not available on this machine");
    else if (c == "unsupported_hf_key")
        text = tr("this Hugging Face key changes the architecture and is not supported");
    // Search spaces (sweeps): the codes a range or a choice list edited in a form can give.
    else if (c == "range_outside_key")
        text = tr("the range [%1, %2] leaves the key's own range [%3, %4]").arg(arg(0), arg(1), arg(2), arg(3));
    else if (c == "low_not_below_high")
        text = tr("the low end %1 is not below the high end %2").arg(arg(0), arg(1));
    else if (c == "log_needs_positive")
        text = tr("a log scale needs a low end above 0 (got %1)").arg(arg(0));
    else if (c == "bad_step")
        text = tr("the step %1 must be a positive whole number").arg(arg(0));
    else if (c == "grid_outside_range")
        text = tr("the grid point %1 is outside [%2, %3]").arg(arg(0), arg(1), arg(2));
    else if (c == "empty_choices")
        text = tr("no choices");
    else if (c == "duplicate_choice")
        text = tr("%1 is listed twice").arg(arg(0));
    else if (c == "choice_not_allowed")
        text = tr("%1 is not a value of this key: %2").arg(arg(0), arg(1));
    else if (c == "empty_space")
        text = tr("no parameter is tuned");
    else
        text = tr("problem %1").arg(QString::fromStdString(c));
    return issue.key.empty() ? text : QString::fromStdString(issue.key) + QStringLiteral(": ") + text;
}

} // namespace seekbench::ui
