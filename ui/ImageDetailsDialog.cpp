#include "ImageDetailsDialog.h"

#include "common/Clock.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

QComboBox* wordCombo(const QStringList& words, QString (*label)(const QString&), const QString& name, const QString& accessible)
{
    auto* c = new QComboBox;
    c->setObjectName(name);
    c->setAccessibleName(accessible);
    for (const QString& w : words)
        c->addItem(label(w), w);
    return c;
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

    m_kind = wordCombo(imaging::kinds(), imaging::kindLabel, QStringLiteral("imageKind"), tr("Kind of image"));
    m_area = wordCombo(imaging::areas(), imaging::areaLabel, QStringLiteral("imageArea"), tr("Treatment area"));
    m_consent = wordCombo(imaging::consents(), imaging::consentLabel, QStringLiteral("imageConsent"), tr("Photo consent"));
    m_kind->setCurrentIndex(m_kind->findData(QStringLiteral("quote_request")));
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
    auto* note = new QLabel(tr("Photos are stored encrypted, turned upright, and without location or camera details."));
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("addImagesButton"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(list);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_area->setFocus();
}

ImageDetails ImageDetailsDialog::details() const
{
    ImageDetails d;
    d.kind = m_kind->currentData().toString();
    d.area = m_area->currentData().toString();
    d.takenOn = m_date->date();
    d.caption = m_caption->text().trimmed();
    d.consent = m_consent->currentData().toString();
    return d;
}

void ImageDetailsDialog::setDetails(const ImageDetails& d)
{
    m_kind->setCurrentIndex(m_kind->findData(d.kind));
    m_area->setCurrentIndex(m_area->findData(d.area));
    if (d.takenOn.isValid())
        m_date->setDate(d.takenOn);
    m_caption->setText(d.caption);
    m_consent->setCurrentIndex(m_consent->findData(d.consent));
}

} // namespace cd::ui
