#pragma once

#include <QObject>
#include <QStringList>

class QSystemTrayIcon;

namespace seekbench::ui {

// Desktop notifications (a run finished, failed or diverged) through the system tray
// when the desktop has one; every notification is also kept for the status bar.
class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(QObject *parent = nullptr);
    void notify(const QString &title, const QString &text);
    QStringList history() const { return m_history; }

private:
    QSystemTrayIcon *m_tray = nullptr;
    QStringList m_history;
};

} // namespace seekbench::ui
