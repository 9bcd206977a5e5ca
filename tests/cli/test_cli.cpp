// seekbench-cli as a subprocess: exit codes, the JSON-lines event stream, the human
// summary, cancel by signal with a final checkpoint, and resume.

#include "seekbench/run/blas_core.h"
#include "seekbench/run/precision_choice.h"

#include <QFile>
#include <QFileInfo>
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <csignal>

namespace {

struct Result
{
    int exitCode = -1;
    QByteArray out, err;
    QList<QJsonObject> events;
};

Result runCli(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    p.waitForFinished(timeoutMs);
    Result r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
             p.readAllStandardOutput(),
             p.readAllStandardError(),
             {}};
    for (const QByteArray &line : r.out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const auto doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            r.events << doc.object();
    }
    return r;
}

QString example(const char *name)
{
    return QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/") + QLatin1String(name);
}

// The tiny example with some training keys replaced ("max_steps: 30\neval_every: 10").
QString writeConfig(const QTemporaryDir &dir, const QString &trainingOverrides)
{
    QFile in(example("tiny.yaml"));
    in.open(QIODevice::ReadOnly);
    QString yaml = QString::fromUtf8(in.readAll());
    for (const QString &line : trainingOverrides.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString key = line.trimmed().section(QLatin1Char(':'), 0, 0);
        const QRegularExpression existing(QStringLiteral("\n  ") + key + QStringLiteral(":[^\n]*"));
        if (yaml.contains(existing))
            yaml.replace(existing, QStringLiteral("\n  ") + line.trimmed());
        else
            yaml.replace(QStringLiteral("training:\n"),
                         QStringLiteral("training:\n  ") + line.trimmed() + QStringLiteral("\n"));
    }
    const QString path = dir.filePath(QStringLiteral("run.yaml"));
    QFile out(path);
    out.open(QIODevice::WriteOnly | QIODevice::Truncate);
    out.write(yaml.toUtf8());
    return path;
}

int countKind(const Result &r, const QString &kind)
{
    int n = 0;
    for (const auto &e : r.events)
        n += e.value(QLatin1String("event")).toString() == kind;
    return n;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void blasKernelsSelectedAndUserSettingKept();
    void precisionAutoResolvesAndIsRecorded();
    void badInvocations_data();
    void badInvocations();
    void validateReportsEveryProblem();
    void estimatePrintsParametersAndMemory();
    void trainPrintsEventsAndSummary();
    void sigtermCheckpointsThenResumeContinues();
    void resumeFromCorruptCheckpointIsBadInput();
    void importHfNamesUnsupportedKeys();
};

