#include "Fixtures.h"

#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "images/ImageStore.h"
#include "storage/Sql.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>

namespace cd::bench {

QStringList typedQueries()
{
    return {QStringLiteral("Okafor"),       QStringLiteral("O'Brien"),
            QStringLiteral("Muller"),       QStringLiteral("Smith-Jones"),
            QStringLiteral("Lukasiewicz"),  QStringLiteral("Amara Okafor"),
            QStringLiteral("Zoe Nowak"),    QStringLiteral("Siobhan Byrne"),
            QStringLiteral("Grace Hughes"), QStringLiteral("0770 090 0123"),
            QStringLiteral("07700900456"),  QStringLiteral("+44 7700 900789"),
            QStringLiteral("amara.okafor"), QStringLiteral("priya.patel17@example.org"),
            QStringLiteral("LS6"),          QStringLiteral("consultation"),
            QStringLiteral("bruising"),     QStringLiteral("microneedling")};
}

QStringList keystrokes(const QStringList& queries)
{
    QStringList out;
    for (const QString& q : queries)
        for (int n = 1; n <= q.size(); ++n)
            out << q.left(n);
    return out;
}

QByteArray photoJpeg(int width, int height, quint64 seed)
{
    QRandomGenerator rng{quint32(seed)};
    QImage img(width, height, QImage::Format_RGB32);
    {
        QPainter p(&img);
        QLinearGradient g(0, 0, width, height);
        g.setColorAt(0, QColor::fromHsv(int(rng.bounded(30)), 90, 230));
        g.setColorAt(1, QColor::fromHsv(int(rng.bounded(30)), 140, 120));
        p.fillRect(img.rect(), g);
        p.setRenderHint(QPainter::Antialiasing);
        for (int i = 0; i < 40; ++i) {
            p.setBrush(QColor::fromHsv(int(rng.bounded(360)), int(rng.bounded(120)),
                                       100 + int(rng.bounded(150)), 120));
            p.setPen(Qt::NoPen);
            p.drawEllipse(QPointF(rng.bounded(width), rng.bounded(height)), rng.bounded(width / 6) + 10.0,
                          rng.bounded(height / 6) + 10.0);
        }
    }
    // Sensor noise: without it a JPEG of smooth shapes is a fraction of a real photo's size.
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
        for (int x = 0; x < width; ++x) {
            const int n = int(rng.bounded(13)) - 6;
            const QRgb c = line[x];
            line[x] = qRgb(std::clamp(qRed(c) + n, 0, 255), std::clamp(qGreen(c) + n, 0, 255),
                           std::clamp(qBlue(c) + n, 0, 255));
        }
    }
    QByteArray out;
    QBuffer b(&out);
    b.open(QIODevice::WriteOnly);
    QImageWriter w(&b, "jpeg");
    w.setQuality(90);
    w.write(img);
    return out;
}

QByteArray clientCsv(int rows, quint64 seed)
{
    static const char* first[] = {"Aoife", "Bethany", "Carys",   "Delyth", "Esme",
                                  "Farah", "Gemma",   "Harriet", "Imogen", "Jasmine"};
    static const char* last[] = {"Ashworth",  "Blackwood", "Carrington", "Dunmore",
                                 "Ellingham", "Fairbairn", "Gallagher",  "Hollis"};
    static const char* towns[] = {"Leeds", "York", "Harrogate", "Bradford"};
    QRandomGenerator rng{quint32(seed)};
    QByteArray csv = "First name,Surname,Email,Mobile,Date of birth,Address,Town,Postcode,Notes\r\n";
    for (int i = 0; i < rows; ++i) {
        const QByteArray f = first[rng.bounded(10)];
        const QByteArray l = last[rng.bounded(8)];
        csv += f + ',' + l + ',' + f.toLower() + '.' + l.toLower() + QByteArray::number(seed) + '-' +
               QByteArray::number(i) + "@import.example.org,";
        csv += QStringLiteral("0%1 %2")
                   .arg(7400 + int(rng.bounded(600)))
                   .arg(int(rng.bounded(1000000)), 6, 10, QLatin1Char('0'))
                   .toLatin1() +
               ',';
        csv += QStringLiteral("%1/%2/%3")
                   .arg(1 + int(rng.bounded(28)), 2, 10, QLatin1Char('0'))
                   .arg(1 + int(rng.bounded(12)), 2, 10, QLatin1Char('0'))
                   .arg(1950 + int(rng.bounded(55)))
                   .toLatin1() +
               ',';
        csv += '"' + QByteArray::number(1 + rng.bounded(200)) + " Park Lane, Flat " +
               QByteArray::number(rng.bounded(9)) + "\",";
        csv += QByteArray(towns[rng.bounded(4)]) + ",LS" + QByteArray::number(1 + rng.bounded(28)) + ' ' +
               QByteArray::number(rng.bounded(10)) + char('A' + rng.bounded(26)) +
               char('A' + rng.bounded(26)) + ',';
        if (rng.bounded(3) == 0)
            csv += "\"Website form: asked about lip filler, prefers \"\"evenings\"\"\"";
        csv += "\r\n";
    }
    return csv;
}

QString subjectName(int serial)
{
    return QStringLiteral("Xanthe Subject%1").arg(QChar(u'a' + serial % 26));
}

qint64 addSubjectClient(Database& db, int interactions, const QList<imaging::PreparedImage>& images,
                        int serial)
{
    Client c;
    c.firstName = QStringLiteral("Xanthe");
    c.lastName = subjectName(serial).section(QLatin1Char(' '), 1);
    c.phones = {{QStringLiteral("mobile"), QStringLiteral("07700 900%1").arg(100 + serial % 800), {}}};
    c.emails = {{QStringLiteral("personal"), QStringLiteral("xanthe.%1@example.org").arg(serial)}};
    c.addresses = {{QStringLiteral("home"),
                    QStringLiteral("9 Mill Lane"),
                    {},
                    QStringLiteral("Leeds"),
                    {},
                    QStringLiteral("LS6 2AB"),
                    {}}};
    auto id = ClientStore(db).create(c);
    if (!id)
        qFatal("subject client: %s", qPrintable(id.message()));
    for (int k = 0; k < interactions; ++k) {
        Interaction i;
        i.clientId = id.value();
        i.kind = k % 5 == 0 ? InteractionKind::Email : InteractionKind::Call;
        i.body = QStringLiteral(
                     "Note %1: discussed the treatment plan, aftercare and the next review appointment.")
                     .arg(k);
        if (auto added = InteractionStore(db).add(i); !added)
            qFatal("subject interaction: %s", qPrintable(added.message()));
    }
    ImageStore store(db);
    for (int k = 0; k < images.size(); ++k) {
        ImageDetails d;
        d.kind = k % 2 ? ImageKind::After : ImageKind::Before;
        d.area = FaceArea::Lips;
        if (auto added = store.add(id.value(), images.at(k), d, 0); !added)
            qFatal("subject image: %s", qPrintable(added.message()));
    }
    return id.value();
}

} // namespace cd::bench
