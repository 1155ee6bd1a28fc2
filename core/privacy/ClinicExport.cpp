#include "privacy/ClinicExport.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientStore.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "common/Durable.h"
#include "images/ImageStore.h"
#include "importing/Csv.h"
#include "privacy/DataMap.h"
#include "privacy/SubjectData.h"
#include "storage/Rows.h"
#include "storage/Sql.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>
#include <QTemporaryDir>
#include <utility>

namespace cd {

namespace {

constexpr const char* kReadme =
    "Clinicdesk - the clinic's complete export\n"
    "=========================================\n\n"
    "Everything the clinic kept in Clinicdesk, in open formats, for the clinic's own use\n"
    "(for example when it moves to another system). It holds personal data: keep it as safe\n"
    "as the vault itself and delete it when it is no longer needed.\n\n"
    "clients/<ref>.json   each client, in the Clinicdesk subject-export format (the format of\n"
    "                     a subject-access export's data.json; see its \"format\" and \"version\").\n"
    "images/<ref>/        the client's original images, named <image id>-<area>-<kind>.\n"
    "tables/<table>.csv   every table of the clinic's data map, one row per record, UTF-8 with a\n"
    "                     byte-order mark so spreadsheets read accents correctly. A cell that a\n"
    "                     spreadsheet would run as a formula starts with an apostrophe.\n"
    "data-map.csv         the clinic's records of processing: for every table, the personal data it\n"
    "                     holds, why, on what lawful basis, the Article 9 condition for health data,\n"
    "                     and how long it is kept.\n"
    "manifest.json        what was exported, when, by whom, and the SHA-256 of every file.\n\n"
    "<ref> is the client's pseudonymous reference (subject_ref in the tables).\n";

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// The records of processing (Article 30): one line per table of client data.
QByteArray dataMapCsv(Database& db)
{
    const datamap::RetentionPeriods periods = datamap::retentionPeriods(db);
    QByteArray out("\xEF\xBB\xBF");
    out += csv::line({QStringLiteral("table"), QStringLiteral("category"), QStringLiteral("personal_columns"),
                      QStringLiteral("purpose"), QStringLiteral("lawful_basis"),
                      QStringLiteral("special_category_condition"), QStringLiteral("retention")});
    for (const datamap::Table& t : datamap::tables())
        if (!t.link.isEmpty())
            out += csv::line({t.name, datamap::categoryName(t.category), t.personal.join(QLatin1Char(' ')),
                              t.purpose, datamap::groundName(t.ground), t.article9,
                              datamap::expand(t.retention, periods)});
    return out;
}

Status writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile f(path);
    QString why;
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !files::commit(f, &why))
        return makeError(Error::Kind::Io,
                         QObject::tr("Cannot write %1: %2. Check the disk has room and try again.")
                             .arg(QDir::toNativeSeparators(path), why.isEmpty() ? f.errorString() : why));
    return {};
}

QString extensionOf(const QString& mime)
{
    return mime == QLatin1String("image/png") ? QStringLiteral("png") : QStringLiteral("jpg");
}

QString safeName(QString s)
{
    for (QChar& c : s)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_'))
            c = QLatin1Char('_');
    return s;
}

} // namespace

