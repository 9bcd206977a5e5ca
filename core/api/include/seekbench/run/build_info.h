#pragma once

// What this build of Seekbench is: the version from CMake's project() and the git commit
// the sources came from ("unknown" outside a git checkout, "+dirty" with local changes).
// Reports' provenance, `seekbench-cli --version` and the About box read it from here.
namespace seekbench::run {

const char *seekbenchVersion();
const char *seekbenchGitCommit();
// The Qt this build's desktop programs (and PDF renderer) were built against: "6.4.2";
// "" for a headless build without Qt.
const char *seekbenchQtVersion();

} // namespace seekbench::run
