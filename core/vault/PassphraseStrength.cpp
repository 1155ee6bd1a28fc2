#include "vault/PassphraseStrength.h"

#include <QByteArray>
#include <QObject>
#include <sodium.h>
#include <vector>
#include <zxcvbn.h>

namespace cd {

namespace {

// zxcvbn reads C strings; the copies of the passphrase are wiped before they are freed.
class WipedUtf8
{
public:
    explicit WipedUtf8(const QString& s) : m_bytes(s.toUtf8()) {}
    ~WipedUtf8() { sodium_memzero(m_bytes.data(), size_t(m_bytes.size())); }
    const char* c() const { return m_bytes.constData(); }

private:
    QByteArray m_bytes;
};

} // namespace

PassphraseStrength assessPassphrase(const QString& p, const QStringList& personal)
{
    PassphraseStrength s;
    if (p.size() < 8) {
        s.hint = QObject::tr("Too short: use at least 8 characters; four unrelated words are best.");
        return s;
    }
    const WipedUtf8 passphrase(p);
    std::vector<QByteArray> words;
    std::vector<const char*> dict;
    for (const QString& w : personal)
        if (!w.trimmed().isEmpty())
            words.push_back(w.trimmed().toUtf8());
    for (const QByteArray& w : words)
        dict.push_back(w.constData());
    dict.push_back(nullptr);
    s.bits = int(ZxcvbnMatch(passphrase.c(), dict.data(), nullptr));
    if (s.bits < kMinimumBits) {
        s.level = PassphraseStrength::Level::Weak;
        s.hint = QObject::tr("Weak: a common word, name or pattern is quickly guessed. Add more unrelated "
                             "words.");
    } else if (s.bits < kStrongBits) {
        s.level = PassphraseStrength::Level::Fair;
        s.hint = QObject::tr("Fair. A few more words would make it strong.");
    } else {
        s.level = PassphraseStrength::Level::Strong;
        s.hint = QObject::tr("Strong.");
    }
    return s;
}

Status requireAcceptable(const SecretBytes& passphrase, const QStringList& personal)
{
    QString text =
        QString::fromUtf8(reinterpret_cast<const char*>(passphrase.data()), qsizetype(passphrase.size()));
    const PassphraseStrength s = assessPassphrase(text, personal);
    std::fill(text.begin(), text.end(), QChar()); // the copy judged is not left in memory
    if (s.acceptable())
        return {};
    return makeError(Error::Kind::Invalid, QObject::tr("That passphrase is refused. %1").arg(s.hint));
}

} // namespace cd
