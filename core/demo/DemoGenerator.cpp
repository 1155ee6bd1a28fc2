#include "demo/DemoGenerator.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "clients/Phone.h"
#include "common/Clock.h"
#include "demo/DemoImages.h"
#include "diary/Diary.h"
#include "images/ImageStore.h"
#include "records/Payments.h"
#include "records/Quotes.h"
#include "records/TreatmentRecords.h"
#include "search/ClientSearch.h"
#include "settings/Settings.h"
#include "stock/Stock.h"
#include "storage/Sql.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <array>
#include <cmath>

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
    template <typename T, std::size_t N> const T& pick(const std::array<T, N>& a)
    {
        return a[std::size_t(below(int(N)))];
    }

private:
    quint64 m_state;
};

constexpr std::array kFirst{
    "Amara",  "Zoë",      "Siobhán",    "Chloé",    "Renée",     "José",   "Aoife",  "Niamh",  "Olivia",
    "Priya",  "Fatima",   "Małgorzata", "Björn",    "Grace",     "Emily",  "Sophie", "Hannah", "Isla",
    "Freya",  "Yasmin",   "Leila",      "Ana",      "Mía",       "Ingrid", "Eilidh", "Ciarán", "Tomás",
    "Daniel", "James",    "Oliver",     "Mohammed", "Kwame",     "Chidi",  "Lucía",  "Noémie", "Agnieszka",
    "Sinéad", "Rhiannon", "Megan",      "Jessica",  "Charlotte", "Amelia", "Ava",    "Ruby",   "Poppy",
    "Layla",  "Aisha",    "Mei",        "Hiroko",   "Zeynep"};
constexpr std::array kLast{
    "Okafor",      "O'Brien",   "Smith-Jones", "Müller",    "Nowak",       "Patel",     "Ó Súilleabháin",
    "García",      "Kowalczyk", "MacLeod",     "Nguyen",    "Adeyemi",     "Brown",     "Taylor",
    "Wilson",      "Evans",     "Thomas",      "Roberts",   "Walker",      "Wright",    "Hughes",
    "Edwards",     "Green",     "Hall",        "Wood",      "Jackson",     "Clarke",    "Lewis",
    "Harris",      "Martin",    "Davies",      "Fernández", "Łukasiewicz", "Novák",     "Dvořák",
    "Søndergaard", "D'Souza",   "Khan",        "Ahmed",     "Begum",       "Chowdhury", "Mensah",
    "Asante",      "Lindqvist", "Byrne",       "Murphy",    "Kelly",       "Campbell",  "Stewart",
    "Robertson",   "Fraser",    "Llewellyn",   "Price"};
constexpr std::array kTitles{"Ms", "Mrs", "Miss", "Mr", "Dr", "Mx", ""};
// The first names above usually given to men: a title drawn for a woman is turned into Mr for them
// and Mr into Ms for the others, so the demo has no "Mr Amelia" (the draws, and so everyone's
// names, stay as they were).
constexpr std::array kMenFirst{"José",  "Björn",  "Ciarán",   "Tomás", "Daniel",
                               "James", "Oliver", "Mohammed", "Kwame", "Chidi"};

QString titleFor(const QString& drawn, const QString& firstName)
{
    const bool man = std::any_of(kMenFirst.cbegin(), kMenFirst.cend(),
                                 [&](const char* n) { return firstName == QString::fromUtf8(n); });
    if (man &&
        (drawn == QLatin1String("Ms") || drawn == QLatin1String("Mrs") || drawn == QLatin1String("Miss")))
        return QStringLiteral("Mr");
    if (!man && drawn == QLatin1String("Mr"))
        return QStringLiteral("Ms");
    return drawn;
}
constexpr std::array kOutward{"LS1", "LS6", "M1", "M20",  "SW4", "SW11", "EH3", "B15", "CF10", "BS8",
                              "NW3", "E8",  "N1", "SE15", "G12", "L17",  "NE2", "S10", "OX2",  "CB1"};
