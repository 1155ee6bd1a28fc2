#include "clients/ClientGuard.h"

#include "clients/ClientStore.h"
#include "storage/Sql.h"

#include <QObject>

namespace cd::client {

Status mayWrite(Database& db, qint64 clientId, Action action, ClientWrite kind)
{
    if (auto st = access::require(db, action); !st)
        return st;
    auto state = ClientStore(db).state(clientId);
    if (!state)
        return state.error();
    if (state->erased)
        return makeError(
            Error::Kind::Conflict,
            QObject::tr(
                "This client's record has been erased: only what the law requires is kept, and nothing "
                "can be added to it or changed. Create a new client if the person comes back."));
    if (state->restricted && kind != ClientWrite::Less)
        return makeError(
            Error::Kind::Permission,
            QObject::tr(
                "This client's record is restricted (a privacy request): it is only stored, and nothing "
                "can be added or changed until a manager lifts the restriction."));
    db.noteClient(clientId); // the change feed says whose record the write is about
    return {};
}

QString subjectRefOf(Database& db, qint64 clientId)
{
    auto ref = ClientStore(db).subjectRef(clientId);
    return ref ? ref.value() : QString();
}

} // namespace cd::client
