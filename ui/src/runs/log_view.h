#pragma once

#include <QHash>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace seekbench::ui {

// A run's log files (stdout and stderr of each attempt, kept in its folder), followed
// as they grow, with a search field.
class LogView : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(QWidget *parent = nullptr);

    void setRunDir(const QString &runDir);
    QString text() const;
    // Selects the next match of `text`; false when there is none.
    bool findNext(const QString &text, bool backwards = false);
    // The last lines of the run's stderr logs (for a crashed run's summary).
    static QString lastLines(const QString &runDir, int lines);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refreshFiles();
    void loadCurrent(bool append);

    QComboBox *m_files = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_matches = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QTimer m_timer;
    QString m_runDir;
    qint64 m_offset = 0;
    bool m_userChose = false; // a file picked by hand is kept; else the newest attempt's log
};

} // namespace seekbench::ui
