// Crash drafts of the launch dialog: offered on the next start, a malformed draft ignored.

#include "config_test_support.h"

using namespace seekbench::test;

class TestConfigDraft : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { useTemporarySettings(m_tmp); }

    void crashDraftOfferedOnNextStart()
    {
        QTemporaryDir project;
        RunConfig edited;
        {
            auto dialog = std::make_unique<LaunchDialog>(project.path());
            dialog->show();
            QVERIFY(!dialog->draftOffered());
            dialog->setDraftInterval(20);
            typeInto(*dialog->editor(), QStringLiteral("model.num_hidden_layers"), QStringLiteral("5"));
            auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("runNameEdit"));
            name->selectAll();
            QTest::keyClicks(name, QStringLiteral("deeper"));
            edited = dialog->editor()->document()->config();
            // Saved periodically while edits are unsaved.
            QTRY_VERIFY(ConfigDraft(project.path()).exists());
            QTRY_COMPARE(ConfigDraft(project.path()).load()->runName, QStringLiteral("deeper"));
            // A crash: no accept, no reject; the dialog is simply gone.
        }
        LaunchDialog next(project.path());
        QVERIFY(next.draftOffered());
        QVERIFY(next.findChild<QWidget *>(QStringLiteral("draftBanner"))->isVisibleTo(&next));
        QVERIFY(!(next.editor()->document()->config() == edited));
        next.findChild<QPushButton *>(QStringLiteral("restoreDraftButton"))->click();
        QVERIFY(!next.draftOffered());
        QVERIFY(next.editor()->document()->config() == edited);
        QCOMPARE(next.runName(), QStringLiteral("deeper"));
        // Cancel drops it: nothing is offered afterwards.
        next.reject();
        QVERIFY(!ConfigDraft(project.path()).exists());
        LaunchDialog after(project.path());
        QVERIFY(!after.draftOffered());
    }

    void malformedDraftIgnored_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not json") << QByteArray("yaml: [");
        QTest::newRow("array") << QByteArray("[1, 2]");
        QTest::newRow("yaml not a string") << QByteArray(R"({"yaml": 5, "run_name": "x"})");
        QTest::newRow("empty file") << QByteArray();
    }

    void malformedDraftIgnored()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir project;
        QDir().mkpath(project.filePath(QStringLiteral("drafts")));
        QFile f(ConfigDraft(project.path()).path());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        LaunchDialog dialog(project.path());
        QVERIFY(!dialog.draftOffered());
        QVERIFY(dialog.isValid());
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestConfigDraft)
#include "test_config_draft.moc"
