#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace seekbench::ui {

// Unsaved edits of the launch editor, kept in the project's drafts/ folder so that they
// survive a crash of the GUI: one JSON file (the YAML text, the run name, when it was
// saved), written atomically. Launching or discarding removes it.
class ConfigDraft
{
public:
    struct Content
    {
        QString yaml;
        QString runName;
        QDateTime savedAt;
    };

    explicit ConfigDraft(const QString &projectDir);

    QString path() const { return m_path; }
    bool exists() const;
    bool save(const QString &yaml, const QString &runName, QString *error = nullptr);
    // The draft, or nothing when there is none or it is not a draft this code wrote
    // (the project folder is untrusted: malformed or oversized files are ignored).
    std::optional<Content> load() const;
    void discard();

private:
    QString m_path;
};

} // namespace seekbench::ui
