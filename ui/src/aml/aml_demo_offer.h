#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace seekbench::ui {

class DemoSetup;

// What the AML window shows in a project without alerts: what is missing and a button
// that does the AML template's demo setup here (the template's configs copied in when
// missing, synthetic transfers generated, the graph model trained as a normal run of the
// project), with its progress; never a command for the terminal. Off in a read-only
// project, with the reason.
class AmlDemoOffer : public QWidget
{
    Q_OBJECT
public:
    AmlDemoOffer(const QString &projectDir, bool readOnly, QWidget *parent = nullptr);
    QPushButton *button() const { return m_button; }
    DemoSetup *setup() const { return m_setup; }
    void start();

Q_SIGNALS:
    void ready(); // alerts exist now

private:
    QString m_dir;
    QLabel *m_text;
    QPushButton *m_button;
    QProgressBar *m_progress;
    DemoSetup *m_setup = nullptr;
};

} // namespace seekbench::ui
