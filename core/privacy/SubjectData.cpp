#include "privacy/SubjectData.h"

#include "accounts/Access.h"
#include "clients/ClientStore.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "privacy/DataMap.h"
#include "privacy/Register.h"
#include "records/TreatmentRecords.h"
#include "settings/Settings.h"
#include "storage/Rows.h"
#include "storage/Sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>

namespace cd {

namespace {

QJsonValue cell(const Statement& st, int col, const QString& name)
{
    if (st.isNull(col))
        return QJsonValue::Null;
    if (name == QLatin1String("snapshot")) // merge records hold JSON: keep it readable as JSON
        return QJsonDocument::fromJson(st.text(col).toUtf8()).object();
    bool isInt = false;
    const qint64 n = st.text(col).toLongLong(&isInt);
    static const QStringList integers{QStringLiteral("granted"),         QStringLiteral("duration_seconds"),
                                      QStringLiteral("restricted"),      QStringLiteral("duration_minutes"),
                                      QStringLiteral("sequence"),        QStringLiteral("position"),
                                      QStringLiteral("aftercare_given"), QStringLiteral("treatment_ref")};
    if (isInt && (name == QLatin1String("id") || name.endsWith(QLatin1String("_id")) ||
                  name.endsWith(QLatin1String("_pence")) || integers.contains(name)))
        return double(n);
    bool isNumber = false;
    const double x = st.text(col).toDouble(&isNumber);
    // Treatment records' quantities and face-chart points' amounts and places may have a fraction.
    static const QStringList numbers{QStringLiteral("quantity"), QStringLiteral("amount"),
                                     QStringLiteral("x"), QStringLiteral("y")};
    if (isNumber && numbers.contains(name))
        return x;
    return st.text(col);
}

} // namespace

Result<QJsonObject> collectSubjectData(Database& db, qint64 clientId, const SubjectDataOptions& options)
{
    if (auto st = access::require(db, Action::ExportData); !st)
        return st.error();
    return guarded([&]() -> Result<QJsonObject> {
        auto subject = ClientStore(db).subjectRef(clientId);
        if (!subject)
            return subject.error();
        QJsonObject data;
        QJsonArray redactions;
        for (const datamap::Table& t : datamap::tables()) {
            if (t.link.isEmpty() || !t.exported)
                continue;
            const QStringList columns = t.structural + t.personal;
            QJsonArray rows;
            rows::read(db, t.slice(), columns, clientId, [&](const Statement& st) {
                QJsonObject row;
                for (int i = 0; i < columns.size(); ++i) {
                    // A signed form's content, sealed as one: the person gets the form as signed (its
                    // wording and version, their answers, the signature as a PNG in base64).
                    if (t.name == QLatin1String("forms") && columns.at(i) == QLatin1String("content")) {
                        auto plain = db.clinical().open(st.blob(i));
                        if (!plain)
                            throw StorageError(0, plain.message());
                        row.insert(QStringLiteral("as_signed"),
                                   QJsonDocument::fromJson(plain.value()).object());
                        continue;
                    }
                    // A manager's reason for a treatment recorded without its consent, sealed alone.
                    if (t.name == QLatin1String("treatment_consent_overrides") &&
                        columns.at(i) == QLatin1String("reason")) {
                        const qint64 record = st.int64(int(columns.indexOf(QStringLiteral("record_id"))));
                        auto plain =
                            db.clinical().open(st.blob(i), TreatmentRecords::overrideContext(record));
                        if (!plain)
                            throw StorageError(0, plain.message());
                        row.insert(columns.at(i), QString::fromUtf8(plain.value()));
                        continue;
                    }
                    if (columns.at(i) != QLatin1String(ClinicalSeal::kSealedColumn)) {
                        row.insert(columns.at(i), cell(st, i, columns.at(i)));
                        continue;
                    }
                    // Clinical columns sealed together: the person gets them as the columns they are.
                    if (st.isNull(i))
                        continue;
                    auto clinical = db.clinical().openColumns(st.blob(i), t.name);
                    if (!clinical)
                        throw StorageError(0, clinical.message());
                    for (auto it = clinical->constBegin(); it != clinical->constEnd(); ++it)
                        row.insert(it.key(), it.value());
                }
                if (t.name == QLatin1String("interactions") &&
                    options.redactedNotes.contains(qint64(row.value(QStringLiteral("id")).toDouble()))) {
                    const qint64 id = qint64(row.value(QStringLiteral("id")).toDouble());
                    row.insert(QStringLiteral("body"), options.redactedNotes.value(id));
                    row.insert(QStringLiteral("redacted"), true);
                    redactions.append(QJsonObject{{QStringLiteral("table"), t.name},
                                                  {QStringLiteral("id"), double(id)},
                                                  {QStringLiteral("column"), QStringLiteral("body")},
                                                  {QStringLiteral("reason"), options.redactionReason}});
                }
                rows.append(row);
            });
            if (rows.isEmpty())
                continue;
            const QString key = datamap::categoryKey(t.category);
            QJsonObject category = data.value(key).toObject();
            category.insert(t.name, rows);
            data.insert(key, category);
        }
        ClinicSettings settings(db);
        QJsonObject doc{
            {QStringLiteral("format"), QStringLiteral("clinicdesk-subject-export")},
            {QStringLiteral("version"), kExportFormatVersion},
            {QStringLiteral("generated_at"), Clock::nowIso()},
            {QStringLiteral("controller"),
             QJsonObject{{QStringLiteral("name"), settings.clinicName()},
                         {QStringLiteral("address"), settings.controllerAddress()},
                         {QStringLiteral("email"), settings.controllerEmail()}}},
            {QStringLiteral("subject"), QJsonObject{{QStringLiteral("subject_ref"), subject.value()},
                                                    {QStringLiteral("client_id"), double(clientId)}}},
            {QStringLiteral("data"), data},
            {QStringLiteral("redactions"), redactions},
        };
        if (options.requestId > 0) {
            if (auto r = PrivacyRegister(db).get(options.requestId))
                doc.insert(QStringLiteral("request"),
                           QJsonObject{{QStringLiteral("id"), double(options.requestId)},
                                       {QStringLiteral("type"), vocab::code(r->type)},
                                       {QStringLiteral("received"), r->received.toString(Qt::ISODate)}});
        }
        return doc;
    });
}

} // namespace cd
