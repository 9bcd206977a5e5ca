#pragma once

#include <QCoreApplication>
#include <QString>

namespace seekbench::ui {

// Light, Dark or System. Qt 6.4 has no colour-scheme hint, so System asks the desktop
// portal (org.freedesktop.appearance color-scheme over D-Bus) and falls back to Light.
class Theme
{
    Q_DECLARE_TR_FUNCTIONS(Theme)
public:
    enum class Choice { System, Light, Dark };

    static Choice saved();
    static void save(Choice choice);
    // Applies the choice to the running application (Fusion style with a palette).
    static void apply(Choice choice);
    // Whether the desktop prefers dark (portal value 1); false when it cannot tell.
    static bool systemPrefersDark();
    static QString name(Choice choice);
};

} // namespace seekbench::ui
