#pragma once

#include "seekbench/run/precision_choice.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <optional>

namespace seekbench::ui {

class CliClient;

// The fp32 and bf16 GEMM speeds of this machine for the editor's step-time estimates and
// its "auto trains in ..." line. The GUI does not load torch: `seekbench-cli precision
// --shape MxKxN --threads N --json` measures (about a second, once per machine and shape:
// the CLI caches it) in the background. One measurement runs at a time; the newest shape
// asked for waits for it.
class PrecisionProbe : public QObject
{
    Q_OBJECT
public:
    explicit PrecisionProbe(QObject *parent = nullptr);

    // The speed when known; otherwise starts measuring it (once per shape and threads)
    // and emits changed() when done.
    std::optional<seekbench::PrecisionSpeed> speed(const seekbench::GemmShape &shape, int threads);
    bool isMeasuring() const { return !m_running.isEmpty(); }
    // Why the last measurement failed (translated); empty when none did.
    QString error() const { return m_error; }

Q_SIGNALS:
    void changed();

private:
    static QString key(const seekbench::GemmShape &shape, int threads);
    void start(const seekbench::GemmShape &shape, int threads);

    CliClient *m_cli;
    QHash<QString, seekbench::PrecisionSpeed> m_known;
    QSet<QString> m_failed;
    QString m_running;
    std::optional<std::pair<seekbench::GemmShape, int>> m_next;
    QString m_error;
};

} // namespace seekbench::ui
