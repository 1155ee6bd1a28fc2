#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <span>

namespace cd {

// Statuses and kinds (an appointment's status, a quote's, a payment's kind) are enums in the
// program; each has one table of terms beside its enum: the code stored in the vault and written by
// the CLI and the exports, and the label the desk shows (translated in the "vocabulary" context).
// Nothing compares the codes as strings; they are read and written here.
namespace vocab {

template <typename E> struct Term
{
    E value;
    const char* code;
    const char* label; // QT_TRANSLATE_NOOP("vocabulary", ...)
};

// Specialised beside each enum: its terms, in the order lists and menus show them.
template <typename E> std::span<const Term<E>> terms();

template <typename E> QString code(E value)
{
    for (const Term<E>& t : terms<E>())
        if (t.value == value)
            return QString::fromLatin1(t.code);
    return {};
}

template <typename E> QString label(E value)
{
    for (const Term<E>& t : terms<E>())
        if (t.value == value)
            return QCoreApplication::translate("vocabulary", t.label);
    return {};
}

// nullopt for a code the vocabulary does not have (typed at the CLI, read from a file).
template <typename E> std::optional<E> fromCode(const QString& code)
{
    for (const Term<E>& t : terms<E>())
        if (code == QLatin1String(t.code))
            return t.value;
    return std::nullopt;
}

template <typename E> QList<E> all()
{
    QList<E> out;
    for (const Term<E>& t : terms<E>())
        out.append(t.value);
    return out;
}

template <typename E> QStringList codes()
{
    QStringList out;
    for (const Term<E>& t : terms<E>())
        out.append(QString::fromLatin1(t.code));
    return out;
}

} // namespace vocab
} // namespace cd
