#include "config/config_document.h"

#include "config/config_commands.h"
#include "seekbench/config/config_schema.h"

#include <QUndoStack>

namespace seekbench::ui {

ConfigDocument::ConfigDocument(QObject *parent) : QObject(parent), m_undo(new QUndoStack(this)) { m_undo->setClean(); }

bool ConfigDocument::setField(const QString &path, const QString &text)
{
    const ConfigField *field = findConfigField(path.toStdString());
    if (!field)
        return false;
    RunConfig probe = m_config;
    if (!field->set(probe, text.toStdString()))
        return false;
    const QString before = QString::fromStdString(field->get(m_config));
    const QString after = QString::fromStdString(field->get(probe));
    if (before == after)
        return true;
    m_undo->push(new SetConfigFieldCommand(this, path, before, after, takeMergeOpen()));
    m_mergeOpen = true;
    return true;
}

void ConfigDocument::replaceConfig(const RunConfig &config, const QString &label, bool mergeable)
{
    if (config == m_config)
        return;
    m_undo->push(new ReplaceConfigCommand(this, m_config, config, label, mergeable && takeMergeOpen()));
    m_mergeOpen = mergeable;
}

void ConfigDocument::reset(const RunConfig &config)
{
    m_undo->clear();
    m_mergeOpen = false;
    applyConfig(config);
    m_undo->setClean();
}

void ConfigDocument::undo()
{
    m_mergeOpen = false;
    m_undo->undo();
}

void ConfigDocument::redo()
{
    m_mergeOpen = false;
    m_undo->redo();
}

bool ConfigDocument::takeMergeOpen()
{
    const bool open = m_mergeOpen;
    m_mergeOpen = false;
    return open;
}

void ConfigDocument::applyField(const QString &path, const QString &text)
{
    if (const ConfigField *field = findConfigField(path.toStdString()))
        field->set(m_config, text.toStdString());
    Q_EMIT changed();
}

void ConfigDocument::applyConfig(const RunConfig &config)
{
    m_config = config;
    Q_EMIT changed();
}

} // namespace seekbench::ui
