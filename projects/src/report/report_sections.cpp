#include "report_sections.h"

#include "seekbench/formats/small_file.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/run/confusion_matrix.h"
#include "sha256.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <system_error>

namespace seekbench::projects::report::detail {

std::string number(double v)
{
    if (!std::isfinite(v))
        return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string signedNumber(double v)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%+.4g", v);
    return buf;
}

std::string integer(std::int64_t v) { return std::to_string(v); }

std::string fixed1(double v)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string utcTime(double epochSeconds)
{
    const auto t = static_cast<std::time_t>(epochSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

std::string duration(double seconds)
{
    const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    return buf;
}

std::string byteSize(double bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1024 && u < 4) {
        bytes /= 1024;
        ++u;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, u ? "%.2f %s" : "%.0f %s", bytes, units[u]);
    return buf;
}

std::string statusName(const RunRecord &r, const ReportLabels &l)
{
    const std::string word = toString(r.status);
    const auto it = l.statusNames.find(word);
    return it == l.statusNames.end() ? word : it->second;
}

std::optional<double> wallSeconds(const RunRecord &r, const std::vector<AttemptRecord> &attempts)
{
    const std::optional<double> start = attempts.empty() ? r.startedAt
                                                         : std::optional<double>(attempts.front().startedAt);
    const std::optional<double> end = r.endedAt ? r.endedAt : r.heartbeatAt;
    if (!start || !end)
        return std::nullopt;
    return *end - *start;
}

namespace {
int keyRank(const std::string &key)
{
    const auto has = [&](const char *s) { return key.find(s) != std::string::npos; };
    if (key.rfind("eval/", 0) == 0)
        return 1;
    if (has("loss"))
        return 0;
    const bool endsLr = key == "lr" || (key.size() > 3 && key.compare(key.size() - 3, 3, "/lr") == 0);
    if (endsLr || has("learning_rate"))
        return 2;
    if (has("grad"))
        return 3;
    if (has("throughput") || has("per_s"))
        return 4;
    if (has("memory") || has("bytes") || has("rss"))
        return 5;
    return 6;
}
} // namespace

std::vector<std::string> orderedKeys(std::vector<std::string> keys)
{
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::stable_sort(keys.begin(), keys.end(),
                     [](const std::string &a, const std::string &b) { return keyRank(a) < keyRank(b); });
    return keys;
}

ChartSeries seriesOf(const DecimatedCurve &curve, const std::string &name, int colorIndex)
{
    ChartSeries s{name, colorIndex, {}};
    s.points.reserve(curve.buckets.size());
    for (const auto &b : curve.buckets)
        if (b.count > 0)
            s.points.push_back({b.x, b.mean(), b.min, b.max});
    return s;
}

Chart chartOf(const std::string &key, std::vector<ChartSeries> series, const ReportLabels &l)
{
    Chart c{key, l.step, key, false, true, std::move(series)};
    // Losses spanning two decades and more read better on a log scale.
    if (key.find("loss") != std::string::npos) {
        double lo = INFINITY, hi = -INFINITY;
        for (const auto &s : c.series)
            for (const auto &p : s.points) {
                lo = std::min(lo, p.min);
                hi = std::max(hi, p.max);
            }
        c.logY = lo > 0 && std::isfinite(hi) && hi / lo >= 100;
    }
    return c;
}

std::vector<Block> artifactBlocks(const Project &project, const std::vector<ArtifactRecord> &artifacts, bool withFormat,
                                  const std::string &noticeLabel, const ReportLabels &l)
{
    Table t;
    t.columns = {{l.path, ColumnKind::Text}, {l.step, ColumnKind::Number}};
    if (withFormat)
        t.columns.push_back({l.format, ColumnKind::Text});
    t.columns.insert(t.columns.end(),
                     {{l.bytes, ColumnKind::Number}, {l.sha256, ColumnKind::Text}, {l.state, ColumnKind::Text}});
    std::vector<Block> notices;
    for (const auto &a : artifacts) {
        std::string state = l.verified;
        CellTone tone = CellTone::Neutral;
        std::filesystem::path file;
        try {
            file = project.resolveInside(a.path);
        } catch (const ProjectError &) {
            file.clear();
        }
        std::error_code ec;
        if (file.empty() || !std::filesystem::is_regular_file(file, ec)) {
            state = l.missingFile;
            tone = CellTone::Worse;
            notices.push_back(MissingNotice{fillLabel(noticeLabel, {a.path}), l.checkpointMissingWhy});
        } else {
            std::string actual;
            try {
                actual = sha256File(file);
            } catch (const ProjectError &e) {
                actual = e.what();
            }
            if (actual != a.sha256) {
                state = l.damagedFile;
                tone = CellTone::Worse;
                notices.push_back(MissingNotice{fillLabel(noticeLabel, {a.path}),
                                                fillLabel(l.checkpointDamagedWhy, {actual, a.sha256})});
            }
        }
        std::vector<TableCell> row = {{a.path}, {a.step ? integer(*a.step) : l.notRecorded}};
        if (withFormat)
            row.push_back({a.format});
        row.insert(row.end(), {{integer(a.bytes)}, {a.sha256}, {state, tone}});
        t.rows.push_back(std::move(row));
    }
    std::vector<Block> out{std::move(t)};
    out.insert(out.end(), notices.begin(), notices.end());
    return out;
}

std::optional<Table> unrecordedFiles(const Project &project, const std::filesystem::path &dir,
                                     const std::vector<ArtifactRecord> &recorded, const ReportLabels &l)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return std::nullopt;
    std::set<std::string> known;
    for (const auto &a : recorded)
        known.insert(a.path);
    Table t{fillLabel(l.unrecordedFiles, {project.relativePath(dir)}),
            {{l.path}, {l.bytes, ColumnKind::Number}, {l.sha256}},
            {}};
    std::vector<std::filesystem::path> files;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec) && !known.count(project.relativePath(it->path())))
            files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto &f : files) {
        std::int64_t bytes = 0;
        std::string hash;
        try {
            hash = sha256File(f, &bytes);
        } catch (const ProjectError &e) {
            hash = e.what();
        }
        t.rows.push_back({{project.relativePath(f)}, {integer(bytes)}, {hash}});
    }
    if (t.rows.empty())
        return std::nullopt;
    return t;
}

