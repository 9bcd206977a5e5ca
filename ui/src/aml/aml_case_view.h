#pragma once

#include "aml/aml_case_loader.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSlider;

namespace seekbench::widgets {
class ActivityChart;
class EgoGraphView;
} // namespace seekbench::widgets

namespace seekbench::ui {

// One case: the transaction graph around the account with a time slider (the ego network
// over time) and the traced chains drawn on it, the account's activity, the reason codes,
// the analyst's status and notes (saved in the project), and the report export.
class AmlCaseView : public QWidget
{
    Q_OBJECT
public:
    explicit AmlCaseView(std::shared_ptr<const projects::Project> project, QWidget *parent = nullptr);

    void openAlert(qint64 alertId);
    void openAccount(const QString &name);
    const AmlCaseData *current() const { return m_data.get(); }
    qint64 alertId() const;
    // The slider's time (seconds since 1970 UTC): transfers after it are hidden.
    void setTimeCutoff(double ts);
    double timeCutoff() const;
    widgets::EgoGraphView *graph() const { return m_graph; }
    // Saves the status (one of new, reviewing, escalated, dismissed) and the notes now.
    bool saveAnalystChanges();
    // The status or notes differ from what the project holds for the open alert.
    bool hasUnsavedChanges() const;
    QString exportReport(const QString &path); // by suffix: .html or .pdf; '' on success
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void caseOpened(qint64 alertId);
    void caseFailed(const QString &message);
    void alertChanged(qint64 alertId); // status or notes saved
    void message(const QString &text);

private:
    void showCase(std::shared_ptr<AmlCaseData> data);
    void showError(const QString &message);
    void sliderMoved(int value);
    void chooseReport();

    std::shared_ptr<const projects::Project> m_project;
    AmlCaseLoader *m_loader;
    std::shared_ptr<AmlCaseData> m_data;
    QLabel *m_title, *m_summary, *m_timeLabel;
    widgets::EgoGraphView *m_graph;
    QSlider *m_slider;
    widgets::ActivityChart *m_activity;
    QListWidget *m_reasons;
    QComboBox *m_status;
    QPlainTextEdit *m_notes;
    QPushButton *m_save, *m_export;
    double m_t0 = 0, m_t1 = 1;
    QString m_lastError;
};

} // namespace seekbench::ui
