#include "records/FaceChart.h"

#include "common/ClinicalSeal.h"
#include "common/Limits.h"
#include "records/TreatmentRecords.h"
#include "stock/Stock.h"
#include "storage/Sql.h"

#include <QBuffer>
#include <QFile>
#include <QHash>
#include <QImage>
#include <QImageReader>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QPainter>
#include <QPainterPath>
#include <cmath>

namespace cd::facechart {

namespace {

const QString kTable = QStringLiteral("treatment_chart_points");

// The drawings are 200 × 260 (resources/charts); the name of each view sits above it.
constexpr double kAspect = 200.0 / 260.0;
constexpr double kLabelShare = 0.09; // of the area's height

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

QJsonObject clinicalColumns(const ChartPoint& p)
{
    QJsonObject o{{QStringLiteral("view"), vocab::code(p.view)},
                  {QStringLiteral("x"), p.x},
                  {QStringLiteral("y"), p.y},
                  {QStringLiteral("product"), p.product},
                  {QStringLiteral("batch_number"), p.batchNumber},
                  {QStringLiteral("note"), p.note}};
    if (p.amount > 0) {
        o.insert(QStringLiteral("amount"), p.amount);
        o.insert(QStringLiteral("unit"), p.unit);
    }
    return o;
}

ChartPoint fromColumns(const QJsonObject& o)
{
    ChartPoint p;
    p.view = vocab::fromCode<FaceView>(o.value(QStringLiteral("view")).toString()).value_or(FaceView::Front);
    p.x = o.value(QStringLiteral("x")).toDouble();
    p.y = o.value(QStringLiteral("y")).toDouble();
    p.product = o.value(QStringLiteral("product")).toString();
    p.batchNumber = o.value(QStringLiteral("batch_number")).toString();
    p.note = o.value(QStringLiteral("note")).toString();
    p.amount = o.value(QStringLiteral("amount")).toDouble();
    p.unit = p.amount > 0 ? o.value(QStringLiteral("unit")).toString() : QString();
    return p;
}

const char* kColumns = "view, x, y, product, batch_number, amount, unit, note, sealed";

// Reads a row selected as kColumns from column `first` on.
Result<ChartPoint> readRow(const Statement& st, int first, const ClinicalSeal& seal)
{
    if (!st.isNull(first + 8)) {
        auto clinical = seal.openColumns(st.blob(first + 8), kTable);
        if (!clinical)
            return clinical.error();
        return fromColumns(clinical.value());
    }
    ChartPoint p;
    p.view = vocab::fromCode<FaceView>(st.text(first)).value_or(FaceView::Front);
    p.x = st.text(first + 1).toDouble();
    p.y = st.text(first + 2).toDouble();
    p.product = st.text(first + 3);
    p.batchNumber = st.text(first + 4);
    p.amount = st.isNull(first + 5) ? 0 : st.text(first + 5).toDouble();
    p.unit = p.amount > 0 ? st.text(first + 6) : QString();
    p.note = st.text(first + 7);
    return p;
}

// Binds kColumns from parameter `first` on: sealed together once the vault has a clinical key, the
// plain columns then empty. Throws StorageError.
void bindRow(Statement& st, int first, const ChartPoint& p, const ClinicalSeal& seal)
{
    if (seal.active()) {
        auto sealed = seal.sealColumns(clinicalColumns(p), kTable);
        if (!sealed)
            throw StorageError(0, sealed.message());
        for (int i = 0; i < 8; ++i)
            st.bindNull(first + i);
        st.bindBlob(first + 8, sealed.value());
        return;
    }
    st.bind(first, vocab::code(p.view)).bind(first + 1, number(p.x)).bind(first + 2, number(p.y));
    st.bindOptional(first + 3, p.product).bindOptional(first + 4, p.batchNumber);
    p.amount > 0 ? st.bind(first + 5, number(p.amount)) : st.bindNull(first + 5);
    st.bindOptional(first + 6, p.amount > 0 ? p.unit : QString()).bindOptional(first + 7, p.note);
    st.bindNull(first + 8);
}

// The drawing of a view at a size, from the SVG compiled into the program; drawn once per size.
QImage drawing(FaceView view, QSize size)
{
    static QMutex mutex;
    static QHash<QString, QImage> cache;
    const QString key =
        QStringLiteral("%1:%2x%3").arg(vocab::code(view)).arg(size.width()).arg(size.height());
    QMutexLocker lock(&mutex);
    if (auto it = cache.constFind(key); it != cache.cend())
        return *it;
    QFile file(QStringLiteral(":/charts/face-%1.svg").arg(vocab::code(view)));
    QImage image;
    if (file.open(QIODevice::ReadOnly)) {
        QImageReader reader(&file, "svg");
        reader.setScaledSize(size);
        image = reader.read();
    }
    if (cache.size() > 32)
        cache.clear();
    cache.insert(key, image);
    return image;
}

QPointF centre(const QRectF& area, const ChartPoint& p)
{
    const QRectF r = viewRect(area, p.view);
    return {r.left() + p.x * r.width(), r.top() + p.y * r.height()};
}

double dotRadius(const QRectF& area)
{
    return std::max(6.0, viewRect(area, FaceView::Front).width() * 0.045);
}

} // namespace

Status validate(QList<ChartPoint>& points)
{
    if (points.size() > kMaxPoints)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("A face chart holds %1 points at most.").arg(kMaxPoints));
    for (int i = 0; i < points.size(); ++i) {
        ChartPoint& p = points[i];
        p.product = p.product.trimmed();
        p.batchNumber = p.batchNumber.trimmed();
        p.note = p.note.trimmed();
        const QString which = QObject::tr("Point %1").arg(i + 1);
        if (!(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1))
            return makeError(Error::Kind::Invalid, QObject::tr("%1 is off the drawing.").arg(which));
        if (p.amount < 0 || !std::isfinite(p.amount) ||
            (p.amount > 0 && !TreatmentRecords::units().contains(p.unit)))
            return makeError(Error::Kind::Invalid,
                             QObject::tr("%1: give the amount in units or ml.").arg(which));
        if (p.amount == 0)
            p.unit.clear();
        if (!p.batchNumber.isEmpty() && p.product.isEmpty())
            return makeError(Error::Kind::Invalid,
                             QObject::tr("%1: name the product its batch belongs to.").arg(which));
        for (const QString* text : {&p.product, &p.batchNumber, &p.note})
            if (auto st = limits::check(*text, limits::kLine, which); !st)
                return st;
    }
    return {};
}

