// The config diff against an earlier run of the project.

#include "config_test_support.h"

using namespace seekbench::test;

class TestConfigDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { useTemporarySettings(m_tmp); }

    void diffAgainstEarlierRun()
    {
        ConfigEditor editor;
        editor.setYamlText(exampleText(QStringLiteral("tiny")), false);
        RunList runs;
        seekbench::projects::RunRecord same;
        same.id = "r1";
        same.name = "tiny";
        same.configYaml = exampleText(QStringLiteral("tiny")).toStdString();
        seekbench::projects::RunRecord other = same;
        other.id = "r2";
        RunConfig otherConfig = example(QStringLiteral("tiny"));
        otherConfig.training.lr = 0.01;
        otherConfig.model.num_hidden_layers = 4;
        other.configYaml = seekbench::toYaml(otherConfig);
        seekbench::projects::RunRecord broken = same;
        broken.id = "r3";
        broken.configYaml = "model: {hidden_size: wide}";
        runs << same << other << broken;

        QAbstractItemModelTester tester(editor.diffModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        editor.setEarlierRuns(runs, QStringLiteral("r2"));
        QCOMPARE(editor.diffModel()->differingKeys(),
                 (QStringList{QStringLiteral("model.num_hidden_layers"), QStringLiteral("training.lr")}));
        QCOMPARE(editor.diffModel()->index(1, ConfigDiffModel::Earlier).data().toString(), QStringLiteral("0.01"));
        QCOMPARE(editor.diffModel()->index(1, ConfigDiffModel::Current).data().toString(), QStringLiteral("0.003"));
        // The diff follows edits.
        typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
        QCOMPARE(editor.diffModel()->differingKeys(), QStringList{QStringLiteral("model.num_hidden_layers")});

        auto *combo = editor.findChild<QComboBox *>(QStringLiteral("diffRunCombo"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("r1")));
        QCOMPARE(editor.diffModel()->differingKeys(), QStringList{QStringLiteral("training.lr")});
        combo->setCurrentIndex(combo->findData(QStringLiteral("r3")));
        QCOMPARE(editor.diffModel()->rowCount(), 0);
        QVERIFY(
            editor.findChild<QLabel *>(QStringLiteral("diffSummary"))->text().contains(QStringLiteral("hidden_size")));
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestConfigDiff)
#include "test_config_diff.moc"
