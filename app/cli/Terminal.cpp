#include "cli/Terminal.h"

#include <QByteArray>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sodium.h>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace cd::cli {

namespace {

SecretBytes readHidden(const QString& prompt)
{
    FILE* tty = std::fopen("/dev/tty", "r+");
    if (!tty)
        return {};
    std::fputs(prompt.toLocal8Bit().constData(), tty);
    std::fflush(tty);
    termios old{};
    const bool isTerm = tcgetattr(fileno(tty), &old) == 0;
    if (isTerm) {
        termios quiet = old;
        quiet.c_lflag &= tcflag_t(~ECHO);
        tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
    }
    SecretBytes buf(1024);
    std::size_t n = 0;
    for (int ch; (ch = std::fgetc(tty)) != EOF && ch != '\n' && n < buf.size();)
        buf.data()[n++] = static_cast<unsigned char>(ch);
    if (isTerm)
        tcsetattr(fileno(tty), TCSAFLUSH, &old);
    std::fputs("\n", tty);
    std::fclose(tty);
    SecretBytes out(n);
    std::copy(buf.data(), buf.data() + n, out.data());
    return out;
}

// A passphrase given in the environment is taken once into guarded memory; its characters are wiped
// in the environment block itself and the variable unset, so neither another process of the same
// user (/proc/PID/environ) nor a child of this one finds it there afterwards. Later asks get a copy.
const SecretBytes* fromEnvironment(const char* name)
{
    static std::map<std::string, SecretBytes> taken;
    if (const auto it = taken.find(name); it != taken.end())
        return &it->second;
    char* env = std::getenv(name);
    if (!env)
        return nullptr;
    sodiumReady();
    QByteArray copy(env);
    sodium_memzero(env, std::strlen(env));
    ::unsetenv(name);
    return &taken.emplace(name, SecretBytes::takeFrom(copy)).first->second;
}

} // namespace

SecretBytes newPassphraseFromEnvironment()
{
    const SecretBytes* env = fromEnvironment("CLINICDESK_NEW_PASSPHRASE");
    return env ? env->copy() : SecretBytes();
}

bool passphraseInEnvironment()
{
    return fromEnvironment("CLINICDESK_PASSPHRASE") != nullptr;
}

SecretBytes passphrase(const QString& prompt, bool confirm)
{
    if (const SecretBytes* env = fromEnvironment("CLINICDESK_PASSPHRASE"))
        return env->copy();
    SecretBytes first = readHidden(prompt);
    if (confirm && !first.empty()) {
        SecretBytes again = readHidden(QStringLiteral("Repeat the passphrase: "));
        if (!again.equals(first))
            return {};
    }
    return first;
}

SecretBytes newPassphrase(const QString& prompt)
{
    if (const SecretBytes* env = fromEnvironment("CLINICDESK_NEW_PASSPHRASE"))
        return env->copy();
    SecretBytes first = readHidden(prompt);
    if (first.empty())
        return {};
    SecretBytes again = readHidden(QStringLiteral("Repeat the new passphrase: "));
    return again.equals(first) ? std::move(first) : SecretBytes();
}

SecretBytes askHidden(const QString& prompt)
{
    return readHidden(prompt);
}

QString askLine(const QString& prompt)
{
    FILE* tty = std::fopen("/dev/tty", "r+");
    if (!tty)
        return {};
    std::fputs(prompt.toLocal8Bit().constData(), tty);
    std::fflush(tty);
    QByteArray line;
    for (int ch; (ch = std::fgetc(tty)) != EOF && ch != '\n';)
        line += char(ch);
    std::fclose(tty);
    return QString::fromLocal8Bit(line).trimmed();
}

} // namespace cd::cli
