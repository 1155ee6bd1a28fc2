#pragma once

#include <QByteArray>
#include <QString>

class QTextDocument;

namespace cd {

// The clinic's letterhead on what it prints for a client (a quote, a subject-access report): the logo
// on the left when the clinic has one, and on the right its name, address, phone and email.
struct Letterhead
{
    QString name;
    QString address; // lines separated by '\n'
    QString phone;
    QString email;
    QByteArray logoPng;
};

// The letterhead as HTML for `doc` (the logo is added to it as an image resource).
QString letterheadHtml(const Letterhead& head, QTextDocument& doc);

} // namespace cd
