#include "demo/DemoGenerator.h"

#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "clients/Phone.h"
#include "common/Clock.h"
#include "demo/DemoImages.h"
#include "storage/Sql.h"

#include <array>

namespace cd {

namespace {

// splitmix64: tiny, fast and the same on every platform, unlike std:: distributions.
class Rng
{
public:
    explicit Rng(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % quint64(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& a) { return a[std::size_t(below(int(N)))]; }

private:
    quint64 m_state;
};

constexpr std::array kFirst{"Amara", "Zoë", "Siobhán", "Chloé", "Renée", "José", "Aoife", "Niamh", "Olivia",
                            "Priya", "Fatima", "Małgorzata", "Björn", "Grace", "Emily", "Sophie", "Hannah",
                            "Isla", "Freya", "Yasmin", "Leila", "Ana", "Mía", "Ingrid", "Eilidh", "Ciarán",
                            "Tomás", "Daniel", "James", "Oliver", "Mohammed", "Kwame", "Chidi", "Lucía",
                            "Noémie", "Agnieszka", "Sinéad", "Rhiannon", "Megan", "Jessica", "Charlotte",
                            "Amelia", "Ava", "Ruby", "Poppy", "Layla", "Aisha", "Mei", "Hiroko", "Zeynep"};
constexpr std::array kLast{"Okafor", "O'Brien", "Smith-Jones", "Müller", "Nowak", "Patel", "Ó Súilleabháin",
                           "García", "Kowalczyk", "MacLeod", "Nguyen", "Adeyemi", "Brown", "Taylor", "Wilson",
                           "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Edwards", "Green",
                           "Hall", "Wood", "Jackson", "Clarke", "Lewis", "Harris", "Martin", "Davies",
                           "Fernández", "Łukasiewicz", "Novák", "Dvořák", "Søndergaard", "D'Souza", "Khan",
                           "Ahmed", "Begum", "Chowdhury", "Mensah", "Asante", "Lindqvist", "Byrne", "Murphy",
                           "Kelly", "Campbell", "Stewart", "Robertson", "Fraser", "Llewellyn", "Price"};
constexpr std::array kTitles{"Ms", "Mrs", "Miss", "Mr", "Dr", "Mx", ""};
constexpr std::array kOutward{"LS1", "LS6", "M1", "M20", "SW4", "SW11", "EH3", "B15", "CF10", "BS8", "NW3",
                              "E8", "N1", "SE15", "G12", "L17", "NE2", "S10", "OX2", "CB1"};
constexpr std::array kTowns{"Leeds", "Leeds", "Manchester", "Manchester", "London", "London", "Edinburgh",
                            "Birmingham", "Cardiff", "Bristol", "London", "London", "London", "London",
                            "Glasgow", "Liverpool", "Newcastle", "Sheffield", "Oxford", "Cambridge"};
constexpr std::array kStreets{"High Street", "Church Road", "Station Road", "Victoria Road", "Park Avenue",
                              "Mill Lane", "Queen's Road", "The Crescent", "Elm Grove", "Orchard Close"};
constexpr std::array kDomains{"example.com", "example.org", "example.net"};
constexpr std::array kNotes{
    "Asked about lip filler prices; sending a quote with the mock-up.",
    "Called to rebook her consultation; prefers Thursday afternoons.",
    "Website enquiry about anti-wrinkle treatment for forehead lines.",
    "Complaint: bruising after treatment; offered a review appointment with the practitioner.",
    "Emailed three photos for a quote on cheek filler.",
    "Asked whether skin booster treatment is suitable while breastfeeding; practitioner to call back.",
    "Instagram message asking about availability next week.",
    "Walk-in: picked up aftercare leaflet, happy with results.",
    "Unavailable until after the holidays; call back in January.",
    "Asked about payment plans for a course of microneedling.",
    "Reported mild swelling around the lips, advised cold compress, follow-up call booked.",
    "Referral from a friend; interested in jawline contouring.",
    "Called to cancel: unwell. Will ring to rebook.",
    "Wants to compare before and after photos from the last course.",
    "Asked for a copy of her treatment record for her insurer."};
constexpr std::array kKinds{"call", "call", "call", "email", "enquiry", "social", "in_person", "availability",
                            "complaint"};
constexpr std::array kSources{"website", "phone", "walk-in", "referral", "social", "advert"};
constexpr std::array kHandleServices{"Instagram", "WhatsApp", "Skype"};

QString s(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

QString mobileFor(int index, Rng& rng)
{
    // Ofcom reserves 07700 900000–900999 for drama; beyond that, random numbers in the mobile range.
    if (index < 1000)
        return QStringLiteral("07700 900%1").arg(index, 3, 10, QLatin1Char('0'));
    return QStringLiteral("07%1%2 %3").arg(4 + rng.below(6)).arg(rng.below(100), 2, 10, QLatin1Char('0'))
        .arg(rng.below(1000000), 6, 10, QLatin1Char('0'));
}

QString asciiLocal(const QString& name)
{
    QString out;
    for (const QChar c : name.normalized(QString::NormalizationForm_KD))
        if (c.isLetter() && c.unicode() < 128)
            out += c.toLower();
    return out;
}

} // namespace

Status generateDemoData(Database& db, const DemoOptions& options, const std::function<void(int, int)>& progress)
{
    Rng rng(options.seed);
    return guarded([&]() -> Status {
        // Demo colleagues who wrote the notes (accounts with key slots come from the accounts feature).
        QList<qint64> authors;
        auto staff = db.prepare("INSERT OR IGNORE INTO staff (username, display_name, role, created_at) VALUES (?,?,?,?)");
        for (const auto& [user, name, role] : std::array<std::array<const char*, 3>, 3>{
                 {{"tom", "Tom Reed", "receptionist"}, {"priya", "Dr Priya Shah", "practitioner"},
                  {"manager", "Manager", "manager"}}}) {
            staff.bind(1, user).bind(2, name).bind(3, role).bind(4, Clock::nowIso()).run();
            auto id = db.prepare("SELECT id FROM staff WHERE username = ?");
            id.bind(1, user).step();
            authors.append(id.int64(0));
        }
        ClientStore clients(db);
        InteractionStore interactions(db);
        const QDate today = Clock::today();
        demo::PreparedImageCache images;
        const int batch = 2000;
        for (int start = 0; start < options.clients; start += batch) {
            Transaction tx(db);
            for (int i = start; i < std::min(options.clients, start + batch); ++i) {
                Client c;
                c.subjectRef = QStringLiteral("S-%1").arg(rng.next() & 0xffffffffffffull, 12, 16, QLatin1Char('0')).toUpper();
                c.title = s(rng.pick(kTitles));
                c.firstName = s(rng.pick(kFirst));
                c.lastName = s(rng.pick(kLast));
                if (rng.chance(8))
                    c.preferredName = c.firstName.left(3);
                if (rng.chance(60))
                    c.dateOfBirth = today.addDays(-(365 * 20 + rng.below(365 * 45)));
                c.status = rng.chance(55) ? QStringLiteral("active") : rng.chance(70) ? QStringLiteral("enquiry")
                                                                                     : QStringLiteral("former");
                c.source = s(rng.pick(kSources));
                const QString mobile = mobileFor(i, rng);
                c.phones.append({QStringLiteral("mobile"), mobile, phone::toE164(mobile)});
                if (rng.chance(15))
                    c.phones.append({QStringLiteral("work"), QStringLiteral("020 7946 0%1").arg(rng.below(1000), 3, 10, QLatin1Char('0')),
                                     QString()});
                for (PhoneNumber& p : c.phones)
                    if (p.e164.isEmpty())
                        p.e164 = phone::toE164(p.number);
                c.emails.append({QStringLiteral("personal"), QStringLiteral("%1.%2%3@%4")
                                                                 .arg(asciiLocal(c.firstName), asciiLocal(c.lastName))
                                                                 .arg(i)
                                                                 .arg(s(rng.pick(kDomains)))});
                const int area = rng.below(int(kOutward.size()));
                c.addresses.append({QStringLiteral("home"),
                                    QStringLiteral("%1 %2").arg(1 + rng.below(180)).arg(s(rng.pick(kStreets))), QString(),
                                    s(kTowns[std::size_t(area)]), QString(),
                                    QStringLiteral("%1 %2%3%4").arg(s(kOutward[std::size_t(area)])).arg(rng.below(10))
                                        .arg(QChar(u'A' + rng.below(26))).arg(QChar(u'A' + rng.below(26))),
                                    QStringLiteral("United Kingdom")});
                if (rng.chance(30))
                    c.handles.append({s(rng.pick(kHandleServices)), QLatin1Char('@') + asciiLocal(c.firstName) +
                                                                        QString::number(rng.below(10000))});
                if (rng.chance(20))
                    c.tags << QStringLiteral("VIP");
                c.createdAt = QDateTime(today.addDays(-rng.below(900)), QTime(9 + rng.below(8), rng.below(60)), Qt::UTC)
                                  .toString(Qt::ISODate);
                clients.insertInTransaction(c);

                const int n = rng.below(options.interactionsPerClient * 2 + 1);
                for (int k = 0; k < n; ++k) {
                    Interaction it;
                    it.clientId = c.id;
                    it.kind = s(rng.pick(kKinds));
                    if (it.kind == QLatin1String("call") || it.kind == QLatin1String("email"))
                        it.direction = rng.chance(60) ? QStringLiteral("in") : QStringLiteral("out");
                    if (it.kind == QLatin1String("call"))
                        it.durationSeconds = 30 + rng.below(900);
                    it.occurredAt = QDateTime(today.addDays(-rng.below(700)), QTime(9 + rng.below(9), rng.below(60)),
                                              Qt::UTC).toString(Qt::ISODate);
                    it.authorId = authors.at(rng.below(int(authors.size())));
                    it.body = s(rng.pick(kNotes));
                    if (rng.chance(6))
                        it.followUpOn = today.addDays(rng.below(15) - 7);
                    if (it.kind == QLatin1String("complaint") && rng.chance(60)) {
                        it.complaintStatus = QStringLiteral("resolved");
                        it.complaintResolution = QStringLiteral("Review appointment given; client satisfied.");
                    }
                    interactions.addInTransaction(it);
                }
                // Every tenth client has a gallery; its own seed keeps the people the same as before.
                if (i % 10 == 3)
                    demo::addImagesInTransaction(db, c.id, options.seed * 1000003ull + quint64(i), authors.at(1), images);
                if (rng.chance(50)) {
                    auto consent = db.prepare("INSERT INTO consent_events (client_id, channel, granted, recorded_at, "
                                              "method, staff_id) VALUES (?,?,?,?,?,?)");
                    consent.bind(1, c.id).bind(2, rng.chance(70) ? "email" : "sms").bind(3, 1).bind(4, c.createdAt)
                        .bind(5, "website form tick box").bind(6, authors.at(0)).run();
                }
            }
            tx.commit();
            if (progress)
                progress(std::min(options.clients, start + batch), options.clients);
        }
        db.checkpointTruncate();
        return {};
    });
}

} // namespace cd
