#include "reports/report_file_list.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_store.h"
#include "seekbench/projects/run_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <set>
#include <utility>

namespace seekbench::ui {

namespace {

QString utf16BigEndian(const QByteArray &raw)
{
    QString out;
    for (qsizetype i = 0; i + 1 < raw.size(); i += 2)
        out.append(QChar(char16_t((uchar(raw[i]) << 8) | uchar(raw[i + 1]))));
    return out;
}

// The literal string after `/Title (`, as QPdfWriter writes it: UTF-16BE behind a byte
// order mark, with (, ) and \ escaped. Null when `bytes` holds none.
QString pdfTitle(const QByteArray &bytes)
{
    const qsizetype at = bytes.indexOf("/Title (");
    if (at < 0)
        return {};
    QByteArray raw;
    for (qsizetype i = at + 8; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\\' && i + 1 < bytes.size()) {
            raw.append(bytes[++i]);
            continue;
        }
        if (c == ')')
            return raw.startsWith("\xfe\xff") ? utf16BigEndian(raw.mid(2)) : QString::fromLatin1(raw);
        raw.append(c);
    }
    return {};
}

} // namespace

QString reportFileTitle(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    if (file.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        // The document information sits near the start or the end of what QPdfWriter writes.
        const QString title = pdfTitle(f.read(16384));
        if (!title.isNull() || f.size() <= 16384)
            return title;
        f.seek(std::max<qint64>(16384, f.size() - 32768));
        return pdfTitle(f.readAll());
    }
    static const QRegularExpression titleTag(QStringLiteral("<title>(.*?)</title>"),
                                             QRegularExpression::DotMatchesEverythingOption);
    const auto m = titleTag.match(QString::fromUtf8(f.read(8192)));
    if (!m.hasMatch())
        return {};
    QString title = m.captured(1).simplified();
    for (const auto &[entity, text] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}})
        title.replace(QLatin1String(entity), QLatin1String(text));
    return title.replace(QLatin1String("&amp;"), QLatin1String("&")); // last: "&amp;lt;" is "&lt;"
}

std::vector<ReportFileEntry> listReportFiles(const QString &reportsDir)
{
    std::vector<ReportFileEntry> out;
    const QFileInfoList files = QDir(reportsDir)
                                    .entryInfoList({QStringLiteral("*.html"), QStringLiteral("*.htm"),
                                                    QStringLiteral("*.pdf")},
                                                   QDir::Files | QDir::Readable, QDir::Time);
    for (const QFileInfo &info : files) {
        ReportFileEntry e;
        e.path = info.absoluteFilePath();
        e.fileName = info.fileName();
        e.format = info.suffix().toLower() == QLatin1String("pdf") ? QStringLiteral("pdf") : QStringLiteral("html");
        for (const char *kind : {"run", "comparison", "sweep"})
            if (e.fileName.startsWith(QLatin1String(kind) + QLatin1Char('-')))
                e.kind = QLatin1String(kind);
        e.title = reportFileTitle(e.path);
        e.bytes = info.size();
        e.modified = info.lastModified();
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ReportFileEntry &a, const ReportFileEntry &b) { return a.modified > b.modified; });
    return out;
}

std::vector<ReportFileEntry> listProjectReports(const std::shared_ptr<const projects::Project> &project)
{
    if (!project)
        return {};
    namespace report = projects::report;
    const auto q = [](const std::string &s) { return QString::fromStdString(s); };
    std::vector<ReportFileEntry> out;
    std::set<QString> recorded;
    try {
        report::ReportStore store(*project, /*readOnly=*/true);
        projects::RunStore runs(*project);
        for (const report::ReportRecord &r : store.reports()) {
            ReportFileEntry e;
            const QFileInfo info(q(report::reportFilePath(*project, r).string()));
            e.path = info.absoluteFilePath();
            e.fileName = info.fileName();
            e.format = q(r.format);
            e.kind = q(r.kind);
            e.title = q(r.title);
            e.bytes = r.bytes;
            e.modified = QDateTime::fromMSecsSinceEpoch(qint64(r.createdAt * 1000.0));
            switch (report::reportFileState(*project, r)) {
            case report::ReportFileState::Present: e.state = ReportFileState::Recorded; break;
            case report::ReportFileState::Changed: e.state = ReportFileState::Changed; break;
            case report::ReportFileState::Missing: e.state = ReportFileState::Missing; break;
            }
            e.recordId = r.id;
            for (const auto &id : r.runIds) {
                e.runIds << q(id);
                const auto run = runs.findRun(id);
                e.runNames << (run ? q(run->name) : QString());
            }
            e.sweepId = q(r.sweepId);
            e.language = q(r.language);
            recorded.insert(e.path);
            out.push_back(std::move(e));
        }
    } catch (const std::exception &) {
        // An older or unreadable store: the folder's files are still listed.
    }
    for (ReportFileEntry &e : listReportFiles(QDir(q(project->dir().string())).filePath(QStringLiteral("reports"))))
        if (!recorded.count(e.path))
            out.push_back(std::move(e));
    std::stable_sort(out.begin(), out.end(),
                     [](const ReportFileEntry &a, const ReportFileEntry &b) { return a.modified > b.modified; });
    return out;
}

} // namespace seekbench::ui
