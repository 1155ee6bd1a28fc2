#include "privacy/Ledger.h"

#include "privacy/Erasure.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

namespace cd {

Result<int> reapplyErasureLedger(Vault& vault)
{
    auto entries = vault.erasureLedger();
    if (!entries)
        return entries.error();
    int applied = 0;
    for (const Vault::LedgerEntry& e : entries.value()) {
        auto found = guarded([&]() -> Result<std::pair<qint64, QString>> {
            auto st = vault.db().prepare("SELECT id, first_name || ' ' || last_name FROM clients WHERE "
                                         "subject_ref = ? AND erased_at IS NULL");
            if (!st.bind(1, e.subjectRef).step())
                return std::pair<qint64, QString>{0, QString()};
            return std::pair<qint64, QString>{st.int64(0), st.text(1)};
        });
        if (!found)
            return found.error();
        if (found->first == 0)
            continue;
        auto erased = Erasure(vault.db()).erase(found->first, found->second, 0, 0);
        if (!erased)
            return erased.error();
        ++applied;
    }
    return applied;
}

Status syncErasureLedger(Vault& vault)
{
    auto erased = guarded([&]() -> Result<QList<Vault::LedgerEntry>> {
        QList<Vault::LedgerEntry> out;
        auto st = vault.db().prepare(
            "SELECT subject_ref, min(erased_at) FROM erasure_tombstones GROUP BY subject_ref ORDER BY 2");
        while (st.step())
            out.append({st.text(0), st.text(1)});
        return out;
    });
    if (!erased)
        return erased.error();
    return vault.recordErasures(erased.value());
}

} // namespace cd
