#include "images/ImageInfo.h"

namespace cd::imaging {

namespace {

QString normalised(const QString& text)
{
    QString s = text.trimmed().toLower();
    s.remove(QLatin1Char('\''));
    s.replace(QLatin1Char('-'), QLatin1Char('_'));
    s.replace(QLatin1Char(' '), QLatin1Char('_'));
    return s;
}

template <typename E> std::optional<E> parse(const QString& text)
{
    const QString n = normalised(text);
    for (const vocab::Term<E>& t : vocab::terms<E>())
        if (n == QLatin1String(t.code) || n == normalised(vocab::label(t.value)) ||
            n == normalised(QString::fromLatin1(t.label)))
            return t.value;
    return std::nullopt;
}

} // namespace

std::optional<ImageKind> parseKind(const QString& text)
{
    return parse<ImageKind>(text);
}

std::optional<FaceArea> parseArea(const QString& text)
{
    return parse<FaceArea>(text);
}

} // namespace cd::imaging
