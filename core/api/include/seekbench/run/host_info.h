#pragma once

// The machine a program runs on, as provenance records it: the operating system by its
// release name and kernel ("Debian GNU/Linux 12 (bookworm); Linux 6.1.0-28-amd64 x86_64")
// and the host name. The trainer writes both into a run's environment; a report names
// the machine that wrote it with them.

#include <filesystem>
#include <string>

namespace seekbench::run {

// PRETTY_NAME of os-release (`osRelease`, else /usr/lib/os-release when the first is
// absent), then the kernel from uname(); either part is left out when unknown.
std::string osDescription(const std::filesystem::path &osRelease = "/etc/os-release");
std::string hostName();

} // namespace seekbench::run
