#pragma once

#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QList>
#include <QRectF>
#include <QString>
#include <optional>

class QImage;
class QPainter;

namespace cd {

class Database;
class ClinicalSeal;

// The three drawings of the face chart (resources/charts/face-*.svg). A profile is named by the side
// of the client it shows: the left profile shows the client's left cheek (the nose points left).
enum class FaceView { Front, Left, Right };

template <> inline std::span<const vocab::Term<FaceView>> vocab::terms()
{
    static constexpr Term<FaceView> t[] = {
        {FaceView::Front, "front", QT_TRANSLATE_NOOP("vocabulary", "Front")},
        {FaceView::Left, "left", QT_TRANSLATE_NOOP("vocabulary", "Left profile")},
        {FaceView::Right, "right", QT_TRANSLATE_NOOP("vocabulary", "Right profile")}};
    return t;
}

// One injection point on a treatment record's face chart. x and y are relative to the drawing of
// its view (0,0 its top left, 1,1 its bottom right), so a point stays on the same spot of the face
// whatever size the chart is shown or printed at.
struct ChartPoint
{
    FaceView view = FaceView::Front;
    double x = 0, y = 0;
    QString product, batchNumber;
    double amount = 0; // 0: not recorded
    QString unit;      // units | ml (empty when amount is 0)
    QString note;
    bool operator==(const ChartPoint&) const = default;
};

// The face chart of treatment records (table treatment_chart_points: this file is its only owner;
// TreatmentRecords writes and reads a record's chart in its own transactions). A point's values are
// clinical: sealed together under the clinical key like the record's (design.md, "Key domains").
namespace facechart {

inline constexpr int kMaxPoints = 80;

// Trims and checks a chart: every point on its drawing, an amount in units or ml, a product for a
// batch, a note of one line's length at most.
Status validate(QList<ChartPoint>& points);

// What a chart takes from stock: the amounts added up per product, batch and unit, in the order the
// batches were first used.
struct Use
{
    QString product, batchNumber, unit;
    double quantity = 0;
};
QList<Use> uses(const QList<ChartPoint>& points);

// In the caller's transaction. Throws StorageError.
QList<ChartPoint> readInTransaction(Database& db, qint64 recordId);
QList<ChartPoint> readInTransaction(Database& db, qint64 recordId, const ClinicalSeal& seal);
void writeInTransaction(Database& db, qint64 recordId, qint64 clientId, const QList<ChartPoint>& points);
// A re-key's copy: every point's values opened with the old clinical key and sealed with the new.
void resealInTransaction(Database& db, const ClinicalSeal& from, const ClinicalSeal& to);

// Drawing, the same on the desk and on paper: the three views side by side in `area`, each with its
// name above it, the points as numbered dots (1 for the first point). `selected`: drawn ringed.
void paint(QPainter& painter, const QRectF& area, const QList<ChartPoint>& points, int selected = -1);
// Where a view's drawing lies inside `area` (as paint() lays it out).
QRectF viewRect(const QRectF& area, FaceView view);
// The view and relative position under `pos`, nullopt outside the three drawings.
struct Spot
{
    FaceView view;
    double x, y;
};
std::optional<Spot> spotAt(const QRectF& area, const QPointF& pos);
// The index of the point drawn under `pos` (-1: none).
int pointAt(const QRectF& area, const QList<ChartPoint>& points, const QPointF& pos);
// The chart as a picture `width` pixels wide, for a PDF (white background).
QImage render(const QList<ChartPoint>& points, int width);
// "4 units of Azzalure (batch AB12), note", for a point's line under the chart.
QString describe(const ChartPoint& point);

} // namespace facechart
} // namespace cd
