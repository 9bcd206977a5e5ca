#pragma once

// Seekbench's checkpoint container, torch-free. A checkpoint file is
//
//   "SBCKPT01"  (8 bytes magic)
//   u32 header length, header (JSON: step, epoch, config hash, threads, BLAS, ...)
//   u64 payload length, payload (the LibTorch archive bytes)
//   u32 CRC-32C over header and payload
//   "SBCKEND1"  (8 bytes)
//
// and every byte is verified before the payload reaches torch: a damaged archive must
// never load silently. Files are written atomically (temp file, fsync, rename, fsync of
// the folder), so a crash leaves either the old file or the new one.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace seekbench {

class CheckpointError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
    CheckpointError(const std::string &message, int systemError)
        : std::runtime_error(message), m_systemError(systemError)
    {}
    // The errno of a failed write (0 for damage found on reading). A full disk
    // (isDiskFullErrno, disk_full.h) also starts the message with "disk full: ".
    int systemError() const { return m_systemError; }

private:
    int m_systemError = 0;
};

struct CheckpointInfo
{
    std::filesystem::path path;
    std::int64_t step = 0;
    std::string headerJson; // the whole header; step is also parsed out
};

// Writes atomically. Throws CheckpointError naming the path and the system error (a full
// disk included); a failed write leaves no partial file behind.
void writeCheckpointFile(const std::filesystem::path &path, const std::string &headerJson, const std::string &payload);

// Reads and verifies the whole file. Throws CheckpointError naming the file and what is
// wrong: missing, not a checkpoint, truncated, checksum mismatch.
struct CheckpointContents
{
    CheckpointInfo info;
    std::string payload;
};
CheckpointContents readCheckpointFile(const std::filesystem::path &path);

// Reads only the header (no checksum check), for listings.
CheckpointInfo readCheckpointInfo(const std::filesystem::path &path);

// The checkpoint a run folder resumes from: the newest one whose every byte verifies.
// Each newer one that does not is skipped, and `skipped` says why, newest first
// ("checkpoint P is corrupt: checksum mismatch; resuming from the previous intact
// checkpoint, step N"). The one rule for every resume (`train --resume DIR`, a project's
// run, a rank of a distributed run), so the store supersedes the points after the step
// the trainer really resumes from. nullopt when the folder has no checkpoint; throws
// CheckpointError naming every damaged file when none is intact.
struct ResumeCheckpoint
{
    CheckpointContents contents;
    std::vector<std::string> skipped;
};
std::optional<ResumeCheckpoint> findResumeCheckpoint(const std::filesystem::path &runDir);

// The checkpoint folder of a run folder: <run>/checkpoints.
std::filesystem::path checkpointsDir(const std::filesystem::path &runDir);
// Checkpoints of a run folder (<run>/checkpoints/step-NNNNNNNN.sbckpt), oldest first.
std::vector<std::filesystem::path> listCheckpoints(const std::filesystem::path &runDir);
std::optional<std::filesystem::path> latestCheckpoint(const std::filesystem::path &runDir);
std::filesystem::path checkpointPath(const std::filesystem::path &runDir, std::int64_t step);

std::uint32_t crc32c(const void *data, std::size_t size, std::uint32_t crc = 0);

} // namespace seekbench
