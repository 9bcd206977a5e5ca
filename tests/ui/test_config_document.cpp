// The config document's undo stack: every edit undoes and redoes to the exact earlier values.

#include "config_test_support.h"

using namespace seekbench::test;

class TestConfigDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { useTemporarySettings(m_tmp); }

    void undoRedoRestoreExactValues()
    {
        ConfigEditor editor;
        editor.show();
        editor.setYamlText(exampleText(QStringLiteral("small")), false);
        ConfigDocument *doc = editor.document();
        QVERIFY(doc->undoStack()->isClean());
        QList<RunConfig> states{doc->config()};
        typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.00031622776601683794"));
        states << doc->config();
        typeInto(editor, QStringLiteral("model.hidden_size"), QStringLiteral("384"));
        states << doc->config();
        choose(editor, QStringLiteral("training.schedule"), QStringLiteral("linear"));
        states << doc->config();
        qobject_cast<QCheckBox *>(editor.fieldEditor(QStringLiteral("training.keep_best")))->click();
        states << doc->config();
        typeInto(editor, QStringLiteral("data.difficulty"), QStringLiteral("0.1"));
        states << doc->config();
        typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("1e-3")); // a second, separate edit of lr
        states << doc->config();
        // One command per field change: typing "384" is one command, not three.
        QCOMPARE(doc->undoStack()->count(), int(states.size()) - 1);
        QCOMPARE(doc->config().training.lr, 1e-3);
        QCOMPARE(states[1].training.lr, 0.00031622776601683794);

        for (int i = int(states.size()) - 2; i >= 0; --i) {
            editor.undoAction()->trigger();
            QVERIFY2(doc->config() == states[i], qPrintable(QStringLiteral("undo to state %1").arg(i)));
            QCOMPARE(seekbench::toYaml(seekbench::parseRunConfig(editor.yamlText().toStdString()).config),
                     seekbench::toYaml(states[i]));
            for (const auto &f : seekbench::configSchema())
                if (f.path != "name")
                    QCOMPARE(editor.fieldText(QString::fromStdString(f.path)), QString::fromStdString(f.get(states[i])));
        }
        QVERIFY(doc->undoStack()->isClean());
        for (int i = 1; i < states.size(); ++i) {
            editor.redoAction()->trigger();
            QVERIFY2(doc->config() == states[i], qPrintable(QStringLiteral("redo to state %1").arg(i)));
        }
        // Ctrl+Z in a line edit reaches the editor's stack, not the line edit's own undo.
        auto *edit = qobject_cast<QLineEdit *>(editor.fieldEditor(QStringLiteral("data.difficulty")));
        QApplication::setActiveWindow(&editor);
        QVERIFY(QTest::qWaitForWindowActive(&editor));
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(doc->config() == states[states.size() - 2]);
        QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(doc->config() == states.back());
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestConfigDocument)
#include "test_config_document.moc"
