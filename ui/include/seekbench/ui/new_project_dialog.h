#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace seekbench::ui {

// Creates a project folder from a template. Only "blank" exists until scenarios land.
class NewProjectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    QString folder() const;
    QString projectName() const;
    QString templateId() const; // "blank"
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
};

} // namespace seekbench::ui
