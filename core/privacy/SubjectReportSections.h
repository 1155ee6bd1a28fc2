#pragma once

#include <QDate>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// The subject-access report's sections of the person's data (privacy/SubjectReport.cpp writes the
// letter around them): each renders rows of data.json as HTML for the report, every stored code in
// the words the desk shows and every date in words, so the letter holds no code or column name.
namespace cd::report {

QString esc(const QString& s);
QString label(const QString& column); // "quantity_unit" → "Quantity unit"
QString longDate(const QDate& d);     // "7 December 2026"

QString contactDetails(const QJsonObject& contact); // the person and every way of reaching them
QString notes(const QJsonArray& interactions);
QString appointments(const QJsonArray& rows);
// Each treatment with its face chart: the chart's drawing (an image the document must hold under the
// name chartImages() gives it) and a line per point.
QString treatments(const QJsonArray& rows, const QJsonArray& chartPoints);
QList<std::pair<QString, QImage>> chartImages(const QJsonArray& chartPoints);
// Signed forms as signed; their signatures are images the document must hold under these names.
QString forms(const QJsonArray& rows);
QList<std::pair<QString, QImage>> formSignatures(const QJsonArray& rows);
QString quotes(const QJsonArray& rows, const QJsonArray& items);
QString payments(const QJsonArray& rows);
QString photoNotes(const QJsonArray& images);               // what we noted of each photo, a line each
QString table(const QString& name, const QJsonArray& rows); // any other table, a column per detail

} // namespace cd::report