Result<ClinicExportResult> exportClinic(Database& db, const ClinicExportOptions& o)
{
    if (auto st = access::require(db, Action::ExportData); !st)
        return st.error();
    if (o.outDir.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose a folder to export into."));
    const QFileInfo target(o.outDir);
    if (target.exists() &&
        (!target.isDir() || !QDir(o.outDir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)))
        return makeError(
            Error::Kind::Conflict,
            QObject::tr("%1 already exists and is not an empty folder. Choose a new folder name.")
                .arg(QDir::toNativeSeparators(o.outDir)));
    const QString parent = target.absoluteDir().absolutePath();
    if (!QFileInfo(parent).isDir())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(parent)));

    // Everything is written into a hidden folder beside the target and moved into place at the end.
    QTemporaryDir work(parent + QStringLiteral("/.clinicdesk-export-XXXXXX"));
    if (!work.isValid())
        return makeError(
            Error::Kind::Io,
            QObject::tr("Cannot write in %1: %2").arg(QDir::toNativeSeparators(parent), work.errorString()));
    const QDir out(work.path());
    for (const char* sub : {"clients", "images", "tables"})
        if (!out.mkpath(QString::fromLatin1(sub)))
            return makeError(Error::Kind::Io,
                             QObject::tr("Cannot write in %1.").arg(QDir::toNativeSeparators(parent)));

    return guarded([&]() -> Result<ClinicExportResult> {
        // One transaction: the export is one consistent moment of the vault, and its audit entry
        // goes in only if the export is complete.
        Transaction tx(db);
        ClinicExportResult r;
        QJsonArray files;
        auto record = [&](const QString& rel, const QByteArray& bytes) -> Status {
            if (auto st = writeFile(out.filePath(rel), bytes); !st)
                return st;
            files.append(QJsonObject{{QStringLiteral("path"), rel},
                                     {QStringLiteral("bytes"), double(bytes.size())},
                                     {QStringLiteral("sha256"), hex(bytes)}});
            return {};
        };

        auto subjects = ClientStore(db).allSubjects();
        if (!subjects)
            return subjects.error();
        const QList<std::pair<qint64, QString>> clients = subjects.value();
        const QList<datamap::Table>& tables = datamap::tables();
        const int total = int(clients.size()) + int(tables.size()) + 1;
        int done = 0;
        auto step = [&](const QString& what) { return !o.progress || o.progress(done, total, what); };
        const auto cancelled = [] {
            return makeError(Error::Kind::Failed, QObject::tr("Export cancelled; nothing was written."));
        };

        ImageStore images(db);
        for (const auto& [id, ref] : clients) {
            if (!step(QObject::tr("Client %1 of %2").arg(done + 1).arg(clients.size())))
                return cancelled();
            auto data = collectSubjectData(db, id);
            if (!data)
                return data.error();
            auto list = images.list(id);
            if (!list)
                return list.error();
            QJsonArray imageFiles;
            if (!list->isEmpty())
                out.mkpath(QStringLiteral("images/") + safeName(ref));
            for (const ImageRecord& img : list.value()) {
                auto original = images.data(img.id, Rendition::Original);
                if (!original)
                    return original.error();
                const QString rel =
                    QStringLiteral("images/%1/%2-%3-%4.%5")
                        .arg(safeName(ref))
                        .arg(img.id)
                        .arg(safeName(vocab::code(img.details.area)), safeName(vocab::code(img.details.kind)),
                             extensionOf(img.mimeType));
                if (auto st = record(rel, original.value()); !st)
                    return st.error();
                imageFiles.append(QJsonObject{{QStringLiteral("path"), rel},
                                              {QStringLiteral("image_id"), double(img.id)},
                                              {QStringLiteral("sha256"), hex(original.value())}});
                ++r.images;
            }
            QJsonObject doc = data.value();
            doc.insert(QStringLiteral("files"), imageFiles);
            if (auto st = record(QStringLiteral("clients/%1.json").arg(safeName(ref)),
                                 QJsonDocument(doc).toJson(QJsonDocument::Indented));
                !st)
                return st.error();
            ++r.clients;
            ++done;
        }

        for (const datamap::Table& t : tables) {
            if (!step(QObject::tr("Table %1").arg(t.name)))
                return cancelled();
            ++done;
            // Derived copies (the search index) and the image bytes (in images/) are not tables a
            // spreadsheet can use.
            if (t.category == datamap::Category::SearchIndex || t.name == QLatin1String("image_blobs"))
                continue;
            const QStringList cols = rows::columns(db, t.name);
            if (cols.isEmpty())
                continue;
            // Streamed: a million notes never sit in memory at once.
            const QString rel = QStringLiteral("tables/%1.csv").arg(t.name);
            QSaveFile f(out.filePath(rel));
            QCryptographicHash hash(QCryptographicHash::Sha256);
            qint64 bytes = 0;
            bool ok = f.open(QIODevice::WriteOnly);
            auto put = [&](const QByteArray& chunk) {
                ok = ok && f.write(chunk) == chunk.size();
                hash.addData(chunk);
                bytes += chunk.size();
            };
            put(QByteArray("\xEF\xBB\xBF") + csv::line(cols));
            QByteArray chunk;
            const int sealedAt = int(cols.indexOf(QLatin1String(ClinicalSeal::kSealedColumn)));
            // Sealed as a whole (a signed form, a manager's reason): read in each client's JSON file,
            // not as bytes in a spreadsheet cell.
            const int wholeAt = t.name == QLatin1String("forms") ? int(cols.indexOf(QLatin1String("content")))
                                : t.name == QLatin1String("treatment_consent_overrides")
                                    ? int(cols.indexOf(QLatin1String("reason")))
                                    : -1;
            rows::readAll(db, t.name, cols, [&](const Statement& st) {
                QStringList row;
                for (int i = 0; i < cols.size(); ++i)
                    row << (st.isNull(i) || i == sealedAt ? QString()
                            : i == wholeAt                ? QStringLiteral("(see clients/*.json)")
                                                          : st.text(i));
                // Clinical columns sealed together go back into their own columns.
                if (sealedAt >= 0 && !st.isNull(sealedAt)) {
                    auto clinical = db.clinical().openColumns(st.blob(sealedAt), t.name);
                    if (!clinical)
                        throw StorageError(0, clinical.message());
                    for (auto it = clinical->constBegin(); it != clinical->constEnd(); ++it)
                        if (const int at = int(cols.indexOf(it.key())); at >= 0)
                            row[at] = it.value().isDouble() ? QString::number(it.value().toDouble())
                                                            : it.value().toString();
                }
                chunk += csv::line(row);
                if (chunk.size() > (1 << 20))
                    put(std::exchange(chunk, {}));
                return ok;
            });
            put(chunk);
            QString why;
            if (!ok || !files::commit(f, &why))
                return makeError(Error::Kind::Io,
                                 QObject::tr("Cannot write %1: %2. Check the disk has room and try again.")
                                     .arg(QDir::toNativeSeparators(out.filePath(rel)),
                                          why.isEmpty() ? f.errorString() : why));
            files.append(QJsonObject{{QStringLiteral("path"), rel},
                                     {QStringLiteral("bytes"), double(bytes)},
                                     {QStringLiteral("sha256"), QString::fromLatin1(hash.result().toHex())}});
            r.tables << t.name;
        }

        if (!step(QObject::tr("Finishing")))
            return cancelled();
        if (auto st = record(QStringLiteral("README.txt"), QByteArray(kReadme)); !st)
            return st.error();
        if (auto st = record(QStringLiteral("data-map.csv"), dataMapCsv(db)); !st)
            return st.error();
        const QJsonObject manifest{{QStringLiteral("format"), QStringLiteral("clinicdesk-clinic-export")},
                                   {QStringLiteral("version"), 1},
                                   {QStringLiteral("subject_format_version"), kExportFormatVersion},
                                   {QStringLiteral("created_at"), Clock::nowIso()},
                                   {QStringLiteral("created_by"), db.actor().username},
                                   {QStringLiteral("clients"), r.clients},
                                   {QStringLiteral("images"), r.images},
                                   {QStringLiteral("tables"), QJsonArray::fromStringList(r.tables)},
                                   {QStringLiteral("files"), files}};
        if (auto st = writeFile(out.filePath(QStringLiteral("manifest.json")),
                                QJsonDocument(manifest).toJson(QJsonDocument::Indented));
            !st)
            return st.error();
        if (auto st = AuditLog(db).append(QStringLiteral("export-all"), QString(),
                                          QStringLiteral("%1 clients, %2 images, %3 tables")
                                              .arg(r.clients)
                                              .arg(r.images)
                                              .arg(r.tables.size()));
            !st)
            return st.error();
        tx.commit();
        // Into place: an empty target folder is replaced; rename is atomic on one file system.
        if (QFileInfo(o.outDir).isDir() && !QDir().rmdir(o.outDir))
            return makeError(
                Error::Kind::Io,
                QObject::tr("Cannot replace the empty folder %1.").arg(QDir::toNativeSeparators(o.outDir)));
        if (!QDir().rename(work.path(), o.outDir))
            return makeError(
                Error::Kind::Io,
                QObject::tr("Cannot move the export into %1.").arg(QDir::toNativeSeparators(o.outDir)));
        work.setAutoRemove(false);
        r.outDir = QFileInfo(o.outDir).absoluteFilePath();
        step(QObject::tr("Done"));
        return r;
    });
}

} // namespace cd
