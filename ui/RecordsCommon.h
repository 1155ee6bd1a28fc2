#pragma once

#include <QDate>
#include <QListWidget>
#include <QString>
#include <QStringList>
#include <functional>

namespace cd {
class Database;
}

namespace cd::ui::records {

// Asks where to save an export (suggested file name, filter); tests replace it. Empty: cancelled.
extern std::function<QString(QWidget*, const QString& suggested, const QString& filter)> chooseFile;

QString dateText(const QDate& d); // dd/MM/yyyy, empty for an invalid date
QString methodLabel(const QString& method);
QString quoteStatusLabel(const QString& status);

// A strip of a client's photos as checkable thumbnails (e.g. before/after photos for a treatment
// record, quote requests and mock-ups for a quote). Only thumbnails are read.
class PhotoPicker final : public QListWidget
{
    Q_OBJECT
public:
    explicit PhotoPicker(QWidget* parent = nullptr);
    // Shows the client's images of the given kinds plus any already checked; returns how many.
    int load(Database& db, qint64 clientId, const QStringList& kinds, const QList<qint64>& checked);
    QList<qint64> checkedIds() const;
    void setChecked(qint64 imageId, bool on);
};

} // namespace cd::ui::records