// precision: auto trains in a concrete precision, measured on this machine and cached;
// the start event says which and why, and `precision` prints the same decision.
void TestCli::precisionAutoResolvesAndIsRecorded()
{
    QTemporaryDir dir, cache;
    qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
    // A launcher's share of the cores (one thread here, whatever the machine has): the
    // verb must use the trainer's thread count and so read its measurement.
    const QByteArray threadsBefore = qgetenv("SEEKBENCH_THREADS");
    qputenv("SEEKBENCH_THREADS", "1");
    const auto restore = qScopeGuard([threadsBefore] {
        qunsetenv("XDG_CACHE_HOME");
        if (threadsBefore.isNull())
            qunsetenv("SEEKBENCH_THREADS");
        else
            qputenv("SEEKBENCH_THREADS", threadsBefore);
    });
    const QString cacheFile = cache.filePath(QStringLiteral("seekbench/precision-speed.json"));
    auto cacheEntries = [&cacheFile] {
        QFile f(cacheFile);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object().keys() : QStringList();
    };
    const QString config
        = writeConfig(dir, QStringLiteral("  max_steps: 2\n  eval_every: 0\n  warmup_steps: 1\n  precision: auto\n"));
    const Result r = runCli({QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--out"),
                             dir.filePath(QStringLiteral("run"))});
    QCOMPARE(r.exitCode, 0);
    QJsonObject start;
    for (const QJsonObject &e : r.events)
        if (e.contains(QLatin1String("environment")))
            start = e;
    const QString precision = start.value(QLatin1String("precision")).toString();
    QVERIFY2(precision == QLatin1String("fp32") || precision == QLatin1String("bf16"), qPrintable(precision));
    const QJsonObject env = start.value(QLatin1String("environment")).toObject();
    QCOMPARE(env.value(QLatin1String("precision")).toString(), precision);
    const QString why = env.value(QLatin1String("precision_selection")).toString();
    QVERIFY2(why.startsWith(QLatin1String("auto: a ")) && why.contains(QLatin1String("GFLOP/s in bf16")),
             qPrintable(why));
    const QStringList measured = cacheEntries();
    QCOMPARE(measured.size(), 1);

    // The verb reads the same cached measurement (no new one: same shape and threads) and
    // names the same precision.
    const Result verb = runCli({QStringLiteral("precision"), QStringLiteral("--config"), config});
    QCOMPARE(verb.exitCode, 0);
    QCOMPARE(cacheEntries(), measured);
    QVERIFY2(QString::fromUtf8(verb.out).contains(QLatin1String("on 1 thread:")), verb.out.constData());
    QVERIFY2(QString::fromUtf8(verb.out).contains(QStringLiteral("auto trains in %1 here").arg(precision)),
             verb.out.constData());
    const Result json = runCli({QStringLiteral("precision"), QStringLiteral("--shape"), QStringLiteral("256x64x128"),
                                QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    const auto speed = seekbench::PrecisionSpeed::fromJson(json.out.trimmed().toStdString());
    QCOMPARE(speed.shape, (seekbench::GemmShape{256, 64, 128}));
    QVERIFY(speed.fp32Gflops > 0 && speed.bf16Gflops > 0);
    const Result bad = runCli({QStringLiteral("precision"), QStringLiteral("--shape"), QStringLiteral("256x64")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(QString::fromUtf8(bad.err).contains(QLatin1String("--shape '256x64': expected MxKxN")),
             bad.err.constData());

    // A config that sets its precision is trained in it, and the event says so.
    const QString fixed
        = writeConfig(dir, QStringLiteral("  max_steps: 2\n  eval_every: 0\n  warmup_steps: 1\n  precision: fp32\n"));
    const Result set = runCli({QStringLiteral("train"), QStringLiteral("--config"), fixed, QStringLiteral("--out"),
                               dir.filePath(QStringLiteral("fixed"))});
    QCOMPARE(set.exitCode, 0);
    for (const QJsonObject &e : set.events)
        if (e.contains(QLatin1String("environment")))
            QCOMPARE(e.value(QLatin1String("environment"))
                         .toObject()
                         .value(QLatin1String("precision_selection"))
                         .toString(),
                     QStringLiteral("set in the config"));
}

void TestCli::badInvocations_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")} << "unknown command 'fly'";
    QTest::newRow("train without config")
        << QStringList{QStringLiteral("train"), QStringLiteral("--out"), QStringLiteral("/tmp/x")}
        << "--config is required";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("validate"), QStringLiteral("--confg"),
                                                   QStringLiteral("a")}
                                    << "unknown option --confg";
    QTest::newRow("missing config file") << QStringList{QStringLiteral("validate"), QStringLiteral("--config"),
                                                        QStringLiteral("/nonexistent.yaml")}
                                         << "cannot read /nonexistent.yaml: no such file";
    QTest::newRow("train with bad config")
        << QStringList{QStringLiteral("train"), QStringLiteral("--config"), QStringLiteral("/nonexistent.yaml"),
                       QStringLiteral("--out"), QStringLiteral("/tmp/seekbench-never")}
        << "no such file";
}

void TestCli::badInvocations()
{
    QFETCH(QStringList, args);
    QFETCH(QString, stderrContains);
    const Result r = runCli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrContains), r.err.constData());
    QVERIFY(r.events.isEmpty());
}

