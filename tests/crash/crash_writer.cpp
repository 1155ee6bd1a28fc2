// The child of tst_crash: writes through core in a loop until it is killed, and prints one line to
// stdout after each COMMIT returned, so the parent knows exactly what it may expect to find.
//   crash_writer VAULT_DIR ROUND        (the recovery key comes in CLINICDESK_RECOVERY_KEY)
//   ready
//   committed client <id> <subject_ref>
//   committed interaction <id> <client_id>
//   committed update <client_id> <added email>
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "vault/Vault.h"

#include <QRandomGenerator>
#include <cstdio>
#include <unistd.h>

using namespace cd;

namespace {

// write(2) straight to the pipe: a line is either wholly out before the next step or not at all.
void say(const QByteArray& line)
{
    const QByteArray l = line + '\n';
    if (::write(STDOUT_FILENO, l.constData(), std::size_t(l.size())) != l.size())
        ::_exit(4);
}

QString randomPhone(QRandomGenerator& rng)
{
    return QStringLiteral("07700 900%1").arg(rng.bounded(1000), 3, 10, QLatin1Char('0'));
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: crash_writer VAULT_DIR ROUND\n");
        return 2;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    const QByteArray round = argv[2];
    auto opened = Vault::openWithRecoveryKey(dir, qEnvironmentVariable("CLINICDESK_RECOVERY_KEY"));
    if (!opened) {
        std::fprintf(stderr, "crash_writer: %s\n", qPrintable(opened.message()));
        return 3;
    }
    Database& db = opened.value()->db();
    ClientStore clients(db);
    InteractionStore interactions(db);
    QRandomGenerator rng(quint32(round.toUInt()));
    say("ready");
    qint64 lastClient = 0;
    for (int i = 0;; ++i) {
        const int what = lastClient == 0 ? 0 : int(rng.bounded(10));
        if (what < 5) {
            Client c;
            c.subjectRef = QStringLiteral("S-CRASH-%1-%2").arg(QString::fromLatin1(round)).arg(i);
            c.firstName = QStringLiteral("Round%1").arg(QString::fromLatin1(round));
            c.lastName = QStringLiteral("Writer%1").arg(i);
            c.phones.append({QStringLiteral("mobile"), randomPhone(rng), QString()});
            c.emails.append({QStringLiteral("personal"),
                             QStringLiteral("w%1.%2@example.com").arg(QString::fromLatin1(round)).arg(i)});
            auto id = clients.create(c);
            if (!id) {
                std::fprintf(stderr, "crash_writer: %s\n", qPrintable(id.message()));
                return 5;
            }
            lastClient = id.value();
            say("committed client " + QByteArray::number(id.value()) + ' ' + c.subjectRef.toLatin1());
        } else if (what < 8) {
            Interaction it;
            it.clientId = lastClient;
            it.body = QStringLiteral("Round %1 note %2: asked about skin boosters")
                          .arg(QString::fromLatin1(round))
                          .arg(i);
            auto id = interactions.add(it);
            if (!id) {
                std::fprintf(stderr, "crash_writer: %s\n", qPrintable(id.message()));
                return 5;
            }
            say("committed interaction " + QByteArray::number(id.value()) + ' ' +
                QByteArray::number(lastClient));
        } else {
            // An update deletes and rewrites the phones and emails: a crash half way would leave a
            // client without them.
            auto c = clients.get(lastClient);
            if (!c) {
                std::fprintf(stderr, "crash_writer: %s\n", qPrintable(c.message()));
                return 5;
            }
            c->phones = {{QStringLiteral("mobile"), randomPhone(rng), QString()}};
            const QString added =
                QStringLiteral("w%1.%2@work.example").arg(QString::fromLatin1(round)).arg(i);
            c->emails.append({QStringLiteral("work"), added});
            if (auto st = clients.update(c.value()); !st) {
                std::fprintf(stderr, "crash_writer: %s\n", qPrintable(st.message()));
                return 5;
            }
            say("committed update " + QByteArray::number(lastClient) + ' ' + added.toLatin1());
        }
    }
}
