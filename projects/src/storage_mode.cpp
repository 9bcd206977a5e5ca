#include "seekbench/projects/storage_mode.h"

#include <cstdlib>
#include <string>

#include <sys/vfs.h>

namespace seekbench::projects {

const char *toString(StorageMode mode) { return mode == StorageMode::Local ? "local" : "segments"; }

std::string networkFilesystemName(const std::filesystem::path &dir)
{
    struct statfs fs
    {};
    if (::statfs(dir.c_str(), &fs) != 0)
        return {};
    // Magic numbers from linux/magic.h and the file systems' own headers.
    switch (static_cast<unsigned long>(fs.f_type)) {
    case 0x6969UL: return "nfs";
    case 0x517BUL: return "smb";
    case 0xFF534D42UL: return "cifs";
    case 0xFE534D42UL: return "smb2";
    case 0x0BD00BD0UL: return "lustre";
    case 0x47504653UL: return "gpfs";
    case 0x00C36400UL: return "ceph";
    case 0x19830326UL: return "beegfs";
    case 0x01021997UL: return "9p";
    case 0x5346414FUL: return "afs";
    case 0x65735546UL: return "fuse";
    case 0x7461636FUL: return "ocfs2";
    case 0x01161970UL: return "gfs2";
    default: return {};
    }
}

StorageMode resolveStorageMode(const std::string &manifestSetting, const std::filesystem::path &dir)
{
    std::string setting = manifestSetting;
    if (const char *env = std::getenv("SEEKBENCH_STORAGE"); env && *env)
        setting = env;
    if (setting == "segments")
        return StorageMode::Segments;
    if (setting == "local")
        return StorageMode::Local;
    return networkFilesystemName(dir).empty() ? StorageMode::Local : StorageMode::Segments;
}

} // namespace seekbench::projects
