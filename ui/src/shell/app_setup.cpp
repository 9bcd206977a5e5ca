#include "shell/app_setup.h"

#include "shell/theme.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace seekbench::ui {

void AppSetup::configure(QApplication &app)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Seekbench"));
    QCoreApplication::setApplicationName(QStringLiteral("Seekbench"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Seekbench"));
    installTranslator(language());
    Theme::apply(Theme::saved());
    setBlasSelection(blasSelection());
    Q_UNUSED(app);
}

QString AppSetup::language()
{
    return QSettings().value(QStringLiteral("ui/language"), QStringLiteral("system")).toString();
}

void AppSetup::setLanguage(const QString &language) { QSettings().setValue(QStringLiteral("ui/language"), language); }

bool AppSetup::blasSelection() { return QSettings().value(QStringLiteral("runs/blasSelection"), true).toBool(); }

void AppSetup::setBlasSelection(bool on)
{
    QSettings().setValue(QStringLiteral("runs/blasSelection"), on);
    if (on)
        qunsetenv("SEEKBENCH_BLAS_SELECT");
    else
        qputenv("SEEKBENCH_BLAS_SELECT", "0");
}

bool AppSetup::installTranslator(const QString &language)
{
    QString wanted = language;
    if (wanted == QLatin1String("system"))
        wanted = QLocale::system().name().startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN")
                                                                          : QStringLiteral("en");
    if (wanted != QLatin1String("zh_CN")) {
        // English needs only its plural forms ("1 run compared", "3 runs compared").
        auto *plurals = new QTranslator(qApp);
        if (plurals->load(QStringLiteral(":/i18n/seekbench_en.qm")))
            QCoreApplication::installTranslator(plurals);
        else
            delete plurals;
        return false;
    }
    auto *ours = new QTranslator(qApp);
    if (!ours->load(QStringLiteral(":/i18n/seekbench_zh_CN.qm"))) {
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    // Qt's own dialogs (buttons, file dialogs) when Qt's translations are installed.
    auto *qt = new QTranslator(qApp);
    if (qt->load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return true;
}

} // namespace seekbench::ui
