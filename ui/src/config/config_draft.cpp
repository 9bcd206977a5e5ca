#include "config/config_draft.h"

#include "common/project_paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace seekbench::ui {

namespace {
constexpr qint64 kMaxDraftBytes = 4 * 1024 * 1024;
}

ConfigDraft::ConfigDraft(const QString &projectDir)
    : m_path(projectDir.isEmpty() ? QString() : pathText(layoutOf(projectDir).draftsDir() / "launch-draft.json"))
{}

bool ConfigDraft::exists() const { return !m_path.isEmpty() && QFileInfo(m_path).isFile(); }

bool ConfigDraft::save(const QString &yaml, const QString &runName, QString *error)
{
    if (m_path.isEmpty())
        return false;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    const QJsonObject o{{QStringLiteral("yaml"), yaml},
                        {QStringLiteral("run_name"), runName},
                        {QStringLiteral("saved_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

std::optional<ConfigDraft::Content> ConfigDraft::load() const
{
    if (!exists() || QFileInfo(m_path).size() > kMaxDraftBytes)
        return std::nullopt;
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    const QJsonObject o = doc.object();
    if (!doc.isObject() || !o.value(QStringLiteral("yaml")).isString())
        return std::nullopt;
    Content c;
    c.yaml = o.value(QStringLiteral("yaml")).toString();
    c.runName = o.value(QStringLiteral("run_name")).toString();
    c.savedAt = QDateTime::fromString(o.value(QStringLiteral("saved_at")).toString(), Qt::ISODateWithMs);
    return c;
}

void ConfigDraft::discard()
{
    if (!m_path.isEmpty())
        QFile::remove(m_path);
}

} // namespace seekbench::ui
