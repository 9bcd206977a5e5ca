#pragma once

#include <QDialog>
#include <QTimer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace seekbench::ui {

// Choose what to run: an example config or a YAML file, shown in an editor (also used
// for clone-and-edit). The text is checked with core's validation as it changes; while
// it has problems, Launch is refused and the reasons are listed, translated. On accept
// the config is saved in the project's configs/ folder, which is what the run starts from.
class LaunchDialog : public QDialog
{
    Q_OBJECT
public:
    LaunchDialog(const QString &projectDir, QWidget *parent = nullptr);

    void loadFile(const QString &path);
    void setConfigText(const QString &yaml, const QString &runName);
    QString runName() const;
    // The saved config to launch (valid after accept()).
    QString savedConfigPath() const { return m_savedPath; }
    bool isValid() const { return m_valid; }
    QString problemsText() const;

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void sourceChosen(int index);
    void check();

    QString m_projectDir;
    QComboBox *m_source = nullptr;
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QLabel *m_problems = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QLabel *m_nameLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_launch = nullptr;
    QTimer m_checkTimer;
    QString m_savedPath;
    bool m_valid = false;
};

} // namespace seekbench::ui
