// clinicdesk-bench: the performance report of issue 8. See the README's "Performance" section.
//   clinicdesk-bench [--out DIR] [--quick] [--sizes 1000,10000,100000,1000000]
// writes DIR/report.json and DIR/report.md, and caches the generated vaults in DIR/vaults.
#include "BenchVaults.h"
#include "CoreBench.h"
#include "CowVfs.h"
#include "Options.h"
#include "Report.h"
#include "UiBench.h"
#include "common/Secret.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <cstdio>

using namespace cd;
using namespace cd::bench;

namespace {

void say(const QString& line)
{
    std::fprintf(stderr, "[%s] %s\n",
                 qPrintable(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))),
                 qPrintable(line));
}

bool save(const QString& path, const QByteArray& bytes)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
}

// Written after every size, so a long run that is stopped still leaves what it measured.
bool writeReport(const Options& o, const Report& report)
{
    return save(o.outDir + QStringLiteral("/report.json"),
                QJsonDocument(toJson(report)).toJson(QJsonDocument::Indented)) &&
           save(o.outDir + QStringLiteral("/report.md"), toMarkdown(report).toUtf8());
}

SizeResult measureSize(VaultPair& v, const Options& o, int clients)
{
    SizeResult s;
    s.clients = clients;
    s.interactions = v.interactions;
    s.images = v.images;
    s.generateSecondsEnc = v.generateSecondsEnc;
    s.generateSecondsPlain = v.generateSecondsPlain;
    s.reused = v.reused;
    s.upgradedFrom = v.upgradedFrom;
    s.upgradeSecondsEnc = v.upgradeSecondsEnc;
    s.upgradeSecondsPlain = v.upgradeSecondsPlain;
    s.bytesEnc = v.bytesEnc;
    s.bytesPlain = v.bytesPlain;
    const auto step = [&](const char* what, auto&& fn) {
        if (!o.only.isEmpty() && !o.only.contains(QString::fromLatin1(what).section(QLatin1Char(' '), 0, 0)))
            return;
        say(QStringLiteral("  %1").arg(QLatin1String(what)));
        s.rows += fn();
    };
    // Read-only measurements first, on the data exactly as generated.
    step("open", [&] { return measureOpen(v, o); });
    step("memory", [&] { return measureMemory(v); });
    step("search (core)", [&] { return measureSearch(v, o); });
    step("search (model + repaint)", [&] { return measureSearchModel(v, o); });
    step("batch recall", [&] { return measureBatchRecall(v, o); });
    step("thumbnails", [&] { return measureThumbnails(v, o); });
    step("add interaction", [&] {
        return QList<Row>{measureDiskSync(o), measureAddInteraction(v, o, clients)};
    });
    step("import JPEG", [&] { return measureImport(v, o, clients); });
    step("export and erasure", [&] { return measureExportAndErasure(v, o); });
    step("CSV import", [&] { return measureCsvImport(v, o); });
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    // Widgets are measured offscreen: the benchmark runs the same on a desktop, over ssh and in CI.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (!sodiumReady() || !cow::install())
        return 2;
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == QLatin1String("--child-memory"))
        return runMemoryChild(args.at(2));

    Options o = args.contains(QLatin1String("--quick")) ? Options::quickOptions() : Options();
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--out") && i + 1 < args.size()) {
            o.outDir = args.at(++i);
        } else if (args.at(i) == QLatin1String("--sizes") && i + 1 < args.size()) {
            o.sizes.clear();
            for (const QString& n : args.at(++i).split(QLatin1Char(',')))
                if (n.toInt() > 0)
                    o.sizes << n.toInt();
        } else if (args.at(i) == QLatin1String("--profile") && i + 1 < args.size()) {
            Profiled::select(args.at(++i));
        } else if (args.at(i) == QLatin1String("--only") && i + 1 < args.size()) {
            o.only = args.at(++i).split(QLatin1Char(','));
        } else if (args.at(i) != QLatin1String("--quick")) {
            std::fprintf(
                stderr,
                "usage: clinicdesk-bench [--out DIR] [--quick] [--sizes 1000,10000,100000,1000000] "
                "[--only open,memory,search,thumbnails,add,import,export,CSV] [--profile OPERATION_ID]\n");
            return 2;
        }
    }
    o.outDir = QDir(o.outDir).absolutePath();
    QDir().mkpath(o.outDir + QStringLiteral("/work"));

    Report report;
    report.quick = o.quick;
    report.command = args.mid(1).join(QLatin1Char(' ')).prepend(QStringLiteral("clinicdesk-bench "));
    say(QStringLiteral("Key derivation"));
    const Row unlock = measureUnlock(o, report.kdf);
    for (int clients : o.sizes) {
        say(QStringLiteral("%1 clients").arg(clients));
        auto pair = VaultPair::prepare(o.outDir, VaultSpec{clients, 8, o.interactionsPerClient}, say);
        if (!pair) {
            say(QStringLiteral("cannot prepare the vaults: %1").arg(pair.message()));
            return 1;
        }
        SizeResult s = measureSize(*pair.value(), o, clients);
        s.rows.prepend(unlock);
        s.bytesWritten = pair.value()->writtenBytes();
        pair.value()->removeWorkCopies();
        report.sizes.append(s);
        if (!writeReport(o, report)) {
            say(QStringLiteral("cannot write the report in %1").arg(o.outDir));
            return 1;
        }
    }
    std::fputs(toMarkdown(report).toUtf8().constData(), stdout);
    say(QStringLiteral("Report: %1/report.json and report.md").arg(o.outDir));
    return 0;
}
