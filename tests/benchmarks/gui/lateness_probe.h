#pragma once

// A timer that records its own lateness: the GUI event loop's stalls.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <vector>

class LatenessProbe : public QObject
{
public:
    explicit LatenessProbe(int intervalMs = 5) : m_interval(intervalMs)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last)
                m_late.push_back(std::max(0.0, (now - m_last) / 1e6 - m_interval));
            m_last = now;
        });
    }
    void start()
    {
        m_late.clear();
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double percentile(double p) const
    {
        if (m_late.empty())
            return 0;
        std::vector<double> v = m_late;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
    }
    double max() const { return m_late.empty() ? 0 : *std::max_element(m_late.begin(), m_late.end()); }
    std::size_t samples() const { return m_late.size(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    int m_interval;
    std::vector<double> m_late;
};
