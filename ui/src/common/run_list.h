#pragma once

#include "seekbench/projects/run_record.h"

#include <QMetaType>
#include <QVector>

namespace seekbench::ui {

// The project's runs as one listing of the store hands them to the GUI thread (newest
// first); the runs table, the compare view, the run view and the launch dialog read it.
using RunList = QVector<seekbench::projects::RunRecord>;

} // namespace seekbench::ui

Q_DECLARE_METATYPE(seekbench::ui::RunList)
