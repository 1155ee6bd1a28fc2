#pragma once

#include "common/Result.h"
#include "common/Secret.h"

#include <QString>
#include <QStringList>

namespace cd {

struct PassphraseStrength
{
    // Below Fair is refused wherever a passphrase is set (setup, a new account, a change, the CLI).
    enum class Level { TooShort, Weak, Fair, Strong };
    Level level = Level::TooShort;
    int bits = 0; // zxcvbn's estimate: log2 of the guesses an attacker would need
    QString hint; // one sentence for the person choosing it
    bool acceptable() const { return level >= Level::Fair; }
};

// Fewer than 8 characters is too short; then zxcvbn (dictionaries of common passwords, names and
// words, keyboard patterns, dates, repeats and l33t substitutions) estimates the guesses: under
// kMinimumBits is weak and refused, under kStrongBits fair, above strong. `personal` are words an
// attacker would try first for this account (the account name, the person's and the clinic's name).
inline constexpr int kMinimumBits = 40;
inline constexpr int kStrongBits = 60;
PassphraseStrength assessPassphrase(const QString& passphrase, const QStringList& personal = {});
// For core, wherever a passphrase is set: an Invalid error with the hint when it is not acceptable.
Status requireAcceptable(const SecretBytes& passphrase, const QStringList& personal = {});

} // namespace cd