constexpr std::array kTowns{"Leeds",     "Leeds",     "Manchester", "Manchester", "London",
                            "London",    "Edinburgh", "Birmingham", "Cardiff",    "Bristol",
                            "London",    "London",    "London",     "London",     "Glasgow",
                            "Liverpool", "Newcastle", "Sheffield",  "Oxford",     "Cambridge"};
constexpr std::array kStreets{"High Street", "Church Road",  "Station Road", "Victoria Road",
                              "Park Avenue", "Mill Lane",    "Queen's Road", "The Crescent",
                              "Elm Grove",   "Orchard Close"};
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
constexpr std::array kKinds{"call",   "call",      "call",         "email",    "enquiry",
                            "social", "in_person", "availability", "complaint"};
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
    return QStringLiteral("07%1%2 %3")
        .arg(4 + rng.below(6))
        .arg(rng.below(100), 2, 10, QLatin1Char('0'))
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

// The diary part of the demo: products with realistic batch numbers, shared by many clients (a
// recall finds several), treatment records, quotes and payments. Its own random stream, so the
// people generated for a seed stay the same as before the diary existed.
struct Product
{
    const char* name;
    const char* treatment;
    const char* areas;
    const char* unit;
    int minQty, maxQty; // units, or tenths of a ml
    const char* lotPrefix;
    qint64 pricePence;
};
constexpr std::array<Product, 4> kProducts{{
    {"Botulinum toxin type A", "Anti-wrinkle injections", "forehead, glabella", "units", 20, 50, "BTA",
     25000},
    {"Hyaluronic acid filler", "Lip filler", "lips", "ml", 5, 10, "HAF", 32000},
    {"Hyaluronic acid filler (deep)", "Cheek and jawline filler", "cheeks, jawline", "ml", 10, 20, "HAD",
     45000},
    {"Skin booster", "Skin booster course", "cheeks, neck", "ml", 10, 20, "SKB", 18000},
}};
constexpr std::array kMethods{"card", "card", "card", "cash", "bank_transfer"};

// Where the demo's injectables go on the face chart (front view, relative to the drawing): the
// forehead and glabella for anti-wrinkle injections, the lips for lip filler.
struct DemoPoint
{
    double x, y;
    const char* note;
};
constexpr std::array<DemoPoint, 5> kForehead{{{0.36, 0.22, "frontalis"},
                                              {0.5, 0.2, "frontalis"},
                                              {0.64, 0.22, "frontalis"},
                                              {0.45, 0.33, "corrugator"},
                                              {0.55, 0.33, "corrugator"}}};
constexpr std::array<DemoPoint, 4> kLips{{{0.42, 0.69, "upper lip"},
                                          {0.58, 0.69, "upper lip"},
                                          {0.45, 0.71, "lower lip"},
                                          {0.55, 0.71, "lower lip"}}};

QString lotFor(const Product& p, int n)
{
    // e.g. "BTA24K017": product, year, a letter, a serial; lots are shared by many clients.
    return QStringLiteral("%1%2%3%4")
        .arg(QString::fromLatin1(p.lotPrefix))
        .arg(22 + n % 3)
        .arg(QChar(u'A' + n % 12))
        .arg(n, 3, 10, QLatin1Char('0'));
}

// Treatment records, quotes and payments, written through their stores inside the caller's
// transaction. Remembers whom it wrote about (the quiet enquiries below are people with none).
class DiaryWriter
{
public:
    // lots: how many lots of each product the clinic has used.
    DiaryWriter(Database& db, quint64 seed, qint64 practitioner, qint64 desk, int lots)
        : m_rng(seed * 0x2545f4914f6cdd1dull + 77), m_practitioner(practitioner), m_desk(desk), m_lots(lots),
          m_records(db), m_quotes(db), m_payments(db)
    {
    }

    Rng& rng() { return m_rng; }
    QSet<qint64>& busy() { return m_busy; }

