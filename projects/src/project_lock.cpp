#include "project_lock.h"

#include "seekbench/projects/process_identity.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace seekbench::projects {

std::unique_ptr<ProjectLock> ProjectLock::tryAcquire(const std::filesystem::path &projectDir, std::string *holder)
{
    const auto path = lockPath(projectDir);
    const auto me = ProcessIdentity::current();
    for (int attempt = 0; attempt < 2; ++attempt) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            const std::string text = me.host + " " + std::to_string(me.pid) + " " + std::to_string(me.startTime) + "\n";
            const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
            ::fsync(fd);
            ::close(fd);
            if (!ok) {
                std::error_code ec;
                std::filesystem::remove(path, ec);
                return nullptr;
            }
            return std::unique_ptr<ProjectLock>(new ProjectLock(path));
        }
        ProcessIdentity other;
        std::ifstream in(path);
        in >> other.host >> other.pid >> other.startTime;
        if (holder)
            *holder = other.host + " pid " + std::to_string(other.pid);
        // Only a holder on this host can be checked; one elsewhere is trusted.
        if (other.host != me.host || other.isAliveHere())
            return nullptr;
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
    return nullptr;
}

ProjectLock::~ProjectLock()
{
    std::error_code ec;
    std::filesystem::remove(m_path, ec);
}

} // namespace seekbench::projects
