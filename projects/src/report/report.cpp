#include "seekbench/projects/report/report.h"
#include "seekbench/projects/report/report_labels.h"

namespace seekbench::projects::report {

const Section *Report::section(const std::string &id) const
{
    for (const auto &s : sections)
        if (s.id == id)
            return &s;
    return nullptr;
}

std::string fillLabel(const std::string &text, const std::vector<std::string> &args)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            const auto n = static_cast<std::size_t>(text[i + 1] - '1');
            if (n < args.size()) {
                out += args[n];
                ++i;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

namespace sections {
const std::vector<std::string> &all()
{
    static const std::vector<std::string> ids = {kOverview,       kNotes,  kConfig,      kCurves,  kMetrics,
                                                 kClassification, kSystem, kCheckpoints, kExports, kAml,
                                                 kProvenance};
    return ids;
}
} // namespace sections

} // namespace seekbench::projects::report
