#include "privacy/DataMap.h"

#include "clients/NotesIndex.h"
#include "common/Clock.h"
#include "settings/Settings.h"

#include <QObject>

namespace cd::datamap {

namespace {

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

QStringList cols(std::initializer_list<const char*> names)
{
    QStringList out;
    for (const char* n : names)
        out << QString::fromLatin1(n);
    return out;
}

rows::Keep matching(std::initializer_list<std::pair<const char*, const char*>> equals)
{
    rows::Keep k;
    k.kind = rows::Keep::Kind::Matching;
    for (const auto& [column, value] : equals)
        k.equals.append({QString::fromLatin1(column), QString::fromLatin1(value)});
    return k;
}

rows::Keep dated(rows::Keep::Kind kind, const char* column, const QString& period)
{
    rows::Keep k;
    k.kind = kind;
    k.column = QString::fromLatin1(column);
    k.period = period;
    return k;
}

rows::Keep withParent(const char* column, const rows::Slice& parent)
{
    rows::Keep k;
    k.kind = rows::Keep::Kind::WithParent;
    k.column = QString::fromLatin1(column);
    k.parent = std::make_shared<const rows::Slice>(parent);
    return k;
}

const QString kClientLife =
    s("kept while the person is a client or enquirer; enquiries that never became clients "
      "are reviewed 2 years after the last contact");

const QString kTreatmentKept =
    s("kept {treatment_years} years after the last treatment for insurance and legal claims");
const QString kTreatmentPhotoKept =
    s("photos of a treatment record, kept with it {treatment_years} years after the last treatment "
      "for insurance and legal claims");

QList<Table> build()
{
    const rows::Link byClient{s("client_id"), {}};
    // Treatment records are kept a number of years after the client's last treatment, their photos
    // with them, and the photos' bytes with the photos.
    const rows::Slice treatments{s("treatment_records"), byClient,
                                 dated(rows::Keep::Kind::LatestOnOrAfter, "given_on", kTreatmentPeriod)};
    const rows::Slice photos{s("images"), byClient, withParent("treatment_ref", treatments)};
    const rows::Slice photoBytes{s("image_blobs"), byClient, withParent("image_id", photos)};
    QList<Table> all = {
        {s("clients"),
         Category::Contact,
         s("identifying the client; appointments and treatments"),
         Ground::LegitimateInterests,
         kClientLife,
         {s("id"), {}},
         cols({"title", "first_name", "last_name", "preferred_name", "date_of_birth", "pronouns", "source"}),
         cols({"id", "subject_ref", "status", "created_at", "updated_at", "restricted", "erased_at"}),
         {},
         {},
         true,
         s("created_at")},
        {s("client_phones"),
         Category::Contact,
         s("contacting the client about enquiries and appointments"),
         Ground::LegitimateInterests,
         kClientLife,
         byClient,
         cols({"label", "number", "e164"}),
         cols({"id", "client_id"}),
         {},
         {}},
        {s("client_emails"),
         Category::Contact,
         s("contacting the client about enquiries and appointments"),
         Ground::LegitimateInterests,
         kClientLife,
         byClient,
         cols({"label", "address", "normalised"}),
         cols({"id", "client_id"}),
         {},
         {}},
        {s("client_addresses"),
         Category::Contact,
         s("contacting the client; payments for services"),
         Ground::LegitimateInterests,
         kClientLife,
         byClient,
         cols({"label", "line1", "line2", "town", "county", "postcode", "country"}),
         cols({"id", "client_id"}),
         {},
         {}},
        {s("client_handles"),
         Category::Contact,
         s("answering enquiries sent by messaging services"),
         Ground::LegitimateInterests,
         kClientLife,
         byClient,
         cols({"service", "handle"}),
         cols({"id", "client_id"}),
         {},
         {}},
        {s("client_tags"),
         Category::Contact,
         s("record keeping"),
         Ground::LegitimateInterests,
         kClientLife,
         byClient,
         cols({"tag"}),
         cols({"client_id"}),
         {},
         {}},
        {s("client_merges"),
         Category::Contact,
         s("record keeping: two records of one person joined, kept so the join can be undone"),
         Ground::LegitimateInterests,
         kClientLife,
         {s("kept_client_id"), {}},
         cols({"snapshot"}),
         cols({"id", "kept_client_id", "merged_client_id", "merged_at", "staff_id", "undone_at"}),
         {},
         {}},
        {s("interactions"), Category::Interactions,
         s("answering enquiries and complaints; record keeping of calls, emails, messages and availability"),
         Ground::LegitimateInterests, kClientLife, byClient,
         cols({"body", "complaint_resolution", "direction", "duration_seconds"}),
         cols({"id", "client_id", "kind", "occurred_at", "author_id", "follow_up_on", "follow_up_done_at",
               "complaint_status", "created_at"}),
         matching({{"kind", "complaint"}, {"complaint_status", "open"}}),
         s("an open complaint is kept for the establishment or defence of legal claims until it is "
           "resolved"),
         true, s("occurred_at")},
        {s("images"), Category::Images,
         s("personal quotes and virtual mock-ups from the photos you sent; treatment records"),
         Ground::LegitimateInterests,
         s("kept while you are a client; treatment photos as the treatment record they belong to "
           "({treatment_years} years after the last treatment)"),
         byClient, cols({"caption", "original_name", "taken_on", "kind", "area", "consent"}),
         cols({"id", "client_id", "treatment_ref", "mime_type", "width", "height", "byte_size", "sha256",
               "created_at", "added_by"}),
         photos.keep, kTreatmentPhotoKept, true, s("created_at"), healthCareCondition()},
        {s("image_blobs"),
         Category::Images,
         s("the photos themselves (original, preview and thumbnail)"),
         Ground::LegitimateInterests,
         s("as the image they belong to"),
         byClient,
         cols({"data"}),
         cols({"id", "image_id", "client_id", "rendition"}),
         photoBytes.keep,
         kTreatmentPhotoKept,
         false,
         {},
         healthCareCondition()},
        {s("appointments"),
         Category::Appointments,
         s("arranging consultations and treatments"),
         Ground::LegitimateInterests,
         s("kept while the person is a client; removed on erasure"),
         byClient,
         cols({"kind", "starts_at", "ends_at", "duration_minutes", "treatment", "notes", "status",
               "cancel_reason"}),
         cols({"id", "client_id", "practitioner_id", "room_id", "sequence", "created_at", "updated_at",
               "created_by"}),
         {},
         {},
         true,
         s("starts_at")},
        {s("treatment_records"),
         Category::Appointments,
         s("keeping treatment records for insurance and legal claims"),
         Ground::LegalClaims,
         s("{treatment_years} years after the client's last treatment"),
         byClient,
         cols({"given_on", "treatment", "areas", "product", "batch_number", "expiry_date", "quantity",
               "quantity_unit", "consent_form_ref", "aftercare_given", "notes", "sealed"}),
         cols({"id", "client_id", "appointment_id", "practitioner_id", "created_at", "updated_at",
               "created_by"}),
         treatments.keep,
         kTreatmentKept,
         true,
         {},
         healthCareCondition()},
        {s("treatment_batch_tokens"),
         Category::SearchIndex,
         s("finding who received a batch in a recall (keyed hashes of batch numbers)"),
         Ground::LegalClaims,
         s("as the treatment record they belong to"),
         byClient,
         cols({"token"}),
         cols({"id", "record_id", "client_id"}),
         withParent("record_id", treatments),
         kTreatmentKept,
         false,
         {},
         healthCareCondition()},
        {s("treatment_chart_points"),
         Category::Appointments,
         s("where each injection was given on the face chart, with product, batch and amount, for safe "
           "treatment, recalls and insurance and legal claims"),
         Ground::LegalClaims,
         s("as the treatment record it belongs to"),
         byClient,
         cols({"view", "x", "y", "product", "batch_number", "amount", "unit", "note", "sealed"}),
         cols({"id", "record_id", "client_id", "position"}),
         withParent("record_id", treatments),
         kTreatmentKept,
         true,
         {},
         healthCareCondition()},
        {s("treatment_consent_overrides"),
         Category::Appointments,
         s("why a treatment was recorded without its signed consent form (a manager's reason)"),
         Ground::LegalClaims,
         s("as the treatment record it belongs to"),
         byClient,
         cols({"form_name", "reason"}),
         cols({"id", "record_id", "client_id", "staff_id", "created_at"}),
         withParent("record_id", treatments),
         kTreatmentKept,
         true,
         {},
         healthCareCondition()},
        // A signed form is kept like the treatment records it supports: while the client's latest form
        // is inside the treatment retention period (forms are signed at treatments).
        {s("forms"), Category::Appointments,
         s("medical history, consent and aftercare forms, as signed, for safe treatment and for insurance "
           "and legal claims"),
         Ground::LegalClaims,
         s("{treatment_years} years and one more after the client's latest signed form, so as long as the "
           "treatment records they support"),
         byClient, cols({"signed_at", "signed_on", "sha256", "content"}),
         cols({"id", "client_id", "template_id", "signed_by", "replaces_id", "created_at"}),
         dated(rows::Keep::Kind::LatestOnOrAfter, "signed_on", kFormPeriod),
         s("kept {treatment_years} years and one more after the latest signed form for insurance and legal "
           "claims"),
         true, s("signed_on"), healthCareCondition()},
        {s("quotes"),
         Category::Financial,
         s("personal quotes for treatments; processing payments for services"),
         Ground::LegitimateInterests,
         s("kept while the person is a client; removed on erasure"),
         byClient,
         cols({"created_on", "valid_until", "status", "notes"}),
         cols({"id", "client_id", "created_at", "updated_at", "created_by"}),
         {},
         {},
         true,
         s("created_on")},
        {s("quote_items"),
         Category::Financial,
         s("the treatments and prices of a personal quote"),
         Ground::LegitimateInterests,
         s("as the quote"),
         byClient,
         cols({"treatment", "price_pence", "quantity"}),
         cols({"id", "quote_id", "client_id", "position"}),
         {},
         {}},
        {s("quote_images"),
         Category::Financial,
         s("the photos a personal quote was made from"),
         Ground::LegitimateInterests,
         s("as the quote"),
         byClient,
         {},
         cols({"id", "quote_id", "image_id", "client_id"}),
         {},
         {}},
        {s("payments"), Category::Financial, s("processing payments for services"), Ground::LegalObligation,
         s("{payment_years} years after the payment (tax records)"), byClient,
         cols({"kind", "amount_pence", "method", "description", "paid_on"}),
         cols({"id", "client_id", "quote_id", "recorded_at", "recorded_by"}),
         dated(rows::Keep::Kind::OnOrAfter, "paid_on", kPaymentPeriod),
         s("kept {payment_years} years after the payment for tax (legal obligation)")},
        {s("consent_events"),
         Category::Consent,
         s("marketing only with consent; proving consent and its withdrawal"),
         Ground::Consent,
         s("kept while the client record is kept, as proof of consent or withdrawal"),
         byClient,
         cols({"method", "note"}),
         cols({"id", "client_id", "channel", "granted", "recorded_at", "staff_id"}),
         {},
         {},
         true,
         s("recorded_at")},
        {s("privacy_requests"),
         Category::Privacy,
         s("answering privacy requests; legal obligation to show how they were answered"),
         Ground::LegalObligation,
         s("6 years after the request is closed"),
         byClient,
         {},
         cols({"id", "client_id", "subject_ref", "type", "received_on", "identity_check", "due_on",
               "extended_due_on", "extension_reason", "status", "completed_on", "created_at", "staff_id"}),
         rows::Keep{rows::Keep::Kind::Always, {}, {}, {}, {}},
         s("the register of privacy requests is kept to show the request was answered (legal obligation); "
           "it holds the pseudonymous reference, the kind of request, its dates and status, and how "
           "identity was checked as a method (such as \"photo ID seen\"), never a document or its "
           "number: nothing of the person's details")},
        {s("privacy_request_files"),
         Category::Privacy,
         s("record of what was sent in answer to a request"),
         Ground::LegalObligation,
         s("as the request"),
         {},
         {},
         cols({"id", "request_id", "file_name", "sha256", "sent_at"}),
         {},
         {},
         false},
        {s("erasure_tombstones"),
         Category::Privacy,
         s("proof that an erasure was done, without personal data"),
         Ground::LegalObligation,
         s("indefinitely (holds no personal data)"),
         {},
         {},
         cols({"id", "subject_ref", "request_id", "erased_at", "staff_id", "erased", "kept"}),
         {},
         {},
         false},
        {s("client_words"),
         Category::SearchIndex,
         s("finding clients quickly (a derived copy of the words of names and contact details)"),
         Ground::LegitimateInterests,
         s("removed together with the data it copies"),
         byClient,
         cols({"word"}),
         cols({"field", "client_id"}),
         {},
         {},
         false},
        {s("staff"),
         Category::Staff,
         s("staff accounts and accountability"),
         Ground::LegitimateInterests,
         s("kept after a member of staff leaves, so the audit trail keeps their name"),
         {},
         cols({"username", "display_name"}),
         cols({"id", "role", "active", "created_at", "must_change_passphrase"}),
         {},
         {},
         false},
        {s("staff_roster"),
         Category::Staff,
         s("who may do what: the accounts, roles and open or closed, as a manager's key signed them"),
         Ground::LegitimateInterests,
         s("as long as the staff accounts it lists"),
         {},
         cols({"body", "signed_by"}),
         cols({"id", "serial", "signature", "signed_at"}),
         {},
         {},
         false},
        {s("audit_log"),
         Category::Staff,
         s("accountability: who did what, when (staff names and pseudonymous references only)"),
         Ground::LegitimateInterests,
         s("6 years"),
         {},
         cols({"staff"}),
         cols({"id", "at", "action", "subject_ref", "detail", "prev_hash", "hash"}),
         {},
         {},
         false},
        {s("audit_checkpoints"),
         Category::Staff,
         s("accountability: the audit log's entries as a manager's key signed them, so a cut or "
           "rewritten log is found"),
         Ground::LegitimateInterests,
         s("as long as the audit log"),
         {},
         cols({"signed_by"}),
         cols({"id", "entry_id", "entry_hash", "at", "signature"}),
         {},
         {},
         false},
        {s("former_management_keys"),
         Category::Clinic,
         s("the clinic's retired management public keys, each endorsed by the key that replaced it"),
         Ground::None,
         s("while the clinic uses Clinicdesk"),
         {},
         {},
         cols({"id", "public_key", "retired_at", "endorsement"}),
         {},
         {},
         false},
        {s("settings"),
         Category::Clinic,
         s("the clinic's own settings (its name and contact details as controller)"),
         Ground::None,
         s("while the clinic uses Clinicdesk"),
         {},
         {},
         cols({"key", "value"}),
         {},
         {},
         false},
        {s("key_domains"),
         Category::Clinic,
         s("the clinic's public keys (clinical and management key domains)"),
         Ground::None,
         s("while the clinic uses Clinicdesk"),
         {},
         {},
         cols({"id", "clinical_public", "management_public", "created_at"}),
         {},
         {},
         false},
        {s("rooms"),
         Category::Clinic,
         s("the clinic's treatment rooms, for the diary"),
         Ground::None,
         s("while the clinic uses Clinicdesk"),
         {},
         {},
         cols({"id", "name", "active", "created_at"}),
         {},
         {},
         false},
        {s("stock_batches"),
         Category::Clinic,
         s("the clinic's stock of products by batch, for expiry and recalls"),
         Ground::None,
         s("while the clinic uses Clinicdesk"),
         {},
         {},
         cols({"id", "product", "batch_number", "batch_key", "expiry_date", "unit", "created_at"}),
         {},
         {},
         false},
        // A use for a treatment names no one: its token is keyed under the clinical key, so only who
        // reads treatment records can tell which record it was (core/stock/Stock.cpp).
        {s("stock_movements"),
         Category::Clinic,
         s("what came in, was used and was counted of each batch"),
         Ground::None,
         s("while the clinic uses Clinicdesk"),
         {},
         {},
         cols({"id", "batch_id", "kind", "quantity_milli", "moved_on", "treatment_token", "note", "staff_id",
               "created_at"}),
         {},
         {},
         false},
        {s("form_templates"),
         Category::Clinic,
         s("the wording of the clinic's forms, every version kept"),
         Ground::None,
         s("while the clinic uses Clinicdesk"),
         {},
         {},
         cols({"id", "name", "version", "kind", "wording", "created_at", "created_by"}),
         {},
         {},
         false},
        {s("bank_holiday_changes"),
         Category::Clinic,
         s("working days for privacy-request deadlines"),
         Ground::None,
         s("indefinitely"),
         {},
         {},
         cols({"day", "nation", "change", "note"}),
         {},
         {},
         false},
    };
    // The notes index, one table per shard (search/NotesIndex.h).
    for (int shard = 0; shard < notes::kShards; ++shard)
        all.append({QString::fromStdString(notes::table(shard)),
                    Category::SearchIndex,
                    s("finding notes quickly (a derived copy of interaction notes)"),
                    Ground::LegitimateInterests,
                    s("removed together with the notes it copies"),
                    {s("docid"), s("interactions")},
                    cols({"body"}),
                    {},
                    {},
                    {},
                    false});
    return all;
}

} // namespace

const QList<Table>& tables()
{
    static const QList<Table> all = build();
    return all;
}

const Table* find(const QString& name)
{
    for (const Table& t : tables())
        if (t.name == name)
            return &t;
    return nullptr;
}

QString categoryName(Category c)
{
    switch (c) {
    case Category::Contact:
        return QObject::tr("Contact details");
    case Category::Images:
        return QObject::tr("Images");
    case Category::Interactions:
        return QObject::tr("Enquiries, calls, emails and messages");
    case Category::Complaints:
        return QObject::tr("Complaints");
    case Category::Consent:
        return QObject::tr("Marketing consent");
    case Category::Financial:
        return QObject::tr("Quotes and payments");
    case Category::Appointments:
        return QObject::tr("Appointments and treatments");
    case Category::Privacy:
        return QObject::tr("Privacy requests");
    case Category::Staff:
        return QObject::tr("Staff accounts");
    case Category::Clinic:
        return QObject::tr("Clinic settings");
    case Category::SearchIndex:
        return QObject::tr("Search index");
    }
    return {};
}

QString categoryKey(Category c)
{
    switch (c) {
    case Category::Contact:
        return QStringLiteral("contact");
    case Category::Images:
        return QStringLiteral("images");
    case Category::Interactions:
        return QStringLiteral("interactions");
    case Category::Complaints:
        return QStringLiteral("complaints");
    case Category::Consent:
        return QStringLiteral("consent");
    case Category::Financial:
        return QStringLiteral("financial");
    case Category::Appointments:
        return QStringLiteral("appointments");
    case Category::Privacy:
        return QStringLiteral("privacy_requests");
    case Category::Staff:
        return QStringLiteral("staff");
    case Category::Clinic:
        return QStringLiteral("clinic");
    case Category::SearchIndex:
        return QStringLiteral("search_index");
    }
    return {};
}

QString healthCareCondition()
{
    return QObject::tr("health data (special category, UK GDPR Article 9): Article 9(2)(h), the provision of "
                       "health care by professionals bound by a duty of confidentiality (Data Protection "
                       "Act 2018, Schedule 1, paragraph 2)");
}

QString groundName(Ground g)
{
    switch (g) {
    case Ground::LegitimateInterests:
        return QObject::tr("legitimate interests");
    case Ground::LegalObligation:
        return QObject::tr("legal obligation");
    case Ground::LegalClaims:
        return QObject::tr("establishment or defence of legal claims");
    case Ground::Consent:
        return QObject::tr("consent");
    case Ground::None:
        return QObject::tr("not personal data");
    }
    return {};
}

QString expand(const QString& text, const RetentionPeriods& p)
{
    if (!text.contains(QLatin1Char('{')))
        return text;
    QString out = text;
    out.replace(QLatin1String("{treatment_years}"), QString::number(p.treatmentYears));
    out.replace(QLatin1String("{payment_years}"), QString::number(p.paymentYears));
    return out;
}

rows::Cutoffs cutoffs(const RetentionPeriods& p)
{
    return {{kTreatmentPeriod, p.today.addYears(-p.treatmentYears)},
            // A consent may be signed up to a year before the treatment it covers: forms are kept a
            // year longer, so none goes before the treatment records it supports.
            {kFormPeriod, p.today.addYears(-p.treatmentYears - 1)},
            {kPaymentPeriod, p.today.addYears(-p.paymentYears)}};
}

RetentionPeriods retentionPeriods(Database& db)
{
    ClinicSettings settings(db);
    return {settings.treatmentRetentionYears(), settings.paymentRetentionYears(), Clock::today()};
}

bool isInternalTable(const QString& name)
{
    static const QStringList suffixes{QStringLiteral("_content"), QStringLiteral("_segments"),
                                      QStringLiteral("_segdir"), QStringLiteral("_docsize"),
                                      QStringLiteral("_stat")};
    if (name.startsWith(QLatin1String("sqlite_")))
        return true;
    for (const QString& s : suffixes)
        if (name.endsWith(s) && find(name.chopped(s.size())) &&
            find(name.chopped(s.size()))->category == Category::SearchIndex)
            return true;
    return false;
}

} // namespace cd::datamap
