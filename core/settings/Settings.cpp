#include "settings/Settings.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "storage/Sql.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QObject>
#include <QScopeGuard>
#include <QStringList>

namespace cd {

QString ClinicSettings::value(const char* key, const QString& fallback)
{
    try {
        auto st = m_db.prepare("SELECT value FROM settings WHERE key = ?");
        return st.bind(1, key).step() ? st.text(0) : fallback;
    } catch (const StorageError&) {
        return fallback;
    }
}

qint64 ClinicSettings::demoClientsUpTo()
{
    return value("demo.clients_up_to", QStringLiteral("0")).toLongLong();
}

void ClinicSettings::setDemoClientsUpToInTransaction(Database& db, qint64 id)
{
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('demo.clients_up_to', ?)")
        .bind(1, QString::number(id))
        .run();
}

void ClinicSettings::setDemoControllerInTransaction(Database& db)
{
    for (const auto& [key, value] : {std::pair{"clinic.name", "Demo Aesthetics Clinic"},
                                     std::pair{"controller.address", "1 Example Street\nDemo Town DT1 1AA"},
                                     std::pair{"controller.email", "privacy@demo-clinic.example"}})
        db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)")
            .bind(1, key)
            .bind(2, value)
            .run();
}

Status ClinicSettings::checkControllerForReports()
{
    QStringList missing;
    if (clinicName().trimmed().isEmpty())
        missing << QObject::tr("the clinic's name");
    if (controllerAddress().trimmed().isEmpty())
        missing << QObject::tr("its postal address");
    if (missing.isEmpty())
        return {};
    return makeError(
        Error::Kind::Invalid,
        QObject::tr(
            "A subject-access report says who holds the data and how to reach them, and "
            "%1 is not set yet. A manager sets it in File → Clinic settings (Controller's address), or with "
            "clinicdesk-cli settings controller.address=\"...\". Nothing was exported.")
            .arg(missing.join(QObject::tr(" and "))));
}

void ClinicSettings::setClinicNameInTransaction(Database& db, const QString& name)
{
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('clinic.name', ?)").bind(1, name).run();
}

