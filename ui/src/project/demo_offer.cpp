#include "project/demo_offer.h"

#include "project/demo_setup.h"
#include "project/project_templates.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace seekbench::ui {

DemoOffer::DemoOffer(const QString &projectDir, const QString &scenario, bool readOnly, QWidget *parent)
    : QWidget(parent), m_dir(projectDir), m_scenario(scenario), m_text(new QLabel(this)),
      m_button(new QPushButton(this)), m_progress(new QProgressBar(this))
{
    const bool pdm = scenario == QStringLiteral("pdm");
    const bool kg = scenario == QStringLiteral("kg");
    setObjectName(scenario + QStringLiteral("DemoOffer"));
    auto *title = new QLabel(pdm  ? tr("No predictive maintenance results in this project yet")
                             : kg ? tr("No knowledge graph in this project yet")
                                  : tr("No alerts in this project yet"),
                             this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    m_text->setObjectName(scenario + QStringLiteral("DemoOfferText"));
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setMaximumWidth(620);
    m_text->setText(
        kg    ? tr("A knowledge graph is built from the entities and relations a model extracts from clinical text. "
                      "Set up the demo here: a clinical corpus of 600 documents is generated from a synthetic ontology, "
                      "the entity and relation model is trained as a run of this project (about half a minute; its "
                      "curves show in the main window) and its graph is stored. Or import an annotated corpus with "
                      "seekbench-cli kg import.")
        : pdm ? tr("Machine health, failure alerts and maintenance policies come from a sensor model trained on a "
                   "fleet of the project. Set up the demo here: a fleet of 40 machines is simulated and the model "
                   "is trained and evaluated as a run of this project (a minute or two; its curves show in the main "
                   "window). Or bring your own readings with seekbench-cli pdm import.")
              : tr("Alerts come from an AML model trained on the project's transfers. Set up the demo here: "
                   "synthetic transfers with planted laundering rings are generated and the graph model is "
                   "trained as a run of this project (a few minutes; its curves show in the main window). Or "
                   "launch your own AML config from Runs > Launch run."));
    m_button->setObjectName(scenario + QStringLiteral("DemoButton"));
    m_button->setText(pdm  ? tr("Set up the predictive maintenance demo")
                      : kg ? tr("Set up the knowledge graph demo")
                           : tr("Set up the AML demo"));
    m_button->setDefault(true);
    if (readOnly) {
        m_button->setEnabled(false);
        m_button->setToolTip(tr("The project is read-only: no data can be generated in it."));
    }
    m_progress->setObjectName(scenario + QStringLiteral("DemoProgress"));
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
    connect(m_button, &QPushButton::clicked, this, &DemoOffer::start);
}

void DemoOffer::start()
{
    if (m_setup)
        return;
    try {
        addTemplateConfigs(m_dir, m_scenario); // the demo config, when the project lacks it
    } catch (const std::exception &e) {
        m_text->setText(tr("Cannot set up the demo: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_setup = new DemoSetup(m_dir, this, m_scenario);
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
