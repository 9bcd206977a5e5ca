#include "machine_cache.h"

#include <cstdlib>
#include <dlfcn.h>
#include <fstream>
#include <unistd.h>

namespace seekbench::engine {

namespace fs = std::filesystem;

std::string envText(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}

namespace {

std::string cpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 1);
    return "";
}

} // namespace

fs::path machineCacheFile(const std::string &name)
{
    const std::string xdg = envText("XDG_CACHE_HOME");
    const std::string home = envText("HOME");
    // Without a home (some batch systems), a per-user file under /tmp: a check then
    // still runs once per machine, not once per process.
    const fs::path base = !xdg.empty() ? fs::path(xdg)
                          : !home.empty()
                              ? fs::path(home) / ".cache"
                              : fs::temp_directory_path() / ("seekbench-cache-" + std::to_string(::getuid()));
    return base / "seekbench" / name;
}

std::string openblasConfig()
{
    using ConfigFn = char *(*)();
    auto fn = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
    return fn ? fn() : "";
}

std::string machineIdentity() { return std::to_string(std::hash<std::string>{}(cpuModel() + "|" + openblasConfig())); }

nlohmann::json readMachineCache(const fs::path &file)
{
    std::ifstream in(file);
    try {
        nlohmann::json j = nlohmann::json::parse(in);
        return j.is_object() ? j : nlohmann::json::object();
    } catch (const std::exception &) {
        return nlohmann::json::object();
    }
}

void writeMachineCache(const fs::path &file, const nlohmann::json &j)
{
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp);
        out << j.dump(1) << "\n";
        if (!out) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, file, ec);
}

} // namespace seekbench::engine
