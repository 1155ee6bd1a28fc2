#pragma once

#include "common/Vocabulary.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace cd {

struct PhoneNumber
{
    QString label = QStringLiteral("mobile");
    QString number; // as typed
    QString e164;   // normalised; empty when it cannot be parsed
};

struct EmailAddress
{
    QString label = QStringLiteral("personal");
    QString address;
};

struct PostalAddress
{
    QString label = QStringLiteral("home");
    QString line1, line2, town, county, postcode, country;
    bool isEmpty() const
    {
        return line1.isEmpty() && line2.isEmpty() && town.isEmpty() && postcode.isEmpty();
    }
};

struct MessagingHandle
{
    QString service; // Skype, Instagram, WhatsApp ...
    QString handle;
};

// The data subject. Every row of personal data hangs off a client.
enum class ClientStatus { Enquiry, Active, Former };

template <> inline std::span<const vocab::Term<ClientStatus>> vocab::terms()
{
    static constexpr Term<ClientStatus> t[] = {
        {ClientStatus::Enquiry, "enquiry", QT_TRANSLATE_NOOP("vocabulary", "Enquiry")},
        {ClientStatus::Active, "active", QT_TRANSLATE_NOOP("vocabulary", "Active client")},
        {ClientStatus::Former, "former", QT_TRANSLATE_NOOP("vocabulary", "Former client")}};
    return t;
}

struct Client
{
    qint64 id = 0;
    QString subjectRef; // pseudonymous id used in the audit log and ledgers
    QString title, firstName, lastName, preferredName, pronouns;
    QDate dateOfBirth;
    ClientStatus status = ClientStatus::Enquiry;
    QString source; // website, phone, walk-in, referral, social, advert
    QList<PhoneNumber> phones;
    QList<EmailAddress> emails;
    QList<PostalAddress> addresses;
    QList<MessagingHandle> handles;
    QStringList tags;
    QString createdAt, updatedAt;
    bool restricted = false; // a privacy restriction: kept, not used
    QString erasedAt;        // set when erased but a minimal record had to be kept

    QString displayName() const;
};

// What a list row needs: cheap to load for thousands of rows.
struct ClientSummary
{
    qint64 id = 0;
    QString firstName, lastName, preferredName;
    QString phoneE164, email, postcode;
    ClientStatus status = ClientStatus::Enquiry;
    QString displayName() const;
};

namespace client {
// "Amara Okafor" → {"Amara", "Okafor"}; "Mary Ann de la Cruz" → {"Mary Ann", "de la Cruz"} is not
// guessable, so the last word is the last name unless a particle (de, van, von, le, da, o') precedes it.
std::pair<QString, QString> splitName(const QString& full);
// Which fields an edit changed, by name only (the audit log never holds the values).
QStringList changedFields(const Client& a, const Client& b);
bool isValidEmail(const QString& address);
QStringList sources();
} // namespace client

} // namespace cd
