#include "images/ImageInfo.h"

#include <QHash>
#include <QObject>

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

QString parse(const QString& text, const QStringList& words, QString (*label)(const QString&))
{
    const QString n = normalised(text);
    for (const QString& w : words)
        if (w == n || normalised(label(w)) == n)
            return w;
    return {};
}

} // namespace

const QStringList& kinds()
{
    static const QStringList k{QStringLiteral("quote_request"), QStringLiteral("mockup"),
                               QStringLiteral("before"),        QStringLiteral("after"),
                               QStringLiteral("progress"),      QStringLiteral("other")};
    return k;
}

const QStringList& areas()
{
    static const QStringList a{QStringLiteral("forehead"),   QStringLiteral("glabella"),
                               QStringLiteral("crows_feet"), QStringLiteral("lips"),
                               QStringLiteral("cheeks"),     QStringLiteral("jawline"),
                               QStringLiteral("neck"),       QStringLiteral("other")};
    return a;
}

const QStringList& consents()
{
    static const QStringList c{QStringLiteral("clinical_only"), QStringLiteral("marketing")};
    return c;
}

QString kindLabel(const QString& kind)
{
    static const QHash<QString, QString> l{{QStringLiteral("quote_request"), QObject::tr("Quote request")},
                                           {QStringLiteral("mockup"), QObject::tr("Mock-up")},
                                           {QStringLiteral("before"), QObject::tr("Before")},
                                           {QStringLiteral("after"), QObject::tr("After")},
                                           {QStringLiteral("progress"), QObject::tr("Progress")},
                                           {QStringLiteral("other"), QObject::tr("Other")}};
    return l.value(kind, kind);
}

QString areaLabel(const QString& area)
{
    static const QHash<QString, QString> l{
        {QStringLiteral("forehead"), QObject::tr("Forehead")},
        {QStringLiteral("glabella"), QObject::tr("Frown lines (glabella)")},
        {QStringLiteral("crows_feet"), QObject::tr("Crow's feet")},
        {QStringLiteral("lips"), QObject::tr("Lips")},
        {QStringLiteral("cheeks"), QObject::tr("Cheeks")},
        {QStringLiteral("jawline"), QObject::tr("Jawline")},
        {QStringLiteral("neck"), QObject::tr("Neck")},
        {QStringLiteral("other"), QObject::tr("Other area")}};
    return l.value(area, area);
}

QString consentLabel(const QString& consent)
{
    return consent == QLatin1String("marketing") ? QObject::tr("Clinical and marketing use")
                                                 : QObject::tr("Clinical record only");
}

QString parseKind(const QString& text)
{
    return parse(text, kinds(), kindLabel);
}

QString parseArea(const QString& text)
{
    return parse(text, areas(), areaLabel);
}

} // namespace cd::imaging
