#include "vault/PassphraseStrength.h"

#include <QObject>
#include <QSet>
#include <cmath>

namespace cd {

PassphraseStrength assessPassphrase(const QString& p)
{
    PassphraseStrength s;
    if (p.size() < 8) {
        s.hint = QObject::tr("Too short: use at least 8 characters; four unrelated words are best.");
        return s;
    }
    bool lower = false, upper = false, digit = false, other = false;
    QSet<QChar> distinct;
    int runs = 0;
    for (qsizetype i = 0; i < p.size(); ++i) {
        const QChar c = p.at(i);
        lower |= c.isLower();
        upper |= c.isUpper();
        digit |= c.isDigit();
        other |= !c.isLetterOrNumber();
        distinct.insert(c);
        if (i > 0 && (c == p.at(i - 1) || c.unicode() == p.at(i - 1).unicode() + 1))
            ++runs;
    }
    const int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
    const double effectiveLength =
        std::max(1.0, double(p.size() - runs) * std::min(1.0, distinct.size() / 6.0));
    s.bits = int(effectiveLength * std::log2(std::max(pool, 2)));
    if (s.bits < 40) {
        s.level = PassphraseStrength::Level::Weak;
        s.hint = QObject::tr("Weak: easy to guess. Add more words.");
    } else if (s.bits < 60) {
        s.level = PassphraseStrength::Level::Fair;
        s.hint = QObject::tr("Fair. A few more words would make it strong.");
    } else {
        s.level = PassphraseStrength::Level::Strong;
        s.hint = QObject::tr("Strong.");
    }
    return s;
}

} // namespace cd
