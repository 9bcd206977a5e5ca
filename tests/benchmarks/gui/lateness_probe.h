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

// What the GUI thread itself spends per event, on its own CPU clock: unlike lateness,
// this excludes time the thread was descheduled (other processes on a busy machine), so
// it names the handlers that stall the loop. Only outermost dispatches are counted.
#include <QApplication>
#include <QEvent>
#include <QMetaObject>
#include <QThread>

#include <cstdio>
#include <ctime>
#include <map>
#include <string>

class ProfilingApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        // notify() runs in every thread that dispatches events; only the GUI thread's count.
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (m_depth++ > 0 || !m_enabled) {
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        // The receiver or the event may be gone after dispatch: name them first.
        const char *className = receiver->metaObject()->className();
        const int type = int(event->type());
        const double before = threadCpuMs();
        const bool r = QApplication::notify(receiver, event);
        const double spent = threadCpuMs() - before;
        --m_depth;
        m_costs.push_back(spent);
        if (spent > 1.0) {
            std::string key = std::string(className) + " / event " + std::to_string(type);
            auto &worst = m_worst[key];
            worst.first = std::max(worst.first, spent);
            worst.second += spent;
        }
        return r;
    }
    void setEnabled(bool on) { m_enabled = on; }
    double percentile(double p) const
    {
        if (m_costs.empty())
            return 0;
        std::vector<double> v = m_costs;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
    }
    double max() const { return m_costs.empty() ? 0 : *std::max_element(m_costs.begin(), m_costs.end()); }
    void printWorst(int n) const
    {
        std::vector<std::pair<double, std::string>> v;
        for (const auto &[k, w] : m_worst)
            v.push_back({w.first, k + " (total " + std::to_string(int(w.second)) + " ms)"});
        std::sort(v.rbegin(), v.rend());
        for (int i = 0; i < n && i < int(v.size()); ++i)
            std::printf("    %7.2f ms  %s\n", v[i].first, v[i].second.c_str());
    }

private:
    static double threadCpuMs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
    }
    int m_depth = 0;
    bool m_enabled = false;
    std::vector<double> m_costs;
    std::map<std::string, std::pair<double, double>> m_worst;
};
