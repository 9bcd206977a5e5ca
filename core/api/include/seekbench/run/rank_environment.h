#pragma once

// Where a process sits in a distributed run, read from its environment. torchrun's
// convention (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT)
// comes first; Slurm's (SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID, the first host of
// SLURM_JOB_NODELIST) and Open MPI's (OMPI_COMM_WORLD_*) map onto the same settings, so
// any launcher works.

#include <functional>
#include <optional>
#include <string>

namespace seekbench {

struct RankEnvironment
{
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    int localWorldSize = 1;
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    std::string source = "single"; // torchrun | slurm | openmpi | single
};

struct RankEnvironmentResult
{
    std::optional<RankEnvironment> env;
    std::string error; // names the variable and the bad value
};

// getenv is injectable for tests.
using EnvLookup = std::function<std::optional<std::string>(const std::string &)>;
RankEnvironmentResult readRankEnvironment(const EnvLookup &lookup);
RankEnvironmentResult readRankEnvironment(); // the process environment

// The first host of a Slurm node list: "node[03-05,9],gpu1" -> "node03".
std::optional<std::string> firstSlurmHost(const std::string &nodeList);

} // namespace seekbench
