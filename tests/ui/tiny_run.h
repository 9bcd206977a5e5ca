#pragma once

// A project with one short run of resources/configs/tiny.yaml (4 steps, a checkpoint every
// 2), trained by seekbench-cli, for the UI tests that need a trained run (export, serve).

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>

#include <utility>

namespace seekbench::test {

// seekbench-cli's exit code (-1 for a crash), run to its end.
inline int runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    p.waitForFinished(240000);
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// Initialises `projectDir`, trains the tiny run in it (its config written into
// `scratchDir`) and returns the run's id; empty when a step failed.
inline QString trainTinyRun(const QString &projectDir, const QString &scratchDir)
{
    if (runCli({QStringLiteral("project"), QStringLiteral("init"), projectDir}) != 0)
        return {};
    QFile in(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/tiny.yaml"));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QString yaml = QString::fromUtf8(in.readAll());
    for (const auto &[key, value] :
         {std::pair{"max_steps", "4"}, {"warmup_steps", "1"}, {"eval_every", "2"}, {"checkpoint_every", "2"}})
        yaml.replace(QRegularExpression(QStringLiteral("\n  %1:[^\n]*").arg(QLatin1String(key))),
                     QStringLiteral("\n  %1: %2").arg(QLatin1String(key), QLatin1String(value)));
    const QString config = QDir(scratchDir).filePath(QStringLiteral("tiny.yaml"));
    QFile out(config);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(yaml.toUtf8());
    out.close();
    if (runCli({QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--project"), projectDir})
        != 0)
        return {};
    const QStringList runs = QDir(projectDir + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return runs.size() == 1 ? runs.first() : QString();
}

} // namespace seekbench::test
