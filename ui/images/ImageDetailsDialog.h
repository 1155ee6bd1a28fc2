#pragma once

#include "images/ImageInfo.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLineEdit;

namespace cd::ui {

// What the files being added are: kind, area, date, caption and photo consent, set once for all
// of them (the receptionist drops three photos of the same lips). The second constructor edits
// one stored image's details, showing its thumbnail.
class ImageDetailsDialog final : public QDialog
{
    Q_OBJECT
public:
    ImageDetailsDialog(const QStringList& files, QWidget* parent = nullptr);
    ImageDetailsDialog(const ImageRecord& image, const QPixmap& thumbnail, QWidget* parent = nullptr);
    ImageDetails details() const;
    void setDetails(const ImageDetails& d);

private:
    void buildForm(QWidget* top, const QString& okText, const QString& okName);

    ImageDetails m_base; // what an edit starts from: the fields not on the form are kept
    QComboBox* m_kind;
    QComboBox* m_area;
    QDateEdit* m_date;
    QLineEdit* m_caption;
    QComboBox* m_consent;
};

} // namespace cd::ui
