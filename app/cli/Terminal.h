#pragma once

#include "common/Secret.h"

#include <QString>

namespace cd::cli {

// The passphrase comes from CLINICDESK_PASSPHRASE or is asked on the terminal without echo;
// never from an argument (arguments are visible to every user of the machine).
// Empty when neither is available.
SecretBytes passphrase(const QString& prompt, bool confirm = false);
// The new passphrase for a command that sets one: CLINICDESK_NEW_PASSPHRASE, or typed twice on the
// terminal without echo. Empty when neither is available or the two typings differ.
SecretBytes newPassphrase(const QString& prompt);
// CLINICDESK_NEW_PASSPHRASE only (empty when unset). Either variable is read once, then wiped from
// the environment and unset; the program keeps it in guarded memory.
SecretBytes newPassphraseFromEnvironment();
bool passphraseInEnvironment();
// A secret typed on the terminal without echo (e.g. the recovery key); empty without a terminal.
SecretBytes askHidden(const QString& prompt);
// A yes/confirmation line typed on the terminal (for destructive commands).
QString askLine(const QString& prompt);

} // namespace cd::cli
