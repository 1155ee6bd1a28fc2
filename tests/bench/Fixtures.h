#pragma once

#include "images/PreparedImage.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace cd {
class Database;
}

namespace cd::bench {

// What a receptionist types, one entry per query; the benchmark times every prefix (keystroke).
// Surnames, first + last names, phone numbers as people say them, emails, postcodes and note words,
// all drawn from what the demo generator writes.
QStringList typedQueries();
QStringList keystrokes(const QStringList& queries);

// A photo-like picture (gradients, shapes, sensor noise) as a JPEG: what a phone sends.
QByteArray photoJpeg(int width, int height, quint64 seed);

// A website-form export: header plus `rows` rows of new clients, some with a note.
QByteArray clientCsv(int rows, quint64 seed);

// The subject of the export and erasure measurements: a client with `interactions` notes and the
// given images, written through the same core services the program uses. Returns the client id.
qint64 addSubjectClient(Database& db, int interactions, const QList<imaging::PreparedImage>& images,
                        int serial);
QString subjectName(int serial);

} // namespace cd::bench
