// Every schema field has a translatable description (ConfigFieldText covers the schema).

#include "config_test_support.h"

using namespace seekbench::test;

class TestConfigFieldText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { useTemporarySettings(m_tmp); }

    void everyDescriptionTranslatable()
    {
        QStringList missing;
        QVERIFY2(ConfigFieldText::coversSchema(&missing), qPrintable(missing.join(QStringLiteral(", "))));
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestConfigFieldText)
#include "test_config_field_text.moc"
