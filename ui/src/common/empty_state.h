#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QVBoxLayout;

namespace seekbench::ui {

// What a view shows while it has nothing to show: a title, a sentence that says what to
// do, and a button for each thing to do (an action's text with its shortcut). Never
// empty charts with made-up axes.
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);
    void setTitle(const QString &title);
    void setText(const QString &text);
    // Buttons for these actions, in this order; they follow the actions' text, shortcut
    // and enabled state.
    void setActions(const QList<QAction *> &actions);
    QString title() const;
    QString text() const;
    QList<QAction *> actions() const { return m_actions; }

private:
    void rebuildButtons();

    QLabel *m_title;
    QLabel *m_text;
    QWidget *m_buttons;
    QList<QAction *> m_actions;
};

} // namespace seekbench::ui