    qint64 treatment(qint64 client, const QDate& on, int productIndex, qint64 appointment = 0)
    {
        const Product& p = kProducts[std::size_t(productIndex)];
        const int qty = p.minQty + m_rng.below(p.maxQty - p.minQty + 1);
        TreatmentRecord r;
        r.clientId = client;
        r.appointmentId = appointment;
        r.givenOn = on;
        r.practitionerId = m_practitioner;
        r.treatment = QString::fromLatin1(p.treatment);
        r.areas = QString::fromLatin1(p.areas);
        r.product = QString::fromLatin1(p.name);
        r.batchNumber = lotFor(p, m_rng.below(m_lots));
        r.expiryDate = on.addMonths(6 + m_rng.below(12));
        r.quantity = QLatin1String(p.unit) == QLatin1String("ml") ? qty / 10.0 : double(qty);
        r.quantityUnit = QString::fromLatin1(p.unit);
        r.consentFormRef =
            QStringLiteral("CF-%1").arg(client * 7 + m_rng.below(1000), 6, 10, QLatin1Char('0'));
        r.aftercareGiven = true;
        r.notes = m_rng.chance(30) ? QStringLiteral("Mild redness afterwards, settled before leaving.")
                                   : QStringLiteral("Tolerated well.");
        // Every other client's injectables have a face chart; the quantity is what its points add up to.
        // (No random draw: the rest of the demo stays as it was.)
        if (client % 2 == 0 && productIndex <= 1) {
            const auto place = [&](const auto& points) {
                // Whole units of toxin; filler in twentieths of a ml (0.05 ml, as syringes are marked).
                const double steps = r.quantityUnit == QLatin1String("ml") ? 20 : 1;
                const double each =
                    std::max(1.0, std::round(r.quantity / double(points.size()) * steps)) / steps;
                for (const DemoPoint& d : points)
                    r.chart.append({FaceView::Front, d.x, d.y, r.product, r.batchNumber, each, r.quantityUnit,
                                    QString::fromLatin1(d.note)});
                r.quantity = each * double(points.size());
            };
            productIndex == 0 ? place(kForehead) : place(kLips);
        }
        m_busy.insert(client);
        return m_records.insertInTransaction(r, QDateTime(on, QTime(12, 0), Qt::UTC).toString(Qt::ISODate),
                                             m_practitioner);
    }

    void quoteAndPayments(qint64 client, const QDate& today)
    {
        const QDate created = today.addDays(-m_rng.below(200));
        static constexpr std::array kStatus{"draft",    "sent",     "sent",    "accepted",
                                            "accepted", "accepted", "declined"};
        Quote q;
        q.clientId = client;
        q.status = vocab::fromCode<QuoteStatus>(QString::fromLatin1(m_rng.pick(kStatus))).value();
        q.createdOn = created;
        q.validUntil = created.addDays(30);
        if (q.status == QuoteStatus::Sent && q.validUntil < today)
            q.status = QuoteStatus::Expired;
        q.notes = QStringLiteral("Prices as discussed at your consultation.");
        const int items = 1 + m_rng.below(2);
        qint64 total = 0;
        for (int k = 0; k < items; ++k) {
            const Product& p = kProducts[std::size_t(m_rng.below(int(kProducts.size())))];
            const int qty = 1 + (m_rng.chance(20) ? 1 : 0);
            q.items.append({0, QString::fromLatin1(p.treatment), p.pricePence, qty});
            total += p.pricePence * qty;
        }
        m_busy.insert(client);
        const qint64 quote = m_quotes.insertInTransaction(
            q, QDateTime(created, QTime(11, 0), Qt::UTC).toString(Qt::ISODate), m_desk);
        if (q.status == QuoteStatus::Accepted) {
            const QDate paid = std::min(today, created.addDays(7 + m_rng.below(20)));
            const bool deposit = m_rng.chance(40);
            payment(client, deposit ? total / 5 : total, paid,
                    deposit ? "Deposit for the quoted treatment" : "Quoted treatment", quote);
            if (m_rng.chance(5))
                payment(client, total / 10, paid.addDays(3) > today ? today : paid.addDays(3),
                        "Goodwill refund after a review", quote, true);
        }
    }

