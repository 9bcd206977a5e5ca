#include "shell/notifier.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

namespace seekbench::ui {

Notifier::Notifier(QObject *parent) : QObject(parent)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon().isNull()
                                         ? QApplication::style()->standardIcon(QStyle::SP_ComputerIcon)
                                         : QApplication::windowIcon(),
                                     this);
        m_tray->show();
    }
}

void Notifier::notify(const QString &title, const QString &text)
{
    m_history << title + QStringLiteral(": ") + text;
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 8000);
}

} // namespace seekbench::ui
