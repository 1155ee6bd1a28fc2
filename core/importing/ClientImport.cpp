#include "importing/ClientImport.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "clients/Phone.h"
#include "common/Limits.h"
#include "common/Text.h"
#include "storage/Sql.h"

#include <QObject>
#include <QRegularExpression>
#include <QSet>

namespace cd {

namespace {

const QList<std::pair<ImportField, QStringList>>& synonyms()
{
    static const QList<std::pair<ImportField, QStringList>> table{
        {ImportField::FullName,
         {QStringLiteral("name"), QStringLiteral("full name"), QStringLiteral("your name"),
          QStringLiteral("client")}},
        {ImportField::Title, {QStringLiteral("title"), QStringLiteral("salutation")}},
        {ImportField::FirstName,
         {QStringLiteral("first name"), QStringLiteral("firstname"), QStringLiteral("forename"),
          QStringLiteral("given name"), QStringLiteral("first")}},
        {ImportField::LastName,
         {QStringLiteral("last name"), QStringLiteral("lastname"), QStringLiteral("surname"),
          QStringLiteral("family name"), QStringLiteral("last")}},
        {ImportField::PreferredName,
         {QStringLiteral("preferred name"), QStringLiteral("known as"), QStringLiteral("nickname")}},
        {ImportField::Email,
         {QStringLiteral("email"), QStringLiteral("e mail"), QStringLiteral("email address"),
          QStringLiteral("your email")}},
        {ImportField::Phone,
         {QStringLiteral("phone"), QStringLiteral("mobile"), QStringLiteral("telephone"),
          QStringLiteral("tel"), QStringLiteral("phone number"), QStringLiteral("mobile number"),
          QStringLiteral("contact number")}},
        {ImportField::DateOfBirth,
         {QStringLiteral("date of birth"), QStringLiteral("dob"), QStringLiteral("birthday"),
          QStringLiteral("birth date")}},
        {ImportField::AddressLine1,
         {QStringLiteral("address"), QStringLiteral("address line 1"), QStringLiteral("address1"),
          QStringLiteral("street")}},
        {ImportField::AddressLine2, {QStringLiteral("address line 2"), QStringLiteral("address2")}},
        {ImportField::Town, {QStringLiteral("town"), QStringLiteral("city"), QStringLiteral("town city")}},
        {ImportField::County, {QStringLiteral("county"), QStringLiteral("region")}},
        {ImportField::Postcode,
         {QStringLiteral("postcode"), QStringLiteral("post code"), QStringLiteral("postal code"),
          QStringLiteral("zip")}},
        {ImportField::Source,
         {QStringLiteral("source"), QStringLiteral("how did you hear about us"), QStringLiteral("referrer")}},
        {ImportField::Tags, {QStringLiteral("tags"), QStringLiteral("labels")}},
        {ImportField::Note,
         {QStringLiteral("notes"), QStringLiteral("note"), QStringLiteral("message"),
          QStringLiteral("enquiry"), QStringLiteral("comments")}},
    };
    return table;
}

QDate parseDate(const QString& s)
{
    for (const char* fmt : {"dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"}) {
        const QDate d = QDate::fromString(s.trimmed(), QLatin1String(fmt));
        if (d.isValid())
            return d;
    }
    return {};
}

} // namespace

QString ClientImport::fieldName(ImportField f)
{
    switch (f) {
    case ImportField::Ignore:
        return QObject::tr("(ignore)");
    case ImportField::FullName:
        return QObject::tr("Full name");
    case ImportField::Title:
        return QObject::tr("Title");
    case ImportField::FirstName:
        return QObject::tr("First name");
    case ImportField::LastName:
        return QObject::tr("Last name");
    case ImportField::PreferredName:
        return QObject::tr("Preferred name");
    case ImportField::Email:
        return QObject::tr("Email");
    case ImportField::Phone:
        return QObject::tr("Phone");
    case ImportField::DateOfBirth:
        return QObject::tr("Date of birth");
    case ImportField::AddressLine1:
        return QObject::tr("Address line 1");
    case ImportField::AddressLine2:
        return QObject::tr("Address line 2");
    case ImportField::Town:
        return QObject::tr("Town");
    case ImportField::County:
        return QObject::tr("County");
    case ImportField::Postcode:
        return QObject::tr("Postcode");
    case ImportField::Source:
        return QObject::tr("Source");
    case ImportField::Tags:
        return QObject::tr("Tags");
    case ImportField::Note:
        return QObject::tr("Note (becomes an enquiry)");
    }
    return {};
}

QList<ImportField> ClientImport::allFields()
{
    QList<ImportField> out{ImportField::Ignore};
    for (const auto& [f, names] : synonyms())
        out << f;
    return out;
}

QList<ImportField> ClientImport::guessMapping(const QStringList& header)
{
    QList<ImportField> out;
    QSet<int> used;
    for (const QString& h : header) {
        const QString key = text::words(h).join(QLatin1Char(' '));
        ImportField found = ImportField::Ignore;
        for (const auto& [f, names] : synonyms())
            if (!used.contains(int(f)) && names.contains(key)) {
                found = f;
                break;
            }
        if (found != ImportField::Ignore && found != ImportField::Note)
            used.insert(int(found));
        out << found;
    }
    return out;
}

Result<ImportReport> ClientImport::run(Database& db, const csv::Table& table,
                                       const QList<ImportField>& mapping, qint64 staffId, bool dryRun)
{
    if (!mapping.contains(ImportField::FullName) && !mapping.contains(ImportField::FirstName) &&
        !mapping.contains(ImportField::LastName))
        return makeError(Error::Kind::Invalid,
                         QObject::tr("No column holds a name: map a column to Full name, "
                                     "First name or Last name."));
    if (auto st = access::require(db, Action::EditClients); !st)
        return st.error();
    return guarded([&]() -> Result<ImportReport> {
        ImportReport report;
        ClientStore store(db);
        InteractionStore interactions(db);
        QHash<qint64, int> lineOfNewClient;
        BulkWrite bulk(db);
        Transaction tx(db);
        for (const csv::Row& row : table.rows) {
            Client c;
            c.source = QStringLiteral("website");
            PostalAddress addr;
            QStringList notes;
            QString badDate;
            for (int col = 0; col < mapping.size() && col < row.fields.size(); ++col) {
                const QString v = row.fields.at(col).trimmed();
                if (v.isEmpty())
                    continue;
                switch (mapping.at(col)) {
                case ImportField::Ignore:
                    break;
                case ImportField::FullName:
                    std::tie(c.firstName, c.lastName) = client::splitName(v);
                    break;
                case ImportField::Title:
                    c.title = v;
                    break;
                case ImportField::FirstName:
                    c.firstName = v;
                    break;
                case ImportField::LastName:
                    c.lastName = v;
                    break;
                case ImportField::PreferredName:
                    c.preferredName = v;
                    break;
                case ImportField::Email:
                    c.emails.append({QStringLiteral("personal"), v});
                    break;
                case ImportField::Phone:
                    c.phones.append({QStringLiteral("mobile"), v, QString()});
                    break;
                case ImportField::DateOfBirth:
                    c.dateOfBirth = parseDate(v);
                    if (!c.dateOfBirth.isValid())
                        badDate = v;
                    break;
                case ImportField::AddressLine1:
                    addr.line1 = v;
                    break;
                case ImportField::AddressLine2:
                    addr.line2 = v;
                    break;
                case ImportField::Town:
                    addr.town = v;
                    break;
                case ImportField::County:
                    addr.county = v;
                    break;
                case ImportField::Postcode:
                    addr.postcode = v;
                    break;
                case ImportField::Source:
                    c.source = v.toLower();
                    break;
                case ImportField::Tags:
                    c.tags = v.split(QRegularExpression(QStringLiteral("[;,|]")), Qt::SkipEmptyParts);
                    break;
                case ImportField::Note:
                    notes << v;
                    break;
                }
            }
            if (!badDate.isEmpty()) {
                report.rejected.append(
                    {row.line,
                     QObject::tr("date of birth \"%1\" is not a date (use dd/mm/yyyy)").arg(badDate)});
                continue;
            }
            if (!addr.isEmpty())
                c.addresses.append(addr);
            if (auto st = ClientStore::validate(c); !st) {
                report.rejected.append({row.line, st.message()});
                continue;
            }
            auto dups = store.duplicatesOf(c);
            if (!dups)
                return dups.error();
            if (!dups->isEmpty()) {
                const DuplicateMatch& d = dups->first();
                if (lineOfNewClient.contains(d.clientId))
                    report.rejected.append({row.line, QObject::tr("duplicate of an earlier row (line %1): %2")
                                                          .arg(lineOfNewClient.value(d.clientId))
                                                          .arg(d.reason)});
                else
                    report.rejected.append({row.line, QObject::tr("duplicate of client %1 (%2): %3")
                                                          .arg(d.clientId)
                                                          .arg(d.displayName, d.reason)});
                continue;
            }
            // A note column meets the desk's limit too (a pasted document is not a note).
            const auto longNote = std::find_if(notes.cbegin(), notes.cend(), [](const QString& n) {
                return !limits::check(n, limits::kNote, QString());
            });
            if (longNote != notes.cend()) {
                report.rejected.append(
                    {row.line, limits::check(*longNote, limits::kNote, QObject::tr("The note")).message()});
                continue;
            }
            const qint64 id = store.insertInTransaction(c);
            lineOfNewClient.insert(id, row.line);
            for (const QString& n : notes) {
                Interaction it;
                it.clientId = id;
                it.kind = InteractionKind::Enquiry;
                it.authorId = staffId;
                it.body = n;
                interactions.addInTransaction(it);
            }
            report.newClientIds << id;
            ++report.imported;
        }
        if (dryRun)
            return report; // the transaction rolls back
        if (auto st = AuditLog(db).append(
                QStringLiteral("clients-imported"), {},
                QStringLiteral("%1 imported, %2 rejected").arg(report.imported).arg(report.rejected.size()));
            !st)
            return st.error();
        tx.commit();
        return report;
    });
}

} // namespace cd
