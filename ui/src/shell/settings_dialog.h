#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace seekbench::ui {

// Preferences: language (applies after restart), theme, stop grace period, how many
// runs may train at once.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    void accept() override;

private:
    QComboBox *m_language;
    QComboBox *m_theme;
    QSpinBox *m_grace;
    QSpinBox *m_concurrent;
    QCheckBox *m_blas;
};

} // namespace seekbench::ui