QList<Use> uses(const QList<ChartPoint>& points)
{
    QList<Use> out;
    for (const ChartPoint& p : points) {
        if (p.batchNumber.isEmpty() || !(p.amount > 0))
            continue;
        auto same = std::find_if(out.begin(), out.end(), [&](const Use& u) {
            return u.product == p.product && u.unit == p.unit &&
                   u.batchNumber.compare(p.batchNumber, Qt::CaseInsensitive) == 0;
        });
        if (same == out.end())
            out.append({p.product, p.batchNumber, p.unit, p.amount});
        else
            same->quantity += p.amount;
    }
    return out;
}

QList<ChartPoint> readInTransaction(Database& db, qint64 recordId)
{
    return readInTransaction(db, recordId, db.clinical());
}

QList<ChartPoint> readInTransaction(Database& db, qint64 recordId, const ClinicalSeal& seal)
{
    auto st = db.prepare(std::string("SELECT ") + kColumns +
                         " FROM treatment_chart_points WHERE record_id = ? ORDER BY position");
    QList<ChartPoint> out;
    for (st.bind(1, recordId); st.step();) {
        auto p = readRow(st, 0, seal);
        if (!p)
            throw StorageError(11 /* SQLITE_CORRUPT */, p.message());
        out.append(p.value());
    }
    return out;
}

