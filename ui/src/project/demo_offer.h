#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace seekbench::ui {

class DemoSetup;

// What a scenario's window shows in a project without its results: what is missing and a
// button that does the scenario template's demo setup here (the template's configs copied
// in when missing, the data generated, the model trained as a normal run of the project;
// project/demo_setup.h), with its progress; never a command for the terminal. Off in a
// read-only project, with the reason. Scenarios: "aml" (the AML window's alerts), "pdm"
// (the predictive maintenance window), "kg" (the knowledge graph window).
class DemoOffer : public QWidget
{
    Q_OBJECT
public:
    DemoOffer(const QString &projectDir, const QString &scenario, bool readOnly, QWidget *parent = nullptr);
    QPushButton *button() const { return m_button; }
    DemoSetup *setup() const { return m_setup; }
    void start();

Q_SIGNALS:
    void ready(); // the results exist now

private:
    QString m_dir, m_scenario;
    QLabel *m_text;
    QPushButton *m_button;
    QProgressBar *m_progress;
    DemoSetup *m_setup = nullptr;
};

} // namespace seekbench::ui
