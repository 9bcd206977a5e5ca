#include "project/project_templates.h"

#include "project/project_session.h"
#include "seekbench/projects/project_layout.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <stdexcept>

namespace seekbench::ui {

QList<ProjectTemplate> projectTemplates()
{
    // Explicit translate() calls: lupdate files them under this context (a lambda named
    // tr would be filed under the namespace and never found at run time).
    return {
        {QStringLiteral("blank"),
         QCoreApplication::translate("ProjectTemplates", "Blank project"),
         QCoreApplication::translate("ProjectTemplates", "An empty project: bring your own run configs."),
         QString(),
         {}},
        {QStringLiteral("text_classification"),
         QCoreApplication::translate("ProjectTemplates", "Text classification (synthetic)"),
         QCoreApplication::translate(
             "ProjectTemplates",
             "DeepSeek-style transformers on a synthetic text task with planted patterns: tiny, small and MoE "
             "configs, ready to launch."),
         QStringLiteral("text_classification"),
         {QStringLiteral(":/configs/tiny.yaml"), QStringLiteral(":/configs/small.yaml"),
          QStringLiteral(":/configs/moe.yaml")}},
        {QStringLiteral("aml"),
         QCoreApplication::translate("ProjectTemplates", "Anti-money laundering (synthetic)"),
         QCoreApplication::translate(
             "ProjectTemplates",
             "Synthetic transfers with planted laundering rings (fan-out, cycles, ...), a dynamic graph model "
             "against XGBoost, and its alerts: generated and trained on creation (configs/aml_demo.yaml, a minute or two), then open "
             "View > Anti-money laundering."),
         QStringLiteral("aml"),
         {QStringLiteral(":/configs/aml.yaml"), QStringLiteral(":/configs/aml_demo.yaml")},
         true},
        {QStringLiteral("pdm"),
         QCoreApplication::translate("ProjectTemplates", "Predictive maintenance (simulated fleet)"),
         QCoreApplication::translate(
             "ProjectTemplates",
             "A simulated fleet of 40 machines with sensors, operating regimes, three failure modes and a "
             "maintenance log; an LSTM with sensor and temporal attention against XGBoost and the plant's "
             "threshold rule, its failure alerts and the maintenance policies: generated and trained on creation "
             "(configs/pdm_demo.yaml, a minute or two), then open View > Predictive maintenance."),
         QStringLiteral("pdm"),
         {QStringLiteral(":/configs/pdm.yaml"), QStringLiteral(":/configs/pdm_demo.yaml")},
         true},
        {QStringLiteral("kg"),
         QCoreApplication::translate("ProjectTemplates", "Medical knowledge graph (generated corpus)"),
         QCoreApplication::translate(
             "ProjectTemplates",
             "A synthetic medical ontology (common and rare diseases, symptoms, genes, drugs, lab tests) and 600 "
             "clinical documents generated from it; an encoder extracting entities and relations against the "
             "dictionary baseline, and the knowledge graph it builds, with the evidence of every edge: generated "
             "and trained on creation (configs/kg_demo.yaml, about half a minute), then open View > Knowledge "
             "graph."),
         QStringLiteral("kg"),
         {QStringLiteral(":/configs/kg.yaml"), QStringLiteral(":/configs/kg_demo.yaml")},
         true},
    };
}

ProjectTemplate projectTemplate(const QString &id)
{
    for (const ProjectTemplate &t : projectTemplates())
        if (t.id == id)
            return t;
    return {};
}

void createProjectFromTemplate(const QString &dir, const QString &name, const QString &description,
                               const QString &templateId)
{
    const QList<ProjectTemplate> all = projectTemplates();
    const auto it = std::find_if(all.begin(), all.end(), [&](const ProjectTemplate &t) { return t.id == templateId; });
    if (it == all.end())
        throw std::runtime_error("unknown project template '" + templateId.toStdString() + "'");
    ProjectSession::create(dir, name, description, it->scenario);
    addTemplateConfigs(dir, templateId);
}

void addTemplateConfigs(const QString &dir, const QString &templateId)
{
    const ProjectTemplate t = projectTemplate(templateId);
    if (t.configs.isEmpty())
        return;
    const QString configs = QString::fromStdString(projects::ProjectLayout(dir.toStdString()).configsDir().string());
    QDir().mkpath(configs);
    for (const QString &resource : t.configs) {
        QFile in(resource);
        const QString target = QDir(configs).filePath(QFileInfo(resource).fileName());
        if (QFileInfo::exists(target))
            continue;
        QFile out(target);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly | QIODevice::NewOnly)
            || out.write(in.readAll()) < 0 || !out.flush())
            throw std::runtime_error("cannot write " + target.toStdString() + ": " + out.errorString().toStdString());
    }
}

} // namespace seekbench::ui
