#include "images/ImageDetailsDialog.h"

#include "common/Clock.h"
#include "common/Style.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

template <typename E> QComboBox* termCombo(const QString& name, const QString& accessible)
{
    auto* c = new QComboBox;
    c->setObjectName(name);
    c->setAccessibleName(accessible);
    for (E value : vocab::all<E>())
        c->addItem(vocab::label(value), vocab::code(value)); // data: the stored code
    return c;
}

template <typename E> E chosen(const QComboBox* c)
{
    // The combo holds only codes it was given; the first term (for consent: clinical only) otherwise.
    return vocab::fromCode<E>(c->currentData().toString()).value_or(vocab::all<E>().constFirst());
}

template <typename E> void choose(QComboBox* c, E value)
{
    c->setCurrentIndex(std::max(0, c->findData(vocab::code(value))));
}

} // namespace

ImageDetailsDialog::ImageDetailsDialog(const QStringList& files, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("imageDetailsDialog"));
    setWindowTitle(tr("Add %n image(s)", nullptr, int(files.size())));
    auto* list = new QListWidget;
    list->setObjectName(QStringLiteral("imageFiles"));
    list->setAccessibleName(tr("Files to add"));
    for (const QString& f : files)
        list->addItem(QFileInfo(f).fileName());
    list->setMaximumHeight(110);
    list->setFocusPolicy(Qt::NoFocus);
    buildForm(list, tr("&Add"), QStringLiteral("addImagesButton"));
    choose(m_kind, ImageKind::QuoteRequest);
    m_area->setFocus();
}

ImageDetailsDialog::ImageDetailsDialog(const ImageRecord& image, const QPixmap& thumbnail, QWidget* parent)
    : QDialog(parent), m_base(image.details)
{
    setObjectName(QStringLiteral("imageEditDialog"));
    setWindowTitle(tr("Image details"));
    auto* top = new QWidget;
    auto* row = new QHBoxLayout(top);
    row->setContentsMargins(0, 0, 0, 0);
    auto* picture = new QLabel;
    picture->setObjectName(QStringLiteral("imageEditThumbnail"));
    picture->setPixmap(thumbnail.scaled(128, 128, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    picture->setFixedSize(132, 132);
    picture->setAlignment(Qt::AlignCenter);
    auto* about =
        new QLabel(tr("<b>%1</b><br>%2 × %3 pixels<br>added %4")
                       .arg(image.originalName.toHtmlEscaped())
                       .arg(image.width)
                       .arg(image.height)
                       .arg(QLocale().toString(QDate::fromString(image.createdAt.left(10), Qt::ISODate),
                                               QStringLiteral("dd/MM/yyyy"))));
    about->setWordWrap(true);
    about->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    row->addWidget(picture);
    row->addWidget(about, 1);
    buildForm(top, tr("&Save"), QStringLiteral("saveImageDetails"));
    setDetails(image.details);
    m_kind->setFocus();
}

void ImageDetailsDialog::buildForm(QWidget* top, const QString& okText, const QString& okName)
{
    m_kind = termCombo<ImageKind>(QStringLiteral("imageKind"), tr("Kind of image"));
    m_area = termCombo<FaceArea>(QStringLiteral("imageArea"), tr("Treatment area"));
    m_consent = termCombo<ImageConsent>(QStringLiteral("imageConsent"), tr("Photo consent"));
    m_date = new QDateEdit(Clock::today());
    m_date->setObjectName(QStringLiteral("imageTakenOn"));
    m_date->setAccessibleName(tr("Date taken"));
    m_date->setCalendarPopup(true);
    m_date->setMaximumDate(Clock::today());
    m_date->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_caption = new QLineEdit;
    m_caption->setObjectName(QStringLiteral("imageCaption"));
    m_caption->setAccessibleName(tr("Caption"));
    m_caption->setPlaceholderText(tr("Optional, e.g. \"sent by email for a lip filler quote\""));

    auto* form = new QFormLayout;
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Area:"), m_area);
    form->addRow(tr("&Taken on:"), m_date);
    form->addRow(tr("&Caption:"), m_caption);
    form->addRow(tr("&Photo consent:"), m_consent);
    auto* note = new QLabel(
        tr("Photos are stored encrypted, turned upright, and without location or camera details."));
    note->setWordWrap(true);
    style::setTone(note, style::Tone::Muted);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(okText);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(okName);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(top);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    setMinimumWidth(440);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ImageDetails ImageDetailsDialog::details() const
{
    ImageDetails d = m_base;
    d.kind = chosen<ImageKind>(m_kind);
    d.area = chosen<FaceArea>(m_area);
    d.takenOn = m_date->date();
    d.caption = m_caption->text().trimmed();
    d.consent = chosen<ImageConsent>(m_consent);
    return d;
}

void ImageDetailsDialog::setDetails(const ImageDetails& d)
{
    choose(m_kind, d.kind);
    choose(m_area, d.area);
    if (d.takenOn.isValid())
        m_date->setDate(d.takenOn);
    m_caption->setText(d.caption);
    choose(m_consent, d.consent);
}

} // namespace cd::ui
