#pragma once

#include <QString>

namespace seekbench::ui {

class MainWindow;

// The demo project and the screenshots for review (tests/ui/screenshots.sh).
class Screenshots
{
public:
    // Opens `dir`, creating it first as a blank project (the new-project dialog's code).
    static bool openDemo(MainWindow &window, const QString &dir);
    // After the runs have loaded: selects the newest run, grabs the window and each
    // main view into `dir` as PNG files, then quits the application.
    static void takeAndQuit(MainWindow &window, const QString &dir);
};

} // namespace seekbench::ui
