#include "seekbench/projects/report/report_template.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace seekbench::projects::report {

namespace {

std::string knownSections()
{
    std::string out;
    for (const auto &id : sections::all())
        out += (out.empty() ? "" : ", ") + id;
    return out;
}

[[noreturn]] void fail(const std::string &file, const std::string &what)
{
    throw std::invalid_argument("template " + file + ": " + what);
}

std::string lineOf(const YAML::Node &n)
{
    const auto mark = n.Mark();
    return mark.line >= 0 ? " (line " + std::to_string(mark.line + 1) + ")" : std::string();
}

std::string scalarText(const YAML::Node &n, const std::string &key, const std::string &file)
{
    if (!n.IsScalar())
        fail(file, key + " must be text" + lineOf(n));
    return n.Scalar();
}

} // namespace

void ReportTemplate::applyTo(ReportRequest &request) const
{
    if (request.title.empty() && title)
        request.title = *title;
    if (request.notes.empty() && notes)
        request.notes = *notes;
    if (request.baselineId.empty() && baseline)
        request.baselineId = *baseline;
    if (buckets)
        request.chartBuckets = *buckets;
    for (const auto &[id, on] : sections)
        request.sections.emplace(id, on); // the request's own toggles win
}

ReportTemplate parseReportTemplate(const std::string &yaml, const std::string &file)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception &e) {
        fail(file, "line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
    ReportTemplate t;
    if (root.IsNull())
        return t;
    if (!root.IsMap())
        fail(file, "the template must be a mapping of title, notes, baseline, logo, buckets and sections");
    for (const auto &kv : root) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
        const YAML::Node &v = kv.second;
        if (key == "title") {
            t.title = scalarText(v, key, file);
        } else if (key == "notes") {
            t.notes = scalarText(v, key, file);
        } else if (key == "baseline") {
            t.baseline = scalarText(v, key, file);
        } else if (key == "logo") {
            const std::string logo = scalarText(v, key, file);
            const std::filesystem::path path(logo);
            if (logo.empty() || path.is_absolute() || path.has_root_name())
                fail(file, "logo must be a path relative to the project folder" + lineOf(v));
            t.logo = logo;
        } else if (key == "buckets") {
            int n = 0;
            if (!v.IsScalar() || !YAML::convert<int>::decode(v, n) || n < 10 || n > 100000)
                fail(file, "buckets must be a whole number from 10 to 100000" + lineOf(v));
            t.buckets = n;
        } else if (key == "sections") {
            if (!v.IsMap())
                fail(file, "sections must be a mapping of section ids to true or false" + lineOf(v));
            for (const auto &s : v) {
                const std::string id = s.first.IsScalar() ? s.first.Scalar() : std::string("?");
                bool known = false;
                for (const auto &k : sections::all())
                    known = known || k == id;
                if (!known)
                    fail(file, "sections." + id + " is not a section (" + knownSections() + ")" + lineOf(s.first));
                bool on = true;
                if (!s.second.IsScalar() || !YAML::convert<bool>::decode(s.second, on))
                    fail(file, "sections." + id + " must be true or false" + lineOf(s.second));
                if (id == sections::kProvenance && !on)
                    fail(file,
                         "sections.provenance cannot be turned off: every report says how its numbers were obtained");
                t.sections[id] = on;
            }
        } else {
            fail(file, "unknown key '" + key + "' (expected title, notes, baseline, logo, buckets, sections)"
                           + lineOf(kv.first));
        }
    }
    return t;
}

ReportTemplate loadReportTemplate(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        fail(file.string(), "cannot be read");
    std::stringstream s;
    s << in.rdbuf();
    return parseReportTemplate(s.str(), file.string());
}

std::string reportTemplateYaml(const ReportTemplate &t)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    if (t.title)
        out << YAML::Key << "title" << YAML::Value << *t.title;
    if (t.notes)
        out << YAML::Key << "notes" << YAML::Value << YAML::Literal << *t.notes;
    if (t.baseline)
        out << YAML::Key << "baseline" << YAML::Value << *t.baseline;
    if (t.logo)
        out << YAML::Key << "logo" << YAML::Value << *t.logo;
    if (t.buckets)
        out << YAML::Key << "buckets" << YAML::Value << *t.buckets;
    if (!t.sections.empty()) {
        out << YAML::Key << "sections" << YAML::Value << YAML::BeginMap;
        for (const auto &[id, on] : t.sections)
            out << YAML::Key << id << YAML::Value << on;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace seekbench::projects::report
