#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QImage>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace cd {

class Database;

struct ReportImage
{
    QString caption;
    QImage image; // a preview, already upright
};

// The pixels a photo of `pixels` needs in the report: its place on the page at about 200 pixels
// per inch (a 1,600-pixel preview drawn 8 cm wide was encoded again whole into the PDF, 30 times).
QSize reportPictureSize(const QSize& pixels);

// The report for the person: who the clinic is, why and on what grounds it holds their data, who
// receives it, how long it is kept, where it came from, their rights (including complaining to the
// ICO), then all their data. Rendered to PDF in memory.
Result<QByteArray> renderSubjectReport(Database& db, const QJsonObject& subjectData,
                                       const QList<ReportImage>& images = {});

} // namespace cd
