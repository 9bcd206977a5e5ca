#pragma once

#include <QString>

class QWidget;

namespace seekbench::ui {

// A project whose run store is damaged: says so in a sentence that starts with a
// capital and names the store (not the CLI, not the check's temporary copy), and offers
// Recover, the GUI's `seekbench-cli project recover`: the damaged file is moved aside
// and what SQLite can still read is salvaged into a fresh store.
class ProjectRecovery
{
public:
    // The store's problem as the dialog shows it: capitalised, without the CLI's hint.
    static QString problemText(const QString &error);
    // Asks; on Recover, recovers (off the GUI thread, with a busy indicator) and reports
    // what was salvaged and what was lost. True when the project can now be opened.
    static bool offer(QWidget *parent, const QString &dir, const QString &error);
    // The report shown after a recovery (also what the test reads).
    static QString reportText(const QString &movedTo, const QStringList &salvaged, const QStringList &lost);
};

} // namespace seekbench::ui
