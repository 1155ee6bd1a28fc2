#include "forms/Forms.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "common/Limits.h"
#include "common/Text.h"
#include "storage/Sql.h"

#include <QCryptographicHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <QRegularExpression>
#include <QSet>

namespace cd {

namespace {

constexpr int kMaxSignatureBytes = 1024 * 1024;
constexpr int kConsentValidDays = 365;

const char* const kTemplateSelect =
    "SELECT id, name, version, kind, wording, created_at FROM form_templates ";

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QJsonArray strings(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    for (const QJsonValue& x : v.toArray())
        out << x.toString();
    return out;
}

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

Status checkTemplate(FormTemplate& t)
{
    t.name = t.name.trimmed();
    t.intro = t.intro.trimmed();
    if (t.name.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Give the form a name."));
    if (auto st = limits::check(t.name, limits::kShort * 2, QObject::tr("The form's name")); !st)
        return st;
    if (auto st = limits::check(t.intro, limits::kNote, QObject::tr("The form's introduction")); !st)
        return st;
    if (t.questions.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("A form needs at least one question."));
    static const QRegularExpression idPattern(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
    QSet<QString> ids;
    for (FormQuestion& q : t.questions) {
        q.text = q.text.trimmed();
        if (!idPattern.match(q.id).hasMatch())
            return makeError(Error::Kind::Invalid,
                             QObject::tr("Question id “%1” should be lower-case letters, digits and _, "
                                         "starting with a letter.")
                                 .arg(q.id));
        if (ids.contains(q.id))
            return makeError(Error::Kind::Invalid, QObject::tr("Two questions have the id “%1”.").arg(q.id));
        ids.insert(q.id);
        if (q.text.isEmpty())
            return makeError(Error::Kind::Invalid, QObject::tr("Question “%1” has no wording.").arg(q.id));
        if (auto st = limits::check(q.text, limits::kNote, QObject::tr("Question “%1”").arg(q.id)); !st)
            return st;
        if (q.kind == QuestionKind::Choice && q.options.size() < 2)
            return makeError(
                Error::Kind::Invalid,
                QObject::tr("Question “%1” is a choice: give it at least two options.").arg(q.id));
        if (q.kind != QuestionKind::Choice)
            q.options.clear();
        if (q.kind != QuestionKind::YesNo) {
            q.followUp.clear();
            q.flag.clear();
            q.agree = false;
        }
        if (q.agree)
            q.required = true; // consent that may be left unanswered is no consent
    }
    for (QString& w : t.requiredFor)
        w = w.trimmed();
    t.requiredFor.removeAll(QString());
    return {};
}

// The form as signed, byte for byte: what is sealed and what the hash covers. QJsonObject keeps its
// keys sorted, so the same form always gives the same bytes.
QByteArray contentOf(const FormTemplate& form, const QHash<QString, FormAnswer>& answers,
                     const QByteArray& signaturePng, const QDateTime& signedAt, const QString& subjectRef,
                     qint64 replaces)
{
    QJsonObject a;
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        QJsonObject one{{QStringLiteral("value"), it->value}};
        if (!it->detail.isEmpty())
            one.insert(QStringLiteral("detail"), it->detail);
        a.insert(it.key(), one);
    }
    QJsonObject o{{QStringLiteral("form"), form.toJson()},
                  {QStringLiteral("answers"), a},
                  {QStringLiteral("signature_png"), QString::fromLatin1(signaturePng.toBase64())},
                  {QStringLiteral("signed_at"), signedAt.toUTC().toString(Qt::ISODate)},
                  {QStringLiteral("subject_ref"), subjectRef}};
    if (replaces > 0)
        o.insert(QStringLiteral("replaces"), replaces);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Status checkSignature(const QByteArray& png)
{
    if (png.isEmpty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The form has no signature: ask the client to sign."));
    if (png.size() > kMaxSignatureBytes)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The signature image is over 1 MB: use a PNG of the signature alone."));
    QImage image;
    if (!png.startsWith("\x89PNG\r\n\x1a\n") || !image.loadFromData(png, "PNG"))
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The signature is not a readable PNG image: save it again as PNG."));
    if (image.width() < 40 || image.height() < 20)
        return makeError(Error::Kind::Invalid, QObject::tr("The signature image is too small to read."));
    // A blank pad is not a signature: enough pixels must differ from the background (the corner).
    const QImage small = image.convertToFormat(QImage::Format_ARGB32);
    const QRgb background = small.pixel(0, 0);
    int marked = 0;
    for (int y = 0; y < small.height() && marked < 30; ++y)
        for (int x = 0; x < small.width() && marked < 30; ++x)
            if (small.pixel(x, y) != background)
                ++marked;
    if (marked < 30)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The signature is blank: ask the client to sign."));
    return {};
}

Status checkAnswers(const FormTemplate& t, QHash<QString, FormAnswer>& answers)
{
    QSet<QString> known;
    for (const FormQuestion& q : t.questions)
        known.insert(q.id);
    for (auto it = answers.begin(); it != answers.end(); ++it)
        if (!known.contains(it.key()))
            return makeError(Error::Kind::Invalid,
                             QObject::tr("“%1” is not a question of the form “%2”.").arg(it.key(), t.name));
    for (const FormQuestion& q : t.questions) {
        auto it = answers.find(q.id);
        if (it != answers.end()) {
            it->value = it->value.trimmed();
            it->detail = it->detail.trimmed();
            if (it->value.isEmpty() && it->detail.isEmpty()) {
                answers.erase(it);
                it = answers.end();
            }
        }
        const QString named = QObject::tr("“%1” (%2)").arg(q.text.left(80), q.id);
        if (it == answers.end()) {
            if (q.required)
                return makeError(Error::Kind::Invalid,
                                 QObject::tr("The question %1 needs an answer.").arg(named));
            continue;
        }
        FormAnswer& a = *it;
        switch (q.kind) {
        case QuestionKind::YesNo:
            a.value = a.value.toLower();
            if (a.value == QLatin1String("true"))
                a.value = QStringLiteral("yes");
            if (a.value == QLatin1String("false"))
                a.value = QStringLiteral("no");
            if (a.value != QLatin1String("yes") && a.value != QLatin1String("no"))
                return makeError(Error::Kind::Invalid,
                                 QObject::tr("Answer the question %1 yes or no.").arg(named));
            if (a.value == QLatin1String("no"))
                a.detail.clear();
            break;
        case QuestionKind::Choice:
            if (!q.options.contains(a.value))
                return makeError(Error::Kind::Invalid, QObject::tr("The question %1 takes one of: %2.")
                                                           .arg(named, q.options.join(QStringLiteral("; "))));
            a.detail.clear();
            break;
        case QuestionKind::Date:
            if (!QDate::fromString(a.value, Qt::ISODate).isValid())
                return makeError(Error::Kind::Invalid,
                                 QObject::tr("The question %1 takes a date (YYYY-MM-DD).").arg(named));
            a.detail.clear();
            break;
        case QuestionKind::Text:
            a.detail.clear();
            break;
        }
        if (auto st = limits::check(a.value, limits::kNote, QObject::tr("The answer to %1").arg(named)); !st)
            return st;
        if (auto st = limits::check(a.detail, limits::kNote, QObject::tr("The answer to %1").arg(named)); !st)
            return st;
    }
    return {};
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
    auto plain = db.clinical().open(st.blob(7));
    if (!plain) {
        f.intact = false;
        return f;
    }
    f.intact = sha256Hex(plain.value()) == f.sha256;
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
        f.intact = false;
    f.contentRead = true;
    return f;
}

bool mayReadContent(Database& db)
{
    return access::permitted(db, Action::TreatmentNotes) && db.clinical().canOpen();
}

FormTemplate makeTemplate(const char* name, FormKind kind, const char* intro, QList<FormQuestion> questions,
                          QStringList requiredFor = {})
{
    FormTemplate t;
    t.name = QString::fromUtf8(name);
    t.kind = kind;
    t.intro = QString::fromUtf8(intro);
    t.questions = std::move(questions);
    t.requiredFor = std::move(requiredFor);
    return t;
}

FormQuestion yesNo(const char* id, const char* text, bool required, const char* followUp = "",
                   const char* flag = "", bool agree = false)
{
    FormQuestion q;
    q.id = QString::fromLatin1(id);
    q.kind = QuestionKind::YesNo;
    q.text = QString::fromUtf8(text);
    q.required = required;
    q.followUp = QString::fromUtf8(followUp);
    q.flag = QString::fromUtf8(flag);
    q.agree = agree;
    return q;
}

FormQuestion other(const char* id, QuestionKind kind, const char* text, bool required,
                   QStringList options = {})
{
    FormQuestion q;
    q.id = QString::fromLatin1(id);
    q.kind = kind;
    q.text = QString::fromUtf8(text);
    q.required = required;
    q.options = std::move(options);
    return q;
}

void insertTemplateInTransaction(Database& db, const FormTemplate& t, int version)
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
    ins.run();
}

} // namespace

QJsonObject FormTemplate::toJson() const
{
    QJsonArray qs;
    for (const FormQuestion& q : questions) {
        QJsonObject o{{QStringLiteral("id"), q.id},
                      {QStringLiteral("kind"), vocab::code(q.kind)},
                      {QStringLiteral("text"), q.text},
                      {QStringLiteral("required"), q.required},
                      {QStringLiteral("options"), strings(q.options)}};
        if (!q.followUp.isEmpty())
            o.insert(QStringLiteral("follow_up"), q.followUp);
        if (!q.flag.isEmpty())
            o.insert(QStringLiteral("flag"), q.flag);
        if (q.agree)
            o.insert(QStringLiteral("agree"), true);
        qs.append(o);
    }
    return {{QStringLiteral("name"), name},
            {QStringLiteral("version"), version},
            {QStringLiteral("kind"), vocab::code(kind)},
            {QStringLiteral("intro"), intro},
            {QStringLiteral("questions"), qs},
            {QStringLiteral("required_for"), strings(requiredFor)}};
}

Result<FormTemplate> FormTemplate::fromJson(const QJsonObject& o)
{
    FormTemplate t;
    t.name = str(o, "name");
    t.version = o.value(QStringLiteral("version")).toInt();
    const auto kind = vocab::fromCode<FormKind>(str(o, "kind"));
    if (!kind)
        return makeError(Error::Kind::Invalid, QObject::tr("A form's kind is one of: %1.")
                                                   .arg(vocab::codes<FormKind>().join(QStringLiteral(", "))));
    t.kind = *kind;
    t.intro = str(o, "intro");
    for (const QJsonValue& v : o.value(QStringLiteral("questions")).toArray()) {
        const QJsonObject qo = v.toObject();
        FormQuestion q;
        q.id = str(qo, "id");
        const auto qk = vocab::fromCode<QuestionKind>(str(qo, "kind"));
        if (!qk)
            return makeError(Error::Kind::Invalid,
                             QObject::tr("Question “%1”: its kind is one of: %2.")
                                 .arg(q.id, vocab::codes<QuestionKind>().join(QStringLiteral(", "))));
        q.kind = *qk;
        q.text = str(qo, "text");
        q.required = qo.value(QStringLiteral("required")).toBool();
        q.options = strings(qo.value(QStringLiteral("options")));
        q.followUp = str(qo, "follow_up");
        q.flag = str(qo, "flag");
        q.agree = qo.value(QStringLiteral("agree")).toBool();
        t.questions.append(q);
    }
    t.requiredFor = strings(o.value(QStringLiteral("required_for")));
    return t;
}

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
        insertTemplateInTransaction(m_db, t, version);
        const qint64 id = m_db.lastInsertId();
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
        ins.bind(7, hash).bindBlob(8, m_db.clinical().sealForClinic(content)).bind(9, Clock::nowIso()).run();
        const qint64 id = m_db.lastInsertId();
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
    auto any = db.prepare("SELECT COUNT(*) FROM form_templates");
    any.step();
    const bool empty = any.int64(0) == 0;
    any.reset();
    if (!empty)
        return;
    const QList<FormTemplate> shipped = {
        makeTemplate(
            "Consent for injectable treatment", FormKind::Consent,
            "Injectable treatments (anti-wrinkle injections, dermal fillers, skin boosters) are medical "
            "procedures. Common effects are redness, swelling, tenderness and bruising at the injection "
            "points for a few days. Less common are infection, asymmetry, lumps, and a headache or a "
            "drooping "
            "eyelid after anti-wrinkle injections. Rarely a filler blocks a blood vessel, which needs "
            "treatment at once: call the clinic straight away if the skin turns pale, blue or very painful. "
            "Results vary and are not permanent. You may decline or stop at any time.",
            {yesNo("informed",
                   "I have read the information above, the practitioner has explained the treatment, its "
                   "risks and its alternatives, and my questions have been answered.",
                   true, "", "", true),
             yesNo("pregnant", "Are you pregnant or breastfeeding?", true, "", "Pregnant or breastfeeding"),
             yesNo("medical_history_current",
                   "My medical history on file is complete and up to date, including medicines I take.", true,
                   "", "", true),
             yesNo("consent", "I consent to the treatment planned with my practitioner today.", true, "", "",
                   true)},
            {QStringLiteral("anti-wrinkle"), QStringLiteral("botulinum"), QStringLiteral("toxin"),
             QStringLiteral("botox"), QStringLiteral("filler"), QStringLiteral("skin booster"),
             QStringLiteral("injection"), QStringLiteral("injectable")}),
        makeTemplate(
            "Medical history", FormKind::MedicalHistory,
            "Your answers help your practitioner decide whether a treatment is safe for you. They are kept "
            "with your treatment records and read only by the clinic's practitioners.",
            {yesNo("allergies", "Do you have any allergies (medicines, lidocaine, latex, eggs, foods)?", true,
                   "Which, and what happens?", "Allergies"),
             yesNo("anticoagulants",
                   "Do you take blood thinners (warfarin, apixaban, aspirin, clopidogrel) or supplements "
                   "such as fish oil or ginkgo?",
                   true, "Which, and how much?", "Anticoagulants"),
             yesNo("pregnant", "Are you pregnant, trying for a baby or breastfeeding?", true, "",
                   "Pregnant or breastfeeding"),
             yesNo("reactions", "Have you ever reacted badly to an aesthetic treatment?", true,
                   "What was the treatment, and what happened?", "Previous reaction"),
             yesNo("autoimmune",
                   "Do you have an autoimmune or neuromuscular condition (such as myasthenia "
                   "gravis)?",
                   true, "Which?", "Autoimmune or neuromuscular condition"),
             other("medicines", QuestionKind::Text, "Other medicines and conditions", false),
             other("last_treatment", QuestionKind::Date, "Date of your last aesthetic treatment, if any",
                   false),
             other("gp", QuestionKind::Text, "Your GP's practice", false)}),
        makeTemplate(
            "Aftercare acknowledgement", FormKind::Aftercare,
            "Aftercare advice for your treatment has been given to you in writing.",
            {yesNo("received",
                   "I have received the aftercare advice, I understand it, and I know how to reach the "
                   "clinic if I am worried.",
                   true, "", "", true)}),
        makeTemplate("Photo consent", FormKind::PhotoConsent,
                     "Photos before and after a treatment are part of your clinical record. You may also let "
                     "the clinic use them more widely, and withdraw that at any time.",
                     {other("use", QuestionKind::Choice, "The clinic may use my photos for", true,
                            {QStringLiteral("My clinical record only"),
                             QStringLiteral("My clinical record and anonymised training"),
                             QStringLiteral("My clinical record, training and the clinic's marketing")})})};
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
