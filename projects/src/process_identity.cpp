#include "seekbench/projects/process_identity.h"

#include <cstdint>
#include <fstream>
#include <sstream>

#include <signal.h>
#include <unistd.h>

namespace seekbench::projects {

ProcessIdentity ProcessIdentity::current()
{
    ProcessIdentity id;
    id.host = hostName();
    id.pid = static_cast<std::int64_t>(::getpid());
    id.startTime = startTimeOf(id.pid);
    return id;
}

std::string ProcessIdentity::hostName()
{
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0)
        return "localhost";
    return buf;
}

std::int64_t ProcessIdentity::startTimeOf(std::int64_t pid)
{
    if (pid <= 0)
        return 0;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line))
        return 0;
    // The command name (field 2) may hold spaces and parentheses: parse after the last ')'.
    const auto close = line.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    // Fields 3.. follow; starttime is field 22, the 20th after the name.
    for (int i = 3; i <= 22; ++i) {
        if (!(rest >> field))
            return 0;
    }
    // A zombie has exited: it is not a live run.
    if (line.compare(close + 2, 1, "Z") == 0)
        return 0;
    try {
        return std::stoll(field);
    } catch (...) {
        return 0;
    }
}

bool ProcessIdentity::isAliveHere() const
{
    if (host != hostName() || pid <= 0)
        return false;
    const std::int64_t now = startTimeOf(pid);
    if (now == 0)
        return false;
    return startTime == 0 || now == startTime;
}

} // namespace seekbench::projects
