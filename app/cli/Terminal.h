#pragma once

#include "common/Secret.h"

#include <QString>

namespace cd::cli {

// The passphrase comes from CLINICDESK_PASSPHRASE or is asked on the terminal without echo;
// never from an argument (arguments are visible to every user of the machine).
// Empty when neither is available.
SecretBytes passphrase(const QString& prompt, bool confirm = false);
// A secret typed on the terminal without echo (e.g. the recovery key); empty without a terminal.
SecretBytes askHidden(const QString& prompt);
// A yes/confirmation line typed on the terminal (for destructive commands).
QString askLine(const QString& prompt);

} // namespace cd::cli
