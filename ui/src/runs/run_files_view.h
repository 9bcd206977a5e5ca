#pragma once

// The run view's Files tab: the files recorded as the run's artifacts (checkpoints,
// exported models, exported curves), newest last, with their format, step, size, hash
// and the command that made them. Read from the store off the GUI thread.

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QTableWidget;

namespace seekbench::projects {
class Project;
struct ArtifactRecord;
} // namespace seekbench::projects

namespace seekbench::ui {

class RunFilesView : public QWidget
{
    Q_OBJECT
public:
    explicit RunFilesView(QWidget *parent = nullptr);

    // Shows the run's files (an empty id clears the list) and reads them again.
    void setRun(std::shared_ptr<const projects::Project> project, const QString &runId);
    void refresh();
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void refreshed(); // the list was read again

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showFiles(const std::vector<projects::ArtifactRecord> &files);

    std::shared_ptr<const projects::Project> m_project;
    QString m_runId;
    QLabel *m_empty;
    QTableWidget *m_table;
    QFutureWatcher<std::vector<projects::ArtifactRecord>> *m_reader;
};

} // namespace seekbench::ui
