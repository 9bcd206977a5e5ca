#pragma once

#include <QCoreApplication>
#include <QString>

class QApplication;

namespace seekbench::ui {

// What the GUI sets up before its first window: names for QSettings, the language
// (system, English or 简体中文; a change applies after restart), the theme.
class AppSetup
{
    Q_DECLARE_TR_FUNCTIONS(AppSetup)
public:
    static void configure(QApplication &app);
    // "system", "en" or "zh_CN".
    static QString language();
    static void setLanguage(const QString &language);
    // Loads the translation for `language` into the application; false for English.
    static bool installTranslator(const QString &language);
    // Whether runs choose OpenBLAS kernels for this processor (issue 29; on by default).
    // Applied to this process's environment (SEEKBENCH_BLAS_SELECT=0 when off), which
    // every seekbench-cli the GUI starts inherits.
    static bool blasSelection();
    static void setBlasSelection(bool on);
};

} // namespace seekbench::ui
