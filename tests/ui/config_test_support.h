#pragma once

// What the config editor's test suites share (test_config_editor, test_config_document,
// test_config_draft, test_estimates_panel, test_config_diff, test_launch_dialog,
// test_config_field_text): the example configs and typing into the form as a user would.

#include "config/config_diff_model.h"
#include "config/config_document.h"
#include "config/config_draft.h"
#include "config/config_editor.h"
#include "config/config_field_text.h"
#include "config/estimates_panel.h"
#include "config/issue_text.h"
#include "launch/launch_dialog.h"
#include "project/project_session.h"
#include "runs/run_actions.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"
#include "seekbench/config/config_io.h"
#include "seekbench/config/config_schema.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "shell/main_window.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTranslator>
#include <QUndoStack>
#include <QtTest>

namespace seekbench::test {

using namespace seekbench::ui;
using seekbench::RunConfig;

inline QString exampleText(const QString &name)
{
    QFile f(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/") + name + QStringLiteral(".yaml"));
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

inline RunConfig example(const QString &name)
{
    return seekbench::parseRunConfig(exampleText(name).toStdString()).config;
}

// Types into a field's line edit as a user would: select all, then the keys.
inline void typeInto(ConfigEditor &editor, const QString &path, const QString &text)
{
    auto *edit = qobject_cast<QLineEdit *>(editor.fieldEditor(path));
    QVERIFY2(edit, qPrintable(path));
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
    Q_EMIT edit->editingFinished();
}

inline void choose(ConfigEditor &editor, const QString &path, const QString &choice)
{
    auto *combo = qobject_cast<QComboBox *>(editor.fieldEditor(path));
    QVERIFY2(combo, qPrintable(path));
    const int i = combo->findText(choice);
    QVERIFY(i >= 0);
    combo->setCurrentIndex(i);
    Q_EMIT combo->activated(i);
}

inline bool hasChinese(const QString &s)
{
    for (QChar c : s)
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    return false;
}

inline QStringList fieldsWithProblems(const ConfigEditor &editor)
{
    QStringList out;
    for (const auto &f : seekbench::configSchema())
        if (!editor.fieldProblem(QString::fromStdString(f.path)).isEmpty())
            out << QString::fromStdString(f.path);
    return out;
}

// Each suite's initTestCase: the settings go to a temporary folder (crash drafts, recent
// projects), which also serves the suite as a scratch folder for projects.
inline void useTemporarySettings(const QTemporaryDir &tmp)
{
    QVERIFY(tmp.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, tmp.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("SeekbenchTest"));
}

} // namespace seekbench::test