    void payment(qint64 client, qint64 pence, const QDate& on, const char* what, qint64 quote = 0,
                 bool refund = false)
    {
        Payment p;
        p.clientId = client;
        p.kind = refund ? PaymentKind::Refund : PaymentKind::Payment;
        p.amountPence = pence;
        p.method = vocab::fromCode<PaymentMethod>(QString::fromLatin1(m_rng.pick(kMethods))).value();
        p.description = QString::fromLatin1(what);
        p.quoteId = quote;
        p.paidOn = on;
        m_busy.insert(client);
        m_payments.insertInTransaction(p, QDateTime(on, QTime(16, 0), Qt::UTC).toString(Qt::ISODate), m_desk);
    }

private:
    Rng m_rng;
    qint64 m_practitioner, m_desk;
    int m_lots;
    TreatmentRecords m_records;
    Quotes m_quotes;
    Payments m_payments;
    QSet<qint64> m_busy;
};

// Appointments from four weeks ago to two weeks ahead, on working days, for two practitioners each
// in a room of their own: back-to-back slots never overlap, so the diary has no clashes.
void writeDiary(Database& db, const QList<qint64>& clients, DiaryWriter& w,
                const QList<std::pair<qint64, qint64>>& chairs, const QDate& today)
{
    Diary diary(db);
    if (diary.countInTransaction() > 0 || clients.isEmpty())
        return; // a demo vault filled twice keeps its first diary rather than double-booking it
    Rng& rng = w.rng();
    for (int offset = -28; offset <= 14; ++offset) {
        const QDate day = today.addDays(offset);
        if (day.dayOfWeek() == 7)
            continue;
        for (const auto& [practitioner, room] : chairs) {
            QDateTime at(day, QTime(9, 0));
            const QDateTime close(day, QTime(day.dayOfWeek() == 6 ? 13 : 17, 0));
            while (true) {
                const bool consultation = rng.chance(40);
                const int minutes = consultation ? 30 : std::array{30, 45, 60}[std::size_t(rng.below(3))];
                if (at.addSecs(minutes * 60) > close)
                    break;
                if (rng.chance(65)) {
                    const qint64 client = clients.at(rng.below(int(clients.size())));
                    const int product = rng.below(int(kProducts.size()));
                    AppointmentStatus status = AppointmentStatus::Booked;
                    QString reason;
                    if (offset < 0 || (offset == 0 && at.time() < QTime(11, 0)))
                        status = rng.chance(85) ? AppointmentStatus::Attended : AppointmentStatus::NoShow;
                    if (rng.chance(7)) {
                        status = AppointmentStatus::Cancelled;
                        reason = QStringLiteral("Client rang to cancel: unwell");
                    }
                    const QString created = QDateTime(day.addDays(-7 - rng.below(20)), QTime(10, 0), Qt::UTC)
                                                .toString(Qt::ISODate);
                    Appointment a;
                    a.clientId = client;
                    a.kind = consultation ? AppointmentKind::Consultation : AppointmentKind::Treatment;
                    a.startsAt = at;
                    a.durationMinutes = minutes;
                    a.practitionerId = practitioner;
                    a.roomId = room;
                    a.treatment =
                        consultation
                            ? QStringLiteral("Consultation: %1")
                                  .arg(QString::fromLatin1(kProducts[std::size_t(product)].treatment))
                            : QString::fromLatin1(kProducts[std::size_t(product)].treatment);
                    a.notes = rng.chance(15) ? QStringLiteral("Prefers the window chair.") : QString();
                    a.status = status;
                    a.cancelReason = reason;
                    w.busy().insert(client);
                    const qint64 appointment = diary.insertInTransaction(a, created, practitioner);
                    if (!consultation && status == AppointmentStatus::Attended)
                        w.treatment(client, day, product, appointment);
                    if (status == AppointmentStatus::Attended && offset <= 0)
                        w.payment(
                            client, kProducts[std::size_t(product)].pricePence / (consultation ? 10 : 1), day,
                            consultation ? "Consultation fee" : kProducts[std::size_t(product)].treatment);
                }
                at = at.addSecs(minutes * 60);
            }
        }
    }
}

} // namespace

