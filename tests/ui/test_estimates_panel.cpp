// The estimates panel: equal to `seekbench-cli estimate`, and following the edits.

#include "config_test_support.h"

using namespace seekbench::test;

class TestEstimatesPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { useTemporarySettings(m_tmp); }

    void estimatesEqualCli_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<double>("budgetGib");
        for (const char *name : {"tiny", "small", "base", "moe"}) {
            QTest::newRow(name) << QString::fromLatin1(name) << 24.0;
            QTest::newRow(qPrintable(QStringLiteral("%1 at 0.5 GiB").arg(QLatin1String(name))))
                << QString::fromLatin1(name) << 0.5;
        }
    }

    void estimatesEqualCli()
    {
        QFETCH(QString, config);
        QFETCH(double, budgetGib);
        const QString path = QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/") + config
                             + QStringLiteral(".yaml");
        QProcess cli;
        cli.start(QStringLiteral(SEEKBENCH_CLI_PATH),
                  {QStringLiteral("estimate"), QStringLiteral("--config"), path, QStringLiteral("--json"),
                   QStringLiteral("--budget-gib"), QString::number(budgetGib)});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QVERIFY(!out.isEmpty());

        LaunchDialog dialog(m_tmp.path());
        dialog.loadPreset(config);
        QVERIFY2(dialog.isValid(), qPrintable(dialog.problemsText()));
        EstimatesPanel *panel = dialog.editor()->estimates();
        panel->setBudgetGib(budgetGib); // the same GiB as the CLI's --budget-gib
        QVERIFY(panel->hasEstimates());
        QCOMPARE(qint64(panel->parameters().total), out.value(QStringLiteral("parameters")).toInteger());
        QCOMPARE(qint64(panel->parameters().activePerToken),
                 out.value(QStringLiteral("active_parameters_per_token")).toInteger());
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("parameterCount"))->property("count").toLongLong(),
                 out.value(QStringLiteral("parameters")).toInteger());
        const QJsonObject memory = out.value(QStringLiteral("memory")).toObject();
        for (const QString &p : EstimatesPanel::precisions()) {
            const QJsonObject m = memory.value(p).toObject();
            const auto row = panel->row(p);
            QCOMPARE(row.memory.weightsBytes, m.value(QStringLiteral("weights_bytes")).toDouble());
            QCOMPARE(row.memory.gradientsBytes, m.value(QStringLiteral("gradients_bytes")).toDouble());
            QCOMPARE(row.memory.optimizerBytes, m.value(QStringLiteral("optimizer_bytes")).toDouble());
            QCOMPARE(row.memory.activationsBytes, m.value(QStringLiteral("activations_bytes")).toDouble());
            QCOMPARE(row.memory.totalBytes, m.value(QStringLiteral("total_bytes")).toDouble());
            QCOMPARE(row.largestBatch, m.value(QStringLiteral("largest_batch_in_budget")).toInt());
            // What the user reads is that number.
            auto *total = dialog.findChild<QLabel *>(QStringLiteral("estimate_%1_total").arg(p));
            QCOMPARE(total->text(), EstimatesPanel::formatBytes(m.value(QStringLiteral("total_bytes")).toDouble()));
            QCOMPARE(total->property("bytes").toDouble(), m.value(QStringLiteral("total_bytes")).toDouble());
            auto *batch = dialog.findChild<QLabel *>(QStringLiteral("estimate_%1_largest_batch").arg(p));
            QCOMPARE(batch->property("batch").toInt(), m.value(QStringLiteral("largest_batch_in_budget")).toInt());
        }
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("estimateBatchLabel"))
                    ->text()
                    .contains(QString::number(out.value(QStringLiteral("batch_size")).toInt())));
    }

    void estimatesFollowEdits()
    {
        ConfigEditor editor;
        editor.show();
        editor.setYamlText(exampleText(QStringLiteral("small")), false);
        const double before = editor.estimates()->row(QStringLiteral("fp32")).memory.totalBytes;
        typeInto(editor, QStringLiteral("training.batch_size"), QStringLiteral("64"));
        QCOMPARE(editor.estimates()->row(QStringLiteral("fp32")).memory.totalBytes,
                 seekbench::estimateTrainingMemory(editor.document()->config(), "fp32", 64).totalBytes);
        QVERIFY(editor.estimates()->row(QStringLiteral("fp32")).memory.totalBytes > before);
        // bf16 fits a larger batch in the same budget (the article's question).
        QVERIFY(editor.estimates()->row(QStringLiteral("bf16")).largestBatch
                > editor.estimates()->row(QStringLiteral("fp32")).largestBatch);
        // A broken model shows no numbers rather than wrong ones.
        typeInto(editor, QStringLiteral("model.num_attention_heads"), QStringLiteral("3"));
        QVERIFY(!editor.estimates()->hasEstimates());
    }

    // Each precision's step matmul time comes from this machine's measured GEMM speed
    // (seekbench-cli precision, in the background), and the panel says what auto picks.
    void stepTimesFromThisMachine()
    {
        QTemporaryDir cache;
        qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
        qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH);
        const auto restore = qScopeGuard([] {
            qunsetenv("XDG_CACHE_HOME");
            qunsetenv("SEEKBENCH_CLI");
        });
        ConfigEditor editor;
        editor.show();
        editor.setYamlText(exampleText(QStringLiteral("tiny")), false);
        EstimatesPanel *panel = editor.estimates();
        auto *line = editor.findChild<QLabel *>(QStringLiteral("precisionAutoLine"));
        QVERIFY(line);
        QTRY_VERIFY_WITH_TIMEOUT(panel->precisionSpeed().has_value(), 60000);
        const seekbench::PrecisionSpeed speed = *panel->precisionSpeed();
        QCOMPARE(speed.shape, seekbench::typicalGemmShape(editor.document()->config()));
        const QString chosen = QString::fromStdString(seekbench::decidePrecision("auto", "cpu", speed, false).precision);
        // tiny sets fp32: the line says what auto would do; with auto, what it does.
        QVERIFY2(line->text().contains(QStringLiteral("this config would train in %1").arg(chosen)),
                 qPrintable(line->text()));
        choose(editor, QStringLiteral("training.precision"), QStringLiteral("auto"));
        QVERIFY2(line->text().contains(QStringLiteral("precision: auto trains in %1").arg(chosen)),
                 qPrintable(line->text()));
        for (const auto &[precision, gflops] : {std::pair{QStringLiteral("fp32"), speed.fp32Gflops},
                                                std::pair{QStringLiteral("bf16"), speed.bf16Gflops}}) {
            auto *cell = editor.findChild<QLabel *>(QStringLiteral("estimate_%1_step_matmuls").arg(precision));
            QCOMPARE(cell->property("seconds").toDouble(),
                     seekbench::matmulStepSeconds(editor.document()->config(), gflops));
            QVERIFY2(cell->text().startsWith(QStringLiteral("≥")), qPrintable(cell->text()));
        }
        // fp16 has no CPU measurement: a dash, never a number.
        QCOMPARE(editor.findChild<QLabel *>(QStringLiteral("estimate_fp16_step_matmuls"))->text(), QStringLiteral("—"));
        // A bigger batch: proportionally more matmul time, from the cached shape bucket or a new one.
        typeInto(editor, QStringLiteral("training.batch_size"), QStringLiteral("64"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->precisionSpeed().has_value(), 60000);
        auto *fp32 = editor.findChild<QLabel *>(QStringLiteral("estimate_fp32_step_matmuls"));
        QCOMPARE(fp32->property("seconds").toDouble(),
                 seekbench::matmulStepSeconds(editor.document()->config(), panel->precisionSpeed()->fp32Gflops));
    }

    // An AML graph model's memory grows with the project's data: the panel says there is
    // no estimate (no total, no largest batch), never a figure that would pass or block.
    void amlConfigShowsNoEstimate()
    {
        ConfigEditor editor;
        editor.show();
        editor.setYamlText(exampleText(QStringLiteral("aml")), false);
        EstimatesPanel *panel = editor.estimates();
        QVERIFY(panel->hasEstimates());
        auto *note = editor.findChild<QLabel *>(QStringLiteral("noMemoryEstimate"));
        QVERIFY(note && note->isVisible());
        QVERIFY(note->text().contains(QStringLiteral("grows with the data")));
        for (const QString &p : EstimatesPanel::precisions()) {
            QVERIFY(!panel->row(p).memory.available);
            QCOMPARE(panel->row(p).largestBatch, -1);
            auto *total = editor.findChild<QLabel *>(QStringLiteral("estimate_%1_total").arg(p));
            QCOMPARE(total->text(), QStringLiteral("no estimate"));
            QVERIFY(!total->property("bytes").isValid());
            auto *batch = editor.findChild<QLabel *>(QStringLiteral("estimate_%1_largest_batch").arg(p));
            QCOMPARE(batch->text(), QStringLiteral("no estimate"));
            // Weights are exact: 4 bytes a parameter.
            QCOMPARE(panel->row(p).memory.weightsBytes >= 4.0 * double(panel->parameters().total), true);
        }
        // A text model again: the note goes.
        editor.setYamlText(exampleText(QStringLiteral("small")), false);
        QVERIFY(!note->isVisible());
    }

    // A predictive maintenance model's size comes from its fleet: no parameter count and
    // no memory figure at all (not 0), and a note that says why.
    void pdmConfigShowsNoEstimate()
    {
        ConfigEditor editor;
        editor.show();
        editor.setYamlText(exampleText(QStringLiteral("pdm")), false);
        EstimatesPanel *panel = editor.estimates();
        QVERIFY(panel->hasEstimates());
        auto *note = editor.findChild<QLabel *>(QStringLiteral("noMemoryEstimate"));
        QVERIFY(note && note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("fleet")), qPrintable(note->text()));
        QCOMPARE(editor.findChild<QLabel *>(QStringLiteral("parameterCount"))->text(), QStringLiteral("no estimate"));
        for (const QString &p : EstimatesPanel::precisions())
            for (const char *column : {"weights", "gradients", "optimizer", "total", "largest_batch"}) {
                auto *cell = editor.findChild<QLabel *>(QStringLiteral("estimate_%1_%2").arg(p, QLatin1String(column)));
                QVERIFY2(cell, column);
                QCOMPARE(cell->text(), QStringLiteral("no estimate"));
            }
        // The AML model's note is another one: it names the transactions.
        editor.setYamlText(exampleText(QStringLiteral("aml")), false);
        QVERIFY(note->text().contains(QStringLiteral("grows with the data")));
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestEstimatesPanel)
#include "test_estimates_panel.moc"
