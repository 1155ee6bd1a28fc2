// The human table: one section per vault size, the largest first judged against the goals.
#include "Report.h"

#include <QDateTime>
#include <QLocale>

namespace cd::bench {

namespace {

QString num(double v)
{
    if (v >= 100)
        return QString::number(v, 'f', 0);
    if (v >= 10)
        return QString::number(v, 'f', 1);
    return QString::number(v, 'f', 2);
}

QString triple(const Row& r, const Samples& s)
{
    if (s.isEmpty())
        return QStringLiteral("–");
    if (s.size() == 1 || r.unit != QLatin1String("ms"))
        return num(s.max()) + QLatin1Char(' ') + r.unit;
    return QStringLiteral("%1 / %2 / %3").arg(num(s.p50()), num(s.p95()), num(s.p99()));
}

QString thousands(qint64 v)
{
    return QLocale(QLocale::English).toString(v);
}

} // namespace

QString toMarkdown(const Report& report)
{
    QString md;
    md += QStringLiteral("Measured %1 on %2%3.\n\n")
              .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
                   machineDescription(),
                   report.quick ? QStringLiteral(" (**quick mode**: small sizes, goals not judged)")
                                : QString());
    md += QStringLiteral(
        "Latencies in ms as p50 / p95 / p99 over n runs; one-off operations are judged on the median, "
        "keystrokes and saves on p95. *enc/plain* is the encrypted median over the plaintext median "
        "(the cost of encryption), both measured turn about in the same run. Peak RSS is this process's "
        "VmHWM while the operation ran (both vaults open).\n");
    const QString kdf =
        QStringLiteral("\nUnlock: Argon2id %1 MiB, %2 passes (KdfParams::calibrated() on this machine).\n")
            .arg(report.kdf.value(QStringLiteral("mem_mib")).toDouble())
            .arg(report.kdf.value(QStringLiteral("ops")).toDouble());
    md += kdf;
    for (int i = report.sizes.size() - 1; i >= 0; --i) {
        const SizeResult& s = report.sizes.at(i);
        const bool judged = judgedAt(report, s);
        md += QStringLiteral("\n### %1 clients, %2 interactions, %3 images%4\n\n")
                  .arg(thousands(s.clients), thousands(s.interactions), thousands(s.images),
                       judged ? QStringLiteral(" (goals judged here)") : QString());
        md += QStringLiteral("Vault files: %1 MB encrypted, %2 MB plain; %3. Measured on copy-on-write "
                             "copies of the cached vaults: the run wrote %4 MB into them.\n\n")
                  .arg(num(double(s.bytesEnc) / 1e6), num(double(s.bytesPlain) / 1e6),
                       QStringLiteral("generated in %1 s (encrypted) and %2 s (plain), at once%3")
                               .arg(num(s.generateSecondsEnc), num(s.generateSecondsPlain),
                                    s.reused ? QStringLiteral(", cached from an earlier run") : QString()) +
                           (s.upgradedFrom > 0
                                ? QStringLiteral("; then upgraded in place from schema %1 by the program's "
                                                 "migrations, in %2 s (encrypted) and %3 s (plain)")
                                      .arg(s.upgradedFrom)
                                      .arg(num(s.upgradeSecondsEnc), num(s.upgradeSecondsPlain))
                                : QString()),
                       num(double(s.bytesWritten) / 1e6));
        md += QStringLiteral("| operation | n | encrypted | plain | enc/plain | peak RSS | goal | verdict |\n"
                             "|---|---:|---:|---:|---:|---:|---|---|\n");
        for (const Row& r : s.rows) {
            const Goal* g = goalFor(r.id, s.clients);
            QStringList verdicts;
            if (const QString v = verdict(r, s, judged); !v.isEmpty())
                verdicts << (v == QLatin1String("met") ? v : QStringLiteral("**%1**").arg(v));
            if (const QString v = ratioVerdict(r, s, judged); !v.isEmpty())
                verdicts << QStringLiteral("cost %1").arg(
                    v == QLatin1String("met") ? v : QStringLiteral("**%1**").arg(v));
            QString goal = g ? g->text : QString();
            if (g && g->ratio > 0)
                goal += QStringLiteral("; enc/plain ≤ %1").arg(g->ratio);
            md += QStringLiteral("| %1%2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 |\n")
                      .arg(r.label, r.note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.note))
                      .arg(r.enc.size())
                      .arg(triple(r, r.enc), triple(r, r.plain),
                           r.plain.isEmpty() ? QStringLiteral("–") : num(ratio(r)),
                           r.peakRssMB > 0 ? num(r.peakRssMB) + QStringLiteral(" MB") : QStringLiteral("–"),
                           goal, verdicts.join(QStringLiteral(", ")));
        }
    }
    return md;
}

} // namespace cd::bench
