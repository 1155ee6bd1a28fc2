#pragma once

#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace cd {

class Database;

// What a form is for. The kind decides nothing but the wording around it; whether a treatment needs
// a signed form is the template's `requiredFor`.
enum class FormKind { Consent, MedicalHistory, Aftercare, PhotoConsent };

template <> inline std::span<const vocab::Term<FormKind>> vocab::terms()
{
    static constexpr Term<FormKind> t[] = {
        {FormKind::Consent, "consent", QT_TRANSLATE_NOOP("vocabulary", "Consent")},
        {FormKind::MedicalHistory, "medical_history", QT_TRANSLATE_NOOP("vocabulary", "Medical history")},
        {FormKind::Aftercare, "aftercare", QT_TRANSLATE_NOOP("vocabulary", "Aftercare acknowledgement")},
        {FormKind::PhotoConsent, "photo_consent", QT_TRANSLATE_NOOP("vocabulary", "Photo consent")}};
    return t;
}

enum class QuestionKind { YesNo, Choice, Text, Date };

template <> inline std::span<const vocab::Term<QuestionKind>> vocab::terms()
{
    static constexpr Term<QuestionKind> t[] = {
        {QuestionKind::YesNo, "yes_no", QT_TRANSLATE_NOOP("vocabulary", "Yes or no")},
        {QuestionKind::Choice, "choice", QT_TRANSLATE_NOOP("vocabulary", "Choice")},
        {QuestionKind::Text, "text", QT_TRANSLATE_NOOP("vocabulary", "Text")},
        {QuestionKind::Date, "date", QT_TRANSLATE_NOOP("vocabulary", "Date")}};
    return t;
}

struct FormQuestion
{
    QString id; // stable within a template's versions: "anticoagulants"
    QuestionKind kind = QuestionKind::YesNo;
    QString text;          // the wording the client reads and signs
    bool required = false; // a form is not signed without an answer
    QStringList options;   // Choice
    QString followUp;      // YesNo: asked when the answer is yes ("Which medicine, and how much?")
    QString flag;          // YesNo: a yes shows on the client's record as this ("Anticoagulants")
    bool agree = false;    // YesNo: the form gives consent only when this is answered yes
};

// One version of a form. A template is never changed once written: editing makes the next version,
// and a signed form keeps the exact wording it was signed on (it holds a copy, hashed).
struct FormTemplate
{
    qint64 id = 0;
    QString name; // "Consent for injectable treatment": the same across versions
    int version = 0;
    FormKind kind = FormKind::Consent;
    QString intro; // the paragraph read before the questions (risks, what the treatment is)
    QList<FormQuestion> questions;
    // Treatments that need this form signed first: words matched in the treatment's name, case and
    // accents aside ("filler" covers "Lip filler"). Empty: never required.
    QStringList requiredFor;
    QString createdAt;

    QJsonObject toJson() const; // the wording, as signed and as `forms templates` prints it
    static Result<FormTemplate> fromJson(const QJsonObject& o);
};

// A client's answer to one question: for YesNo "yes" or "no" (and the follow-up's text), for Choice
// one of the options, for Date an ISO date, for Text the text.
struct FormAnswer
{
    QString value;
    QString detail; // YesNo follow-up
};

// A form as signed: locked from the moment it is written.
struct SignedForm
{
    qint64 id = 0;
    qint64 clientId = 0;
    FormTemplate form; // the wording signed (a copy: later versions of the template do not touch it)
    QHash<QString, FormAnswer> answers;
    QByteArray signaturePng;
    QDateTime signedAt;
    qint64 signedBy = 0; // who took the form (the member of staff signed in)
    QString signedByName;
    qint64 replaces = 0; // a correction names the form it corrects
    QString sha256;      // of the content as signed; in the audit log too
    // Whether the content read back still hashes to sha256 (false: altered outside Clinicdesk). A
    // front-desk session, which cannot open clinical content, lists forms without checking.
    bool intact = true;
    QString problem;          // why it is not intact, in words (empty when it is)
    bool contentRead = false; // answers, signature and wording opened (the clinical key)
};

