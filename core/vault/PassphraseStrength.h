#pragma once

#include <QString>

namespace cd {

struct PassphraseStrength
{
    enum class Level { TooShort, Weak, Fair, Strong };
    Level level = Level::TooShort;
    int bits = 0; // rough entropy estimate
    QString hint; // one sentence for the person choosing it
    bool acceptable() const { return level != Level::TooShort; }
};

// A rough, honest estimate: length and character variety, with repeated and sequential runs
// discounted. Four random words beat one clever word.
PassphraseStrength assessPassphrase(const QString& passphrase);

} // namespace cd
