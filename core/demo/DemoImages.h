#pragma once

#include "images/PreparedImage.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QtGlobal>

namespace cd {

class Database;

namespace demo {

// Drawn pictures already prepared, by what they look like. Drawing, encoding and preparing one
// picture costs ~20 ms and was over half of generating a large demo clinic (every tenth client has
// four), yet there are only a few hundred distinct drawings: each is prepared once per generation.
using PreparedImageCache = QHash<QString, imaging::PreparedImage>;

// Adds a few drawn (not photographed) images to a demo client: a quote request, and before/after
// pairs a few months apart, so the demo vault has a gallery and a comparison to look at.
// Runs inside the caller's transaction; throws StorageError like the other bulk writers. Returns
// the day of the "before" photo (invalid if none was stored), the day of the treatment it shows.
QDate addImagesInTransaction(Database& db, qint64 clientId, quint64 seed, qint64 staffId,
                             PreparedImageCache& cache);

} // namespace demo
} // namespace cd
