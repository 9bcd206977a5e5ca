#pragma once

#include <QToolBar>

class QAction;
class QActionGroup;

namespace seekbench::ui {

// The switch between the workbench's modes (Runs, Sweeps): one checkable action each, with
// Ctrl+1, Ctrl+2, in a tool bar at the window's top.
class ModeBar : public QToolBar
{
    Q_OBJECT
public:
    enum Mode { Runs, Sweeps };

    explicit ModeBar(QWidget *parent = nullptr);
    Mode mode() const { return m_mode; }
    void setMode(Mode mode); // emits modeChanged when it changes
    QAction *action(Mode mode) const;
    void retranslate();

Q_SIGNALS:
    void modeChanged(seekbench::ui::ModeBar::Mode mode);

private:
    QActionGroup *m_group;
    QAction *m_runs, *m_sweeps;
    Mode m_mode = Runs;
};

} // namespace seekbench::ui
