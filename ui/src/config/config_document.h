#pragma once

#include "seekbench/config/run_config.h"

#include <QObject>
#include <QString>

class QUndoStack;

namespace seekbench::ui {

// The run config being edited and its undo stack (style.md, practice 7). Every change
// goes through a QUndoCommand: one per field change (typing in one field merges into
// one command until the edit is closed), or one for a whole-config replacement (a
// preset, a file, an import, an edit of the YAML text).
class ConfigDocument : public QObject
{
    Q_OBJECT
public:
    explicit ConfigDocument(QObject *parent = nullptr);

    const seekbench::RunConfig &config() const { return m_config; }
    QUndoStack *undoStack() const { return m_undo; }

    // Sets one schema field (dotted path) from text, as one undoable command. Returns
    // false, changing nothing, when the path is unknown or the text is not of the field's
    // type. Setting the value it already has pushes nothing.
    bool setField(const QString &path, const QString &text);
    // Replaces the whole config, undoably. Consecutive mergeable replacements (typing in
    // the YAML view) are one command.
    void replaceConfig(const seekbench::RunConfig &config, const QString &label, bool mergeable = false);
    // Starts over from `config`: not undoable; the stack is cleared and marked clean.
    void reset(const seekbench::RunConfig &config);
    // The next edit starts a new command even in the same field (the field lost focus).
    void closeMerge() { m_mergeOpen = false; }
    // Undo and redo close the open edit first, so typing after an undo is a new command.
    void undo();
    void redo();

    // Used by the commands only: apply without pushing.
    void applyField(const QString &path, const QString &text);
    void applyConfig(const seekbench::RunConfig &config);
    bool takeMergeOpen();

Q_SIGNALS:
    void changed();

private:
    seekbench::RunConfig m_config;
    QUndoStack *m_undo;
    bool m_mergeOpen = false;
};

} // namespace seekbench::ui
