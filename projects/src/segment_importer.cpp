#include "seekbench/projects/segment_importer.h"

#include "connection.h"
#include "ingest.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace seekbench::projects {

using Kind = ProjectError::Kind;

namespace {

double num(const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null())
        return std::numeric_limits<double>::quiet_NaN();
    return it->get<double>();
}

} // namespace

struct SegmentImporter::Impl
{
    const Project &project;
    sql::Database db;

    explicit Impl(const Project &p) : project(p), db(openConnection(p))
    {
        p.requireWritable();
        if (p.isReadOnly())
            throw ProjectError(Kind::Locked, "segments of " + p.dir().string()
                                                 + " cannot be imported: another process holds the writer lock "
                                                   "(seekbench.db.lock)");
    }

    std::int64_t importedOffset(const std::string &segment)
    {
        auto st = db.prepare("SELECT offset FROM segment_imports WHERE segment = ?1");
        st.bind(1, segment);
        std::int64_t off = 0;
        if (st.step()) {
            off = st.int64(0);
            st.reset();
        }
        return off;
    }

    void importSegment(const fs::path &file, Result &result)
    {
        const std::string name = project.relativePath(file);
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return;
        std::string header;
        if (!std::getline(in, header) || in.eof())
            return; // not even a complete header line yet
        nlohmann::json h = nlohmann::json::parse(header, nullptr, false);
        if (h.is_discarded() || h.value("t", "") != "seg")
            throw ProjectError(Kind::BadInput, "segment " + file.string() + " has no header line");
        const std::string runId = h.value("run", "");
        const int attempt = h.value("attempt", 1);
        Project::checkRunId(runId);

        std::int64_t offset = std::max<std::int64_t>(importedOffset(name), static_cast<std::int64_t>(header.size() + 1));
        in.clear();
        in.seekg(offset);
        std::vector<MetricPoint> points;
        std::vector<SystemSample> samples;
        std::vector<Ingest::OriginEvent> events;
        std::size_t records = 0;
        double lastTime = 0;
        std::string line;
        std::int64_t pos = offset;
        // Whole lines only: a line without its newline is still being written.
        while (std::getline(in, line) && !in.eof()) {
            const std::int64_t lineStart = pos;
            pos += static_cast<std::int64_t>(line.size()) + 1;
            ++records;
            nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded() || !j.is_object())
                continue; // a torn line left by a crash; the rest of the file is fine
            const std::string t = j.value("t", "");
            const double w = j.value("w", 0.0);
            lastTime = std::max(lastTime, w);
            if (t == "m") {
                points.push_back({j.value("k", ""), j.value("s", std::int64_t(0)), w, j.value("r", 0), num(j, "v")});
            } else if (t == "s") {
                SystemSample s;
                s.wallTime = w;
                s.rank = j.value("r", 0);
                s.rssBytes = num(j, "rss");
                s.cpuPercent = num(j, "cpu");
                s.cudaAvailable = j.value("cuda", false);
                s.cudaAllocatedBytes = num(j, "ca");
                s.cudaReservedBytes = num(j, "cr");
                s.cudaPeakAllocatedBytes = num(j, "cp");
                s.gpuStatus = j.value("gpu_status", "");
                for (const auto &d : j.value("devices", nlohmann::json::array()))
                    s.devices.push_back({d.value("index", 0), d.value("name", ""), d.value("used_bytes", 0.0),
                                         d.value("total_bytes", 0.0)});
                samples.push_back(std::move(s));
            } else if (t == "e") {
                RunEvent e{j.value("kind", ""), j.value("s", std::int64_t(0)), w, j.value("r", 0), j.value("json", "")};
                events.push_back({std::move(e), name, lineStart});
            }
        }
        if (records == 0)
            return;
        std::size_t stored = 0;
        Ingest ingest(db, runId, attempt);
        sql::withWriteTransaction(db, [&] {
            ingest.discard();
            auto exists = db.prepare("SELECT 1 FROM runs WHERE id = ?1");
            exists.bind(1, runId);
            const bool known = exists.step();
            exists.reset();
            if (!known)
                throw ProjectError(Kind::NotFound,
                                   "segment " + file.string() + " belongs to unknown run '" + runId + "'");
            stored = ingest.write(points, samples, events, lastTime);
            auto rec = db.prepare(R"(INSERT INTO segment_imports(segment, run_id, offset, records, imported_at)
                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(segment) DO UPDATE SET offset = excluded.offset,
                records = records + excluded.records, imported_at = excluded.imported_at)");
            rec.bind(1, name)
                .bind(2, runId)
                .bind(3, pos)
                .bind(4, static_cast<std::int64_t>(records))
                .bind(5, lastTime)
                .run();
        });
        result.segments += 1;
        result.records += records;
        result.points += stored;
    }

    void importRunDir(const fs::path &runDir, Result &result)
    {
        const fs::path segDir = runDir / "segments";
        std::error_code ec;
        if (!fs::is_directory(segDir, ec))
            return;
        std::vector<fs::path> files;
        for (const auto &entry : fs::directory_iterator(segDir, ec))
            if (entry.path().extension() == ".seg" && entry.is_regular_file())
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto &f : files)
            importSegment(f, result);
    }
};

SegmentImporter::SegmentImporter(const Project &project) : d(std::make_unique<Impl>(project)) {}

SegmentImporter::~SegmentImporter() { stopTimer(); }

SegmentImporter::Result SegmentImporter::importAll()
{
    std::lock_guard lock(m_mutex);
    Result r;
    std::error_code ec;
    std::vector<fs::path> runs;
    for (const auto &entry : fs::directory_iterator(d->project.layout().runsDir(), ec))
        if (entry.is_directory())
            runs.push_back(entry.path());
    std::sort(runs.begin(), runs.end());
    try {
        for (const auto &run : runs)
            d->importRunDir(run, r);
    } catch (const sql::SqlError &e) {
        throw ProjectError(Kind::Database, e.what());
    }
    return r;
}

SegmentImporter::Result SegmentImporter::importRun(const std::string &runId)
{
    std::lock_guard lock(m_mutex);
    Result r;
    try {
        d->importRunDir(d->project.runDir(runId), r);
    } catch (const sql::SqlError &e) {
        throw ProjectError(Kind::Database, e.what());
    }
    return r;
}

void SegmentImporter::startTimer(std::chrono::milliseconds period)
{
    stopTimer();
    {
        std::lock_guard lock(m_mutex);
        m_stop = false;
    }
    m_timer = std::thread([this, period] {
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, period, [&] { return m_stop; })) {
            lock.unlock();
            try {
                importAll();
            } catch (const std::exception &e) {
                std::fprintf(stderr, "seekbench: segment import: %s\n", e.what());
            }
            lock.lock();
        }
    });
}

void SegmentImporter::stopTimer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_timer.joinable())
        m_timer.join();
}

} // namespace seekbench::projects
