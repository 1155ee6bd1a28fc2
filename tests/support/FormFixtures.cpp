#include "FormFixtures.h"

#include "common/Clock.h"
#include "storage/Sql.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QtDebug>

namespace cd::test {

QByteArray signaturePng(int variant)
{
    QImage image(300, 100, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(Qt::black, 3));
        QPainterPath path(QPointF(20, 70));
        path.cubicTo(60, 10 + variant * 5, 90, 90, 130, 40);
        path.cubicTo(160, 10, 200, 80, 280, 30 + variant * 3);
        p.drawPath(path);
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

qint64 signConsent(Database& db, qint64 clientId, const QDate& on)
{
    Forms::Signing s;
    s.clientId = clientId;
    s.templateName = QStringLiteral("Consent for injectable treatment");
    for (const char* yes : {"informed", "medical_history_current", "consent"})
        s.answers.insert(QString::fromLatin1(yes), {QStringLiteral("yes"), {}});
    s.answers.insert(QStringLiteral("pregnant"), {QStringLiteral("no"), {}});
    s.signaturePng = signaturePng();
    if (on.isValid() && on < Clock::today())
        s.signedAt = QDateTime(on, QTime(9, 0));
    // A database made without a vault (migrations only) has no templates yet: the vault's own.
    if (!Forms(db).latest(s.templateName).ok())
        (void)guarded([&]() -> Status {
            Transaction tx(db);
            Forms::seedInTransaction(db);
            tx.commit();
            return {};
        });
    auto form = Forms(db).sign(s);
    if (!form) {
        qWarning() << "signConsent:" << form.message();
        return 0;
    }
    return form->id;
}

} // namespace cd::test
