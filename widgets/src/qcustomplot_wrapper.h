#pragma once

// The only place qcustomplot.h is included. It uses the bare keywords `signals` and
// `foreach`, which our targets disable (QT_NO_KEYWORDS, QT_NO_FOREACH), so they are
// mapped for the length of the include and undefined after.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach(variable, container) for (variable : container)
#include <qcustomplot.h>
#undef foreach
#undef emit
#undef slots
#undef signals
