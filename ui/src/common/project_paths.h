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

} // namespace seekbench::ui