Section systemSection(RunStore &store, const RunRecord &r, const std::vector<AttemptRecord> &attempts,
                      const ReportLabels &l)
{
    Section s{sections::kSystem, l.system, {}};
    KeyValueList kv;
    if (const auto wall = wallSeconds(r, attempts))
        kv.items.push_back({l.wallTime, duration(*wall)});
    for (const auto &[key, m] : r.summary)
        if ((key.find("throughput") != std::string::npos || key.find("per_s") != std::string::npos) && m.finalValue)
            kv.items.push_back({fillLabel(l.throughput, {key}), number(*m.finalValue)});
    struct PerRank
    {
        double peakRss = 0, peakCuda = -1, cpuSum = 0;
        std::int64_t samples = 0;
    };
    std::map<int, PerRank> ranks;
    for (const auto &x : store.systemSamples(r.id)) {
        PerRank &p = ranks[x.rank];
        p.peakRss = std::max(p.peakRss, x.rssBytes);
        if (x.cudaPeak)
            p.peakCuda = std::max(p.peakCuda, *x.cudaPeak);
        p.cpuSum += x.cpuPercent;
        ++p.samples;
    }
    if (ranks.empty()) {
        if (!kv.items.empty())
            s.blocks.push_back(std::move(kv));
        s.blocks.push_back(Paragraph{l.noSystem});
        return s;
    }
    double peak = 0, peakCuda = -1;
    for (const auto &[rank, p] : ranks) {
        peak = std::max(peak, p.peakRss);
        peakCuda = std::max(peakCuda, p.peakCuda);
    }
    kv.items.push_back({l.peakMemory, byteSize(peak)});
    if (peakCuda >= 0)
        kv.items.push_back({l.peakCudaMemory, byteSize(peakCuda)});
    s.blocks.push_back(std::move(kv));
    Table t{{},
            {{l.rank, ColumnKind::Number},
             {l.peakMemory, ColumnKind::Number},
             {l.peakCudaMemory, ColumnKind::Number},
             {l.meanCpu, ColumnKind::Number},
             {l.samples, ColumnKind::Number}},
            {}};
    for (const auto &[rank, p] : ranks)
        t.rows.push_back({{integer(rank)},
                          {byteSize(p.peakRss)},
                          {p.peakCuda >= 0 ? byteSize(p.peakCuda) : l.notRecorded},
                          {fixed1(p.cpuSum / double(p.samples)) + " %"},
                          {integer(p.samples)}});
    s.blocks.push_back(std::move(t));
    return s;
}