void TestCli::validateReportsEveryProblem()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("bad.yaml")));
    f.open(QIODevice::WriteOnly);
    f.write("model:\n  hidden_size: 66\n  scoring_func: relu\ntraining:\n  precision: fp16\n");
    f.close();
    const Result r = runCli({QStringLiteral("validate"), QStringLiteral("--config"), f.fileName()});
    QCOMPARE(r.exitCode, 2);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY(err.contains(QLatin1String("model.hidden_size: 66 is not divisible by model.num_attention_heads (4)")));
    QVERIFY(err.contains(QLatin1String("model.scoring_func: 'relu' is not one of: softmax, sigmoid")));
    QVERIFY(err.contains(QLatin1String("training.precision: fp16 is not available")));
    QVERIFY(err.contains(f.fileName()));

    const Result ok = runCli(
        {QStringLiteral("validate"), QStringLiteral("--config"), example("moe.yaml"), QStringLiteral("--json")});
    QCOMPARE(ok.exitCode, 0);
    QCOMPARE(ok.events.size(), 1);
    QVERIFY(ok.events[0].value(QLatin1String("valid")).toBool());
}

void TestCli::estimatePrintsParametersAndMemory()
{
    const Result r = runCli({QStringLiteral("estimate"), QStringLiteral("--config"), example("small.yaml"),
                             QStringLiteral("--json"), QStringLiteral("--budget-gb"), QStringLiteral("24")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.events.size(), 1);
    const QJsonObject e = r.events[0];
    // small: 8000x256 embedding, 4 layers of attention (4x256x256) and SwiGLU (3x256x1024),
    // 9 norms of 256, and a 256x8 score head with bias.
    QCOMPARE(e.value(QLatin1String("parameters")).toInteger(),
             qint64(8000 * 256 + 4 * (4 * 256 * 256 + 3 * 256 * 1024 + 2 * 256) + 256 + 256 * 8 + 8));
    const auto memory = e.value(QLatin1String("memory")).toObject();
    const double fp32 = memory.value(QLatin1String("fp32")).toObject().value(QLatin1String("total_bytes")).toDouble();
    const double bf16 = memory.value(QLatin1String("bf16")).toObject().value(QLatin1String("total_bytes")).toDouble();
    QVERIFY(fp32 > 0 && bf16 < fp32);
    QVERIFY(memory.value(QLatin1String("bf16")).toObject().value(QLatin1String("largest_batch_in_budget")).toInt()
            > memory.value(QLatin1String("fp32")).toObject().value(QLatin1String("largest_batch_in_budget")).toInt());
    // --budget-gib is binary: 24 GiB is 25.77 GB, as the GUI's budget field counts it.
    const Result gib = runCli({QStringLiteral("estimate"), QStringLiteral("--config"), example("small.yaml"),
                               QStringLiteral("--json"), QStringLiteral("--budget-gib"), QStringLiteral("24")});
    QCOMPARE(gib.exitCode, 0);
    QCOMPARE(gib.events.size(), 1);
    QCOMPARE(gib.events[0].value(QLatin1String("budget_gb")).toDouble(), 24 * 1.073741824);
}

void TestCli::trainPrintsEventsAndSummary()
{
    QTemporaryDir dir;
    const QString config = writeConfig(dir,
                                       QStringLiteral("  max_steps: 30\n  eval_every: 10\n  system_sample_hz: 20\n"));
    const QString out = dir.filePath(QStringLiteral("run"));
    const Result r = runCli({QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--out"), out});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(countKind(r, QStringLiteral("start")), 1);
    QCOMPARE(countKind(r, QStringLiteral("step")), 30);
    QCOMPARE(countKind(r, QStringLiteral("eval")), 3);
    QVERIFY(countKind(r, QStringLiteral("checkpoint")) >= 1);
    QVERIFY(countKind(r, QStringLiteral("system")) >= 1);
    QCOMPARE(countKind(r, QStringLiteral("end")), 1);
    QCOMPARE(r.events.first().value(QLatin1String("event")).toString(), QStringLiteral("start"));
    const QJsonObject end = r.events.last();
    QCOMPARE(end.value(QLatin1String("event")).toString(), QStringLiteral("end"));
    QCOMPARE(end.value(QLatin1String("status")).toString(), QStringLiteral("finished"));
    QVERIFY(end.value(QLatin1String("final")).toObject().contains(QLatin1String("eval/accuracy")));
    for (const auto &e : r.events)
        if (e.value(QLatin1String("event")).toString() == QLatin1String("step")) {
            QVERIFY(e.contains(QLatin1String("loss")) && e.contains(QLatin1String("lr"))
                    && e.contains(QLatin1String("grad_norm")) && e.contains(QLatin1String("samples_per_s"))
                    && e.contains(QLatin1String("eta_s")));
            QCOMPARE(e.value(QLatin1String("rank")).toInt(), 0);
        }
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(QLatin1String("finished after 30 steps")), r.err.constData());
    QVERIFY(err.contains(QLatin1String("BLAS OpenBLAS")));
    QVERIFY(QFile::exists(out + QStringLiteral("/config.yaml")));
    QVERIFY(QFile::exists(out + QStringLiteral("/metrics.jsonl")));
    QVERIFY(QFile::exists(out + QStringLiteral("/checkpoints/step-00000030.sbckpt")));
}

void TestCli::sigtermCheckpointsThenResumeContinues()
{
    QTemporaryDir dir;
    const QString config
        = writeConfig(dir, QStringLiteral(
                               "  max_steps: 100000\n  eval_every: 0\n  checkpoint_every: 0\n  warmup_steps: 1\n"));
    const QString out = dir.filePath(QStringLiteral("run"));
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH),
            {QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--out"), out});
    // Wait for training to be under way, then stop it as a scheduler would.
    QByteArray seen;
    QElapsedTimer timer;
    timer.start();
    while (!seen.contains("\"event\":\"step\"") && timer.elapsed() < 60000) {
        p.waitForReadyRead(1000);
        seen += p.readAllStandardOutput();
    }
    QVERIFY(seen.contains("\"event\":\"step\""));
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 130);
    seen += p.readAllStandardOutput();
    QVERIFY(seen.contains("\"status\":\"cancelled\""));
    const QStringList ckpts = QDir(out + QStringLiteral("/checkpoints")).entryList({QStringLiteral("*.sbckpt")});
    QCOMPARE(ckpts.size(), 1);
    const int stoppedAt = ckpts.first().mid(5, 8).toInt();
    QVERIFY(stoppedAt > 0);

    // Resume with a nearer end: the run continues from the checkpoint's step.
    const QString config2
        = writeConfig(dir, QStringLiteral("  max_steps: %1\n  eval_every: 0\n  warmup_steps: 1\n").arg(stoppedAt + 5));
    const Result r = runCli({QStringLiteral("train"), QStringLiteral("--config"), config2, QStringLiteral("--out"), out,
                             QStringLiteral("--resume"), out});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(countKind(r, QStringLiteral("resumed")), 1);
    QCOMPARE(countKind(r, QStringLiteral("step")), 5);
}

void TestCli::resumeFromCorruptCheckpointIsBadInput()
{
    QTemporaryDir dir;
    const QString config = writeConfig(dir, QStringLiteral("  max_steps: 3\n  eval_every: 0\n  warmup_steps: 1\n"));
    const QString out = dir.filePath(QStringLiteral("run"));
    QCOMPARE(runCli({QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--out"), out}).exitCode,
             0);
    const QString ckpt = out + QStringLiteral("/checkpoints/step-00000003.sbckpt");
    QFile f(ckpt);
    QVERIFY(f.resize(f.size() - 100));
    const Result r = runCli({QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--out"), out,
                             QStringLiteral("--resume"), ckpt});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(ckpt + QStringLiteral(" is truncated")), r.err.constData());
}

void TestCli::importHfNamesUnsupportedKeys()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("config.json")));
    f.open(QIODevice::WriteOnly);
    f.write(R"({"hidden_size": 128, "num_attention_heads": 4, "kv_lora_rank": 512, "model_type": "deepseek_v2"})");
    f.close();
    const QString yaml = dir.filePath(QStringLiteral("run.yaml"));
    const Result r = runCli(
        {QStringLiteral("import-hf"), QStringLiteral("--config"), f.fileName(), QStringLiteral("--out"), yaml});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QString::fromUtf8(r.err).contains(QLatin1String("kv_lora_rank: not supported by Seekbench")));
    QFile y(yaml);
    QVERIFY(y.open(QIODevice::ReadOnly));
    QVERIFY(y.readAll().contains("hidden_size: 128"));
}

