#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace seekbench::ui {

// Creates a project folder from a template (project_templates.h): blank, or one per
// scenario with its example configs.
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

private:
    QLineEdit *m_folder;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QComboBox *m_template;
    QLabel *m_error;
    QLabel *m_templateInfo = nullptr;
};

} // namespace seekbench::ui
