#include "config/precision_probe.h"

#include "common/cli_client.h"

namespace seekbench::ui {

namespace {

struct SpeedReply
{
    seekbench::PrecisionSpeed speed;
    static SpeedReply fromJson(const std::string &text) { return {seekbench::PrecisionSpeed::fromJson(text)}; }
};

} // namespace

PrecisionProbe::PrecisionProbe(QObject *parent) : QObject(parent), m_cli(new CliClient(this)) {}

QString PrecisionProbe::key(const seekbench::GemmShape &shape, int threads)
{
    return QString::fromStdString(shape.text()) + QLatin1Char('@') + QString::number(threads);
}

std::optional<seekbench::PrecisionSpeed> PrecisionProbe::speed(const seekbench::GemmShape &shape, int threads)
{
    const QString k = key(shape, threads);
    if (auto it = m_known.constFind(k); it != m_known.constEnd())
        return *it;
    if (m_failed.contains(k) || m_running == k)
        return std::nullopt;
    if (m_running.isEmpty())
        start(shape, threads);
    else
        m_next = std::make_pair(shape, threads);
    return std::nullopt;
}

void PrecisionProbe::start(const seekbench::GemmShape &shape, int threads)
{
    const QString k = key(shape, threads);
    m_running = k;
    const QStringList args
        = {QStringLiteral("precision"), QStringLiteral("--shape"), QString::fromStdString(shape.text()),
           QStringLiteral("--threads"), QString::number(threads),  QStringLiteral("--json")};
    m_cli->run<SpeedReply>(args, this,
                           [this, k](const CliReply<SpeedReply> &r) {
                               m_running.clear();
                               if (r.reply) {
                                   m_known.insert(k, r.reply->speed);
                                   m_error.clear();
                               } else {
                                   m_failed.insert(k);
                                   m_error = r.error;
                               }
                               if (m_next) {
                                   const auto [shape, threads] = *m_next;
                                   m_next.reset();
                                   if (!m_known.contains(key(shape, threads)) && !m_failed.contains(key(shape, threads)))
                                       start(shape, threads);
                               }
                               Q_EMIT changed();
                           },
                           {QString(), 120000});
}

} // namespace seekbench::ui
