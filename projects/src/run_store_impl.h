#pragma once

// What RunStore's source files share: its connection and the helpers of run rows.

#include "connection.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "sql.h"

#include <string>

namespace seekbench::projects {

using Kind = ProjectError::Kind;

struct RunStore::Impl
{
    const Project &project;
    sql::Database db;

    explicit Impl(const Project &p) : project(p), db(openConnection(p)) {}

    void requireRun(const std::string &runId)
    {
        Project::checkRunId(runId);
        auto st = db.prepare("SELECT 1 FROM runs WHERE id = ?1");
        st.bind(1, runId);
        const bool found = st.step();
        st.reset();
        if (!found)
            throw ProjectError(Kind::NotFound, "no run '" + runId + "' in " + project.dir().string());
    }

    template<typename F>
    void write(F &&body)
    {
        project.requireWritable();
        if (project.isReadOnly())
            throw ProjectError(Kind::Locked, "the project " + project.dir().string()
                                                 + " is open read-only: another process holds its writer lock "
                                                   "(seekbench.db.lock, cluster-safe mode); try again when it ends");
        try {
            sql::withWriteTransaction(db, body);
        } catch (const sql::SqlError &e) {
            throw ProjectError(Kind::Database, e.what());
        }
    }
};

} // namespace seekbench::projects
