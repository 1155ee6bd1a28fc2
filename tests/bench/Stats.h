#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace cd::bench {

// Latency samples in milliseconds. Percentiles use the nearest-rank method, so p99 of 20 samples
// is the slowest one rather than an interpolation that was never observed.
class Samples
{
public:
    void add(double ms) { m_ms.append(ms); }
    void append(const Samples& other) { m_ms += other.m_ms; }
    int size() const { return int(m_ms.size()); }
    bool isEmpty() const { return m_ms.isEmpty(); }
    double percentile(double p) const;
    double p50() const { return percentile(50); }
    double p95() const { return percentile(95); }
    double p99() const { return percentile(99); }
    double max() const { return percentile(100); }
    double total() const;
    const QList<double>& values() const { return m_ms; }

private:
    QList<double> m_ms;
};

// The keys whose median is slowest, worst first, as {key: median ms} (e.g. which keystrokes of a
// search are slow): where a p95 is missed, this says where to look.
QJsonObject slowest(const QHash<QString, Samples>& byKey, int count);

class Stopwatch
{
public:
    Stopwatch() { m_timer.start(); }
    double ms() const { return double(m_timer.nsecsElapsed()) / 1e6; }

private:
    QElapsedTimer m_timer;
};

// Profiling one operation (the README's "Profiling" recipe): under
//   perf record -D -1 --control fifo:CTL,ACK ... clinicdesk-bench --profile erasure
// with CLINICDESK_BENCH_PERF_CTL=CTL and CLINICDESK_BENCH_PERF_ACK=ACK, perf samples only while a
// Profiled of that operation's id is alive. Elsewhere it does nothing.
class Profiled
{
public:
    explicit Profiled(const QString& id);
    ~Profiled();
    Q_DISABLE_COPY_MOVE(Profiled)
    static void select(const QString& id);

private:
    bool m_on = false;
};

namespace memory {
// Peak resident set size of this process (VmHWM from /proc/self/status), in MB (10^6 bytes, the unit of the
// goals).
double peakRssMB();
double currentRssMB();
// Resets VmHWM to the current RSS (writes "5" to /proc/self/clear_refs), so the next peakRssMB()
// covers one operation only. Returns false where the kernel refuses.
bool resetPeak();
} // namespace memory

} // namespace cd::bench
