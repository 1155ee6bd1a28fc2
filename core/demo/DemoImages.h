#pragma once

#include <QList>
#include <QtGlobal>

namespace cd {

class Database;

namespace demo {

// Adds a few drawn (not photographed) images to a demo client: a quote request, and before/after
// pairs a few months apart, so the demo vault has a gallery and a comparison to look at.
// Runs inside the caller's transaction; throws StorageError like the other bulk writers.
void addImagesInTransaction(Database& db, qint64 clientId, quint64 seed, qint64 staffId);

} // namespace demo
} // namespace cd
