#include "seekbench/formats/checkpoint_file.h"

#include "seekbench/formats/atomic_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace seekbench {
namespace {

constexpr char kMagic[8] = {'S', 'B', 'C', 'K', 'P', 'T', '0', '1'};
constexpr char kEndMagic[8] = {'S', 'B', 'C', 'K', 'E', 'N', 'D', '1'};
// Sanity bound on the header so a damaged length never triggers a huge allocation.
constexpr std::uint32_t kMaxHeader = 1u << 20;
// No run takes a trillion steps; a header step beyond it is damage or a crafted file.
constexpr std::int64_t kMaxCheckpointStep = 1'000'000'000'000;

std::array<std::uint32_t, 256> makeTable()
{
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0x82F63B78u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}

template<typename T>
void writeValue(AtomicFile &file, T value)
{
    file.write(&value, sizeof value); // little-endian hosts only (x86-64, arm64)
}

std::int64_t stepOf(const std::string &headerJson, const std::filesystem::path &path)
{
    std::int64_t step = 0;
    try {
        const auto j = nlohmann::json::parse(headerJson);
        step = j.at("step").get<std::int64_t>();
    } catch (const std::exception &e) {
        throw CheckpointError("checkpoint " + path.string() + " has a damaged header: " + e.what());
    }
    // A resume trusts the step (the store supersedes every point after it): a crafted or
    // damaged one must not pass.
    if (step < 0 || step > kMaxCheckpointStep)
        throw CheckpointError("checkpoint " + path.string() + " has an impossible step " + std::to_string(step)
                              + " in its header (a step is 0.." + std::to_string(kMaxCheckpointStep) + ")");
    return step;
}

struct Reader
{
    std::ifstream in;
    std::filesystem::path path;
    std::uint64_t size = 0;
    std::uint64_t pos = 0;

    void read(void *out, std::uint64_t n, const char *what)
    {
        if (pos + n > size)
            throw CheckpointError("checkpoint " + path.string() + " is truncated: " + what + " needs "
                                  + std::to_string(n) + " bytes at offset " + std::to_string(pos) + ", the file has "
                                  + std::to_string(size));
        in.read(static_cast<char *>(out), static_cast<std::streamsize>(n));
        pos += n;
    }
};

Reader openReader(const std::filesystem::path &path, std::string &header)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw CheckpointError("checkpoint " + path.string() + " does not exist");
    Reader r{std::ifstream(path, std::ios::binary), path, std::filesystem::file_size(path, ec), 0};
    if (!r.in || ec)
        throw CheckpointError("checkpoint " + path.string() + " cannot be read");
    char magic[8];
    r.read(magic, sizeof magic, "the magic number");
    if (std::memcmp(magic, kMagic, sizeof magic) != 0)
        throw CheckpointError(path.string() + " is not a Seekbench checkpoint (bad magic number)");
    std::uint32_t headerLen = 0;
    r.read(&headerLen, sizeof headerLen, "the header length");
    if (headerLen > kMaxHeader)
        throw CheckpointError("checkpoint " + path.string() + " has a damaged header length ("
                              + std::to_string(headerLen) + " bytes)");
    header.resize(headerLen);
    r.read(header.data(), headerLen, "the header");
    return r;
}

} // namespace

