#include "cli/Terminal.h"

#include <QByteArray>
#include <cstdio>
#include <cstdlib>
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

} // namespace

SecretBytes passphrase(const QString& prompt, bool confirm)
{
    if (const char* env = std::getenv("CLINICDESK_PASSPHRASE")) {
        QByteArray copy(env);
        return SecretBytes::takeFrom(copy);
    }
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
    if (const char* env = std::getenv("CLINICDESK_NEW_PASSPHRASE")) {
        QByteArray copy(env);
        return SecretBytes::takeFrom(copy);
    }
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
