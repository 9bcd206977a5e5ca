#include "seekbench/run/host_info.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>

namespace seekbench::run {
namespace {

// PRETTY_NAME="Debian GNU/Linux 12 (bookworm)": the value, unquoted (os-release(5)).
std::string prettyName(const std::filesystem::path &file)
{
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("PRETTY_NAME=", 0) != 0)
            continue;
        std::string v = line.substr(12);
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
            v = v.substr(1, v.size() - 2);
        std::string out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (v[i] == '\\' && i + 1 < v.size())
                ++i;
            out += v[i];
        }
        return out;
    }
    return {};
}

} // namespace

std::string osDescription(const std::filesystem::path &osRelease)
{
    std::string name = prettyName(osRelease);
    if (name.empty() && osRelease == "/etc/os-release")
        name = prettyName("/usr/lib/os-release");
    utsname u{};
    std::string kernel;
    if (uname(&u) == 0)
        kernel = std::string(u.sysname) + " " + u.release + " " + u.machine;
    if (name.empty())
        return kernel;
    return kernel.empty() ? name : name + "; " + kernel;
}

std::string hostName()
{
    char host[256] = {0};
    if (gethostname(host, sizeof host - 1) != 0)
        return {};
    return host;
}

} // namespace seekbench::run
