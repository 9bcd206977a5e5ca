#include "reports/report_logo.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

namespace seekbench::ui {

namespace {

QByteArray sha256Of(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result();
}

// `file` lies inside `dir` (both canonical, symlinks followed).
bool isInside(const QString &dir, const QString &file)
{
    return !dir.isEmpty() && file.startsWith(dir + QLatin1Char('/'));
}

} // namespace

bool ReportLogoFiles::isImage(const QString &file)
{
    QImageReader reader(file);
    return reader.canRead() && !reader.read().isNull();
}

ReportLogo ReportLogoFiles::adopt(const QString &projectDir, const QString &file, bool canWrite)
{
    ReportLogo out;
    const QFileInfo info(file);
    if (!info.isFile()) {
        out.error = tr("The logo %1 does not exist.").arg(QDir::toNativeSeparators(file));
        return out;
    }
    if (!isImage(file)) {
        out.error = tr("The logo %1 is not an image Seekbench can read (PNG, JPEG, BMP, GIF…).")
                        .arg(QDir::toNativeSeparators(file));
        return out;
    }
    const QString project = QFileInfo(projectDir).canonicalFilePath();
    const QString canonical = info.canonicalFilePath();
    if (isInside(project, canonical)) {
        out.relativePath = QDir(project).relativeFilePath(canonical);
        return out;
    }
    if (!canWrite) {
        out.error = tr("The logo must be inside the project folder, so that the report template can be shared with "
                       "the project, and this read-only project cannot take a copy of %1.")
                        .arg(QDir::toNativeSeparators(file));
        return out;
    }
    const QDir reports(project + QStringLiteral("/reports"));
    if (!reports.mkpath(QStringLiteral("."))) {
        out.error = tr("The logo cannot be copied into %1.").arg(QDir::toNativeSeparators(reports.path()));
        return out;
    }
    // reports/<name>, or <stem>-2.<suffix>... when another file has taken the name.
    const QByteArray hash = sha256Of(canonical);
    const QString stem = info.completeBaseName(), suffix = info.suffix();
    for (int n = 1; n < 1000; ++n) {
        const QString name = n == 1 ? info.fileName()
                                    : QStringLiteral("%1-%2%3").arg(stem).arg(n).arg(
                                        suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
        const QString target = reports.filePath(name);
        if (QFileInfo::exists(target)) {
            if (sha256Of(target) != hash)
                continue;
        } else if (!QFile::copy(canonical, target)) {
            out.error = tr("The logo cannot be copied into %1.").arg(QDir::toNativeSeparators(target));
            return out;
        }
        out.relativePath = QStringLiteral("reports/") + name;
        out.copiedTo = target;
        return out;
    }
    out.error = tr("The logo cannot be copied into %1.").arg(QDir::toNativeSeparators(reports.path()));
    return out;
}

QString ReportLogoFiles::resolve(const QString &projectDir, const QString &relativePath, QString *error)
{
    const QString project = QFileInfo(projectDir).canonicalFilePath();
    const QFileInfo info(QDir(project).filePath(relativePath));
    const QString canonical = info.canonicalFilePath();
    QString why;
    if (QDir::isAbsolutePath(relativePath))
        why = tr("the template's logo %1 is not in the project folder").arg(relativePath);
    else if (canonical.isEmpty())
        why = tr("the template's logo %1 is missing").arg(relativePath);
    else if (!isInside(project, canonical))
        why = tr("the template's logo %1 leaves the project folder").arg(relativePath);
    else if (!isImage(canonical))
        why = tr("the template's logo %1 is not an image").arg(relativePath);
    if (error)
        *error = why;
    return why.isEmpty() ? canonical : QString();
}

} // namespace seekbench::ui