namespace {

std::string ratio(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

// The matrix (diagonal toned better) and the per-class figures of one evaluation.
void addConfusionBlocks(Section &s, const ConfusionMatrix &m, bool best, const ReportLabels &l)
{
    const std::vector<std::string> args{m.split, integer(m.step)};
    Table matrix{fillLabel(best ? l.bestConfusionMatrix : l.confusionMatrix, args), {{l.trueClass}}, {}};
    for (const auto &name : m.classes)
        matrix.columns.push_back({name, ColumnKind::Number});
    for (std::size_t t = 0; t < m.counts.size(); ++t) {
        std::vector<TableCell> row{{m.classes[t]}};
        for (std::size_t p = 0; p < m.counts[t].size(); ++p)
            row.push_back({integer(m.counts[t][p]), t == p ? CellTone::Better : CellTone::Neutral});
        matrix.rows.push_back(std::move(row));
    }
    s.blocks.push_back(std::move(matrix));

    const ClassificationMetrics metrics = classificationMetrics(m);
    Table perClass{fillLabel(best ? l.bestPerClassMetrics : l.perClassMetrics, args),
                   {{l.className},
                    {l.precision, ColumnKind::Number},
                    {l.recall, ColumnKind::Number},
                    {l.f1, ColumnKind::Number},
                    {l.support, ColumnKind::Number}},
                   {}};
    const auto rowOf = [](const std::string &name, const ClassMetrics &k) {
        return std::vector<TableCell>{{name},
                                      {ratio(k.precision)},
                                      {ratio(k.recall)},
                                      {ratio(k.f1)},
                                      {integer(k.support)}};
    };
    for (const auto &k : metrics.perClass)
        perClass.rows.push_back(rowOf(k.name, k));
    perClass.rows.push_back(rowOf(l.macroAverage, metrics.macro));
    perClass.rows.push_back(rowOf(l.weightedAverage, metrics.weighted));
    // As scikit-learn's classification report: the accuracy under F1, over every example.
    perClass.rows.push_back({{l.accuracy}, {}, {}, {ratio(metrics.accuracy)}, {integer(m.total())}});
    s.blocks.push_back(std::move(perClass));
}

} // namespace

std::optional<Section> classificationSection(const Project &project, const std::string &runId, const ReportLabels &l)
{
    Section s{sections::kClassification, l.classification, {}};
    std::optional<std::int64_t> lastStep;
    for (const bool best : {false, true}) {
        const auto file = project.runDir(runId) / (best ? kBestConfusionFile : kConfusionFile);
        std::error_code ec;
        if (!std::filesystem::exists(file, ec))
            continue;
        const std::string shown = project.relativePath(file);
        const SmallFileRead read = readSmallFile(file);
        if (!read.ok()) {
            s.blocks.push_back(MissingNotice{fillLabel(l.confusionFile, {shown}), read.problem});
            continue;
        }
        try {
            const ConfusionMatrix m = confusionMatrixFromJson(read.text, shown);
            if (best && lastStep && *lastStep == m.step)
                continue; // the last evaluation was the best: shown once
            if (!best)
                lastStep = m.step;
            addConfusionBlocks(s, m, best, l);
        } catch (const std::invalid_argument &e) {
            std::string why = e.what();
            if (why.rfind(shown + ": ", 0) == 0)
                why.erase(0, shown.size() + 2);
            s.blocks.push_back(MissingNotice{fillLabel(l.confusionFile, {shown}), why});
        }
    }
    if (s.blocks.empty())
        return std::nullopt;
    return s;
}

std::vector<RunRecord> requestedRuns(const Project &project, RunStore &store, const ReportRequest &request)
{
    if (request.runIds.empty())
        throw ProjectError(ProjectError::Kind::BadInput, "a report needs at least one run");
    if (request.chartBuckets < 1)
        throw ProjectError(ProjectError::Kind::BadInput,
                           "a chart needs at least 1 bucket, not " + std::to_string(request.chartBuckets));
    std::vector<RunRecord> runs;
    for (const auto &id : request.runIds) {
        auto r = store.findRun(id);
        if (!r)
            throw ProjectError(ProjectError::Kind::NotFound, "no run '" + id + "' in project " + project.dir().string());
        runs.push_back(std::move(*r));
    }
    if (!request.baselineId.empty() && !store.findRun(request.baselineId))
        throw ProjectError(ProjectError::Kind::NotFound,
                           "no baseline run '" + request.baselineId + "' in project " + project.dir().string());
    return runs;
}

} // namespace seekbench::projects::report::detail
