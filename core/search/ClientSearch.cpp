#include "search/ClientSearch.h"

#include "clients/ClientStore.h"
#include "clients/Phone.h"
#include "common/Text.h"
#include "storage/Sql.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace cd {

namespace {

constexpr int kCandidateLimit = 400;

// FTS4 query from folded words: every word must match, each as a prefix unless `exact`.
QString ftsQuery(const QStringList& words, const char* column, bool exact)
{
    QStringList parts;
    for (const QString& w : words)
        parts << QLatin1String(column) + QLatin1Char(':') + w + (exact ? QString() : QStringLiteral("*"));
    return parts.join(QLatin1Char(' '));
}

int nameScore(const ClientSummary& c, const QStringList& query)
{
    const QStringList tokens = text::nameTokens(c.firstName + QLatin1Char(' ') + c.lastName + QLatin1Char(' ') +
                                                c.preferredName);
    const QStringList full = text::words(c.firstName + QLatin1Char(' ') + c.lastName);
    const QStringList preferred = text::words(c.preferredName + QLatin1Char(' ') + c.lastName);
    if (query == full || (!c.preferredName.isEmpty() && query == preferred))
        return 100;
    bool allExact = true, allPrefix = true;
    for (const QString& q : query) {
        const bool exact = tokens.contains(q);
        const bool prefix = exact || std::any_of(tokens.cbegin(), tokens.cend(), [&](const QString& t) { return t.startsWith(q); });
        allExact = allExact && exact;
        allPrefix = allPrefix && prefix;
    }
    return allExact ? 80 : allPrefix ? 50 : 0;
}

} // namespace

Result<QList<SearchHit>> ClientSearch::search(const QString& textIn, int limit)
{
    const QString input = textIn.trimmed();
    if (input.isEmpty())
        return QList<SearchHit>{};
    return guarded([&]() -> Result<QList<SearchHit>> {
        QHash<qint64, QString> via; // candidate → how it matched, first reason wins
        QSet<qint64> exactPhone;
        auto collect = [&](const std::string& sql, const QString& match, const QString& reason, int cap) {
            auto st = m_db.prepare(sql);
            st.bind(1, match).bind(2, cap);
            while (st.step())
                if (!via.contains(st.int64(0)))
                    via.insert(st.int64(0), reason);
        };
        const bool phoneQuery = phone::looksLikePhone(input);
        QStringList words = text::words(input);
        if (phoneQuery) {
            words = {phone::digitsOnly(input)};
            const QString e164 = phone::toE164(input);
            if (!e164.isEmpty()) {
                auto st = m_db.prepare("SELECT client_id FROM client_phones WHERE e164 = ? LIMIT ?");
                st.bind(1, e164).bind(2, kCandidateLimit);
                while (st.step()) {
                    via.insert(st.int64(0), QStringLiteral("phone"));
                    exactPhone.insert(st.int64(0));
                }
            }
            collect("SELECT docid FROM client_search WHERE client_search MATCH ? LIMIT ?",
                    ftsQuery(words, "contacts", false), QStringLiteral("phone"), kCandidateLimit);
        } else if (!words.isEmpty()) {
            const std::string byDoc = "SELECT docid FROM client_search WHERE client_search MATCH ? LIMIT ?";
            collect(byDoc, ftsQuery(words, "names", true), QStringLiteral("name"), kCandidateLimit);
            collect(byDoc, ftsQuery(words, "names", false), QStringLiteral("name"), kCandidateLimit);
            collect(byDoc, ftsQuery(words, "contacts", false), QStringLiteral("email or postcode"), kCandidateLimit);
            // Notes match whole words only: prefixes over a million notes would not keep up with typing.
            if (input.size() >= 3)
                collect("SELECT DISTINCT i.client_id FROM interaction_search s JOIN interactions i ON i.id = s.docid "
                        "WHERE interaction_search MATCH ? LIMIT ?",
                        ftsQuery(words, "body", true), QStringLiteral("note"), 100);
        }
        auto summaries = ClientStore(m_db).summaries(via.keys());
        if (!summaries)
            return summaries.error();
        QList<SearchHit> hits;
        for (const ClientSummary& c : summaries.value()) {
            SearchHit h{c, 0, via.value(c.id)};
            if (phoneQuery)
                h.score = exactPhone.contains(c.id) ? 100 : 60;
            else if (const int s = nameScore(c, words); s > 0)
                h.score = s, h.matchedBy = QStringLiteral("name");
            else
                h.score = h.matchedBy == QLatin1String("note") ? 20 : 40;
            hits.append(h);
        }
        std::sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
            if (a.score != b.score)
                return a.score > b.score;
            const int byLast = QString::localeAwareCompare(a.client.lastName, b.client.lastName);
            if (byLast != 0)
                return byLast < 0;
            const int byFirst = QString::localeAwareCompare(a.client.firstName, b.client.firstName);
            return byFirst != 0 ? byFirst < 0 : a.client.id < b.client.id;
        });
        if (hits.size() > limit)
            hits.resize(limit);
        return hits;
    });
}

} // namespace cd