std::uint32_t crc32c(const void *data, std::size_t size, std::uint32_t crc)
{
    static const auto table = makeTable();
    const auto *p = static_cast<const unsigned char *>(data);
    crc = ~crc;
    for (std::size_t i = 0; i < size; ++i)
        crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

void writeCheckpointFile(const std::filesystem::path &path, const std::string &headerJson, const std::string &payload)
{
    try {
        AtomicFile file(path, "checkpoint");
        file.write(kMagic, sizeof kMagic);
        writeValue<std::uint32_t>(file, static_cast<std::uint32_t>(headerJson.size()));
        file.write(headerJson);
        writeValue<std::uint64_t>(file, payload.size());
        file.write(payload);
        std::uint32_t crc = crc32c(headerJson.data(), headerJson.size());
        crc = crc32c(payload.data(), payload.size(), crc);
        writeValue<std::uint32_t>(file, crc);
        file.write(kEndMagic, sizeof kEndMagic);
        file.commit();
    } catch (const FileWriteError &e) {
        throw CheckpointError(e.what(), e.systemError());
    }
}

CheckpointContents readCheckpointFile(const std::filesystem::path &path)
{
    CheckpointContents out;
    Reader r = openReader(path, out.info.headerJson);
    std::uint64_t payloadLen = 0;
    r.read(&payloadLen, sizeof payloadLen, "the payload length");
    // Checked before allocating, so a damaged length never asks for terabytes.
    if (payloadLen > r.size - r.pos)
        throw CheckpointError("checkpoint " + path.string() + " is truncated: the payload needs "
                              + std::to_string(payloadLen) + " bytes at offset " + std::to_string(r.pos)
                              + ", the file has " + std::to_string(r.size));
    out.payload.resize(payloadLen);
    r.read(out.payload.data(), payloadLen, "the payload");
    std::uint32_t stored = 0;
    r.read(&stored, sizeof stored, "the checksum");
    char end[8];
    r.read(end, sizeof end, "the end marker");
    if (std::memcmp(end, kEndMagic, sizeof end) != 0)
        throw CheckpointError("checkpoint " + path.string() + " is damaged: bad end marker");
    std::uint32_t crc = crc32c(out.info.headerJson.data(), out.info.headerJson.size());
    crc = crc32c(out.payload.data(), out.payload.size(), crc);
    if (crc != stored)
        throw CheckpointError("checkpoint " + path.string() + " is corrupt: checksum mismatch");
    if (r.pos != r.size)
        throw CheckpointError("checkpoint " + path.string() + " has " + std::to_string(r.size - r.pos)
                              + " unexpected trailing bytes");
    out.info.path = path;
    out.info.step = stepOf(out.info.headerJson, path);
    return out;
}

CheckpointInfo readCheckpointInfo(const std::filesystem::path &path)
{
    CheckpointInfo info;
    openReader(path, info.headerJson);
    info.path = path;
    info.step = stepOf(info.headerJson, path);
    return info;
}

std::optional<ResumeCheckpoint> findResumeCheckpoint(const std::filesystem::path &runDir)
{
    const auto all = listCheckpoints(runDir);
    if (all.empty())
        return std::nullopt;
    std::vector<std::string> damaged;
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        ResumeCheckpoint found;
        try {
            found.contents = readCheckpointFile(*it);
        } catch (const CheckpointError &e) {
            damaged.push_back(e.what());
            continue;
        }
        for (const auto &why : damaged)
            found.skipped.push_back(why + "; resuming from the previous intact checkpoint, step "
                                    + std::to_string(found.contents.info.step));
        return found;
    }
    std::string message = "no checkpoint in " + checkpointsDir(runDir).string() + " is intact:";
    for (const auto &why : damaged)
        message += " " + why + ";";
    message.pop_back();
    throw CheckpointError(message);
}

std::filesystem::path checkpointsDir(const std::filesystem::path &runDir) { return runDir / "checkpoints"; }

std::filesystem::path checkpointPath(const std::filesystem::path &runDir, std::int64_t step)
{
    char name[64];
    std::snprintf(name, sizeof name, "step-%08lld.sbckpt", static_cast<long long>(step));
    return checkpointsDir(runDir) / name;
}

std::vector<std::filesystem::path> listCheckpoints(const std::filesystem::path &runDir)
{
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(checkpointsDir(runDir), ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.starts_with("step-") && name.ends_with(".sbckpt"))
            out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end()); // zero-padded step numbers sort by step
    return out;
}

std::optional<std::filesystem::path> latestCheckpoint(const std::filesystem::path &runDir)
{
    auto all = listCheckpoints(runDir);
    if (all.empty())
        return std::nullopt;
    return all.back();
}

} // namespace seekbench
