#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace seekbench::ui {

// What a new project starts with: its scenario and the example run configs copied into
// its configs/ folder (from the app's resources). Blank starts empty.
struct ProjectTemplate
{
    QString id;
    QString title;         // translated
    QString description;   // translated
    QString scenario;      // recorded in the project's manifest
    QStringList configs;   // resource paths, copied to <project>/configs/<file name>
    bool demoData = false; // filled after creation by DemoSetup (project/demo_setup.h)
};

QList<ProjectTemplate> projectTemplates();
// The template with `id`; a Blank one with an empty id when unknown.
ProjectTemplate projectTemplate(const QString &id);
// Copies a template's example configs into an existing project's configs/ folder, each
// one that is not there yet (an existing file is never overwritten). Throws naming the
// file that could not be written.
void addTemplateConfigs(const QString &dir, const QString &templateId);

// Creates the project at `dir` from the template with `templateId` (throws
// std::runtime_error naming an unknown template or a file that cannot be written).
void createProjectFromTemplate(const QString &dir, const QString &name, const QString &description,
                               const QString &templateId);

} // namespace seekbench::ui
