// `seekbench-cli <verb> [<sub>] --help` for every verb of the CLI: exit 0, every option of
// the verb named, one example; and the option rules every verb shares (a single option
// given twice, an unknown option: exit 2 naming it).

#include <QProcess>
#include <QtTest>

namespace {

struct Run
{
    int code = -1;
    QString out, err;
};

Run runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QStringList words(const char *text) { return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts); }

} // namespace

class TestCliHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void help_data()
    {
        QTest::addColumn<QStringList>("verb");
        QTest::addColumn<QStringList>("names"); // options, and for a group its sub-verbs
        auto row = [](const char *verb, const char *names) { QTest::newRow(verb) << words(verb) << words(names); };
        const char *const filters = "--status --tag --param --metric --best --name --limit --json ";
        const char *const cluster = "--profile --nodes --tasks-per-node --cpus-per-task --gpus-per-task --time "
                                    "--partition --account --job-name --sbatch --cli ";
        row("train", "--config --out --resume --project --name --parent --run-id --attempt --ignore-memory-check "
                     "--sweep-trial");
        row("launch", "--nproc --log-dir");
        row("validate", "--config --json");
        row("estimate", "--config --budget-gb --budget-gib --json");
        row("precision", "--config --shape --threads --json");
        row("import-hf", "--config --out");
        row("inspect", "attention sanity testset evaluate serve");
        row("inspect attention", "--run --project --run-id --checkpoint --sample --split --caption-class --scale "
                                 "--template --gradients --data-dir --out");
        row("inspect sanity", "--run --project --run-id --checkpoint --samples --data-dir --json");
        row("inspect testset", "--run --project --run-id --checkpoint --samples --data-dir --out");
        row("inspect evaluate", "--run --project --run-id --checkpoint --data-dir");
        row("inspect serve", "--run --project --run-id --checkpoint --data-dir");
        row("project", "init info runs show export import-segments validate recover");
        row("project init", "DIR --name --scenario --description --storage --json");
        row("project info", "DIR --json");
        row("project runs", (QByteArray(filters) + "DIR").constData());
        row("project show", "DIR RUN_ID --json");
        row("project export", (QByteArray(filters) + "DIR RUN_ID --key --buckets --superseded --format -o").constData());
        row("project import-segments", "DIR RUN_ID --json");
        row("project validate", "DIR --json");
        row("project recover", "DIR --json");
        row("runs", "stop resume ranks tag note delete");
        row("runs stop", "RUN_ID --project --wait --json");
        row("runs resume", "RUN_ID --project --json");
        row("runs ranks", "RUN_ID --project --json");
        row("runs tag", "RUN_ID TAG --remove --project --json");
        row("runs note", "RUN_ID TEXT --replace --project --json");
        row("runs delete", "RUN_ID --yes --project --json");
        row("slurm", "script submit follow cancel logs ranks");
        row("slurm script", (QByteArray(cluster) + "--config --name --resume --project --json").constData());
        row("slurm submit", (QByteArray(cluster) + "--config --name --resume --project --json").constData());
        row("slurm follow", "RUN_ID --project --wait --interval --timeout --json");
        row("slurm cancel", "RUN_ID --project --wait --json");
        row("slurm logs", "RUN_ID --project --rank --follow");
        row("slurm ranks", "RUN_ID --project");
        row("aml", "generate import train alerts alert trace report");
        row("aml generate",
            "--project --accounts --months --fraud-rate --seed --tx-per-month --csv --ignore-memory-check");
        row("aml import", "--project --csv --quarantine");
        row("aml train", "--project --config --name --resume --ignore-memory-check");
        row("aml alerts",
            "--project --run --model --capacity --cost-missed --cost-false-alert --threshold --limit --json");
        row("aml alert", "set");
        row("aml alert set", "--project --alert --tx --run --model --status --note --json");
        row("aml trace", "--project --tx --alert --account --direction --hops --window-hours --tolerance --cap --json");
        row("aml report", "--project --alert --account --run --note --out");
        row("sweep", "create run resume status stop best export ask tell report");
        row("sweep create", "--project --space --name --json");
        row("sweep run", "--project --sweep --detach --json");
        row("sweep resume", "--project --sweep --detach --json");
        row("sweep status", "--project --sweep --json");
        row("sweep stop", "--project --sweep --json");
        row("sweep best", "--project --sweep --json");
        row("sweep export", "--project --sweep --format --out --json");
        row("sweep ask", "--project --sweep --json");
        row("sweep tell", "--project --sweep --trial --value --state --reason --json");
        row("sweep report", "--project --sweep --trial --step --value --json");
        row("export", "--run --format --backend --checkpoint --out --project --json --name --max-batch-size "
                      "--preferred-batch-sizes --max-queue-delay-us --instances --max-queue-size --timeout-ms "
                      "--no-dynamic-batching --image --namespace --min-replicas --max-replicas --training-image "
                      "--workers --training-config");
        row("serve", "--model --host --port --name --max-batch-size --preferred-batch-sizes --max-queue-delay-us "
                     "--instances --max-queue-size --timeout-ms --no-dynamic-batching --threads --http-threads --json");
    }

    void help()
    {
        QFETCH(QStringList, verb);
        QFETCH(QStringList, names);
        const Run r = runCli(verb + QStringList{QStringLiteral("--help")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const QString &name : names) {
            // A name as a word of its own: "--name" must not match inside "--job-name".
            const QRegularExpression word(QStringLiteral("(^|[\\s,])") + QRegularExpression::escape(name)
                                              + QStringLiteral("($|[\\s,=:])"),
                                          QRegularExpression::MultilineOption);
            QVERIFY2(r.out.contains(word), qPrintable(name + QStringLiteral(" missing in:\n") + r.out));
        }
        QVERIFY2(r.out.contains(QLatin1String("example")), qPrintable(r.out));
    }

    void badOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named"); // the stderr line names this
        auto row = [](const char *name, const char *args, const char *named) {
            QTest::newRow(name) << words(args) << QString::fromLatin1(named);
        };
        row("train: --config twice", "train --config a.yaml --config b.yaml --out /tmp/x", "--config");
        row("launch: --nproc twice", "launch --nproc 2 --nproc 3 -- train --config a.yaml --out /tmp/x", "--nproc");
        row("project runs: --limit twice", "project runs /nonexistent --limit 1 --limit 2", "--limit");
        row("runs stop: --wait twice", "runs stop RUN --wait 1 --wait 2", "--wait");
        row("validate: --config twice", "validate --config a.yaml --config b.yaml", "--config");
        row("train: unknown option", "train --config a.yaml --out /tmp/x --colour", "unknown option --colour");
        row("project runs: unknown option", "project runs /nonexistent --colour", "unknown option --colour");
        row("runs tag: unknown option", "runs tag RUN a --colour", "unknown option --colour");
        row("launch: unknown option", "launch --nproc 2 --colour -- train", "unknown option --colour");
        row("launch: -- is not an option", "launch --nproc 0 -- train --out /tmp/x",
            "--nproc must be between 1 and 256");
        row("launch: the rank command's options", "launch --nproc 2 -- train --out /tmp/x --colour",
            "unknown option --colour");
        row("project: unknown verb", "project explode", "unknown verb 'explode'");
        row("runs: no verb", "runs", "runs needs a verb");
    }

    void badOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const Run r = runCli(args);
        QVERIFY2(r.code == 2, qPrintable(QString::number(r.code) + QLatin1Char(' ') + r.err));
        QVERIFY2(r.err.startsWith(QStringLiteral("seekbench-cli ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(named), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "test_cli_help.moc"
