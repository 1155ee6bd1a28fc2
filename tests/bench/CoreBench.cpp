#include "CoreBench.h"

#include "BenchVaults.h"
#include "Fixtures.h"
#include "clients/Interaction.h"
#include "images/ImageStore.h"
#include "importing/ClientImport.h"
#include "privacy/Erasure.h"
#include "privacy/SubjectExport.h"
#include "records/TreatmentRecords.h"
#include "search/ClientSearch.h"
#include "storage/Sql.h"
#include "vault/Kdf.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPixmap>
#include <unistd.h>

namespace cd::bench {

namespace {

[[noreturn]] void fatal(const QString& what, const QString& message)
{
    qFatal("%s: %s", qPrintable(what), qPrintable(message));
}

template <typename R> void must(const R& r, const char* what)
{
    if (!r.ok())
        fatal(QString::fromLatin1(what), r.message());
}

// The demo generator's receptionist (ids are the same in both databases: same inserts, same order).
constexpr qint64 kAuthor = 2;

} // namespace

void alternate(VaultPair& v, int rounds, Row& row, const std::function<double(Database&, bool, int)>& op)
{
    memory::resetPeak();
    for (int r = 0; r < rounds; ++r) {
        const bool encFirst = r % 2 == 0;
        for (bool enc : {encFirst, !encFirst}) {
            // Profiled around the whole turn, fixtures included (perf's report shows them apart).
            const Profiled p(row.id + (enc ? QString() : QStringLiteral("_plain")));
            (enc ? row.enc : row.plain).add(op(v.db(enc), enc, r));
        }
    }
    row.peakRssMB = memory::peakRssMB();
}

Row measureUnlock(const Options& o, QJsonObject& kdf)
{
    Row row{QStringLiteral("unlock_kdf"), QStringLiteral("unlock: Argon2id key derivation")};
    Stopwatch calibration;
    const KdfParams params = KdfParams::calibrated();
    const double calibrationMs = calibration.ms();
    const QByteArray salt(kSaltBytes, '\x11');
    memory::resetPeak();
    for (int i = 0; i < o.kdfRounds; ++i) {
        QByteArray pass("a passphrase of the usual length");
        const SecretBytes secret = SecretBytes::takeFrom(pass);
        Stopwatch t;
        must(deriveKey(secret, salt, params), "deriveKey");
        row.enc.add(t.ms());
    }
    row.peakRssMB = memory::peakRssMB();
    row.note = QStringLiteral("%1 MiB, %2 passes").arg(params.memLimit / (1024 * 1024)).arg(params.opsLimit);
    kdf = QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("Argon2id (libsodium crypto_pwhash)")},
                      {QStringLiteral("ops"), double(params.opsLimit)},
                      {QStringLiteral("mem_mib"), double(params.memLimit / (1024 * 1024))},
                      {QStringLiteral("calibration_ms"), calibrationMs}};
    return row;
}

