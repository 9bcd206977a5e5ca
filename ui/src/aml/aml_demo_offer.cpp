#include "aml/aml_demo_offer.h"

#include "project/demo_setup.h"
#include "project/project_templates.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace seekbench::ui {

AmlDemoOffer::AmlDemoOffer(const QString &projectDir, bool readOnly, QWidget *parent)
    : QWidget(parent), m_dir(projectDir), m_text(new QLabel(this)), m_button(new QPushButton(this)),
      m_progress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("amlDemoOffer"));
    auto *title = new QLabel(tr("No alerts in this project yet"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    m_text->setObjectName(QStringLiteral("amlDemoOfferText"));
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setMaximumWidth(620);
    m_text->setText(tr("Alerts come from an AML model trained on the project's transfers. Set up the demo here: "
                       "synthetic transfers with planted laundering rings are generated and the graph model is "
                       "trained as a run of this project (a few minutes; its curves show in the main window). Or "
                       "launch your own AML config from Runs > Launch run."));
    m_button->setObjectName(QStringLiteral("amlDemoButton"));
    m_button->setText(tr("Set up the AML demo"));
    m_button->setDefault(true);
    if (readOnly) {
        m_button->setEnabled(false);
        m_button->setToolTip(tr("The project is read-only: no data can be generated in it."));
    }
    m_progress->setObjectName(QStringLiteral("amlDemoProgress"));
    m_progress->setRange(0, 100);
    QSizePolicy keep = m_progress->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_progress->setSizePolicy(keep);
    m_progress->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(title);
    layout->addWidget(m_text, 0, Qt::AlignHCenter);
    layout->addWidget(m_button, 0, Qt::AlignHCenter);
    layout->addWidget(m_progress);
    layout->addStretch(3);
    connect(m_button, &QPushButton::clicked, this, &AmlDemoOffer::start);
}

void AmlDemoOffer::start()
{
    if (m_setup)
        return;
    try {
        addTemplateConfigs(m_dir, QStringLiteral("aml")); // aml_demo.yaml, when the project lacks it
    } catch (const std::exception &e) {
        m_text->setText(tr("Cannot set up the demo: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_setup = new DemoSetup(m_dir, this);
    m_button->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    connect(m_setup, &DemoSetup::progress, this, [this](int percent, const QString &text) {
        m_progress->setValue(percent);
        m_text->setText(text);
    });
    connect(m_setup, &DemoSetup::finished, this, [this](bool ok, const QString &message) {
        m_progress->hide();
        m_setup->deleteLater();
        m_setup = nullptr;
        if (ok) {
            Q_EMIT ready();
            return;
        }
        m_text->setText(message);
        m_button->setEnabled(true);
    });
    const bool started = m_setup->start(); // a failure to start reports through finished()
    if (!started && m_setup) {
        m_progress->hide();
        m_button->setEnabled(true);
    }
}

} // namespace seekbench::ui