// Issue 29: where OpenBLAS falls back to generic kernels (stood in for by
// SEEKBENCH_BLAS_REPORTED_CORE on machines it knows), the CLI self-checks the better core
// type, restarts with it and says so in the run's environment; a user's own
// OPENBLAS_CORETYPE is kept.
void TestCli::blasKernelsSelectedAndUserSettingKept()
{
    QTemporaryDir dir, cache;
    struct Env
    {
        ~Env()
        {
            for (const char *v : {"XDG_CACHE_HOME", "SEEKBENCH_BLAS_REPORTED_CORE", "OPENBLAS_CORETYPE"})
                qunsetenv(v);
        }
    } restore;
    qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
    qputenv("SEEKBENCH_BLAS_REPORTED_CORE", "Prescott");
    const QString config = writeConfig(dir, QStringLiteral("  max_steps: 2\n  eval_every: 0\n  warmup_steps: 1\n"));
    const auto environment = [](const Result &r) {
        for (const QJsonObject &e : r.events)
            if (e.contains(QLatin1String("environment"))) // the start event
                return e.value(QLatin1String("environment")).toObject();
        return QJsonObject();
    };
    const Result selected = runCli({QStringLiteral("train"), QStringLiteral("--config"), config,
                                    QStringLiteral("--out"), dir.filePath(QStringLiteral("a"))});
    QCOMPARE(selected.exitCode, 0);
    const QJsonObject env = environment(selected);
    const auto candidates = seekbench::blasCoreCandidates(seekbench::cpuFeatures());
    const QString selection = env.value(QLatin1String("blas_selection")).toString();
    if (candidates.empty()) {
        QVERIFY2(selection.contains(QLatin1String("no AVX2")), qPrintable(selection));
    } else {
        QCOMPARE(env.value(QLatin1String("blas_core")).toString(), QString::fromStdString(candidates.front()));
        QVERIFY2(selection.contains(QLatin1String("generic Prescott")), qPrintable(selection));
        QVERIFY(env.value(QLatin1String("blas_gflops")).toDouble() > 0);
        // The verdict is cached for the next process on this machine.
        QVERIFY(QFileInfo::exists(cache.filePath(QStringLiteral("seekbench/blas-check.json"))));
    }
    qputenv("OPENBLAS_CORETYPE", "Haswell");
    const Result kept = runCli({QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--out"),
                                dir.filePath(QStringLiteral("b"))});
    QCOMPARE(kept.exitCode, 0);
    QCOMPARE(environment(kept).value(QLatin1String("blas_core")).toString(), QStringLiteral("Haswell"));
    QVERIFY(environment(kept).value(QLatin1String("blas_selection")).toString().contains(QLatin1String("was set")));
    // A choice Seekbench made on another machine (a Slurm job inherits the submitter's
    // environment) is not carried over: this machine decides again.
    if (candidates.empty())
        return;
    qputenv("SEEKBENCH_BLAS_REASON", "chosen elsewhere");
    qputenv("SEEKBENCH_BLAS_HOST", "another-host");
    qputenv("SEEKBENCH_BLAS_OURS", "1");
    const Result moved = runCli({QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--out"),
                                 dir.filePath(QStringLiteral("c"))});
    for (const char *v : {"SEEKBENCH_BLAS_REASON", "SEEKBENCH_BLAS_HOST", "SEEKBENCH_BLAS_OURS"})
        qunsetenv(v);
    QCOMPARE(moved.exitCode, 0);
    QCOMPARE(environment(moved).value(QLatin1String("blas_core")).toString(),
             QString::fromStdString(candidates.front()));
    QVERIFY(environment(moved).value(QLatin1String("blas_selection")).toString().contains(QLatin1String("generic")));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
