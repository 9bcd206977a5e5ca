#pragma once

// A write that failed for lack of room: the disk is full (ENOSPC), the user's quota is
// spent (EDQUOT) or the file reached the process's size limit (EFBIG, RLIMIT_FSIZE). Such
// a failure ends a training run: it stops, keeps its last good checkpoint and is recorded
// as failed with the reason "disk full" and the path that could not be written, never as
// finished (issue 20).

#include <filesystem>
#include <string>

namespace seekbench {

// True for ENOSPC, EDQUOT and EFBIG.
bool isDiskFullErrno(int error);

// Whether the files beside PATH can grow no more: its file system has no block left for
// the user, or the process's file-size limit (RLIMIT_FSIZE) is reached by PATH or its
// SQLite companions (-wal, -journal). For writers whose error code lost the errno: SQLite
// reports a refused write as a generic I/O error, and its saved errno may be overwritten
// by the rollback that follows.
bool storageIsFull(const std::filesystem::path &path);

// "disk full: cannot write PATH: DETAIL", the message every writer uses, so that a user
// (and a test) finds the same words whatever file filled the disk.
std::string diskFullMessage(const std::filesystem::path &path, const std::string &detail);

} // namespace seekbench
