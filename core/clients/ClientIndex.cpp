#include "clients/ClientIndex.h"

#include "clients/Client.h"
#include "clients/Phone.h"
#include "common/Text.h"
#include "storage/Sql.h"

#include <QSet>
#include <algorithm>
#include <tuple>

namespace cd::clientindex {

namespace {

// Above every character a folded word can hold: a prefix's range ends before prefix + this.
const QString kPastEveryWord = QString::fromUcs4(U"\U0010FFFF");

QStringList unique(QStringList words)
{
    words.removeAll(QString());
    words.removeDuplicates();
    return words;
}

// Steps a statement of (client_id, matches) over a range of the index: the clients whose row matches,
// each once, until `cap` of them or `scanLimit` rows read (-1: no limit).
QList<qint64> distinctClients(Statement& st, int cap, int scanLimit)
{
    QList<qint64> out;
    QSet<qint64> seen;
    for (int scanned = 0; out.size() < cap && scanned != scanLimit && st.step(); ++scanned)
        if (const qint64 id = st.int64(0); st.int64(1) != 0 && !seen.contains(id)) {
            seen.insert(id);
            out.append(id);
        }
    return out;
}
} // namespace

Words wordsOf(const Client& c)
{
    Words w;
    w.names =
        text::nameTokens(c.firstName + QLatin1Char(' ') + c.lastName + QLatin1Char(' ') + c.preferredName);
    // Each part as its words and, when punctuation splits it, joined ("o brien", "obrien").
    const auto forms = [](const QString& part) {
        const QStringList words = text::words(part);
        QStringList out{words.join(QLatin1Char(' ')), words.join(QString())};
        out.removeDuplicates();
        out.removeAll(QString());
        return out;
    };
    const QStringList lasts = forms(c.lastName);
    for (const QString& givenName : {c.firstName, c.preferredName})
        for (const QString& given : forms(givenName)) {
            for (const QString& last : lasts)
                w.fullNames << given + QLatin1Char(' ') + last << last + QLatin1Char(' ') + given;
            if (lasts.isEmpty())
                w.fullNames << given; // a client known by one name ("Mary Ann")
        }
    if (text::words(c.firstName + QLatin1Char(' ') + c.preferredName).isEmpty())
        w.fullNames << lasts;
    for (const PhoneNumber& p : c.phones)
        w.contacts << phone::searchForms(p.e164);
    for (const EmailAddress& e : c.emails) {
        w.contacts << text::words(e.address);
        // The whole address too: "priya.patel1@ex" typed is one prefix of it, where its words
        // ("priya", "patel1*") each match thousands of clients at a million.
        w.contacts << text::fold(e.address.trimmed());
    }
    for (const PostalAddress& a : c.addresses) {
        w.contacts << text::words(a.postcode);
        w.contacts << text::fold(a.postcode).remove(QLatin1Char(' '));
    }
    for (const MessagingHandle& h : c.handles)
        w.contacts << text::words(h.handle);
    w.names = unique(w.names);
    w.contacts = unique(w.contacts);
    w.fullNames = unique(w.fullNames);
    return w;
}

void put(Database& db, qint64 clientId, const Words& words)
{
    remove(db, clientId);
    auto st = db.prepare("INSERT OR IGNORE INTO client_words (field, word, client_id) VALUES (?,?,?)");
    for (const auto& [field, list] : {std::pair{Field::Name, &words.names},
                                      {Field::Contact, &words.contacts},
                                      {Field::FullName, &words.fullNames}})
        for (const QString& w : *list)
            if (!w.isEmpty())
                st.bind(1, int(field)).bind(2, w).bind(3, clientId).run();
}

void remove(Database& db, qint64 clientId)
{
    db.prepare("DELETE FROM client_words WHERE client_id = ?").bind(1, clientId).run();
}

bool fillPending(Database& db)
{
    auto st =
        db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'client_words_pending'");
    return st.step();
}

QList<qint64> matching(Database& db, Field field, const QStringList& wordsIn, bool prefix, int cap,
                       int scanLimit)
{
    QStringList words = unique(wordsIn);
    if (words.isEmpty() || cap <= 0)
        return {};
    // The longest word has the shortest range, as a rule: it drives, the others are checked.
    std::stable_sort(words.begin(), words.end(),
                     [](const QString& a, const QString& b) { return a.size() > b.size(); });
    const auto condition = [&](const char* table, int i) {
        const std::string n = std::to_string(2 + 2 * i), m = std::to_string(3 + 2 * i);
        return prefix ? std::string(table) + ".word >= ?" + n + " AND " + table + ".word < ?" + m
                      : std::string(table) + ".word = ?" + n;
    };
    // The other words are checked in the select list, not the WHERE clause, so that every row of the
    // range read is a row stepped here and `scanLimit` bounds the reading.
    std::string sql = "SELECT w.client_id, 1";
    for (int i = 1; i < words.size(); ++i)
        sql += " AND EXISTS (SELECT 1 FROM client_words x WHERE x.client_id = w.client_id AND x.field = ?1 "
               "AND " +
               condition("x", i) + ")";
    sql += " FROM client_words w WHERE w.field = ?1 AND " + condition("w", 0);
    auto st = db.prepare(sql);
    st.bind(1, int(field));
    for (int i = 0; i < words.size(); ++i) {
        st.bind(2 + 2 * i, words.at(i));
        if (prefix)
            st.bind(3 + 2 * i, words.at(i) + kPastEveryWord);
    }
    return distinctClients(st, cap, scanLimit);
}

QList<qint64> fullNamesMatching(Database& db, const QStringList& words, int cap)
{
    if (words.isEmpty() || cap <= 0)
        return {};
    // Folded words hold letters and digits only, never a GLOB character.
    qsizetype longest = 0;
    for (qsizetype i = 1; i < words.size(); ++i)
        if (words.at(i).size() > words.at(longest).size())
            longest = i;
    QString pattern = words.at(longest) + QLatin1Char('*');
    for (qsizetype i = 0; i < words.size(); ++i)
        if (i != longest)
            pattern += QLatin1Char(' ') + words.at(i) + QLatin1Char('*');
    constexpr int kScanLimit = 20000;
    auto st = db.prepare("SELECT client_id, word GLOB ?4 FROM client_words WHERE field = ?1 AND word >= ?2 "
                         "AND word < ?3");
    st.bind(1, int(Field::FullName))
        .bind(2, words.at(longest))
        .bind(3, words.at(longest) + kPastEveryWord)
        .bind(4, pattern);
    return distinctClients(st, cap, kScanLimit);
}

bool BulkLoad::Row::operator<(const Row& o) const
{
    return std::tie(field, word, clientId) < std::tie(o.field, o.word, o.clientId);
}

bool BulkLoad::Row::operator==(const Row& o) const
{
    return field == o.field && clientId == o.clientId && word == o.word;
}

void BulkLoad::add(qint64 clientId, const Words& words)
{
    for (const QString& w : words.names)
        m_rows.push_back({int(Field::Name), w.toUtf8(), clientId});
    for (const QString& w : words.contacts)
        m_rows.push_back({int(Field::Contact), w.toUtf8(), clientId});
    for (const QString& w : words.fullNames)
        m_rows.push_back({int(Field::FullName), w.toUtf8(), clientId});
}

qint64 BulkLoad::write(Database& db, const std::function<void(qint64 done, qint64 total)>& progress)
{
    std::sort(m_rows.begin(), m_rows.end());
    m_rows.erase(std::unique(m_rows.begin(), m_rows.end()), m_rows.end());
    db.exec("DROP INDEX IF EXISTS client_words_client");
    db.exec("DELETE FROM client_words");
    auto st = db.prepare("INSERT OR IGNORE INTO client_words (field, word, client_id) VALUES (?,?,?)");
    const qint64 total = qint64(m_rows.size());
    for (qint64 i = 0; i < total; ++i) {
        if (progress && i % 100000 == 0)
            progress(i, total);
        const Row& r = m_rows[std::size_t(i)];
        st.bind(1, r.field).bind(2, QString::fromUtf8(r.word)).bind(3, r.clientId).run();
    }
    db.exec("CREATE INDEX client_words_client ON client_words (client_id)");
    db.exec("DROP TABLE IF EXISTS client_words_pending");
    const qint64 written = qint64(m_rows.size());
    m_rows = {};
    return written;
}

} // namespace cd::clientindex
