#include "seekbench/projects/local_run_owner.h"

#include "seekbench/projects/segment_importer.h"

#include <stdexcept>

namespace seekbench::projects {

RunEnd ownLocalRun(const Project &project, const std::string &runId, const std::function<LocalRanksEnd()> &runRanks)
{
    LocalRanksEnd ranks;
    {
        // The ranks' points reach the store while they train, not only at the end.
        SegmentImporter importer(project);
        importer.startTimer(std::chrono::seconds(2));
        ranks = runRanks();
    }
    EndContext context;
    context.cancelRequested = ranks.cancelRequested;
    context.firstFailedRank = ranks.failedRank;
    context.firstFailedExitCode = ranks.failedRank >= 0 ? ranks.failedExitCode : 0;
    try {
        return finishDistributedRun(project, runId, context);
    } catch (const std::exception &e) {
        throw std::runtime_error("recording the end of run " + runId + " failed: " + e.what());
    }
}

} // namespace seekbench::projects
