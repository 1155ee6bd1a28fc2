#include "forms/FormContent.h"

#include "common/Limits.h"

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

} // namespace

namespace forms_detail {

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
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

QList<FormTemplate> shippedTemplates()
{
    return {
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
}

} // namespace forms_detail

using forms_detail::str;

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

} // namespace cd