// A yes that matters, from the client's latest form of each template.
struct ClientFlag
{
    QString flag;   // "Anticoagulants"
    QString detail; // the follow-up answer ("warfarin 5 mg")
    qint64 formId = 0;
    QDate since;
};

// Form templates and signed forms (tables form_templates and forms: this is their only owner).
// Everyone at the desk may take a signature (the form is sealed to the clinical key as it is
// written, like a photo: a receptionist cannot read it back); practitioners and managers read
// forms; managers write templates. A signed form cannot be changed (triggers refuse it, and its hash
// is checked as it is read); a correction is a new form that replaces it.
class Forms final
{
public:
    explicit Forms(Database& db) : m_db(db) {}

    // The newest version of every template, by name.
    Result<QList<FormTemplate>> templates();
    Result<FormTemplate> latest(const QString& name);
    Result<FormTemplate> templateById(qint64 id);
    // A template's new version (the first if the name is new): refused when nothing changed. Managers.
    Result<FormTemplate> saveTemplate(const FormTemplate& t);

    struct Signing
    {
        qint64 clientId = 0;
        QString templateName;
        QHash<QString, FormAnswer> answers;
        QByteArray signaturePng;
        qint64 replaces = 0;
        // The version the client was shown (0: the newest): refused when a newer one was saved since.
        qint64 templateId = 0;
        // Invalid: now. A paper form signed earlier carries its own time (managers: it is audited with
        // the time it was entered).
        QDateTime signedAt;
    };
    // Checks every answer against the template's newest version (a missing required answer is
    // refused naming the question), then writes and locks the form. Returns it as signed.
    Result<SignedForm> sign(const Signing& s);
    // A client's forms, newest first; answers and signature opened when the session can.
    Result<QList<SignedForm>> forClient(qint64 clientId);
    Result<SignedForm> get(qint64 id);
    Result<QList<ClientFlag>> flags(qint64 clientId);

    // Every signed form against the audit entry that recorded it (for `verify`): a form the log has no
    // entry for, or another fingerprint, was put in or swapped outside Clinicdesk; an entry whose form
    // is gone was deleted, unless its client is in `goneSubjects` (erased, or their forms' years
    // passed). Each problem in words, none for a vault whose forms are all as signed.
    struct AuditCheck
    {
        int forms = 0;
        QStringList problems;
    };
    Result<AuditCheck> checkAgainstAuditLog(const QSet<QString>& goneSubjects);

    // For TreatmentRecords, in its transaction: the name of a template that `treatment` needs and
    // the client has not signed in the year up to `givenOn` (empty when none is missing), and the
    // id of the newest one that is there (0: none needed or none signed). A form counts only when it
    // reads back as signed and says yes to every question it must (a "no" to consent is no consent).
    struct ConsentCheck
    {
        QString missing;
        qint64 formId = 0;
    };
    // The same, for a screen that says before saving what a treatment needs.
    Result<ConsentCheck> consentForTreatment(qint64 clientId, const QString& treatment, const QDate& givenOn);
    static ConsentCheck consentForTreatmentInTransaction(Database& db, qint64 clientId,
                                                         const QString& treatment, const QDate& givenOn);

    // The templates a new vault starts with (consent for injectables, medical history, aftercare,
    // photo consent), written when a vault is made or first opened without any. Throws StorageError.
    static bool seeded(Database& db);
    static void seedInTransaction(Database& db);
    // A re-key's copy: every form's content sealed to the new clinical key. Throws StorageError.
    static void resealInTransaction(Database& db, const class ClinicalSeal& from,
                                    const class ClinicalSeal& to);

private:
    Database& m_db;
};

} // namespace cd
