#include "Stats.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace cd::bench {

double Samples::percentile(double p) const
{
    if (m_ms.isEmpty())
        return 0;
    QList<double> sorted = m_ms;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1));
}

double Samples::total() const
{
    double sum = 0;
    for (double v : m_ms)
        sum += v;
    return sum;
}

QJsonObject slowest(const QHash<QString, Samples>& byKey, int count)
{
    QList<std::pair<double, QString>> medians;
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it)
        medians.append({it.value().p50(), it.key()});
    std::sort(medians.begin(), medians.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    QJsonObject out;
    for (int i = 0; i < std::min<int>(count, int(medians.size())); ++i)
        out.insert(medians.at(i).second, medians.at(i).first);
    return out;
}

namespace memory {

namespace {
double statusField(const char* name)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray key = QByteArray(name) + ':';
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toDouble() * 1024.0 / 1e6; // kB → MB
    return 0;
}
} // namespace

double peakRssMB()
{
    return statusField("VmHWM");
}

double currentRssMB()
{
    return statusField("VmRSS");
}

bool resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

} // namespace memory
namespace {
QString& profiledId()
{
    static QString id;
    return id;
}

// Writes a perf control command and waits for perf's acknowledgement, so that the samples start
// before the operation does. Both FIFOs are opened once, read-write, as perf's manual advises (an
// open for reading alone would wait for a writer).
void perfControl(const char* command)
{
    static const int ctl = ::open(qgetenv("CLINICDESK_BENCH_PERF_CTL").constData(), O_RDWR | O_CLOEXEC);
    static const int ack = ::open(qgetenv("CLINICDESK_BENCH_PERF_ACK").constData(), O_RDWR | O_CLOEXEC);
    if (ctl < 0 || ack < 0)
        return;
    if (::write(ctl, command, std::strlen(command)) < 0)
        return;
    char reply[5];
    if (::read(ack, reply, sizeof reply) < 0)
        return;
}
} // namespace

void Profiled::select(const QString& id)
{
    profiledId() = id;
}

Profiled::Profiled(const QString& id)
{
    m_on = !profiledId().isEmpty() && id == profiledId() &&
           !qEnvironmentVariableIsEmpty("CLINICDESK_BENCH_PERF_CTL");
    if (m_on)
        perfControl("enable\n");
}

Profiled::~Profiled()
{
    if (m_on)
        perfControl("disable\n");
}

} // namespace cd::bench
