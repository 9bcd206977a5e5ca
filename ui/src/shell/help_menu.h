#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace seekbench::ui {

// The Help menu: the user guide (the README beside the program, or installed under
// share/doc), the keyboard shortcuts of every menu (read from the actions themselves, so
// the list cannot go stale) and About.
class HelpMenu : public QObject
{
    Q_OBJECT
public:
    explicit HelpMenu(QMainWindow *window);
    QMenu *menu() const { return m_menu; }
    void retranslate();

    // The README the user guide opens, or an empty string when none is found.
    static QString userGuidePath();
    // "Action — shortcut" rows for every action with a shortcut in the window's menus.
    QList<QPair<QString, QString>> shortcutRows() const;
    void showShortcuts();
    void showAbout();

private:
    QMainWindow *m_window;
    QMenu *m_menu;
    QAction *m_guide, *m_shortcuts, *m_about;
};

} // namespace seekbench::ui
