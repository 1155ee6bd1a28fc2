#include "Report.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QSysInfo>
#include <QThread>

namespace cd::bench {

namespace {

// The goals of issue 8, for 100,000 clients and 1,000,000 interactions. One-off operations are
// judged on the median of their runs, per-keystroke and per-save latencies on p95.
const QList<std::pair<QString, Goal>>& goals()
{
    static const QList<std::pair<QString, Goal>> table{
        {QStringLiteral("unlock_kdf"), {QStringLiteral("p50"), 1000, 300, QStringLiteral("0.3–1 s")}},
        {QStringLiteral("open"), {QStringLiteral("p50"), 300, 0, QStringLiteral("≤ 300 ms")}},
        {QStringLiteral("search_core"), {QStringLiteral("p95"), 5, 0, QStringLiteral("p95 ≤ 5 ms")}},
        {QStringLiteral("search_model"), {QStringLiteral("p95"), 16, 0, QStringLiteral("p95 ≤ 16 ms")}},
        {QStringLiteral("add_interaction"), {QStringLiteral("p95"), 5, 0, QStringLiteral("p95 ≤ 5 ms")}},
        {QStringLiteral("import_jpeg_12mp"), {QStringLiteral("p50"), 500, 0, QStringLiteral("≤ 500 ms")}},
        {QStringLiteral("thumbnails_100"), {QStringLiteral("p50"), 100, 0, QStringLiteral("≤ 100 ms")}},
        {QStringLiteral("subject_export"), {QStringLiteral("p50"), 2000, 0, QStringLiteral("≤ 2 s")}},
        {QStringLiteral("erasure"), {QStringLiteral("p50"), 1000, 0, QStringLiteral("≤ 1 s")}},
        {QStringLiteral("csv_import_10k"), {QStringLiteral("p50"), 3000, 0, QStringLiteral("≤ 3 s")}},
        {QStringLiteral("batch_recall"),
         {QStringLiteral("p95"), 100, 0, QStringLiteral("p95 ≤ 100 ms (issue 10: well under a second)")}},
        {QStringLiteral("memory_open"), {QStringLiteral("max"), 150, 0, QStringLiteral("≤ 150 MB")}},
    };
    return table;
}

QJsonObject stats(const Samples& s)
{
    return QJsonObject{{QStringLiteral("n"), s.size()},  {QStringLiteral("p50"), s.p50()},
                       {QStringLiteral("p95"), s.p95()}, {QStringLiteral("p99"), s.p99()},
                       {QStringLiteral("max"), s.max()}, {QStringLiteral("total"), s.total()}};
}

} // namespace

const Goal* goalFor(const QString& id)
{
    for (const auto& [key, goal] : goals())
        if (key == id)
            return &goal;
    return nullptr;
}

bool hasRatioGoal(const QString& id)
{
    return id == QLatin1String("search_core") || id == QLatin1String("add_interaction");
}

double statistic(const Samples& s, const QString& which)
{
    if (which == QLatin1String("p95"))
        return s.p95();
    if (which == QLatin1String("max"))
        return s.max();
    return s.p50();
}

double ratio(const Row& r)
{
    return r.plain.isEmpty() || r.plain.p50() <= 0 ? 0 : r.enc.p50() / r.plain.p50();
}

// "met", "MISSED" or empty (no goal, or not the size the goals are for).
QString verdict(const Row& r, bool judged)
{
    const Goal* g = goalFor(r.id);
    if (!judged || !g)
        return {};
    const double v = statistic(r.enc, g->statistic);
    return v <= g->limit && v >= g->lower ? QStringLiteral("met") : QStringLiteral("MISSED");
}

QString ratioVerdict(const Row& r, bool judged)
{
    if (!judged || !hasRatioGoal(r.id) || r.plain.isEmpty())
        return {};
    return ratio(r) <= kRatioGoal ? QStringLiteral("met") : QStringLiteral("MISSED");
}

bool judgedAt(const Report& report, const SizeResult& s)
{
    return !report.quick && s.clients >= kGoalClients;
}

QString machineDescription()
{
    QString cpu;
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray& line : f.readAll().split('\n'))
            if (line.startsWith("model name")) {
                cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
    return QStringLiteral("%1, %2 cores (nproc), %3")
        .arg(cpu)
        .arg(QThread::idealThreadCount())
        .arg(QSysInfo::prettyProductName());
}

QJsonObject toJson(const Report& report)
{
    QJsonArray sizes;
    for (int i = 0; i < report.sizes.size(); ++i) {
        const SizeResult& s = report.sizes.at(i);
        const bool judged = judgedAt(report, s);
        QJsonArray rows;
        for (const Row& r : s.rows) {
            QJsonObject o{{QStringLiteral("id"), r.id},
                          {QStringLiteral("label"), r.label},
                          {QStringLiteral("unit"), r.unit},
                          {QStringLiteral("encrypted"), stats(r.enc)},
                          {QStringLiteral("peak_rss_mb"), r.peakRssMB}};
            if (!r.plain.isEmpty()) {
                o.insert(QStringLiteral("plain"), stats(r.plain));
                o.insert(QStringLiteral("ratio_p50"), ratio(r));
                o.insert(QStringLiteral("ratio_p95"), r.plain.p95() > 0 ? r.enc.p95() / r.plain.p95() : 0);
            }
            if (const Goal* g = goalFor(r.id)) {
                o.insert(QStringLiteral("goal"), QJsonObject{{QStringLiteral("statistic"), g->statistic},
                                                             {QStringLiteral("limit"), g->limit},
                                                             {QStringLiteral("lower"), g->lower},
                                                             {QStringLiteral("text"), g->text}});
                if (judged)
                    o.insert(QStringLiteral("verdict"), verdict(r, judged));
            }
            if (hasRatioGoal(r.id) && judged)
                o.insert(QStringLiteral("ratio_verdict"), ratioVerdict(r, judged));
            if (!r.note.isEmpty())
                o.insert(QStringLiteral("note"), r.note);
            if (!r.detail.isEmpty())
                o.insert(QStringLiteral("detail"), r.detail);
            rows.append(o);
        }
        sizes.append(QJsonObject{{QStringLiteral("clients"), s.clients},
                                 {QStringLiteral("interactions"), double(s.interactions)},
                                 {QStringLiteral("images"), double(s.images)},
                                 {QStringLiteral("generate_seconds_encrypted"), s.generateSecondsEnc},
                                 {QStringLiteral("generate_seconds_plain"), s.generateSecondsPlain},
                                 {QStringLiteral("reused_cached_vaults"), s.reused},
                                 {QStringLiteral("database_bytes_encrypted"), double(s.bytesEnc)},
                                 {QStringLiteral("database_bytes_plain"), double(s.bytesPlain)},
                                 {QStringLiteral("goals_judged"), judged},
                                 {QStringLiteral("rows"), rows}});
    }
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("clinicdesk-bench")},
                       {QStringLiteral("version"), 1},
                       {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                       {QStringLiteral("machine"), machineDescription()},
                       {QStringLiteral("quick"), report.quick},
                       {QStringLiteral("command"), report.command},
                       {QStringLiteral("kdf"), report.kdf},
                       {QStringLiteral("sizes"), sizes}};
}

} // namespace cd::bench
