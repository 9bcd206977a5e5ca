#pragma once

// The looks the review pictures are taken in (English and Chinese, light and dark), for
// the tests that write them with SEEKBENCH_SWEEP_SHOTS=DIR.

#include "shell/theme.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QString>
#include <QTranslator>
#include <QtTest>

namespace seekbench::test {

// The data rows: language, dark.
inline void addLookRows()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("dark");
    QTest::newRow("en") << QStringLiteral("en") << false;
    QTest::newRow("en dark") << QStringLiteral("en") << true;
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << false;
    QTest::newRow("zh_CN dark") << QStringLiteral("zh_CN") << true;
}

// The language's catalogues (ours and Qt's) and the theme, while it lives; then English
// and light again.
class ShotLook
{
public:
    ShotLook(const QString &language, bool dark)
        : m_suffix((language == QLatin1String("zh_CN") ? QStringLiteral("-zh_CN") : QString())
                   + (dark ? QStringLiteral("-dark") : QString()))
    {
        if (language == QLatin1String("zh_CN")) {
            if (m_ours.load(QStringLiteral(":/i18n/seekbench_zh_CN.qm")))
                QCoreApplication::installTranslator(&m_ours);
            if (m_qt.load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
                QCoreApplication::installTranslator(&m_qt);
        }
        ui::Theme::apply(dark ? ui::Theme::Choice::Dark : ui::Theme::Choice::Light);
    }
    ~ShotLook()
    {
        QCoreApplication::removeTranslator(&m_ours);
        QCoreApplication::removeTranslator(&m_qt);
        ui::Theme::apply(ui::Theme::Choice::Light);
    }
    ShotLook(const ShotLook &) = delete;
    ShotLook &operator=(const ShotLook &) = delete;
    // "", "-dark", "-zh_CN", "-zh_CN-dark": for the file names.
    const QString &suffix() const { return m_suffix; }

private:
    QString m_suffix;
    QTranslator m_ours, m_qt;
};

} // namespace seekbench::test

// The start of a screenshots() test function: skips unless SEEKBENCH_SWEEP_SHOTS names a
// folder, then declares `out` (that folder) and `look` (the row's language and theme, in
// force for the rest of the function).
#define SEEKBENCH_SHOT_LOOK() \
    const QString out = qEnvironmentVariable("SEEKBENCH_SWEEP_SHOTS"); \
    if (out.isEmpty()) \
        QSKIP("set SEEKBENCH_SWEEP_SHOTS=DIR for the pictures"); \
    QFETCH(QString, language); \
    QFETCH(bool, dark); \
    const ::seekbench::test::ShotLook look(language, dark)
