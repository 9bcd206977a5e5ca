#include "shell/help_menu.h"

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#ifndef SEEKBENCH_VERSION_TEXT
#define SEEKBENCH_VERSION_TEXT "dev"
#endif

namespace seekbench::ui {

HelpMenu::HelpMenu(QMainWindow *window) : QObject(window), m_window(window)
{
    m_menu = window->menuBar()->addMenu(QString());
    m_menu->setObjectName(QStringLiteral("helpMenu"));
    m_guide = m_menu->addAction(QString(), this, [this] {
        const QString path = userGuidePath();
        if (path.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            QMessageBox::information(m_window, tr("User guide"),
                                     path.isEmpty() ? tr("The user guide (README.md) is not installed beside "
                                                         "Seekbench; it is the README of the source tree.")
                                                    : tr("Open %1 in a viewer of your choice.").arg(path));
    });
    m_guide->setObjectName(QStringLiteral("userGuideAction"));
    m_guide->setShortcut(QKeySequence::HelpContents);
    m_shortcuts = m_menu->addAction(QString(), this, [this] { showShortcuts(); });
    m_shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    m_menu->addSeparator();
    m_about = m_menu->addAction(QString(), this, [this] { showAbout(); });
    m_about->setObjectName(QStringLiteral("aboutAction"));
    m_about->setMenuRole(QAction::AboutRole);
    retranslate();
}

void HelpMenu::retranslate()
{
    m_menu->setTitle(tr("&Help"));
    m_guide->setText(tr("&User guide"));
    m_shortcuts->setText(tr("&Keyboard shortcuts"));
    m_about->setText(tr("&About Seekbench"));
}

QString HelpMenu::userGuidePath()
{
    // Installed under share/doc, or the source tree's README above the build folder.
    const QDir bin(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {bin.filePath(QStringLiteral("../share/doc/seekbench/README.md")),
                                     QStringLiteral("/usr/share/doc/seekbench/README.md")}) {
        const QFileInfo info(candidate);
        if (info.isFile())
            return info.canonicalFilePath();
    }
    QDir dir = bin;
    for (int up = 0; up < 6 && dir.cdUp(); ++up) {
        if (dir.exists(QStringLiteral("README.md")) && dir.exists(QStringLiteral("ui/src"))
            && dir.exists(QStringLiteral("core")))
            return QFileInfo(dir.filePath(QStringLiteral("README.md"))).canonicalFilePath();
    }
    return {};
}

QList<QPair<QString, QString>> HelpMenu::shortcutRows() const
{
    QList<QPair<QString, QString>> rows;
    const auto addFrom = [&rows](const QMenu *menu, const auto &self) -> void {
        for (QAction *a : menu->actions()) {
            if (a->menu())
                self(a->menu(), self);
            else if (!a->shortcut().isEmpty() && !a->isSeparator())
                rows.append({a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                             a->shortcut().toString(QKeySequence::NativeText)});
        }
    };
    for (QAction *top : m_window->menuBar()->actions())
        if (top->menu())
            addFrom(top->menu(), addFrom);
    return rows;
}

void HelpMenu::showShortcuts()
{
    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *table = new QTableWidget(&dialog);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    const auto rows = shortcutRows();
    table->setColumnCount(2);
    table->setRowCount(int(rows.size()));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    // Chart gestures have no action of their own.
    const QList<QPair<QString, QString>> gestures{{tr("Zoom a chart's steps"), tr("Wheel")},
                                                  {tr("Zoom a chart's values"), tr("Ctrl+Wheel")},
                                                  {tr("Reset a chart's view"), tr("Double-click")}};
    for (const auto &g : gestures) {
        const int r = table->rowCount();
        table->insertRow(r);
        table->setItem(r, 0, new QTableWidgetItem(g.first));
        table->setItem(r, 1, new QTableWidgetItem(g.second));
    }
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(480, 520);
    dialog.exec();
}

void HelpMenu::showAbout()
{
    QMessageBox::about(m_window, tr("About Seekbench"),
                       tr("<h3>Seekbench %1</h3><p>A desktop workbench for DeepSeek-style models: configure, "
                          "train on this machine or a Slurm cluster, watch and compare runs, inspect attention, "
                          "and explore the scenario models.</p><p>Built with Qt %2 and LibTorch.</p>")
                           .arg(QStringLiteral(SEEKBENCH_VERSION_TEXT), QString::fromLatin1(qVersion())));
}

} // namespace seekbench::ui
