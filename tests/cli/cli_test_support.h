#pragma once

// What the CLI tests share: a tiny config with training keys set, a short cross-modal
// run's config, the JSON-lines metrics of a run folder, and running seekbench-cli.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <utility>

// resources/configs/tiny.yaml with training keys replaced (`set`) and lines added at the
// top of the training section (`extraTraining`, e.g. "  threads: 1\n"); written to dir/name.
inline QString writeTinyConfig(const QString &dir, const QString &name, const QMap<QString, QString> &set,
                               const QString &extraTraining)
{
    QFile in(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/tiny.yaml"));
    in.open(QIODevice::ReadOnly);
    QString yaml = QString::fromUtf8(in.readAll());
    for (auto it = set.begin(); it != set.end(); ++it)
        yaml.replace(QRegularExpression(QStringLiteral("\n  ") + it.key() + QStringLiteral(":[^\n]*")),
                     QStringLiteral("\n  ") + it.key() + QStringLiteral(": ") + it.value());
    yaml.replace(QStringLiteral("training:\n"), QStringLiteral("training:\n") + extraTraining);
    const QString path = dir + QLatin1Char('/') + name;
    QFile out(path);
    out.open(QIODevice::WriteOnly);
    out.write(yaml.toUtf8());
    return path;
}

// A short cross-modal run's config: crossmodal_tiny.yaml on 256 training images, 4 steps;
// written to dir/crossmodal.yaml (test_export_cli and test_serve_cli export and serve it).
inline QString writeCrossModalConfig(const QString &dir)
{
    QFile in(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/crossmodal_tiny.yaml"));
    in.open(QIODevice::ReadOnly);
    QString yaml = QString::fromUtf8(in.readAll());
    for (const auto &[key, value] : {std::pair<const char *, const char *>{"train_samples", "256"},
                                     {"validation_samples", "64"},
                                     {"eval_samples", "64"},
                                     {"max_steps", "4"},
                                     {"warmup_steps", "1"},
                                     {"eval_every", "4"},
                                     {"checkpoint_every", "4"}})
        yaml.replace(QRegularExpression(QStringLiteral("\n  ") + QLatin1String(key) + QStringLiteral(":[^\n]*")),
                     QStringLiteral("\n  ") + QLatin1String(key) + QStringLiteral(": ") + QLatin1String(value));
    yaml.replace(QStringLiteral("training:\n"), QStringLiteral("training:\n  threads: 1\n"));
    const QString path = dir + QStringLiteral("/crossmodal.yaml");
    QFile out(path);
    out.open(QIODevice::WriteOnly);
    out.write(yaml.toUtf8());
    return path;
}

// step -> value of `key` in a run folder's metrics.jsonl (or a rank's metrics file).
inline QMap<int, double> metricsFileCurve(const QString &metricsFile, const QString &key)
{
    QMap<int, double> out;
    QFile f(metricsFile);
    f.open(QIODevice::ReadOnly);
    for (const QByteArray &line : f.readAll().split('\n')) {
        const auto o = QJsonDocument::fromJson(line).object();
        if (o.value(QLatin1String("event")).toString() == QLatin1String("metric")
            && o.value(QLatin1String("key")).toString() == key)
            out[o.value(QLatin1String("step")).toInt()] = o.value(QLatin1String("value")).toDouble();
    }
    return out;
}

// Runs seekbench-cli to its end (at most 4 minutes); the exit code, -1 for a crash.
inline int runCli(const QStringList &args, QByteArray *err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    p.waitForFinished(240000);
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// seekbench-cli's exit code (-1 for a crash), stdout and stderr, for tests that read the
// reply or the error line.
struct CliOutput
{
    int code = -1;
    QByteArray out, err;
};

inline CliOutput runCliOutput(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    p.waitForFinished(240000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}
