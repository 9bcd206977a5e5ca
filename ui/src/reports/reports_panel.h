#pragma once

// The Reports dock (View > Reports, beside the Log): the project's reports as the store
// records them (report_file_list.h), and the unrecorded files of its reports/ folder,
// newest first, with their title, kind, what they cover, format, size, date and whether
// the file is still as written. Read off the GUI thread again when the report dialog
// saves one and when the folder changes (QFileSystemWatcher). Open, Show in folder,
// Delete (asked first: the file and its record) or Forget a report whose file is gone.

#include "reports/report_file_list.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

class QFileSystemWatcher;
class QLabel;
class QTableWidget;
class QTimer;
class QToolButton;

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

class ReportsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReportsPanel(QWidget *parent = nullptr);

    // The open project (nullptr when none); lists its reports.
    void setProject(std::shared_ptr<const projects::Project> project);
    QString reportsDir() const;
    // Reads the folder again (soon: changes come in bursts while a file is written).
    void refresh();
    QTableWidget *table() const { return m_table; }
    const std::vector<ReportFileEntry> &reports() const { return m_reports; }
    // The selected report's file, "" when none.
    QString selectedFile() const;
    void selectFile(const QString &file);
    void openSelected();
    void showSelectedInFolder();
    // Deletes the selected report's file and record after asking (forgets the record of
    // a file already gone); false when nothing was deleted.
    bool deleteSelected();

Q_SIGNALS:
    void refreshed(); // the list was read again

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void read();
    void showReports(const std::vector<ReportFileEntry> &reports);
    void watch();
    void updateButtons();
    void contextMenu(const QPoint &pos);

    QString m_projectDir;
    std::shared_ptr<const projects::Project> m_project;
    std::vector<ReportFileEntry> m_reports;
    QLabel *m_empty;
    QTableWidget *m_table;
    QToolButton *m_open, *m_folder, *m_delete;
    QFileSystemWatcher *m_watcher;
    QTimer *m_soon;
    QFutureWatcher<std::vector<ReportFileEntry>> *m_reader;
};

} // namespace seekbench::ui
