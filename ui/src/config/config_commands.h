#pragma once

#include "seekbench/config/run_config.h"

#include <QUndoCommand>

namespace seekbench::ui {

class ConfigDocument;

// One field of the config changed: the exact text before and after, so undo and redo
// restore the exact value (doubles are held in their shortest round-trip text).
class SetConfigFieldCommand : public QUndoCommand
{
public:
    SetConfigFieldCommand(ConfigDocument *doc, QString path, QString before, QString after, bool mergeable);

    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override;
    QString path() const { return m_path; }

private:
    ConfigDocument *m_doc;
    QString m_path, m_before, m_after;
    bool m_mergeable;
};

// The whole config replaced: a preset, a file, an import, or an edit of the YAML text.
class ReplaceConfigCommand : public QUndoCommand
{
public:
    ReplaceConfigCommand(ConfigDocument *doc, seekbench::RunConfig before, seekbench::RunConfig after,
                         const QString &label, bool mergeable);

    void undo() override;
    void redo() override;
    int id() const override { return 2; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    ConfigDocument *m_doc;
    seekbench::RunConfig m_before, m_after;
    bool m_mergeable;
};

} // namespace seekbench::ui