Status ClinicSettings::setValue(const char* key, const QString& value)
{
    if (auto st = access::require(m_db, Action::Settings); !st)
        return st;
    return guarded([&]() -> Status {
        if (m_inSave) { // save() holds the transaction and writes one audit entry for all
            m_db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)")
                .bind(1, key)
                .bind(2, value)
                .run();
            return {};
        }
        Transaction tx(m_db);
        m_db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)")
            .bind(1, key)
            .bind(2, value)
            .run();
        if (auto st = AuditLog(m_db).append(QStringLiteral("settings-changed"), {}, QString::fromLatin1(key));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

QString ClinicSettings::clinicName()
{
    return value("clinic.name", QString());
}

Status ClinicSettings::setClinicName(const QString& name)
{
    return setValue("clinic.name", name.trimmed());
}

QString ClinicSettings::nation()
{
    return value("privacy.nation", QStringLiteral("england-wales"));
}

Status ClinicSettings::setNation(const QString& key)
{
    if (key != QLatin1String("england-wales") && key != QLatin1String("scotland") &&
        key != QLatin1String("northern-ireland"))
        return makeError(Error::Kind::Invalid,
                         QStringLiteral("Nation is england-wales, scotland or northern-ireland."));
    return setValue("privacy.nation", key);
}

QString ClinicSettings::controllerAddress()
{
    return value("controller.address", QString());
}

Status ClinicSettings::setControllerAddress(const QString& text)
{
    return setValue("controller.address", text.trimmed());
}

QString ClinicSettings::controllerEmail()
{
    return value("controller.email", QString());
}

Status ClinicSettings::setControllerEmail(const QString& text)
{
    return setValue("controller.email", text.trimmed());
}

QString ClinicSettings::clinicPhone()
{
    return value("clinic.phone", QString());
}

Status ClinicSettings::setClinicPhone(const QString& text)
{
    if (text.trimmed().size() > 40)
        return makeError(Error::Kind::Invalid,
                         QStringLiteral("The clinic's phone number is at most 40 characters."));
    return setValue("clinic.phone", text.trimmed());
}

QByteArray ClinicSettings::clinicLogo()
{
    return QByteArray::fromBase64(value("clinic.logo", QString()).toLatin1());
}

Result<QByteArray> ClinicSettings::prepareLogo(const QByteArray& picture)
{
    if (picture.isEmpty())
        return QByteArray();
    QImage image = QImage::fromData(picture);
    if (image.isNull())
        return makeError(
            Error::Kind::Invalid,
            QStringLiteral("The logo is not a picture Clinicdesk can read: choose a PNG or JPEG file."));
    if (image.width() > kLogoWidth || image.height() > kLogoHeight)
        image = image.scaled(kLogoWidth, kLogoHeight, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QByteArray png;
    QBuffer out(&png);
    out.open(QIODevice::WriteOnly);
    image.save(&out, "PNG");
    return png;
}

Status ClinicSettings::setClinicLogo(const QByteArray& png)
{
    auto prepared = prepareLogo(png);
    if (!prepared)
        return prepared.error();
    return setValue("clinic.logo", QString::fromLatin1(prepared->toBase64()));
}

Letterhead ClinicSettings::letterhead()
{
    return {clinicName(), controllerAddress(), clinicPhone(), controllerEmail(), clinicLogo()};
}

QString ClinicSettings::recipients()
{
    return value(
        "privacy.recipients",
        QStringLiteral(
            "companies of the same group as the clinic; the clinic's employees; the IT and CRM service "
            "providers who support the clinic's systems"));
}

Status ClinicSettings::setRecipients(const QString& text)
{
    return setValue("privacy.recipients", text.trimmed());
}

int ClinicSettings::enquiryRetentionMonths()
{
    return value("retention.enquiry_months", QStringLiteral("24")).toInt();
}

Status ClinicSettings::setEnquiryRetentionMonths(int months)
{
    if (months < 1 || months > 240)
        return makeError(Error::Kind::Invalid, QStringLiteral("Retention is between 1 and 240 months."));
    return setValue("retention.enquiry_months", QString::number(months));
}

int ClinicSettings::treatmentRetentionYears()
{
    const int years = value("retention.treatment_years", QStringLiteral("8")).toInt();
    return years >= 1 && years <= 100 ? years : 8;
}

Status ClinicSettings::setTreatmentRetentionYears(int years)
{
    if (years < 1 || years > 100)
        return makeError(Error::Kind::Invalid,
                         QStringLiteral("Treatment records are kept between 1 and 100 years."));
    return setValue("retention.treatment_years", QString::number(years));
}

int ClinicSettings::paymentRetentionYears()
{
    const int years = value("retention.payment_years", QStringLiteral("6")).toInt();
    return years >= 1 && years <= 100 ? years : 6;
}

Status ClinicSettings::setPaymentRetentionYears(int years)
{
    if (years < 1 || years > 100)
        return makeError(Error::Kind::Invalid, QStringLiteral("Payments are kept between 1 and 100 years."));
    return setValue("retention.payment_years", QString::number(years));
}

int ClinicSettings::idleLockMinutes()
{
    const int minutes = value("security.idle_lock_minutes", QStringLiteral("5")).toInt();
    return minutes >= kMinIdleLockMinutes && minutes <= kMaxIdleLockMinutes ? minutes : 5;
}

Status ClinicSettings::setIdleLockMinutes(int minutes)
{
    if (minutes < kMinIdleLockMinutes || minutes > kMaxIdleLockMinutes)
        return makeError(Error::Kind::Invalid, QStringLiteral("The idle lock is between %1 and %2 minutes.")
                                                   .arg(kMinIdleLockMinutes)
                                                   .arg(kMaxIdleLockMinutes));
    return setValue("security.idle_lock_minutes", QString::number(minutes));
}

int ClinicSettings::stockExpiringDays()
{
    const int days = value("stock.expiring_days", QStringLiteral("30")).toInt();
    return days >= 1 && days <= 365 ? days : 30;
}

Status ClinicSettings::setStockExpiringDays(int days)
{
    if (days < 1 || days > 365)
        return makeError(Error::Kind::Invalid,
                         QStringLiteral("The expiry warning is between 1 and 365 days."));
    return setValue("stock.expiring_days", QString::number(days));
}

int ClinicSettings::stockLowPercent()
{
    const int percent = value("stock.low_percent", QStringLiteral("20")).toInt();
    return percent >= 0 && percent <= 100 ? percent : 20;
}

Status ClinicSettings::setStockLowPercent(int percent)
{
    if (percent < 0 || percent > 100)
        return makeError(Error::Kind::Invalid, QStringLiteral("Low stock is between 0 and 100 %."));
    return setValue("stock.low_percent", QString::number(percent));
}

namespace {

// One row per setting the command line lists and sets: its key, and the field of Values it is.
struct Field
{
    const char* key;
    QString ClinicSettings::Values::*text = nullptr;
    int ClinicSettings::Values::*number = nullptr;
};

const Field kFields[] = {
    {"clinic.name", &ClinicSettings::Values::clinicName},
    {"controller.address", &ClinicSettings::Values::controllerAddress},
    {"controller.email", &ClinicSettings::Values::controllerEmail},
    {"clinic.phone", &ClinicSettings::Values::clinicPhone},
    {"privacy.nation", &ClinicSettings::Values::nation},
    {"privacy.recipients", &ClinicSettings::Values::recipients},
    {"retention.enquiry_months", nullptr, &ClinicSettings::Values::enquiryRetentionMonths},
    {"retention.treatment_years", nullptr, &ClinicSettings::Values::treatmentRetentionYears},
    {"retention.payment_years", nullptr, &ClinicSettings::Values::paymentRetentionYears},
    {"security.idle_lock_minutes", nullptr, &ClinicSettings::Values::idleLockMinutes},
    {"stock.expiring_days", nullptr, &ClinicSettings::Values::stockExpiringDays},
    {"stock.low_percent", nullptr, &ClinicSettings::Values::stockLowPercent},
};

} // namespace

QList<std::pair<QString, QVariant>> ClinicSettings::entries(const Values& values)
{
    QList<std::pair<QString, QVariant>> out;
    for (const Field& f : kFields)
        out.append(
            {QString::fromLatin1(f.key), f.text ? QVariant(values.*f.text) : QVariant(values.*f.number)});
    // The logo by its size, not its bytes; it is set from a file (clinic.logo=PATH, empty: none).
    const QImage logo = QImage::fromData(values.clinicLogo);
    out.insert(
        4, {QStringLiteral("clinic.logo"),
            logo.isNull() ? QString() : QStringLiteral("PNG %1×%2").arg(logo.width()).arg(logo.height())});
    return out;
}

Status ClinicSettings::assign(Values& values, const QString& key, const QString& text)
{
    if (key == QLatin1String("clinic.logo")) {
        if (text.trimmed().isEmpty()) {
            values.clinicLogo.clear();
            return {};
        }
        QFile file(text);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(Error::Kind::Invalid,
                             QStringLiteral("clinic.logo is a picture file: cannot read \"%1\".").arg(text));
        auto logo = prepareLogo(file.readAll());
        if (!logo)
            return logo.error();
        values.clinicLogo = logo.value();
        return {};
    }
    for (const Field& f : kFields) {
        if (key != QLatin1String(f.key))
            continue;
        if (f.text) {
            values.*f.text = text;
            return {};
        }
        bool ok = false;
        const int n = text.trimmed().toInt(&ok);
        if (!ok)
            return makeError(Error::Kind::Invalid,
                             QStringLiteral("%1 is a whole number, not \"%2\".").arg(key, text));
        values.*f.number = n;
        return {};
    }
    QStringList known;
    for (const Field& f : kFields)
        known << QString::fromLatin1(f.key);
    return makeError(Error::Kind::Invalid, QStringLiteral("There is no setting \"%1\". The settings are: %2.")
                                               .arg(key, known.join(QStringLiteral(", "))));
}

Status ClinicSettings::checkMayRead()
{
    return access::require(m_db, Action::Settings);
}

ClinicSettings::Values ClinicSettings::values()
{
    Values v;
    v.clinicName = clinicName();
    v.nation = nation();
    v.controllerAddress = controllerAddress();
    v.controllerEmail = controllerEmail();
    v.clinicPhone = clinicPhone();
    v.clinicLogo = clinicLogo();
    v.recipients = recipients();
    v.enquiryRetentionMonths = enquiryRetentionMonths();
    v.idleLockMinutes = idleLockMinutes();
    v.treatmentRetentionYears = treatmentRetentionYears();
    v.paymentRetentionYears = paymentRetentionYears();
    v.stockExpiringDays = stockExpiringDays();
    v.stockLowPercent = stockLowPercent();
    return v;
}

Status ClinicSettings::save(const Values& v)
{
    if (auto st = access::require(m_db, Action::Settings); !st)
        return st;
    if (v.clinicName.trimmed().isEmpty())
        return makeError(Error::Kind::Invalid, QStringLiteral("The clinic needs a name."));
    const QString email = v.controllerEmail.trimmed();
    if (!email.isEmpty() && (!email.contains(QLatin1Char('@')) || email.contains(QLatin1Char(' '))))
        return makeError(Error::Kind::Invalid,
                         QStringLiteral("The controller's email address is not valid."));
    const Values before = values();
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        m_inSave = true;
        const auto done = qScopeGuard([this] { m_inSave = false; });
        QStringList changed;
        Status status;
        // Stops at the first failure; leaving without commit() rolls every earlier write back.
        auto apply = [&](const char* name, bool differs, auto write) {
            if (!status)
                return;
            status = write();
            if (status && differs)
                changed << QString::fromLatin1(name);
        };
        apply("clinic.name", before.clinicName != v.clinicName.trimmed(),
              [&] { return setClinicName(v.clinicName); });
        apply("privacy.nation", before.nation != v.nation, [&] { return setNation(v.nation); });
        apply("controller.address", before.controllerAddress != v.controllerAddress.trimmed(),
              [&] { return setControllerAddress(v.controllerAddress); });
        apply("controller.email", before.controllerEmail != email, [&] { return setControllerEmail(email); });
        apply("clinic.phone", before.clinicPhone != v.clinicPhone.trimmed(),
              [&] { return setClinicPhone(v.clinicPhone); });
        apply("clinic.logo", before.clinicLogo != v.clinicLogo, [&] { return setClinicLogo(v.clinicLogo); });
        apply("privacy.recipients", before.recipients != v.recipients.trimmed(),
              [&] { return setRecipients(v.recipients); });
        apply("retention.enquiry_months", before.enquiryRetentionMonths != v.enquiryRetentionMonths,
              [&] { return setEnquiryRetentionMonths(v.enquiryRetentionMonths); });
        apply("security.idle_lock_minutes", before.idleLockMinutes != v.idleLockMinutes,
              [&] { return setIdleLockMinutes(v.idleLockMinutes); });
        apply("retention.treatment_years", before.treatmentRetentionYears != v.treatmentRetentionYears,
              [&] { return setTreatmentRetentionYears(v.treatmentRetentionYears); });
        apply("retention.payment_years", before.paymentRetentionYears != v.paymentRetentionYears,
              [&] { return setPaymentRetentionYears(v.paymentRetentionYears); });
        apply("stock.expiring_days", before.stockExpiringDays != v.stockExpiringDays,
              [&] { return setStockExpiringDays(v.stockExpiringDays); });
        apply("stock.low_percent", before.stockLowPercent != v.stockLowPercent,
              [&] { return setStockLowPercent(v.stockLowPercent); });
        if (!status)
            return status;
        if (!changed.isEmpty())
            if (auto st = AuditLog(m_db).append(QStringLiteral("settings.change"), {},
                                                changed.join(QLatin1Char(' ')));
                !st)
                return st;
        tx.commit();
        return {};
    });
}

} // namespace cd
