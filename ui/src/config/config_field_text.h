#pragma once

#include <QString>
#include <QStringList>

#include <string>

namespace seekbench::ui {

// Translated text about the config schema: group titles and the fields' descriptions
// (English in core_api; translated here in the "ConfigSchema" context).
class ConfigFieldText
{
public:
    static QString groupTitle(const QString &group);
    // The translated description, or the English one when the schema gained a field
    // whose description is not in the table yet.
    static QString description(const std::string &english);
    // Whether every description of the schema has an entry (a test keeps this true).
    static bool coversSchema(QStringList *missing);
    // The order the form shows groups in; groups not listed follow in schema order.
    static QStringList groupOrder();
};

} // namespace seekbench::ui
