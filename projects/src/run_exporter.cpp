#include "seekbench/projects/run_exporter.h"

#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace seekbench::projects {

namespace {

// RFC 4180 quoting; text that a spreadsheet would run as a formula gets a leading quote.
std::string csvText(const std::string &s)
{
    std::string v = s;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@'))
        v = "'" + v;
    if (v.find_first_of(",\"\n\r") == std::string::npos)
        return v;
    std::string q = "\"";
    for (char c : v) {
        if (c == '"')
            q += '"';
        q += c;
    }
    return q + "\"";
}

std::string csvNumber(double v)
{
    if (std::isnan(v))
        return "";
    std::ostringstream s;
    s << std::setprecision(17) << v;
    return s.str();
}

nlohmann::json jsonNumber(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }
nlohmann::json jsonOpt(const std::optional<double> &v) { return v ? jsonNumber(*v) : nlohmann::json(nullptr); }

std::string joinTags(const std::vector<std::string> &tags)
{
    std::string s;
    for (const auto &t : tags)
        s += (s.empty() ? "" : ";") + t;
    return s;
}

} // namespace

RunExporter::RunExporter(const Project &project) : m_project(project) {}

ExportFormat RunExporter::parseFormat(const std::string &text)
{
    if (text == "csv")
        return ExportFormat::Csv;
    if (text == "json")
        return ExportFormat::Json;
    throw ProjectError(ProjectError::Kind::BadInput, "--format: '" + text + "' is not csv or json");
}

void RunExporter::writeRuns(std::ostream &out, const std::vector<RunRecord> &runs, ExportFormat format)
{
    if (format == ExportFormat::Json) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto &r : runs) {
            nlohmann::json summary = nlohmann::json::object();
            for (const auto &[key, m] : r.summary)
                summary[key] = {{"final", jsonOpt(m.finalValue)},
                                {"final_step", m.finalStep},
                                {"best", jsonOpt(m.bestValue)},
                                {"best_step", m.bestStep}};
            arr.push_back({{"id", r.id},
                           {"name", r.name},
                           {"status", toString(r.status)},
                           {"created_at", r.createdAt},
                           {"started_at", jsonOpt(r.startedAt)},
                           {"ended_at", jsonOpt(r.endedAt)},
                           {"host", r.host},
                           {"pid", r.pid},
                           {"launcher", r.launcher},
                           {"config_hash", r.configHash},
                           {"parent", r.parentId},
                           {"attempt", r.attempt},
                           {"tags", r.tags},
                           {"notes", r.notes},
                           {"message", r.message},
                           {"params", r.params},
                           {"metrics", summary}});
        }
        out << arr.dump(2) << "\n";
        return;
    }
    std::set<std::string> keys;
    for (const auto &r : runs)
        for (const auto &kv : r.summary)
            keys.insert(kv.first);
    out << "id,name,status,created_at,ended_at,host,attempt,parent,tags,message";
    for (const auto &k : keys)
        out << "," << csvText("final:" + k) << "," << csvText("best:" + k);
    out << "\n";
    for (const auto &r : runs) {
        out << csvText(r.id) << "," << csvText(r.name) << "," << toString(r.status) << "," << csvNumber(r.createdAt)
            << "," << (r.endedAt ? csvNumber(*r.endedAt) : "") << "," << csvText(r.host) << "," << r.attempt << ","
            << csvText(r.parentId) << "," << csvText(joinTags(r.tags)) << "," << csvText(r.message);
        for (const auto &k : keys) {
            const auto it = r.summary.find(k);
            const bool has = it != r.summary.end();
            out << "," << (has && it->second.finalValue ? csvNumber(*it->second.finalValue) : "") << ","
                << (has && it->second.bestValue ? csvNumber(*it->second.bestValue) : "");
        }
        out << "\n";
    }
}

void RunExporter::writeCurves(std::ostream &out, const std::string &runId, const std::string &key, ExportFormat format,
                              int buckets, bool includeSuperseded)
{
    CurveQuery query(m_project);
    std::vector<CurveInfo> curves;
    for (const auto &c : query.curves(runId))
        if (key.empty() || c.key == key)
            curves.push_back(c);
    if (!key.empty() && curves.empty())
        throw ProjectError(ProjectError::Kind::NotFound, "run '" + runId + "' has no curve '" + key + "'");
    const bool csv = format == ExportFormat::Csv;
    nlohmann::json arr = nlohmann::json::array();
    if (csv)
        out << (buckets > 0 ? "run,key,rank,first_step,last_step,first,last,min,max,mean,count\n"
                            : "run,key,rank,step,wall_time,value,attempt,superseded\n");
    for (const auto &c : curves) {
        nlohmann::json series = nlohmann::json::array();
        if (buckets > 0) {
            for (const auto &b : query.decimate(runId, c.key, buckets, c.rank).buckets) {
                if (csv)
                    out << csvText(runId) << "," << csvText(c.key) << "," << c.rank << "," << b.firstStep << ","
                        << b.lastStep << "," << csvNumber(b.first) << "," << csvNumber(b.last) << ","
                        << csvNumber(b.min) << "," << csvNumber(b.max) << "," << csvNumber(b.mean()) << "," << b.count
                        << "\n";
                else
                    series.push_back({{"first_step", b.firstStep},
                                      {"last_step", b.lastStep},
                                      {"first", jsonNumber(b.first)},
                                      {"last", jsonNumber(b.last)},
                                      {"min", jsonNumber(b.min)},
                                      {"max", jsonNumber(b.max)},
                                      {"mean", jsonNumber(b.mean())},
                                      {"count", b.count}});
            }
        } else {
            for (const auto &p : query.points(runId, c.key, c.rank, includeSuperseded)) {
                if (csv)
                    out << csvText(runId) << "," << csvText(c.key) << "," << c.rank << "," << p.step << ","
                        << csvNumber(p.wallTime) << "," << csvNumber(p.value) << "," << p.attempt << ","
                        << (p.superseded ? 1 : 0) << "\n";
                else
                    series.push_back({{"step", p.step},
                                      {"wall_time", p.wallTime},
                                      {"value", jsonNumber(p.value)},
                                      {"attempt", p.attempt},
                                      {"superseded", p.superseded}});
            }
        }
        if (!csv)
            arr.push_back(
                {{"run", runId}, {"key", c.key}, {"rank", c.rank}, {buckets > 0 ? "buckets" : "points", series}});
    }
    if (!csv)
        out << arr.dump(1) << "\n";
}

std::filesystem::path RunExporter::exportRun(const std::string &runId, ExportFormat format)
{
    const auto dir = m_project.runDir(runId) / "exports";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto file = dir / (format == ExportFormat::Csv ? "curves.csv" : "curves.json");
    {
        std::ofstream out(file);
        writeCurves(out, runId, {}, format);
        out.close();
        if (!out)
            throw ProjectError(ProjectError::Kind::Io, "cannot write " + file.string());
    }
    RunStore(m_project).addArtifact(runId, "export", m_project.relativePath(file));
    return file;
}

} // namespace seekbench::projects
