#include "seekbench/run/disk_full.h"

#include <cerrno>

namespace seekbench {

bool isDiskFullErrno(int error) { return error == ENOSPC || error == EDQUOT || error == EFBIG; }

std::string diskFullMessage(const std::filesystem::path &path, const std::string &detail)
{
    return "disk full: cannot write " + path.string() + (detail.empty() ? std::string() : ": " + detail);
}

} // namespace seekbench
