#include "seekbench/projects/report/report.h"
#include "seekbench/projects/report/report_labels.h"

#include <map>
#include <stdexcept>

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
    static const std::vector<std::string> ids = {kOverview,    kNotes,          kConfig,    kCurves,
                                                 kMetrics,     kClassification, kAttention, kSystem,
                                                 kCheckpoints, kExports,        kAml,       kSearchSpace,
                                                 kBestTrials,  kBestSoFar,      kParallel,  kImportance,
                                                 kProvenance};
    return ids;
}

const std::vector<std::string> &ofKind(const std::string &kind)
{
    static const std::vector<std::string> run = {kOverview,  kNotes,  kConfig,      kCurves,  kMetrics, kClassification,
                                                 kAttention, kSystem, kCheckpoints, kExports, kAml,     kProvenance};
    static const std::vector<std::string> comparison = {kOverview, kConfig, kCurves, kMetrics, kProvenance};
    static const std::vector<std::string> sweep = {kOverview, kSearchSpace, kBestTrials, kBestSoFar,
                                                   kParallel, kImportance,  kConfig,     kProvenance};
    if (kind == "run")
        return run;
    if (kind == "comparison")
        return comparison;
    if (kind == "sweep")
        return sweep;
    throw std::invalid_argument("'" + kind + "' is not a kind of report (run, comparison, sweep)");
}

std::string title(const ReportLabels &l, const std::string &id)
{
    const std::map<std::string, const std::string *> titles = {{kOverview, &l.overview},
                                                               {kNotes, &l.notes},
                                                               {kConfig, &l.config},
                                                               {kCurves, &l.curves},
                                                               {kMetrics, &l.metrics},
                                                               {kClassification, &l.classification},
                                                               {kAttention, &l.attention},
                                                               {kSystem, &l.system},
                                                               {kCheckpoints, &l.checkpoints},
                                                               {kExports, &l.exports},
                                                               {kAml, &l.aml},
                                                               {kSearchSpace, &l.searchSpace},
                                                               {kBestTrials, &l.bestTrials},
                                                               {kBestSoFar, &l.bestSoFar},
                                                               {kParallel, &l.parallelCoordinates},
                                                               {kImportance, &l.importance},
                                                               {kProvenance, &l.provenance}};
    const auto it = titles.find(id);
    return it == titles.end() ? id : *it->second;
}
} // namespace sections

} // namespace seekbench::projects::report
