#pragma once

// A run's status as the project store records it. The store's text column, the CLI's JSON
// and the GUI all spell it through toString()/parseRunStatus(); nothing else compares
// status strings.

#include <optional>
#include <string_view>

namespace seekbench {

enum class RunStatus {
    Queued,    // created, waiting for its scheduler (a Slurm job not started yet)
    Running,   // a process (or a job's ranks) writes it
    Finished,  // reached its end (max steps or early stop)
    Failed,    // stopped by an error or divergence (the run's message says which)
    Cancelled, // stopped on request after a final checkpoint
    Crashed,   // its process vanished without recording an end
};

// "queued", "running", "finished", "failed", "cancelled", "crashed".
const char *toString(RunStatus status);
// The status a stored or typed word names, or nullopt for anything else.
std::optional<RunStatus> parseRunStatus(std::string_view text);

// Still owned by a process or a scheduler: queued or running.
constexpr bool isActive(RunStatus status) { return status == RunStatus::Queued || status == RunStatus::Running; }
// Ended unsuccessfully: failed or crashed (shown in the error colour, offered a resume).
constexpr bool endedInError(RunStatus status) { return status == RunStatus::Failed || status == RunStatus::Crashed; }

} // namespace seekbench
