#pragma once

#include "records/FaceChart.h"

#include <QString>
#include <QStringList>

namespace cd::test {

// The text of a PDF as poppler's pdftotext lays it out.
QString pdfText(const QString& path);
// Reads the face chart back from a PDF as a picture (poppler's pdfimages): the embedded image
// `width` pixels wide, and for each point whether a dot of the chart's colour is drawn where the
// point is. Returns what is wrong, empty when every point is found where it was placed.
QStringList chartProblems(const QString& pdf, const QList<ChartPoint>& points, int width = 1500);

} // namespace cd::test
