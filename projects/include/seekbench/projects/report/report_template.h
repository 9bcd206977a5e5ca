#pragma once

// A report template: the choices of a report kept as a YAML file (in the project's
// reports/ folder, so it can be shared and versioned), read by the CLI's --template and
// written by the desktop dialog:
//
//   title: Baseline against warmup
//   notes: |
//     Free text.
//   baseline: 20261204-101500-ab12
//   buckets: 1000
//   sections: {curves: true, system: false}
//   logo: reports/logo.png

#include "seekbench/projects/report/report_builder.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace seekbench::projects::report {

struct ReportTemplate
{
    std::optional<std::string> title, notes, baseline;
    // An image drawn beside the title of a PDF report, relative to the project folder (the
    // template travels with the project; an absolute path is refused).
    std::optional<std::string> logo;
    std::optional<int> buckets;
    std::map<std::string, bool> sections;

    // Fills what the request leaves empty (title, notes, baseline) and the toggles.
    void applyTo(ReportRequest &request) const;
};

// Throws std::invalid_argument naming the file and the key: "template t.yaml: sections.foo
// is not a section (overview, notes, ...)", "template t.yaml: line 3: ...".
ReportTemplate loadReportTemplate(const std::filesystem::path &file);
ReportTemplate parseReportTemplate(const std::string &yaml, const std::string &fileName);
std::string reportTemplateYaml(const ReportTemplate &t);

} // namespace seekbench::projects::report
