#include "shell/mode_bar.h"

#include <QAction>
#include <QActionGroup>

namespace seekbench::ui {

ModeBar::ModeBar(QWidget *parent) : QToolBar(parent)
{
    setObjectName(QStringLiteral("modeBar"));
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_group = new QActionGroup(this);
    m_group->setExclusive(true);
    auto make = [this](const char *name, Qt::Key key, Mode mode) {
        auto *a = new QAction(this);
        a->setObjectName(QString::fromLatin1(name));
        a->setCheckable(true);
        a->setShortcut(QKeySequence(Qt::CTRL | key));
        m_group->addAction(a);
        addAction(a);
        connect(a, &QAction::triggered, this, [this, mode] { setMode(mode); });
        return a;
    };
    m_runs = make("runsModeAction", Qt::Key_1, Runs);
    m_sweeps = make("sweepsModeAction", Qt::Key_2, Sweeps);
    m_runs->setChecked(true);
    retranslate();
}

QAction *ModeBar::action(Mode mode) const { return mode == Runs ? m_runs : m_sweeps; }

void ModeBar::setMode(Mode mode)
{
    action(mode)->setChecked(true);
    if (mode == m_mode)
        return;
    m_mode = mode;
    Q_EMIT modeChanged(mode);
}

void ModeBar::retranslate()
{
    setWindowTitle(tr("Modes"));
    m_runs->setText(tr("Runs"));
    m_runs->setToolTip(tr("Runs: launch, watch and compare training runs (%1)")
                           .arg(m_runs->shortcut().toString(QKeySequence::NativeText)));
    m_sweeps->setText(tr("Sweeps"));
    m_sweeps->setToolTip(tr("Sweeps: hyperparameter searches, their trials and charts (%1)")
                             .arg(m_sweeps->shortcut().toString(QKeySequence::NativeText)));
}

} // namespace seekbench::ui
