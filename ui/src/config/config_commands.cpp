#include "config/config_commands.h"

#include "config/config_document.h"

#include <QCoreApplication>

namespace seekbench::ui {

SetConfigFieldCommand::SetConfigFieldCommand(ConfigDocument *doc, QString path, QString before, QString after,
                                             bool mergeable)
    : m_doc(doc), m_path(std::move(path)), m_before(std::move(before)), m_after(std::move(after)),
      m_mergeable(mergeable)
{
    setText(QCoreApplication::translate("ConfigEditor", "Change %1").arg(m_path));
}

void SetConfigFieldCommand::undo() { m_doc->applyField(m_path, m_before); }
void SetConfigFieldCommand::redo() { m_doc->applyField(m_path, m_after); }

bool SetConfigFieldCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetConfigFieldCommand *>(other);
    if (!next->m_mergeable || next->m_path != m_path)
        return false;
    m_after = next->m_after;
    setObsolete(m_after == m_before);
    return true;
}

ReplaceConfigCommand::ReplaceConfigCommand(ConfigDocument *doc, RunConfig before, RunConfig after, const QString &label,
                                           bool mergeable)
    : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)), m_mergeable(mergeable)
{
    setText(label);
}

void ReplaceConfigCommand::undo() { m_doc->applyConfig(m_before); }
void ReplaceConfigCommand::redo() { m_doc->applyConfig(m_after); }

bool ReplaceConfigCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const ReplaceConfigCommand *>(other);
    if (!next->m_mergeable || next->text() != text())
        return false;
    m_after = next->m_after;
    setObsolete(m_after == m_before);
    return true;
}

} // namespace seekbench::ui
