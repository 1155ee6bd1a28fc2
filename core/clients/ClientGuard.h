#pragma once

#include "accounts/Access.h"
#include "common/Result.h"

#include <QString>

namespace cd {

class Database;

// What a write does to a client's record, for the one rule below.
enum class ClientWrite {
    Add,    // something new about the client: a note, consent given, a photo, a booking, a treatment
            // record, a quote, a payment, a merge, an imported row onto an existing client
    Change, // a change to what is on file: the client's details, a photo's caption, a booking moved
    Less,   // less processing: consent withdrawn, a booking cancelled, a follow-up ticked off
};

namespace client {

// The one rule for every write about a client, asked by every service before it writes:
// - the client exists and the signed-in role may do `action`;
// - an erased client's kept minimal record takes nothing, not even less processing;
// - a restricted client (UK GDPR Art. 18: the record is only stored until a manager lifts the
//   restriction) takes nothing new and no change; `Less` (opting out, cancelling) stays possible.
// The error says why and what to do; nothing has been written when it is returned.
Status mayWrite(Database& db, qint64 clientId, Action action, ClientWrite kind = ClientWrite::Add);

// The client's pseudonymous reference, for audit entries about them (empty: no such client).
QString subjectRefOf(Database& db, qint64 clientId);

} // namespace client

} // namespace cd
