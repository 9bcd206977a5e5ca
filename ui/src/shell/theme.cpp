#include "shell/theme.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace seekbench::ui {

namespace {
QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(225, 225, 225), highlight(42, 130, 218);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Link, highlight);
    p.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
    return p;
}
} // namespace

Theme::Choice Theme::saved()
{
    const QString v = QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("system")).toString();
    return v == QLatin1String("dark") ? Choice::Dark : v == QLatin1String("light") ? Choice::Light : Choice::System;
}

void Theme::save(Choice choice)
{
    QSettings().setValue(QStringLiteral("ui/theme"), choice == Choice::Dark    ? QStringLiteral("dark")
                                                     : choice == Choice::Light ? QStringLiteral("light")
                                                                               : QStringLiteral("system"));
}

bool Theme::systemPrefersDark()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.portal.Desktop"),
                                                       QStringLiteral("/org/freedesktop/portal/desktop"),
                                                       QStringLiteral("org.freedesktop.portal.Settings"),
                                                       QStringLiteral("Read"));
    call << QStringLiteral("org.freedesktop.appearance") << QStringLiteral("color-scheme");
    const QDBusMessage reply = bus.call(call, QDBus::Block, 500);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return false;
    // The value arrives as a variant, nested once more by some portal versions.
    QVariant v = reply.arguments().front();
    while (v.canConvert<QDBusVariant>() && v.userType() == qMetaTypeId<QDBusVariant>())
        v = v.value<QDBusVariant>().variant();
    return v.toUInt() == 1; // 0: no preference, 1: prefer dark, 2: prefer light
}

void Theme::apply(Choice choice)
{
    const bool dark = choice == Choice::Dark || (choice == Choice::System && systemPrefersDark());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
}

QString Theme::name(Choice choice)
{
    switch (choice) {
    case Choice::System: return tr("System");
    case Choice::Light: return tr("Light");
    case Choice::Dark: return tr("Dark");
    }
    return QString();
}

} // namespace seekbench::ui
