#pragma once

#include <stdexcept>
#include <string>

namespace seekbench::projects {

// Every failure the workspace layer reports to a user. The message names the problem
// and the place (a path, a run id, an argument), so a CLI or dialog can show it as is.
class ProjectError : public std::runtime_error
{
public:
    enum class Kind {
        NotAProject,     // the folder has no seekbench-project.yaml
        BadManifest,     // seekbench-project.yaml is malformed
        NewerSchema,     // the database was written by a newer Seekbench
        DamagedDatabase, // the database fails its check; it was not touched
        Locked,          // another process holds the project's writer lock (segment mode)
        ReadOnly,        // the folder or its store cannot be written (read-only mount, permissions)
        NotFound,        // an unknown run, curve or file
        BadInput,        // a bad argument: run id, filter, path outside the project
        Io,              // the file system refused
        Database,        // SQLite failed at run time (disk full, busy past the retries)
        Process,         // a run's process could not be controlled (gone, refused a signal, not started)
    };

    ProjectError(Kind kind, const std::string &message) : std::runtime_error(message), m_kind(kind) {}
    Kind kind() const { return m_kind; }
    // 2 for problems with what the user gave (bad project, bad input, a read-only project
    // asked to change), 3 otherwise.
    int exitCode() const
    {
        return m_kind == Kind::Io || m_kind == Kind::Database || m_kind == Kind::Locked || m_kind == Kind::Process ? 3
                                                                                                                   : 2;
    }

private:
    Kind m_kind;
};

} // namespace seekbench::projects
