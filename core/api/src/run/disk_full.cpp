#include "seekbench/run/disk_full.h"

#include <sys/resource.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <system_error>

namespace seekbench {

bool isDiskFullErrno(int error) { return error == ENOSPC || error == EDQUOT || error == EFBIG; }

bool storageIsFull(const std::filesystem::path &path)
{
    struct statvfs fs
    {};
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (::statvfs(dir.c_str(), &fs) == 0 && fs.f_bavail == 0)
        return true;
    struct rlimit limit
    {};
    if (::getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return false;
    // A page or a WAL frame more would pass the limit.
    const auto room = static_cast<std::uintmax_t>(64 * 1024);
    for (const char *suffix : {"", "-wal", "-journal"}) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(path.string() + suffix, ec);
        if (!ec && size + room > limit.rlim_cur)
            return true;
    }
    return false;
}

std::string diskFullMessage(const std::filesystem::path &path, const std::string &detail)
{
    return "disk full: cannot write " + path.string() + (detail.empty() ? std::string() : ": " + detail);
}

} // namespace seekbench
