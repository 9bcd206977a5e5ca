#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QLineEdit;
class QPushButton;

namespace seekbench::ui {

class DemoSetup;

// Creates a project folder from a template (project_templates.h): blank, or one per
// scenario with its example configs. A template with demo data (AML) fills the project
// after creation with progress shown here; Cancel stops it and opens the project as is.
class NewProjectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    QString folder() const;
    QString projectName() const;
    QString templateId() const; // "blank", "text_classification", ...
    void setTemplateId(const QString &id);
    void setFolder(const QString &dir);
    void setProjectName(const QString &name);
    // Creates the project; false with the reason shown in the dialog.
    bool createProject();
    void accept() override;
    void reject() override;
    DemoSetup *demoSetup() const { return m_demo; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // Room for the longest template description and two lines of message, so the
    // dialog does not jump when either changes.
    void reserveHeights();

    QLineEdit *m_folder;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QComboBox *m_template;
    QLabel *m_error;
    QLabel *m_templateInfo = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    DemoSetup *m_demo = nullptr;
    bool m_created = false;
};

} // namespace seekbench::ui
