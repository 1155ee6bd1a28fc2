#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

class QTextDocument;

namespace cd {

// An A4 PDF of a laid-out document (reports, quotes), 15 mm margins, made in memory: nothing
// reaches disk unless the caller writes it. `failure` is the message when nothing could be drawn.
Result<QByteArray> printPdf(QTextDocument& doc, const QString& title, const QString& failure);
// Writes a PDF the user asked for to `path`, whole or not at all.
Status savePdf(const QByteArray& pdf, const QString& path);

} // namespace cd
