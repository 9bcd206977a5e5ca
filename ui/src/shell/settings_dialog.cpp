#include "shell/settings_dialog.h"

#include "shell/app_setup.h"
#include "shell/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>

namespace seekbench::ui {

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto *form = new QFormLayout(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System language"), QStringLiteral("system"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(AppSetup::language())));
    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    for (auto c : {Theme::Choice::System, Theme::Choice::Light, Theme::Choice::Dark})
        m_theme->addItem(Theme::name(c), static_cast<int>(c));
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(Theme::saved())));
    m_grace = new QSpinBox(this);
    m_grace->setRange(5, 600);
    m_grace->setSuffix(tr(" s"));
    m_grace->setValue(QSettings().value(QStringLiteral("runs/stopGraceSeconds"), 30).toInt());
    m_concurrent = new QSpinBox(this);
    m_concurrent->setObjectName(QStringLiteral("maxConcurrentSpin"));
    m_concurrent->setRange(0, 64);
    m_concurrent->setSpecialValueText(tr("Automatic (cores / threads per run)"));
    m_concurrent->setValue(QSettings().value(QStringLiteral("runs/maxConcurrent"), 0).toInt());
    form->addRow(tr("Language (after restart)"), m_language);
    form->addRow(tr("Theme"), m_theme);
    form->addRow(tr("Stop: kill after"), m_grace);
    form->addRow(tr("Runs at once on this machine"), m_concurrent);
    m_blas = new QCheckBox(tr("Choose OpenBLAS kernels for this processor"), this);
    m_blas->setObjectName(QStringLiteral("blasSelectionCheck"));
    m_blas->setToolTip(tr("When OpenBLAS falls back to its generic kernels on a processor with AVX-512 or AVX2, runs "
                          "restart with the matching ones after checking their results (often 2-3x faster). An "
                          "OPENBLAS_CORETYPE you set yourself is always kept."));
    m_blas->setChecked(AppSetup::blasSelection());
    form->addRow(QString(), m_blas);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

void SettingsDialog::accept()
{
    const QString language = m_language->currentData().toString();
    if (language != AppSetup::language()) {
        AppSetup::setLanguage(language);
        QMessageBox::information(this, tr("Language"), tr("The new language applies when Seekbench restarts."));
    }
    const auto theme = static_cast<Theme::Choice>(m_theme->currentData().toInt());
    Theme::save(theme);
    Theme::apply(theme);
    QSettings().setValue(QStringLiteral("runs/stopGraceSeconds"), m_grace->value());
    QSettings().setValue(QStringLiteral("runs/maxConcurrent"), m_concurrent->value());
    AppSetup::setBlasSelection(m_blas->isChecked());
    QDialog::accept();
}

} // namespace seekbench::ui
