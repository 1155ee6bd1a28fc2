// What a receptionist types into the search box: phone parsing and the FTS4 query built from it.
// Beyond not crashing: no text at all makes a search fail (a malformed MATCH would show an error
// in the search box), and a number accepted as E.164 formats and indexes without loss.
#include "clients/ClientStore.h"
#include "clients/Phone.h"
#include "common/Text.h"
#include "search/ClientSearch.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QDir>
#include <QTemporaryDir>
#include <cstdio>
#include <cstdlib>

namespace {

cd::Database* g_db = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    // A plaintext database is enough here: what is fuzzed is the query text, not the cipher.
    static QTemporaryDir tmp;
    auto db = cd::Database::open(QDir(tmp.path()).filePath(QStringLiteral("search.db")),
                                 cd::Database::Mode::Create, nullptr);
    if (!db || !cd::schema::migrate(*db.value())) {
        std::fprintf(stderr, "fuzz_search: cannot create the database\n");
        std::abort();
    }
    g_db = db.value().release();
    cd::ClientStore store(*g_db);
    const char* people[][3] = {{"Amara", "Okafor", "07700 900123"},
                               {"Zoë", "O'Brien-Smith", "+33 6 12 34 56 78"},
                               {"Siobhán", "Ó Súilleabháin", "020 7946 0018"}};
    for (const auto& p : people) {
        cd::Client c;
        c.firstName = QString::fromUtf8(p[0]);
        c.lastName = QString::fromUtf8(p[1]);
        c.phones.append({QStringLiteral("mobile"), QString::fromUtf8(p[2]), QString()});
        if (!store.create(c))
            std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString typed = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString e164 = cd::phone::toE164(typed);
    if (!e164.isEmpty()) {
        if (!e164.startsWith(QLatin1Char('+')) || cd::phone::toE164(e164) != e164 ||
            cd::phone::formatNational(e164).isEmpty() || cd::phone::searchForms(e164).isEmpty()) {
            std::fprintf(stderr, "phone %s: E.164 %s, again %s, national %s\n", qPrintable(typed),
                         qPrintable(e164), qPrintable(cd::phone::toE164(e164)),
                         qPrintable(cd::phone::formatNational(e164)));
            std::abort();
        }
    }
    (void)cd::phone::looksLikePhone(typed);
    (void)cd::text::nameTokens(typed);
    auto hits = cd::ClientSearch(*g_db).search(typed);
    if (!hits) {
        std::fprintf(stderr, "search failed for %s: %s\n", qPrintable(typed), qPrintable(hits.message()));
        std::abort();
    }
    return 0;
}