Row measureDiskSync(const Options& o)
{
    Row row{QStringLiteral("disk_sync"),
            QStringLiteral("disk: write 4 KiB + fdatasync, the floor under every save")};
    QFile f(o.outDir + QStringLiteral("/work/sync-probe"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fatal(f.fileName(), f.errorString());
    const QByteArray page(4096, 'x');
    for (int i = 0; i < o.addRounds; ++i) {
        Stopwatch t;
        f.write(page);
        f.flush();
        ::fdatasync(f.handle());
        row.enc.add(t.ms());
    }
    f.remove();
    row.note = QStringLiteral("no database");
    return row;
}

Row measureSearch(VaultPair& v, const Options& o)
{
    Row row{QStringLiteral("search_core"), QStringLiteral("search as you type, per keystroke (core)")};
    const QStringList keys = keystrokes(typedQueries());
    for (bool enc : {true, false}) // warm-up pass: the first search after opening reads the index cold
        for (const QString& k : keys)
            must(ClientSearch(v.db(enc)).search(k), "search");
    QHash<QString, Samples> byKey;
    memory::resetPeak();
    for (int r = 0; r < o.searchRounds; ++r)
        for (int k = 0; k < keys.size(); ++k) {
            const bool encFirst = (r + k) % 2 == 0;
            for (bool enc : {encFirst, !encFirst}) {
                ClientSearch search(v.db(enc));
                Stopwatch t;
                must(search.search(keys.at(k)), "search");
                const double ms = t.ms();
                (enc ? row.enc : row.plain).add(ms);
                if (enc)
                    byKey[keys.at(k)].add(ms);
            }
        }
    row.peakRssMB = memory::peakRssMB();
    row.detail.insert(QStringLiteral("slowest_keystrokes_encrypted_p50"), slowest(byKey, 10));
    row.note = QStringLiteral("%1 keystrokes of %2 queries").arg(keys.size()).arg(typedQueries().size());
    return row;
}

QList<Row> measureBatchRecall(VaultPair& v, const Options& o)
{
    Row exact{QStringLiteral("batch_recall"),
              QStringLiteral("who received batch X (recall, with contact details)")};
    Row busy{QStringLiteral("batch_recall_busy"),
             QStringLiteral("who received batch X, a busy product's lot (over 460 records)")};
    Row prefix{QStringLiteral("batch_recall_prefix"),
               QStringLiteral("who received a batch starting with X (5 characters)")};
    // Real lots of the generated clinic, spread over the index; each one is shared by many clients.
    // The goal is for a recall of about 380 records: the first row measures the lots of up to 460
    // records (most of them; the generator's lots average that), the busiest products' larger lots
    // have a row of their own rather than being mixed into it.
    QStringList lots;
    QStringList busyLots;
    {
        auto st = v.db(false).prepare(
            "SELECT batch_number, count(*) FROM treatment_records WHERE batch_number IS NOT NULL "
            "GROUP BY batch_number COLLATE NOCASE ORDER BY batch_number COLLATE NOCASE");
        QString largest;
        for (qint64 most = 0; st.step();) {
            (st.int64(1) > 460 ? busyLots : lots) << st.text(0);
            if (st.int64(1) > most)
                most = st.int64(1), largest = st.text(0);
        }
        if (busyLots.isEmpty() && !largest.isEmpty()) // a small vault: its largest lot stands in
            busyLots << largest;
    }
    if (lots.isEmpty() && busyLots.isEmpty()) {
        exact.note = busy.note = prefix.note = QStringLiteral("no treatment records");
        return {exact, busy, prefix};
    }
    QStringList all = lots + busyLots;
    all.removeDuplicates();
    for (Row* row : {&exact, &busy, &prefix}) {
        const bool isPrefix = row == &prefix;
        const QStringList& from = isPrefix ? all : row == &busy ? busyLots : lots;
        if (from.isEmpty()) {
            row->note = QStringLiteral("no such lots at this size");
            continue;
        }
        Samples found;
        alternate(v,
                  o.searchRounds * (isPrefix       ? 2
                                    : row == &busy ? 2
                                                   : 8),
                  *row, [&](Database& db, bool enc, int r) {
                      const QString lot = from.at((r * 7) % from.size());
                      const QString key = isPrefix ? lot.left(5) : lot.toLower(); // typed in any case
                      TreatmentRecords records(db);
                      Stopwatch t;
                      auto result =
                          records.whoReceivedBatch(key, isPrefix ? BatchMatch::Prefix : BatchMatch::Exact);
                      const double ms = t.ms();
                      must(result, "whoReceivedBatch");
                      if (enc)
                          found.add(double(result->size()));
                      return ms;
                  });
        row->detail.insert(QStringLiteral("records_found_p50"), found.p50());
        row->note = QStringLiteral("%1 lots; ~%2 records each; includes the audit entry")
                        .arg(from.size())
                        .arg(found.p50());
    }
    return {exact, busy, prefix};
}

Row measureAddInteraction(VaultPair& v, const Options& o, int clients)
{
    Row row{QStringLiteral("add_interaction"), QStringLiteral("add an interaction (one transaction)")};
    alternate(v, o.addRounds, row, [clients](Database& db, bool, int r) {
        Interaction i;
        i.clientId = 1 + (qint64(r) * 7919) % clients;
        i.kind = InteractionKind::Call;
        i.direction = Direction::In;
        i.authorId = kAuthor;
        i.body = QStringLiteral(
            "Called about her review appointment; happy with the result, wants to book a top-up in spring.");
        Stopwatch t;
        must(InteractionStore(db).add(i), "add interaction");
        return t.ms();
    });
    return row;
}

Row measureImport(VaultPair& v, const Options& o, int clients)
{
    Row row{QStringLiteral("import_jpeg_12mp"), QStringLiteral("import a 12-megapixel JPEG incl. previews")};
    const QString dir = o.outDir + QStringLiteral("/fixtures");
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/photo-%1x%2.jpg").arg(o.importWidth).arg(o.importHeight);
    if (!QFile::exists(path)) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(photoJpeg(o.importWidth, o.importHeight, 12)) <= 0)
            fatal(path, f.errorString());
    }
    alternate(v, o.importRounds, row, [&](Database& db, bool, int r) {
        ImageDetails d;
        d.kind = ImageKind::Before;
        d.area = FaceArea::Cheeks;
        Stopwatch t;
        must(ImageStore(db).importFile(1 + (qint64(r) * 104729) % clients, path, d, kAuthor), "import image");
        return t.ms();
    });
    row.note = QStringLiteral("%1×%2, %3 MB file")
                   .arg(o.importWidth)
                   .arg(o.importHeight)
                   .arg(double(QFile(path).size()) / 1e6, 0, 'f', 1);
    return row;
}

