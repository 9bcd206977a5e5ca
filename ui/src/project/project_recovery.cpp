#include "project/project_recovery.h"

#include "seekbench/projects/project.h"

#include <QApplication>
#include <QDir>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace seekbench::ui {

QString ProjectRecovery::problemText(const QString &error)
{
    QString text = error;
    // The CLI's way out ("To recover, run `seekbench-cli project recover …`") is the
    // Recover button here.
    for (const QLatin1String hint :
         {QLatin1String(" To recover, run `"), QLatin1String(" To start a fresh one, run `")}) {
        const qsizetype at = text.indexOf(hint);
        if (at >= 0)
            text.truncate(at);
    }
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text.trimmed();
}

QString ProjectRecovery::reportText(const QString &movedTo, const QStringList &salvaged, const QStringList &lost)
{
    QString text = QApplication::translate("ProjectRecovery", "The damaged store was moved to %1.").arg(movedTo);
    text += QLatin1Char('\n')
            + (salvaged.isEmpty() ? QApplication::translate("ProjectRecovery", "No table could be read back.")
                                  : QApplication::translate("ProjectRecovery", "Salvaged: %1.")
                                        .arg(salvaged.join(QStringLiteral(", "))));
    if (!lost.isEmpty())
        text += QLatin1Char('\n')
                + QApplication::translate("ProjectRecovery", "Lost (SQLite could not read them): %1.")
                      .arg(lost.join(QStringLiteral(", ")));
    return text;
}

bool ProjectRecovery::offer(QWidget *parent, const QString &dir, const QString &error)
{
    QMessageBox ask(QMessageBox::Warning, QApplication::translate("ProjectRecovery", "The run store is damaged"),
                    problemText(error), QMessageBox::Cancel, parent);
    ask.setObjectName(QStringLiteral("damagedStoreDialog"));
    ask.setInformativeText(
        QApplication::translate("ProjectRecovery",
                                "Recover moves the damaged file aside (seekbench.db.damaged-<time>) and salvages every "
                                "table SQLite can still read into a fresh store. Nothing is deleted."));
    QPushButton *recover = ask.addButton(QApplication::translate("ProjectRecovery", "Recover"), QMessageBox::AcceptRole);
    recover->setObjectName(QStringLiteral("recoverButton"));
    ask.setDefaultButton(recover);
    ask.exec();
    if (ask.clickedButton() != recover)
        return false;

    // Salvaging a large store takes a while: off the GUI thread, with a busy indicator.
    QProgressDialog busy(QApplication::translate("ProjectRecovery", "Recovering the run store…"), QString(), 0, 0,
                         parent);
    busy.setWindowModality(Qt::WindowModal);
    busy.setMinimumDuration(300);
    QFutureWatcher<std::optional<projects::Project::Recovery>> watcher;
    QString failure;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &busy, &QProgressDialog::reset);
    watcher.setFuture(QtConcurrent::run([path = QDir(dir).absolutePath().toStdString(), &failure]() {
        try {
            return std::optional(projects::Project::recoverDamaged(path));
        } catch (const std::exception &e) {
            failure = QString::fromUtf8(e.what());
            return std::optional<projects::Project::Recovery>();
        }
    }));
    if (!watcher.isFinished())
        busy.exec();
    watcher.waitForFinished();
    const auto result = watcher.result();
    if (!result) {
        QMessageBox::critical(parent, QApplication::translate("ProjectRecovery", "Recovery failed"),
                              problemText(failure));
        return false;
    }
    QStringList salvaged, lost;
    for (const auto &t : result->salvaged)
        salvaged << QString::fromStdString(t);
    for (const auto &t : result->lost)
        lost << QString::fromStdString(t);
    QMessageBox::information(parent, QApplication::translate("ProjectRecovery", "Run store recovered"),
                             reportText(QString::fromStdString(result->movedTo.string()), salvaged, lost));
    return true;
}

} // namespace seekbench::ui
