#pragma once

// A file written whole or not at all: the bytes go to "<path>.tmp", which is synced,
// renamed over `path` by commit(), and the folder synced, so a crash or a full disk
// leaves either the old file or the new one. A write that fails, or an AtomicFile
// destroyed before commit(), removes the temporary file. Checkpoints and exported models
// are written this way.

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace seekbench {

class FileWriteError : public std::runtime_error
{
public:
    FileWriteError(const std::string &message, int systemError)
        : std::runtime_error(message), m_systemError(systemError)
    {}
    // The errno of the failed call. A full disk (isDiskFullErrno) also starts the message
    // with "disk full: ".
    int systemError() const { return m_systemError; }

private:
    int m_systemError;
};

class AtomicFile
{
public:
    // Creates the parent folders and the temporary file. `noun` names the file in errors:
    // "cannot write checkpoint PATH: No space left on device".
    explicit AtomicFile(std::filesystem::path path, std::string noun = "file");
    ~AtomicFile();
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    void write(const void *data, std::size_t size);
    void write(std::string_view text) { write(text.data(), text.size()); }
    // Syncs, closes and renames the file into place. Throws FileWriteError naming the file.
    void commit();

    const std::filesystem::path &path() const { return m_path; }
    const std::filesystem::path &temporaryPath() const { return m_tmp; }

private:
    [[noreturn]] void fail(const std::string &what, const std::filesystem::path &path);

    std::filesystem::path m_path, m_tmp;
    std::string m_noun;
    int m_fd = -1;
    bool m_committed = false;
};

} // namespace seekbench
