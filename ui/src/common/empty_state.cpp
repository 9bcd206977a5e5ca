#include "common/empty_state.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace seekbench::ui {

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_text(new QLabel(this)), m_buttons(new QWidget(this))
{
    setObjectName(QStringLiteral("emptyState"));
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    m_text->setObjectName(QStringLiteral("emptyStateText"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setMaximumWidth(560);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QHBoxLayout(m_buttons);
    buttons->setContentsMargins(0, 8, 0, 0);
    // The sentence wraps at up to 560 px, centred: stretches either side, not an
    // alignment, so the label gets the width its height depends on.
    auto *textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(m_text, 100);
    textRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_title);
    layout->addLayout(textRow);
    layout->addWidget(m_buttons, 0, Qt::AlignHCenter);
    layout->addStretch(3);
}

void EmptyState::setTitle(const QString &title) { m_title->setText(title); }

void EmptyState::setText(const QString &text) { m_text->setText(text); }

QString EmptyState::title() const { return m_title->text(); }

QString EmptyState::text() const { return m_text->text(); }

void EmptyState::setActions(const QList<QAction *> &actions)
{
    m_actions = actions;
    rebuildButtons();
}

void EmptyState::rebuildButtons()
{
    auto *layout = static_cast<QHBoxLayout *>(m_buttons->layout());
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (QAction *action : std::as_const(m_actions)) {
        auto *button = new QPushButton(m_buttons);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        auto update = [button, action] {
            QString label = action->text().remove(QLatin1Char('&'));
            const QString keys = action->shortcut().toString(QKeySequence::NativeText);
            if (!keys.isEmpty())
                label += QStringLiteral("  (%1)").arg(keys);
            button->setText(label);
            button->setEnabled(action->isEnabled());
            button->setToolTip(action->toolTip());
        };
        update();
        connect(action, &QAction::changed, button, update);
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        layout->addWidget(button);
    }
    if (!m_actions.isEmpty())
        static_cast<QPushButton *>(layout->itemAt(0)->widget())->setDefault(true);
}

} // namespace seekbench::ui