namespace {

Status generate(Database& db, const DemoOptions& options, const std::function<void(int, int)>& progress);

// The stock room: a batch of each product in date, one of them close to its expiry and one running
// low, so the desk's stock alerts and the treatment dialog's batches have something to show.
Status stockRoom(Database& db)
{
    const QDate today = Clock::today();
    Stock stock(db);
    struct Delivery
    {
        const Product& product;
        const char* lot;
        QDate expiry;
        double quantity, countedLeft;
    };
    const Delivery deliveries[] = {{kProducts[0], "BTA26L101", today.addMonths(8), 300, 300},
                                   {kProducts[1], "HAF26K044", today.addMonths(10), 12, 12},
                                   {kProducts[2], "HAD26B017", today.addDays(20), 6, 6},
                                   {kProducts[3], "SKB26C009", today.addMonths(6), 10, 1.5}};
    for (const Delivery& d : deliveries) {
        auto id = stock.receive(QString::fromLatin1(d.product.name), QString::fromLatin1(d.lot), d.expiry,
                                d.quantity, QString::fromLatin1(d.product.unit));
        if (!id)
            return id.error();
        if (d.countedLeft < d.quantity)
            if (auto st =
                    stock.correct(id.value(), d.countedLeft, QStringLiteral("Counted at the month's end"));
                !st)
                return st;
    }
    return {};
}

} // namespace

Status generateDemoData(Database& db, const DemoOptions& options,
                        const std::function<void(int, int)>& progress)
{
    // Fictional people are added by a manager, and only beside other fictional people: mixed into a
    // real clinic's clients they would be contacted, exported and kept as if they were real.
    if (!access::permitted(db, Action::Settings))
        return makeError(Error::Kind::Permission,
                         QObject::tr("Demo clients are added by a manager (a %1 may not).")
                             .arg(vocab::label(db.actor().role).toLower()));
    // (A database outside a vault, the tests' and the benchmark's, mixes them on purpose.)
    auto foreign = guarded([&]() -> Result<bool> {
        return db.actor().role != Role::System &&
               ClientStore(db).highestIdInTransaction() > ClinicSettings(db).demoClientsUpTo();
    });
    if (!foreign)
        return foreign.error();
    if (foreign.value())
        return makeError(Error::Kind::Conflict,
                         QObject::tr("This vault holds clients the demo did not make: fictional clients are "
                                     "added only to a new vault or one made by the demo. Make a new vault "
                                     "to try Clinicdesk (clinicdesk-cli demo --vault NEW-FOLDER)."));
    if (auto st = generate(db, options, progress); !st)
        return st;
    if (auto st = stockRoom(db); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(db);
        ClinicSettings::setDemoClientsUpToInTransaction(db, ClientStore(db).highestIdInTransaction());
        // A fictional clinic answers its fictional clients' requests from a fictional address.
        ClinicSettings::setDemoControllerInTransaction(db);
        tx.commit();
        return {};
    });
}

