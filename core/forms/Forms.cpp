#include "forms/Forms.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientMerge.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "common/Text.h"
#include "forms/FormContent.h"
#include "storage/Sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <QSet>

namespace cd {

using namespace forms_detail;

namespace {

constexpr int kConsentValidDays = 365;

const char* const kTemplateSelect =
    "SELECT id, name, version, kind, wording, created_at FROM form_templates ";

Result<FormTemplate> readTemplate(const Statement& st)
{
    auto t = FormTemplate::fromJson(QJsonDocument::fromJson(st.text(4).toUtf8()).object());
    if (!t)
        return t.error();
    t->id = st.int64(0);
    t->name = st.text(1);
    t->version = int(st.int64(2));
    t->kind = vocab::fromCode<FormKind>(st.text(3)).value_or(FormKind::Consent);
    t->createdAt = st.text(5);
    return t;
}

const char* const kFormSelect =
    "SELECT f.id, f.client_id, f.template_id, f.signed_at, f.signed_by, f.replaces_id, f.sha256, f.content, "
    "t.name, t.version FROM forms f JOIN form_templates t ON t.id = f.template_id ";

// Reads one row of kFormSelect; opens the content when `open` (the clinical key, a clinical role).
SignedForm readForm(Database& db, const Statement& st, bool open)
{
    SignedForm f;
    f.id = st.int64(0);
    f.clientId = st.int64(1);
    f.form.id = st.int64(2);
    f.signedAt = QDateTime::fromString(st.text(3), Qt::ISODate);
    f.signedBy = st.isNull(4) ? 0 : st.int64(4);
    f.replaces = st.isNull(5) ? 0 : st.int64(5);
    f.sha256 = st.text(6);
    f.form.name = st.text(8);
    f.form.version = int(st.int64(9));
    if (!open)
        return f;
    const auto broken = [&f](const QString& problem) {
        f.intact = false;
        if (f.problem.isEmpty())
            f.problem = problem;
    };
    auto plain = db.clinical().open(st.blob(7));
    if (!plain) {
        broken(QObject::tr("What is stored cannot be opened with the clinic's key."));
        return f;
    }
    if (sha256Hex(plain.value()) != f.sha256)
        broken(
            QObject::tr("What is stored no longer matches its fingerprint: it was changed after signing."));
    const QJsonObject o = QJsonDocument::fromJson(plain.value()).object();
    if (auto t = FormTemplate::fromJson(o.value(QStringLiteral("form")).toObject())) {
        const qint64 templateId = f.form.id;
        f.form = t.value();
        f.form.id = templateId;
    }
    const QJsonObject answers = o.value(QStringLiteral("answers")).toObject();
    for (auto it = answers.begin(); it != answers.end(); ++it)
        f.answers.insert(it.key(), {str(it->toObject(), "value"), str(it->toObject(), "detail")});
    f.signaturePng = QByteArray::fromBase64(str(o, "signature_png").toLatin1());
    // What the row says must be what was signed: the time and the correction it made. (The client it
    // was signed by is in the content too, but a merge of two records of one person moves forms on.)
    if (o.value(QStringLiteral("signed_at")).toString() != f.signedAt.toUTC().toString(Qt::ISODate) ||
        o.value(QStringLiteral("replaces")).toInteger() != f.replaces)
        broken(QObject::tr("Its date or the form it corrects was changed after signing."));
    // What the audit log recorded when it was signed. Without that entry the form was never signed in
    // Clinicdesk (someone holding the database key wrote it in); with another fingerprint it was
    // swapped; signed by someone other than this record's client, it was moved here, unless a merge of
    // two records of one person moved it.
    const QString signer = str(o, "subject_ref");
    const auto entry = AuditLog::formSignedInTransaction(db, f.id);
    if (!entry)
        broken(QObject::tr("The audit log has no record of it being signed: it was put into the vault "
                           "outside Clinicdesk."));
    else if (AuditLog::formHashOf(*entry) != f.sha256)
        broken(QObject::tr("It is not the form the audit log recorded as signed."));
    else if (entry->subjectRef != signer)
        broken(QObject::tr("The audit log records it as signed by another client."));
    else if (signer != client::subjectRefOf(db, f.clientId) &&
             !ClientMerge::movedInTransaction(db, f.clientId, QStringLiteral("forms")).contains(f.id))
        broken(QObject::tr("It was signed by another client and moved onto this record outside Clinicdesk."));
    f.contentRead = true;
    return f;
}

bool mayReadContent(Database& db)
{
    return access::permitted(db, Action::TreatmentNotes) && db.clinical().canOpen();
}

qint64 insertTemplateInTransaction(Database& db, const FormTemplate& t, int version)
{
    FormTemplate stored = t;
    stored.version = version;
    auto ins = db.prepare("INSERT INTO form_templates (name, version, kind, wording, created_at, created_by) "
                          "VALUES (?,?,?,?,?,?)");
    ins.bind(1, t.name)
        .bind(2, version)
        .bind(3, vocab::code(t.kind))
        .bind(4, QString::fromUtf8(QJsonDocument(stored.toJson()).toJson(QJsonDocument::Compact)))
        .bind(5, Clock::nowIso());
    db.actor().staffId > 0 ? ins.bind(6, db.actor().staffId) : ins.bindNull(6);
    return ins.runInsert();
}

} // namespace

Result<QList<FormTemplate>> Forms::templates()
{
    if (auto st = access::require(m_db, Action::ViewClients); !st)
        return st.error();
    return guarded([&]() -> Result<QList<FormTemplate>> {
        auto st =
            m_db.prepare(std::string(kTemplateSelect) +
                         "t WHERE version = (SELECT MAX(version) FROM form_templates WHERE name = t.name) "
                         "ORDER BY name");
        QList<FormTemplate> out;
        while (st.step()) {
            auto t = readTemplate(st);
            if (!t)
                return t.error();
            out.append(t.value());
        }
        return out;
    });
}

Result<FormTemplate> Forms::latest(const QString& name)
{
    if (auto st = access::require(m_db, Action::ViewClients); !st)
        return st.error();
    return guarded([&]() -> Result<FormTemplate> {
        auto st = m_db.prepare(std::string(kTemplateSelect) + "WHERE name = ? ORDER BY version DESC LIMIT 1");
        if (!st.bind(1, name.trimmed()).step()) {
            QStringList names;
            auto all = m_db.prepare("SELECT DISTINCT name FROM form_templates ORDER BY name");
            while (all.step())
                names << all.text(0);
            return makeError(Error::Kind::NotFound,
                             QObject::tr("There is no form called “%1”. The forms are: %2.")
                                 .arg(name, names.join(QStringLiteral("; "))));
        }
        auto t = readTemplate(st);
        st.reset();
        return t;
    });
}

Result<FormTemplate> Forms::templateById(qint64 id)
{
    if (auto st = access::require(m_db, Action::ViewClients); !st)
        return st.error();
    return guarded([&]() -> Result<FormTemplate> {
        auto st = m_db.prepare(std::string(kTemplateSelect) + "WHERE id = ?");
        if (!st.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no form template %1.").arg(id));
        auto t = readTemplate(st);
        st.reset();
        return t;
    });
}

Result<FormTemplate> Forms::saveTemplate(const FormTemplate& in)
{
    if (auto st = access::require(m_db, Action::Settings); !st)
        return st.error();
    FormTemplate t = in;
    if (auto st = checkTemplate(t); !st)
        return st.error();
    return guarded([&]() -> Result<FormTemplate> {
        Transaction tx(m_db);
        auto last =
            m_db.prepare(std::string(kTemplateSelect) + "WHERE name = ? ORDER BY version DESC LIMIT 1");
        int version = 1;
        if (last.bind(1, t.name).step()) {
            auto before = readTemplate(last);
            last.reset();
            if (!before)
                return before.error();
            FormTemplate same = t;
            same.version = before->version;
            if (same.toJson() == before->toJson())
                return makeError(Error::Kind::Invalid,
                                 QObject::tr("“%1” is unchanged: version %2 stays in use.")
                                     .arg(t.name)
                                     .arg(before->version));
            version = before->version + 1;
        }
        const qint64 id = insertTemplateInTransaction(m_db, t, version);
        if (auto st = AuditLog(m_db).append(QStringLiteral("form-template-saved"), {},
                                            QStringLiteral("%1 version %2").arg(t.name).arg(version));
            !st)
            return st.error();
        tx.commit();
        t.id = id;
        t.version = version;
        return t;
    });
}

Result<SignedForm> Forms::sign(const Signing& in)
{
    if (auto st = access::require(m_db, Action::LogInteractions); !st)
        return st.error();
    Signing s = in;
    const QDateTime now = Clock::now();
    const QDateTime signedAt = s.signedAt.isValid() ? s.signedAt : now;
    if (signedAt > now.addSecs(60))
        return makeError(Error::Kind::Invalid, QObject::tr("A form cannot be signed in the future."));
    // A form signed on paper earlier is entered by a manager, and the audit log says when it was.
    const bool backdated = signedAt < now.addSecs(-3600);
    if (backdated && m_db.actor().role != Role::Manager && m_db.actor().role != Role::System)
        return makeError(
            Error::Kind::Permission,
            QObject::tr("Only a manager can enter a form signed earlier (on paper): a form taken "
                        "at the desk is signed now."));
    // A correction replaces what its author has read: practitioners and managers.
    if (s.replaces > 0)
        if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
            return st.error();
    if (auto st = checkSignature(s.signaturePng); !st)
        return st.error();
    return guarded([&]() -> Result<SignedForm> {
        if (auto st = client::mayWrite(m_db, s.clientId, Action::LogInteractions, ClientWrite::Add); !st)
            return st.error();
        auto t = latest(s.templateName);
        if (!t)
            return t.error();
        if (s.templateId > 0 && s.templateId != t->id)
            return makeError(
                Error::Kind::Conflict,
                QObject::tr("“%1” was changed while it was open (version %2 is now in use): close "
                            "it and give the client the new version to read and sign.")
                    .arg(t->name)
                    .arg(t->version));
        if (auto st = checkAnswers(t.value(), s.answers); !st)
            return st.error();
        if (s.replaces > 0) {
            auto old = m_db.prepare("SELECT client_id FROM forms WHERE id = ?");
            if (!old.bind(1, s.replaces).step() || old.int64(0) != s.clientId)
                return makeError(
                    Error::Kind::Invalid,
                    QObject::tr("Form %1 is not one of this client's forms: a correction replaces "
                                "a form of the same client.")
                        .arg(s.replaces));
            old.reset();
        }
        // Whole seconds: the time written in the row and the time inside the signed content agree.
        const QDateTime at = QDateTime::fromSecsSinceEpoch(signedAt.toSecsSinceEpoch(), Qt::UTC);
        const QString subjectRef = client::subjectRefOf(m_db, s.clientId);
        const QByteArray content =
            contentOf(t.value(), s.answers, s.signaturePng, at, subjectRef, s.replaces);
        const QString hash = sha256Hex(content);
        Transaction tx(m_db);
        auto ins = m_db.prepare("INSERT INTO forms (client_id, template_id, signed_at, signed_on, signed_by, "
                                "replaces_id, sha256, "
                                "content, created_at) VALUES (?,?,?,?,?,?,?,?,?)");
        ins.bind(1, s.clientId)
            .bind(2, t->id)
            .bind(3, at.toString(Qt::ISODate))
            .bind(4, at.toLocalTime().date().toString(Qt::ISODate));
        m_db.actor().staffId > 0 ? ins.bind(5, m_db.actor().staffId) : ins.bindNull(5);
        s.replaces > 0 ? ins.bind(6, s.replaces) : ins.bindNull(6);
        const qint64 id = ins.bind(7, hash)
                              .bindBlob(8, m_db.clinical().sealForClinic(content))
                              .bind(9, Clock::nowIso())
                              .runInsert();
        if (auto st = AuditLog(m_db).append(
                QStringLiteral("form-signed"), subjectRef,
                QStringLiteral("form %1: %2 version %3%4%5, sha256 %6")
                    .arg(id)
                    .arg(t->name)
                    .arg(t->version)
                    .arg(s.replaces > 0 ? QStringLiteral(", replacing form %1").arg(s.replaces) : QString())
                    .arg(backdated ? QStringLiteral(", signed on paper %1, entered %2")
                                         .arg(at.toString(Qt::ISODate), now.toUTC().toString(Qt::ISODate))
                                   : QString())
                    .arg(hash));
            !st)
            return st.error();
        tx.commit();
        SignedForm f;
        f.id = id;
        f.clientId = s.clientId;
        f.form = t.value();
        f.answers = s.answers;
        f.signaturePng = s.signaturePng;
        f.signedAt = at;
        f.signedBy = m_db.actor().staffId;
        f.signedByName = staff::namesInTransaction(m_db).value(f.signedBy);
        f.replaces = s.replaces;
        f.sha256 = hash;
        f.contentRead = true;
        return f;
    });
}

Result<QList<SignedForm>> Forms::forClient(qint64 clientId)
{
    if (auto st = access::require(m_db, Action::ViewClients); !st)
        return st.error();
    return guarded([&]() -> Result<QList<SignedForm>> {
        const bool open = mayReadContent(m_db);
        const QHash<qint64, QString> names = staff::namesInTransaction(m_db);
        auto st = m_db.prepare(std::string(kFormSelect) +
                               "WHERE f.client_id = ? ORDER BY f.signed_at DESC, f.id DESC");
        QList<SignedForm> out;
        for (st.bind(1, clientId); st.step();) {
            SignedForm f = readForm(m_db, st, open);
            f.signedByName = names.value(f.signedBy);
            out.append(f);
        }
        return out;
    });
}

Result<SignedForm> Forms::get(qint64 id)
{
    if (auto st = access::require(m_db, Action::ViewClients); !st)
        return st.error();
    return guarded([&]() -> Result<SignedForm> {
        auto st = m_db.prepare(std::string(kFormSelect) + "WHERE f.id = ?");
        if (!st.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no form %1.").arg(id));
        SignedForm f = readForm(m_db, st, mayReadContent(m_db));
        st.reset();
        f.signedByName = staff::namesInTransaction(m_db).value(f.signedBy);
        return f;
    });
}

Result<Forms::AuditCheck> Forms::checkAgainstAuditLog(const QSet<QString>& goneSubjects)
{
    return guarded([&]() -> Result<AuditCheck> {
        QHash<qint64, AuditEntry> recorded = AuditLog::formsSignedInTransaction(m_db);
        AuditCheck out;
        auto st = m_db.prepare("SELECT id, sha256 FROM forms ORDER BY id");
        while (st.step()) {
            ++out.forms;
            const qint64 id = st.int64(0);
            const auto entry = recorded.constFind(id);
            if (entry == recorded.cend())
                out.problems
                    << QObject::tr("form %1 is not in the audit log (put in outside Clinicdesk)").arg(id);
            else if (AuditLog::formHashOf(*entry) != st.text(1))
                out.problems
                    << QObject::tr("form %1 is not the form the audit log recorded as signed").arg(id);
            recorded.remove(id);
        }
        for (auto it = recorded.cbegin(); it != recorded.cend(); ++it)
            if (!goneSubjects.contains(it->subjectRef))
                out.problems << QObject::tr("form %1, signed %2, is gone (deleted outside Clinicdesk)")
                                    .arg(it.key())
                                    .arg(it->at.left(10));
        out.problems.sort();
        return out;
    });
}

Result<QList<ClientFlag>> Forms::flags(qint64 clientId)
{
    if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
        return st.error();
    auto forms = forClient(clientId);
    if (!forms)
        return forms.error();
    QList<ClientFlag> out;
    QSet<QString> seenTemplates, seenFlags;
    // Newest first: the latest form of each template speaks for it (a new medical history replaces
    // the old one's answers); a form corrected by another is passed over.
    QSet<qint64> replaced;
    for (const SignedForm& f : forms.value())
        if (f.replaces > 0)
            replaced.insert(f.replaces);
    for (const SignedForm& f : forms.value()) {
        if (!f.contentRead || replaced.contains(f.id) || seenTemplates.contains(f.form.name))
            continue;
        seenTemplates.insert(f.form.name);
        for (const FormQuestion& q : f.form.questions) {
            const FormAnswer a = f.answers.value(q.id);
            if (q.flag.isEmpty() || a.value != QLatin1String("yes") || seenFlags.contains(q.flag))
                continue;
            seenFlags.insert(q.flag);
            out.append({q.flag, a.detail, f.id, f.signedAt.toLocalTime().date()});
        }
    }
    return out;
}

Result<Forms::ConsentCheck> Forms::consentForTreatment(qint64 clientId, const QString& treatment,
                                                       const QDate& givenOn)
{
    if (auto st = access::require(m_db, Action::ViewClients); !st)
        return st.error();
    return guarded([&]() -> Result<ConsentCheck> {
        return consentForTreatmentInTransaction(m_db, clientId, treatment, givenOn);
    });
}

Forms::ConsentCheck Forms::consentForTreatmentInTransaction(Database& db, qint64 clientId,
                                                            const QString& treatment, const QDate& givenOn)
{
    ConsentCheck out;
    const QString folded = text::fold(treatment);
    auto templates =
        db.prepare(std::string(kTemplateSelect) +
                   "t WHERE version = (SELECT MAX(version) FROM form_templates WHERE name = t.name) "
                   "ORDER BY name");
    QStringList needed;
    while (templates.step()) {
        auto t = readTemplate(templates);
        if (!t)
            continue;
        for (const QString& word : t->requiredFor)
            if (!word.isEmpty() && folded.contains(text::fold(word))) {
                needed << t->name;
                break;
            }
    }
    // Each form of the year before the treatment, newest first, read back: it counts when it is as
    // signed and says yes wherever the form asks for agreement.
    auto signedOnes = db.prepare(std::string(kFormSelect) +
                                 "WHERE f.client_id = ? AND t.name = ? AND f.signed_on BETWEEN ? AND ? "
                                 "ORDER BY f.signed_at DESC, f.id DESC");
    for (const QString& name : needed) {
        qint64 found = 0;
        signedOnes.bind(1, clientId)
            .bind(2, name)
            .bind(3, givenOn.addDays(-kConsentValidDays).toString(Qt::ISODate))
            .bind(4, givenOn.toString(Qt::ISODate));
        while (!found && signedOnes.step()) {
            const SignedForm f = readForm(db, signedOnes, db.clinical().canOpen());
            if (!f.contentRead || !f.intact)
                continue;
            const bool agreed =
                std::all_of(f.form.questions.cbegin(), f.form.questions.cend(), [&](const FormQuestion& q) {
                    return !q.agree || f.answers.value(q.id).value == QLatin1String("yes");
                });
            if (agreed)
                found = f.id;
        }
        signedOnes.reset();
        if (found)
            out.formId = std::max(out.formId, found);
        else if (out.missing.isEmpty())
            out.missing = name;
    }
    return out;
}

bool Forms::seeded(Database& db)
{
    auto any = db.prepare("SELECT EXISTS (SELECT 1 FROM form_templates)");
    const bool yes = any.step() && any.int64(0) != 0;
    any.reset();
    return yes;
}

void Forms::seedInTransaction(Database& db)
{
    if (seeded(db))
        return;
    const QList<FormTemplate> shipped = forms_detail::shippedTemplates();
    for (const FormTemplate& t : shipped)
        insertTemplateInTransaction(db, t, 1);
}

void Forms::resealInTransaction(Database& db, const ClinicalSeal& from, const ClinicalSeal& to)
{
    auto read = db.prepare("SELECT id, content FROM forms WHERE id > ? ORDER BY id LIMIT 1");
    auto write = db.prepare("UPDATE forms SET content = ? WHERE id = ?");
    for (qint64 last = 0;;) {
        read.bind(1, last);
        if (!read.step())
            break;
        last = read.int64(0);
        auto plain = from.open(read.blob(1));
        read.reset();
        if (!plain)
            throw StorageError(11 /* SQLITE_CORRUPT */, plain.message());
        write.bindBlob(1, to.sealForClinic(plain.value())).bind(2, last).run();
    }
}

} // namespace cd