void writeInTransaction(Database& db, qint64 recordId, qint64 clientId, const QList<ChartPoint>& points)
{
    db.prepare("DELETE FROM treatment_chart_points WHERE record_id = ?").bind(1, recordId).run();
    auto ins =
        db.prepare(std::string("INSERT INTO treatment_chart_points (record_id, client_id, position, ") +
                   kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    for (int i = 0; i < points.size(); ++i) {
        ins.bind(1, recordId).bind(2, clientId).bind(3, i + 1);
        bindRow(ins, 4, points.at(i), db.clinical());
        ins.run();
    }
}

void resealInTransaction(Database& db, const ClinicalSeal& from, const ClinicalSeal& to)
{
    auto next = db.prepare(std::string("SELECT id, ") + kColumns +
                           " FROM treatment_chart_points WHERE id > ? ORDER BY id LIMIT 1");
    auto write = db.prepare("UPDATE treatment_chart_points SET view=?, x=?, y=?, product=?, batch_number=?, "
                            "amount=?, unit=?, note=?, sealed=? WHERE id=?");
    for (qint64 last = 0;;) {
        next.bind(1, last);
        if (!next.step())
            break;
        last = next.int64(0);
        auto p = readRow(next, 1, from);
        next.reset();
        if (!p)
            throw StorageError(11 /* SQLITE_CORRUPT */, p.message());
        bindRow(write, 1, p.value(), to);
        write.bind(10, last).run();
    }
}

QRectF viewRect(const QRectF& area, FaceView view)
{
    const double cellWidth = area.width() / 3;
    const double label = area.height() * kLabelShare;
    const double available = area.height() - label;
    double w = cellWidth * 0.94, h = w / kAspect;
    if (h > available) {
        h = available;
        w = h * kAspect;
    }
    const int column = view == FaceView::Front ? 1 : view == FaceView::Right ? 0 : 2;
    const double left = area.left() + column * cellWidth + (cellWidth - w) / 2;
    return {left, area.top() + label + (available - h) / 2, w, h};
}

std::optional<Spot> spotAt(const QRectF& area, const QPointF& pos)
{
    for (FaceView view : vocab::all<FaceView>()) {
        const QRectF r = viewRect(area, view);
        if (r.contains(pos))
            return Spot{view, (pos.x() - r.left()) / r.width(), (pos.y() - r.top()) / r.height()};
    }
    return std::nullopt;
}

int pointAt(const QRectF& area, const QList<ChartPoint>& points, const QPointF& pos)
{
    const double radius = dotRadius(area);
    for (int i = int(points.size()) - 1; i >= 0; --i) {
        const QPointF d = centre(area, points.at(i)) - pos;
        if (d.x() * d.x() + d.y() * d.y() <= radius * radius)
            return i;
    }
    return -1;
}

void paint(QPainter& painter, const QRectF& area, const QList<ChartPoint>& points, int selected)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    // On paper white, whatever the desk's colour scheme: the drawings are dark lines.
    painter.fillRect(area, Qt::white);
    QFont font = painter.font();
    font.setPixelSize(std::max(9, int(area.height() * kLabelShare * 0.55)));
    painter.setFont(font);
    painter.setPen(QColor(0x33, 0x33, 0x33));
    // Front in the middle, each profile on the side it shows (the right profile on the viewer's left,
    // as the client's right side is when facing them).
    for (FaceView view : vocab::all<FaceView>()) {
        const QRectF r = viewRect(area, view);
        const QImage image = drawing(view, r.size().toSize());
        painter.drawImage(r, image);
        const QRectF label(r.left() - 10, area.top(), r.width() + 20, area.height() * kLabelShare);
        painter.drawText(label, Qt::AlignCenter, vocab::label(view));
    }
    const double radius = dotRadius(area);
    QFont numbers = font;
    numbers.setPixelSize(std::max(8, int(radius * 1.15)));
    numbers.setBold(true);
    painter.setFont(numbers);
    for (int i = 0; i < points.size(); ++i) {
        const QPointF c = centre(area, points.at(i));
        if (i == selected) {
            painter.setPen(QPen(QColor(0x1a, 0x5f, 0xb4), 3));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(c, radius + 4, radius + 4);
        }
        painter.setPen(QPen(Qt::white, 1.5));
        painter.setBrush(QColor(0xa3, 0x1f, 0x5c));
        painter.drawEllipse(c, radius, radius);
        painter.setPen(Qt::white);
        painter.drawText(QRectF(c.x() - radius, c.y() - radius, 2 * radius, 2 * radius), Qt::AlignCenter,
                         QString::number(i + 1));
    }
    painter.restore();
}

QImage render(const QList<ChartPoint>& points, int width)
{
    const int height = int(std::lround(width / 3.0 * 0.94 / kAspect / (1 - kLabelShare))) + 2;
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(painter, QRectF(0, 0, width, height), points);
    return image;
}

QString describe(const ChartPoint& p)
{
    QStringList parts;
    if (p.amount > 0)
        parts << (p.product.isEmpty()
                      ? Stock::formatQuantity(p.amount, p.unit)
                      : QObject::tr("%1 of %2").arg(Stock::formatQuantity(p.amount, p.unit), p.product));
    else if (!p.product.isEmpty())
        parts << p.product;
    if (!p.batchNumber.isEmpty())
        parts << QObject::tr("batch %1").arg(p.batchNumber);
    if (!p.note.isEmpty())
        parts << p.note;
    return parts.isEmpty() ? QObject::tr("(nothing noted)") : parts.join(QStringLiteral(", "));
}

} // namespace cd::facechart