namespace {

Status generate(Database& db, const DemoOptions& options, const std::function<void(int, int)>& progress)
{
    Rng rng(options.seed);
    return guarded([&]() -> Status {
        // Demo colleagues who wrote the notes (accounts with key slots come from the accounts feature),
        // another practitioner for the diary, and the clinic's rooms.
        QList<qint64> authors, rooms;
        qint64 sam = 0;
        {
            Transaction tx(db);
            for (const auto& [user, name, role] :
                 std::array<std::array<const char*, 3>, 3>{{{"tom", "Tom Reed", "receptionist"},
                                                            {"priya", "Dr Priya Shah", "practitioner"},
                                                            {"manager", "Manager", "manager"}}})
                authors.append(
                    staff::ensureInTransaction(db, s(user), s(name), vocab::fromCode<Role>(s(role)).value()));
            sam = staff::ensureInTransaction(db, QStringLiteral("sam"), QStringLiteral("Sam Okoye"),
                                             Role::Practitioner);
            for (const char* room : {"Treatment room 1", "Treatment room 2"})
                rooms.append(Diary(db).ensureRoomInTransaction(s(room)));
            tx.commit();
        }
        QList<qint64> made;
        made.reserve(options.clients);
        ClientStore clients(db);
        InteractionStore interactions(db);
        ConsentStore consent(db);
        ImageStore photos(db);
        QHash<qint64, ClientStatus> statusOf;
        QSet<qint64> busy; // clients given a record, a payment, a quote, an appointment or photos
        const QDate today = Clock::today();
        demo::PreparedImageCache images;
        const int batch = 2000;
        // One client in ten has a gallery, or fewer, spread evenly, once there would be more than
        // maxGalleries of them (the same one in ten below that, so smaller vaults keep their people).
        const int galleryEvery = std::max(
            10, options.maxGalleries > 0 ? (options.clients + options.maxGalleries - 1) / options.maxGalleries
                                         : 10);
        const auto hasGallery = [galleryEvery](int i) { return i % galleryEvery == 3; };
        // 30 lots of each product, more in a big clinic so a lot stays about 380 records (there is
        // about one record for every two clients); a recall then reads what a real one would.
        const int lots = std::max(30, options.clients / 3000);
        for (int start = 0; start < options.clients; start += batch) {
            Transaction tx(db);
            DiaryWriter diary(db, options.seed + quint64(start), authors.at(1), authors.at(0), lots);
            for (int i = start; i < std::min(options.clients, start + batch); ++i) {
                Client c;
                c.subjectRef = QStringLiteral("S-%1")
                                   .arg(rng.next() & 0xffffffffffffull, 12, 16, QLatin1Char('0'))
                                   .toUpper();
                c.title = s(rng.pick(kTitles));
                c.firstName = s(rng.pick(kFirst));
                c.title = titleFor(c.title, c.firstName);
                c.lastName = s(rng.pick(kLast));
                if (rng.chance(8))
                    c.preferredName = c.firstName.left(3);
                if (rng.chance(60))
                    c.dateOfBirth = today.addDays(-(365 * 20 + rng.below(365 * 45)));
                c.status = rng.chance(55)   ? ClientStatus::Active
                           : rng.chance(70) ? ClientStatus::Enquiry
                                            : ClientStatus::Former;
                c.source = s(rng.pick(kSources));
                const QString mobile = mobileFor(i, rng);
                c.phones.append({QStringLiteral("mobile"), mobile, phone::toE164(mobile)});
                if (rng.chance(15))
                    c.phones.append(
                        {QStringLiteral("work"),
                         QStringLiteral("020 7946 0%1").arg(rng.below(1000), 3, 10, QLatin1Char('0')),
                         QString()});
                for (PhoneNumber& p : c.phones)
                    if (p.e164.isEmpty())
                        p.e164 = phone::toE164(p.number);
                c.emails.append(
                    {QStringLiteral("personal"), QStringLiteral("%1.%2%3@%4")
                                                     .arg(asciiLocal(c.firstName), asciiLocal(c.lastName))
                                                     .arg(i)
                                                     .arg(s(rng.pick(kDomains)))});
                const int area = rng.below(int(kOutward.size()));
                c.addresses.append(
                    {QStringLiteral("home"),
                     QStringLiteral("%1 %2").arg(1 + rng.below(180)).arg(s(rng.pick(kStreets))), QString(),
                     s(kTowns[std::size_t(area)]), QString(),
                     QStringLiteral("%1 %2%3%4")
                         .arg(s(kOutward[std::size_t(area)]))
                         .arg(rng.below(10))
                         .arg(QChar(u'A' + rng.below(26)))
                         .arg(QChar(u'A' + rng.below(26))),
                     QStringLiteral("United Kingdom")});
                if (rng.chance(30))
                    c.handles.append(
                        {s(rng.pick(kHandleServices)),
                         QLatin1Char('@') + asciiLocal(c.firstName) + QString::number(rng.below(10000))});
                if (rng.chance(20))
                    c.tags << QStringLiteral("VIP");
                c.createdAt =
                    QDateTime(today.addDays(-rng.below(900)), QTime(9 + rng.below(8), rng.below(60)), Qt::UTC)
                        .toString(Qt::ISODate);
                clients.insertInTransaction(c);
                statusOf.insert(c.id, c.status);

                const int n = rng.below(options.interactionsPerClient * 2 + 1);
                for (int k = 0; k < n; ++k) {
                    Interaction it;
                    it.clientId = c.id;
                    it.kind = vocab::fromCode<InteractionKind>(s(rng.pick(kKinds))).value();
                    if (it.kind == InteractionKind::Call || it.kind == InteractionKind::Email)
                        it.direction = rng.chance(60) ? Direction::In : Direction::Out;
                    if (it.kind == InteractionKind::Call)
                        it.durationSeconds = 30 + rng.below(900);
                    it.occurredAt = QDateTime(today.addDays(-rng.below(700)),
                                              QTime(9 + rng.below(9), rng.below(60)), Qt::UTC)
                                        .toString(Qt::ISODate);
                    it.authorId = authors.at(rng.below(int(authors.size())));
                    it.body = s(rng.pick(kNotes));
                    if (rng.chance(6))
                        it.followUpOn = today.addDays(rng.below(15) - 7);
                    if (it.kind == InteractionKind::Complaint && rng.chance(60)) {
                        it.complaintStatus = ComplaintStatus::Resolved;
                        it.complaintResolution =
                            QStringLiteral("Review appointment given; client satisfied.");
                    }
                    interactions.addInTransaction(it);
                }
                // Every tenth client has a gallery; its own seed keeps the people the same as before.
                QDate beforePhoto;
                if (hasGallery(i)) {
                    beforePhoto = demo::addImagesInTransaction(
                        db, c.id, options.seed * 1000003ull + quint64(i), authors.at(1), images);
                    diary.busy().insert(c.id);
                }
                made.append(c.id);
                // Treatment history: a quarter of the clients, more for those with a gallery, whose
                // before/after photos belong to a lip filler record on the "before" day.
                if (hasGallery(i)) {
                    if (beforePhoto.isValid()) {
                        const qint64 record = diary.treatment(c.id, beforePhoto, 1);
                        photos.setTreatmentRefInTransaction(
                            c.id,
                            {QStringLiteral("before"), QStringLiteral("progress"), QStringLiteral("after")},
                            record);
                    }
                } else if (diary.rng().chance(25)) {
                    const int treatments = 1 + diary.rng().below(3);
                    for (int k = 0; k < treatments; ++k)
                        diary.treatment(
                            c.id,
                            today.addDays(-1 -
                                          diary.rng().below(k == 0 && diary.rng().chance(3) ? 3650 : 1000)),
                            diary.rng().below(int(kProducts.size())));
                }
                if (diary.rng().chance(6))
                    diary.quoteAndPayments(c.id, today);
                if (rng.chance(50))
                    consent.recordInTransaction(
                        c.id, rng.chance(70) ? ContactChannel::Email : ContactChannel::Sms, true, c.createdAt,
                        QStringLiteral("website form tick box"), authors.at(0));
            }
            if (start + batch >= options.clients)
                writeDiary(db, made, diary, {{authors.at(1), rooms.at(0)}, {sam, rooms.at(1)}}, today);
            busy.unite(diary.busy());
            tx.commit();
            if (progress)
                progress(std::min(options.clients, start + batch), options.clients);
        }
        // A few enquiries went quiet more than two years ago, so the retention review has something to
        // show: dates moved back after the fact (no random draws), so everyone stays who they were.
        {
            const QDate now = Clock::today();
            const QString created =
                QDateTime(now.addDays(-1100), QTime(11, 0), Qt::UTC).toString(Qt::ISODate);
            const QString quiet = QDateTime(now.addDays(-800), QTime(12, 0), Qt::UTC).toString(Qt::ISODate);
            // Only this run's people: a demo added to a vault never backdates the clinic's own clients.
            QList<qint64> lapsed;
            for (qint64 id : made)
                if (id % 5 == 3 && !busy.contains(id) && statusOf.value(id) == ClientStatus::Enquiry)
                    lapsed.append(id);
            Transaction tx(db);
            clients.backdateInTransaction(lapsed, created);
            consent.backdateInTransaction(lapsed, created);
            interactions.backdateInTransaction(lapsed, quiet);
            compactNotesIndex(db);
            tx.commit();
        }
        db.checkpointTruncate();
        return {};
    });
}

} // namespace

} // namespace cd
