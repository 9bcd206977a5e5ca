#pragma once

#include "seekbench/config/config_issue.h"

#include <QCoreApplication>
#include <QString>

namespace seekbench::ui {

// Config problems arrive from core_api as a code with arguments (config_issue.h); this
// turns them into a translated sentence, prefixed with the key when there is one.
class IssueText
{
    Q_DECLARE_TR_FUNCTIONS(IssueText)
public:
    static QString describe(const seekbench::ConfigIssue &issue);
};

} // namespace seekbench::ui
