#include "seekbench/formats/atomic_file.h"

#include "seekbench/run/disk_full.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace seekbench {

AtomicFile::AtomicFile(std::filesystem::path path, std::string noun)
    : m_path(std::move(path)), m_tmp(m_path.string() + ".tmp"), m_noun(std::move(noun))
{
    const std::filesystem::path dir = m_path.parent_path();
    std::error_code ec;
    std::filesystem::create_directories(dir.empty() ? "." : dir, ec);
    if (ec) {
        errno = ec.value();
        fail("cannot create", dir);
    }
    m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0)
        fail("cannot create " + m_noun, m_tmp);
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed)
        ::unlink(m_tmp.c_str());
}

void AtomicFile::fail(const std::string &what, const std::filesystem::path &path)
{
    const int error = errno;
    const std::string message = what + " " + path.string() + ": " + std::strerror(error);
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    ::unlink(m_tmp.c_str());
    throw FileWriteError(isDiskFullErrno(error) ? "disk full: " + message : message, error);
}

void AtomicFile::write(const void *data, std::size_t size)
{
    if (m_fd < 0)
        throw FileWriteError("cannot write " + m_noun + " " + m_tmp.string() + ": it is closed", EBADF);
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail("cannot write " + m_noun, m_tmp);
        }
        p += n;
        size -= static_cast<std::size_t>(n);
    }
}

void AtomicFile::commit()
{
    if (m_fd < 0)
        throw FileWriteError("cannot write " + m_noun + " " + m_tmp.string() + ": it is closed", EBADF);
    if (::fsync(m_fd) != 0)
        fail("cannot sync " + m_noun, m_tmp);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0)
        fail("cannot close " + m_noun, m_tmp);
    if (::rename(m_tmp.c_str(), m_path.c_str()) != 0)
        fail("cannot rename " + m_noun + " into place at", m_path);
    m_committed = true;
    const std::filesystem::path dir = m_path.parent_path();
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

} // namespace seekbench
