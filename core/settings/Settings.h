#pragma once

#include "common/Result.h"
#include "export/Letterhead.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>
#include <utility>

namespace cd {

class Database;

// The clinic's settings that are personal or legal (name, controller, retention ...) live in the
// encrypted database; one typed accessor per setting with its default.
class ClinicSettings final
{
public:
    // Everything the Settings dialog edits, read and saved as one.
    struct Values
    {
        QString clinicName;
        QString nation;
        QString controllerAddress;
        QString controllerEmail;
        QString clinicPhone;
        QByteArray clinicLogo; // PNG, at most kLogoSize; empty: none
        QString recipients;
        int enquiryRetentionMonths = 24;
        int idleLockMinutes = 5;
        int treatmentRetentionYears = 8;
        int paymentRetentionYears = 6;
        int stockExpiringDays = 30;
        int stockLowPercent = 20;
    };

    explicit ClinicSettings(Database& db) : m_db(db) {}
    Values values();
    // The settings by key, as `clinicdesk-cli settings` lists and sets them (clinic.name,
    // privacy.nation, ...): text as QString, numbers as int, in a fixed order.
    static QList<std::pair<QString, QVariant>> entries(const Values& values);
    // Sets one setting of `values` from typed text; Invalid names the key, or what it expects.
    static Status assign(Values& values, const QString& key, const QString& text);
    // Whether this session may list them all (`clinicdesk-cli settings`): managers, as for saving.
    Status checkMayRead();
    // Checks every value first, then writes them all in one transaction (all or nothing), as the
    // signed-in manager, with an audit entry naming the settings changed (never their values).
    Status save(const Values& values);

    QString clinicName();
    Status setClinicName(const QString& name);
    // The UK nation whose bank holidays count for deadlines: england-wales (default), scotland,
    // northern-ireland.
    QString nation();
    Status setNation(const QString& key);
    // The controller's details printed on subject-access reports.
    QString controllerAddress();
    Status setControllerAddress(const QString& text);
    QString controllerEmail();
    Status setControllerEmail(const QString& text);
    // Who receives clients' data, as the clinic's privacy notice says it.
    QString recipients();
    Status setRecipients(const QString& text);
    // The letterhead of quotes and subject-access reports: the clinic's phone and logo (with the name
    // and the controller's address and email above).
    QString clinicPhone();
    Status setClinicPhone(const QString& text);
    static constexpr int kLogoWidth = 600, kLogoHeight = 200;
    QByteArray clinicLogo(); // PNG; empty when none
    // Any picture Qt reads (PNG, JPEG…), shrunk to fit kLogoWidth × kLogoHeight and kept as PNG;
    // empty removes it. Invalid when it is not a picture.
    static Result<QByteArray> prepareLogo(const QByteArray& picture);
    Status setClinicLogo(const QByteArray& png);
    // Name, controller's address and email, phone and logo, for the letterhead.
    Letterhead letterhead();
    // Retention of enquiries that never became clients, in months after the last contact (default 24).
    int enquiryRetentionMonths();
    Status setEnquiryRetentionMonths(int months);
    // Treatment records and their photos are kept this many years after the client's LAST treatment
    // (establishment or defence of legal claims; default 8).
    int treatmentRetentionYears();
    Status setTreatmentRetentionYears(int years);
    // Payments and refunds are kept this many years after the payment (legal obligation: tax; default 6).
    int paymentRetentionYears();
    Status setPaymentRetentionYears(int years);
    // Minutes without keyboard or mouse activity before the desk locks itself (default 5).
    static constexpr int kMinIdleLockMinutes = 1;
    static constexpr int kMaxIdleLockMinutes = 120;
    int idleLockMinutes();
    Status setIdleLockMinutes(int minutes);
    // Stock alerts: a batch expiring within this many days (default 30), and low at or below this
    // share of what was received (default 20 %).
    int stockExpiringDays();
    Status setStockExpiringDays(int days);
    int stockLowPercent();
    Status setStockLowPercent(int percent);

    // The clinic's name as a new vault is made, inside its first transaction. Throws StorageError.
    static void setClinicNameInTransaction(Database& db, const QString& name);
    // Every client up to this id was made by the demo generator (0: it made none here), so it can
    // tell a vault of fictional clients from one holding real ones.
    qint64 demoClientsUpTo();
    static void setDemoClientsUpToInTransaction(Database& db, qint64 id);
    // The demo's fictional clinic name, controller address and email, where none is set yet.
    static void setDemoControllerInTransaction(Database& db);
    // Invalid, naming what is missing and where to set it, until the clinic's name and address as
    // data controller are set: a subject-access report must say who holds the data and how to reach
    // them (Article 15; the report's letterhead).
    Status checkControllerForReports();

private:
    QString value(const char* key, const QString& fallback);
    Status setValue(const char* key, const QString& value);
    Database& m_db;
    bool m_inSave = false;
};

} // namespace cd
