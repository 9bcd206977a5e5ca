#pragma once

// The PDF tests' readers: Debian's poppler-utils (pdfinfo, pdftotext, pdftoppm), run as a
// reader of the PDF would run them.

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace popplertest {

inline QString tool(const char *name) { return QStandardPaths::findExecutable(QString::fromLatin1(name)); }

// A poppler tool's stdout; warns when it does not run cleanly.
inline QString poppler(const char *name, const QStringList &args)
{
    QProcess p;
    p.start(tool(name), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qWarning("%s %s failed: %s", name, qPrintable(args.join(QLatin1Char(' '))),
                 p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput());
}

// pdfinfo's page count; -1 when it cannot tell.
inline int pdfPages(const QString &pdf)
{
    for (const QString &line : poppler("pdfinfo", {pdf}).split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1String("Pages:")))
            return line.mid(6).trimmed().toInt();
    return -1;
}

} // namespace popplertest
