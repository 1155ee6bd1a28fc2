#include "common/Text.h"

#include <algorithm>

namespace cd::text {

QString fold(const QString& s)
{
    // Plain ASCII has nothing to decompose or strip: lower-casing is the whole job. Search ranks
    // hundreds of candidate names per keystroke, and Unicode normalisation was a visible part of it.
    if (std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.unicode() < 0x80; }))
        return s.toLower();
    const QString decomposed = s.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_SpacingCombining ||
            c.category() == QChar::Mark_Enclosing)
            continue;
        out += c.toLower();
    }
    // Letters that do not decompose but are typed plainly.
    out.replace(QChar(0x00DF), QLatin1String("ss"))
        .replace(QChar(0x00F8), QLatin1Char('o'))
        .replace(QChar(0x0142), QLatin1Char('l'))
        .replace(QChar(0x00E6), QLatin1String("ae"))
        .replace(QChar(0x0111), QLatin1Char('d'));
    return out;
}

QStringList words(const QString& s)
{
    QStringList out;
    QString cur;
    for (const QChar c : fold(s)) {
        if (c.isLetterOrNumber()) {
            cur += c;
        } else if (!cur.isEmpty()) {
            out << cur;
            cur.clear();
        }
    }
    if (!cur.isEmpty())
        out << cur;
    return out;
}

QStringList nameTokens(const QString& s)
{
    QStringList out = words(s);
    for (const QString& part : s.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QStringList w = words(part);
        if (w.size() > 1)
            out << w.join(QString());
    }
    out.removeDuplicates();
    return out;
}

QString count(qint64 n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace cd::text