Row measureThumbnails(VaultPair& v, const Options& o)
{
    Row row{QStringLiteral("thumbnails_100"), QStringLiteral("show 100 thumbnails (read, decode, pixmap)")};
    qint64 images = 0;
    must(guarded([&]() -> Status {
             auto st = v.enc().prepare("SELECT max(id) FROM images");
             st.step();
             images = st.int64(0);
             return {};
         }),
         "count images");
    // Each round reads a different set of 100, spread over the whole table, as galleries of many
    // clients would be: a realistic mix of cached and uncached pages.
    alternate(v, o.thumbnailRounds, row, [&](Database& db, bool, int r) {
        ImageStore store(db);
        Stopwatch t;
        int shown = 0;
        for (qint64 k = 0; k < 100; ++k) {
            const qint64 id = 1 + (k * 7919 + qint64(r) * 131) % std::max<qint64>(images, 1);
            auto bytes = store.data(id, Rendition::Thumbnail);
            if (!bytes)
                continue;
            shown += QPixmap::fromImage(QImage::fromData(bytes.value())).isNull() ? 0 : 1;
        }
        if (shown == 0)
            fatal(QStringLiteral("thumbnails"), QStringLiteral("no thumbnail could be shown"));
        return t.ms();
    });
    return row;
}

QList<Row> measureExportAndErasure(VaultPair& v, const Options& o)
{
    Row exportRow{QStringLiteral("subject_export"), QStringLiteral("subject-access export (ZIP + PDF)")};
    Row eraseRow{QStringLiteral("erasure"), QStringLiteral("erasure incl. search-index purge")};
    QList<imaging::PreparedImage> images;
    for (int k = 0; k < o.subjectImages; ++k) {
        auto p =
            imaging::prepareImage(photoJpeg(o.subjectImageWidth, o.subjectImageHeight, 1000 + quint64(k)),
                                  QStringLiteral("photo-%1.jpg").arg(k));
        must(p, "prepare subject image");
        images.append(p.value());
    }
    memory::resetPeak();
    for (int r = 0; r < o.exportRounds; ++r) {
        const bool encFirst = r % 2 == 0;
        for (bool enc : {encFirst, !encFirst}) {
            Database& db = v.db(enc);
            const int serial = r * 2 + (enc ? 0 : 1);
            const qint64 id = addSubjectClient(db, o.subjectInteractions, images, serial);
            SubjectExportOptions eo;
            eo.outPath = o.outDir + QStringLiteral("/work/export-%1.zip").arg(serial);
            {
                const Profiled p(exportRow.id + (enc ? QString() : QStringLiteral("_plain")));
                Stopwatch t;
                must(exportSubject(db, id, eo), "export");
                (enc ? exportRow.enc : exportRow.plain).add(t.ms());
            }
            QFile::remove(eo.outPath);
            const Profiled p(eraseRow.id + (enc ? QString() : QStringLiteral("_plain")));
            Stopwatch e;
            must(Erasure(db).erase(id, subjectName(serial), 0, kAuthor), "erase");
            (enc ? eraseRow.enc : eraseRow.plain).add(e.ms());
        }
    }
    exportRow.peakRssMB = eraseRow.peakRssMB = memory::peakRssMB();
    exportRow.note = QStringLiteral("%1 interactions, %2 images %3×%4")
                         .arg(o.subjectInteractions)
                         .arg(o.subjectImages)
                         .arg(o.subjectImageWidth)
                         .arg(o.subjectImageHeight);
    eraseRow.note = QStringLiteral("the same client");
    return {exportRow, eraseRow};
}

Row measureCsvImport(VaultPair& v, const Options& o)
{
    Row row{QStringLiteral("csv_import_10k"), QStringLiteral("CSV import (parse, check, one transaction)")};
    int imported = 0;
    alternate(v, o.csvRounds, row, [&](Database& db, bool, int r) {
        const QByteArray bytes = clientCsv(o.csvRows, 500 + quint64(r));
        Stopwatch t;
        auto table = csv::parse(bytes);
        must(table, "parse CSV");
        auto report =
            ClientImport::run(db, table.value(), ClientImport::guessMapping(table->header), kAuthor);
        must(report, "import CSV");
        const double ms = t.ms();
        imported = report->imported;
        return ms;
    });
    row.note = QStringLiteral("%1 rows, %2 imported").arg(o.csvRows).arg(imported);
    return row;
}

} // namespace cd::bench
