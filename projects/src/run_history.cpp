// RunStore: renaming, and reading a run's attempts and system samples.
#include "run_store_impl.h"

#include <cstdint>

namespace seekbench::projects {

void RunStore::setName(const std::string &runId, const std::string &name)
{
    if (name.empty())
        throw ProjectError(Kind::BadInput, "a run name cannot be empty");
    if (name.size() > 200)
        throw ProjectError(Kind::BadInput,
                           "a run name is at most 200 characters (got " + std::to_string(name.size()) + ")");
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f)
            throw ProjectError(Kind::BadInput, "a run name cannot contain control characters (tab, newline...)");
    d->requireRun(runId);
    d->write([&] { d->db.prepare("UPDATE runs SET name = ?2 WHERE id = ?1").bind(1, runId).bind(2, name).run(); });
}

std::vector<AttemptRecord> RunStore::attempts(const std::string &runId)
{
    Project::checkRunId(runId);
    auto st = d->db.prepare("SELECT attempt, started_at, resumed_from_step, host, pid FROM run_attempts "
                            "WHERE run_id = ?1 ORDER BY attempt");
    st.bind(1, runId);
    std::vector<AttemptRecord> out;
    while (st.step()) {
        AttemptRecord a;
        a.attempt = static_cast<int>(st.int64(0));
        a.startedAt = st.real(1);
        if (!st.isNull(2))
            a.resumedFromStep = st.int64(2);
        a.host = st.text(3);
        a.pid = st.int64(4);
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<SystemSampleRecord> RunStore::systemSamples(const std::string &runId, double afterWallTime,
                                                        std::size_t limit)
{
    Project::checkRunId(runId);
    // The newest `limit` rows after the cursor, returned oldest first.
    auto st = d->db.prepare(R"(SELECT wall_time, rank, rss_bytes, cpu_percent, cuda_allocated, cuda_reserved,
                                      cuda_peak, gpu_json FROM (
                                 SELECT * FROM system_samples WHERE run_id = ?1 AND wall_time > ?2
                                 ORDER BY wall_time DESC LIMIT ?3) ORDER BY wall_time, rank)");
    st.bind(1, runId).bind(2, afterWallTime).bind(3, static_cast<std::int64_t>(limit));
    std::vector<SystemSampleRecord> out;
    while (st.step()) {
        SystemSampleRecord r;
        r.wallTime = st.real(0);
        r.rank = static_cast<int>(st.int64(1));
        r.rssBytes = st.optReal(2).value_or(0);
        r.cpuPercent = st.optReal(3).value_or(0);
        r.cudaAllocated = st.optReal(4);
        r.cudaReserved = st.optReal(5);
        r.cudaPeak = st.optReal(6);
        r.gpuJson = st.isNull(7) ? std::string() : st.text(7);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace seekbench::projects
