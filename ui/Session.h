#pragma once

#include "accounts/Staff.h"
#include "vault/Vault.h"

#include <memory>

namespace cd::ui {

// What the signed-in desk holds: the open vault and who is at it.
struct Session
{
    std::unique_ptr<Vault> vault;
    StaffMember me;
    Database& db() { return vault->db(); }
};

// Builds a Session from an opened vault (looks up the staff member behind the account).
std::unique_ptr<Session> makeSession(std::unique_ptr<Vault> vault);

} // namespace cd::ui
