#pragma once

// The GUI's side of projects::ProjectLayout: the layout of a project folder given as a
// QString, and a layout path back as a QString. Nothing in ui spells a project path by
// hand; it asks the layout.

#include "seekbench/projects/project_layout.h"

#include <QString>

#include <filesystem>

namespace seekbench::ui {

inline projects::ProjectLayout layoutOf(const QString &projectDir)
{
    return projects::ProjectLayout(std::filesystem::path(projectDir.toStdString()));
}

inline QString pathText(const std::filesystem::path &path) { return QString::fromStdString(path.string()); }

// A run's folder for display and logs; "" for an id the layout refuses (ids come from the
// store, which is a file on disk: never let one throw through a slot).
inline QString runDirText(const QString &projectDir, const std::string &runId)
{
    try {
        return pathText(layoutOf(projectDir).runDir(runId));
    } catch (const std::exception &) {
        return QString();
    }
}

} // namespace seekbench::ui
