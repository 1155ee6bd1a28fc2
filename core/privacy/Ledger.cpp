#include "privacy/Ledger.h"

#include "clients/ClientStore.h"
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
        auto found = ClientStore(vault.db()).liveClientOf(e.subjectRef);
        if (!found)
            return found.error();
        if (found.value() == 0)
            continue;
        auto c = ClientStore(vault.db()).get(found.value());
        if (!c)
            return c.error();
        auto erased = Erasure(vault.db()).erase(c->id, c->firstName + QLatin1Char(' ') + c->lastName, 0, 0);
        if (!erased)
            return erased.error();
        ++applied;
    }
    return applied;
}

Status syncErasureLedger(Vault& vault)
{
    auto subjects = Erasure::erasedSubjects(vault.db());
    if (!subjects)
        return subjects.error();
    QList<Vault::LedgerEntry> erased;
    for (const auto& [ref, when] : subjects.value())
        erased.append({ref, when});
    return vault.recordErasures(erased);
}

} // namespace cd
