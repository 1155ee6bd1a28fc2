#include "records/TreatmentDialog.h"

#include "accounts/Access.h"
#include "common/Ask.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "diary/Diary.h"
#include "forms/FormDialog.h"
#include "forms/Forms.h"
#include "images/ImageInfo.h"
#include "records/FaceChartEditor.h"
#include "records/PhotoPicker.h"
#include "records/RecordsCommon.h"
#include "stock/Stock.h"
#include "storage/Sql.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

using records::dateText;

namespace {

QDateEdit* dateEdit(const QString& name)
{
    auto* e = new QDateEdit;
    e->setObjectName(name);
    e->setCalendarPopup(true);
    e->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    return e;
}

} // namespace

TreatmentDialog::TreatmentDialog(Workspace& workspace, const TreatmentRecord& record, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_record(record)
{
    setObjectName(QStringLiteral("treatmentDialog"));
    setWindowTitle(record.id > 0 ? tr("Treatment record") : tr("New treatment record"));
    const QDate today = Clock::today();

    m_date = dateEdit(QStringLiteral("treatmentDate"));
    m_date->setMaximumDate(today);
    m_date->setDate(record.givenOn.isValid() ? record.givenOn : today);
    m_practitioner = new QComboBox;
    m_practitioner->setObjectName(QStringLiteral("treatmentPractitioner"));
    m_practitioner->addItem(tr("(not recorded)"), qint64(0));
    if (auto ps = m_workspace.diary().practitioners())
        for (const Practitioner& p : ps.value())
            m_practitioner->addItem(p.displayName, p.id);
    if (record.practitionerId > 0 && m_practitioner->findData(record.practitionerId) < 0)
        m_practitioner->addItem(record.practitionerName,
                                record.practitionerId); // a leaver keeps her name here
    // A new record is written by the practitioner who gave the treatment, usually the one signed in.
    const qint64 who = record.id == 0 && record.practitionerId == 0 ? m_workspace.db().actor().staffId
                                                                    : record.practitionerId;
    m_practitioner->setCurrentIndex(std::max(0, m_practitioner->findData(who)));
    m_treatment = new QLineEdit(record.treatment);
    m_treatment->setObjectName(QStringLiteral("treatmentName"));
    m_treatment->setPlaceholderText(tr("e.g. Anti-wrinkle injections"));
    m_areas = new QLineEdit(record.areas);
    m_areas->setObjectName(QStringLiteral("treatmentAreas"));
    m_areas->setPlaceholderText(tr("e.g. forehead, glabella"));
    m_stock = new QComboBox;
    m_stock->setObjectName(QStringLiteral("treatmentStockBatch"));
    // A batch's line is long ("product — lot, what is left, expiry"): the list shows it whole, the
    // box keeps the dialog's width.
    m_stock->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_stock->setMinimumContentsLength(24);
    m_product = new QLineEdit(record.product);
    m_product->setObjectName(QStringLiteral("treatmentProduct"));
    m_batch = new QLineEdit(record.batchNumber);
    m_batch->setObjectName(QStringLiteral("treatmentBatch"));
    m_batch->setPlaceholderText(tr("lot number as printed on the pack"));
    // Typed as printed on the pack; empty: not recorded (a date edit cannot be left empty by keyboard).
    m_expiry = new QLineEdit(dateText(record.expiryDate));
    m_expiry->setObjectName(QStringLiteral("treatmentExpiry"));
    m_expiry->setPlaceholderText(tr("dd/mm/yyyy"));
    m_quantity = new QDoubleSpinBox;
    m_quantity->setObjectName(QStringLiteral("treatmentQuantity"));
    m_quantity->setRange(0, 10000);
    m_quantity->setDecimals(2);
    m_quantity->setSpecialValueText(tr("not recorded"));
    m_quantity->setValue(record.quantity);
    m_unit = new QComboBox;
    m_unit->setObjectName(QStringLiteral("treatmentUnit"));
    for (const QString& u : TreatmentRecords::units())
        m_unit->addItem(u, u);
    m_unit->setCurrentIndex(std::max(0, m_unit->findData(record.quantityUnit)));
    m_consent = new QLineEdit(record.consentFormRef);
    m_consent->setObjectName(QStringLiteral("treatmentConsentRef"));
    m_consent->setPlaceholderText(tr("reference of the signed consent form"));
    m_aftercare = new QCheckBox(tr("Aftercare advice &given"));
    m_aftercare->setObjectName(QStringLiteral("treatmentAftercare"));
    m_aftercare->setChecked(record.aftercareGiven);
    m_notes = new QPlainTextEdit(record.notes);
    m_notes->setObjectName(QStringLiteral("treatmentNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 4 + 12);
    m_appointment = new QComboBox;
    m_appointment->setObjectName(QStringLiteral("treatmentAppointment"));
    m_appointment->addItem(tr("(none)"), qint64(0));
    if (auto appts = m_workspace.diary().forClient(record.clientId))
        for (const Appointment& a : appts.value())
            if (!a.isCancelled() || a.id == record.appointmentId)
                m_appointment->addItem(
                    tr("%1 — %2 (%3)")
                        .arg(QLocale().toString(a.startsAt, QStringLiteral("dd/MM/yyyy HH:mm")),
                             a.treatment.isEmpty() ? vocab::label(a.kind) : a.treatment, a.practitionerName),
                    a.id);
    m_appointment->setCurrentIndex(std::max(0, m_appointment->findData(record.appointmentId)));
    m_photos = new records::PhotoPicker;
    m_photos->setObjectName(QStringLiteral("treatmentPhotos"));
    const int photos =
        m_photos->load(m_workspace.images(), record.clientId,
                       {ImageKind::Before, ImageKind::After, ImageKind::Progress}, record.photoIds);
    auto* noPhotos = new QLabel(
        tr("No before, after or progress photos on this client's record yet: add them in the Images tab."));
    noPhotos->setWordWrap(true);
    style::setTone(noPhotos, style::Tone::Muted);
    noPhotos->setVisible(photos == 0);
    m_photos->setVisible(photos > 0);
    m_chart = new records::FaceChartEditor;
    m_chart->setPoints(record.chart);
    m_chart->setDefaults([this] {
        ChartPoint p;
        p.product = m_product->text().trimmed();
        p.batchNumber = m_batch->text().trimmed();
        p.unit = m_unit->currentData().toString();
        return p;
    });

    m_warning = new QLabel;
    m_warning->setObjectName(QStringLiteral("treatmentExpiryWarning"));
    m_warning->setWordWrap(true);
    style::setBanner(m_warning, style::Tone::Error);
    m_warning->hide();
    m_consentState = new QLabel;
    m_consentState->setObjectName(QStringLiteral("treatmentConsentState"));
    m_consentState->setWordWrap(true);
    m_signConsent = new QPushButton(tr("Sign it &now…"));
    m_signConsent->setObjectName(QStringLiteral("treatmentSignConsent"));
    m_signConsent->hide();
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("treatmentError"));
    m_error->setWordWrap(true);
    style::setTone(m_error, style::Tone::Error);
    m_error->hide();

    auto* quantityRow = new QHBoxLayout;
    quantityRow->addWidget(m_quantity, 1);
    quantityRow->addWidget(m_unit);
    auto* left = new QFormLayout;
    left->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    left->addRow(tr("&Date given:"), m_date);
    left->addRow(tr("&Practitioner:"), m_practitioner);
    left->addRow(tr("&Treatment:"), m_treatment);
    left->addRow(tr("&Areas:"), m_areas);
    auto* quantityLabel = new QLabel(tr("&Quantity:"));
    quantityLabel->setBuddy(m_quantity);
    left->addRow(quantityLabel, quantityRow);
    left->addRow(tr("Appoint&ment:"), m_appointment);
    auto* right = new QFormLayout;
    right->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    right->addRow(tr("From &stock:"), m_stock);
    right->addRow(tr("Pr&oduct:"), m_product);
    right->addRow(tr("&Batch / lot:"), m_batch);
    right->addRow(tr("E&xpiry date:"), m_expiry);
    right->addRow(tr("&Consent form ref:"), m_consent);
    auto* consentRow = new QHBoxLayout;
    consentRow->addWidget(m_consentState, 1);
    consentRow->addWidget(m_signConsent, 0, Qt::AlignTop);
    right->addRow(QString(), consentRow);
    right->addRow(QString(), m_aftercare);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addSpacing(16);
    columns->addLayout(right, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("treatmentSave"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_warning);
    layout->addWidget(new QLabel(tr("&Notes:")));
    layout->addWidget(m_notes);
    // The face chart and the photos share the lower half, a tab each.
    auto* photosPage = new QWidget;
    auto* photosLayout = new QVBoxLayout(photosPage);
    photosLayout->addWidget(new QLabel(tr("Tick the photos taken for this treatment.")));
    photosLayout->addWidget(m_photos, 1);
    photosLayout->addWidget(noPhotos);
    photosLayout->addStretch();
    auto* lower = new QTabWidget;
    lower->setObjectName(QStringLiteral("treatmentLowerTabs"));
    lower->addTab(m_chart, tr("&Face chart"));
    lower->addTab(photosPage, tr("Before/after p&hotos (%1)").arg(photos));
    layout->addWidget(lower, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    qobject_cast<QLabel*>(layout->itemAt(2)->widget())->setBuddy(m_notes);

    connect(m_date, &QDateEdit::dateChanged, this, &TreatmentDialog::updateWarning);
    connect(m_date, &QDateEdit::dateChanged, this, &TreatmentDialog::updateConsent);
    connect(m_treatment, &QLineEdit::textChanged, this, &TreatmentDialog::updateConsent);
    connect(m_signConsent, &QPushButton::clicked, this, [this] {
        auto form = Forms(m_workspace.db()).latest(m_consentMissing);
        if (!form)
            return;
        FormDialog sign(m_workspace, m_record.clientId, form.value(), nullptr, this);
        if (sign.exec() == QDialog::Accepted)
            updateConsent();
    });
    connect(m_expiry, &QLineEdit::textChanged, this, &TreatmentDialog::updateWarning);
    connect(m_stock, &QComboBox::activated, this, &TreatmentDialog::takeBatch);
    connect(m_chart, &records::FaceChartEditor::changed, this, &TreatmentDialog::takeChart);
    connect(m_quantity, &QDoubleSpinBox::valueChanged, this, [this](double v) { m_unit->setEnabled(v > 0); });
    m_unit->setEnabled(m_quantity->value() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fillStock();
    takeChart();
    updateWarning();
    updateConsent();
    // Tall enough for the chart, and never taller than the screen (a 1366 × 768 laptop in the room).
    const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1366, 768);
    resize(std::min(880, screen.width()), std::min(std::max(sizeHint().height(), 700), screen.height() - 40));
    m_treatment->setFocus();
}

void TreatmentDialog::fillStock()
{
    m_stock->clear();
    auto batches = Stock(m_workspace.db()).list();
    m_stock->addItem(batches && !batches->isEmpty() ? tr("(pick a batch, or type below)")
                                                    : tr("(nothing received into stock: type below)"));
    if (!batches)
        return;
    for (const StockBatch& b : batches.value()) {
        QString text = tr("%1 — %2, %3 left, expires %4")
                           .arg(b.product, b.batchNumber, Stock::formatQuantity(b.remaining, b.unit),
                                dateText(b.expiry));
        if (b.status != StockStatus::Ok)
            text += tr(" (%1)").arg(vocab::label(b.status).toLower());
        m_stock->addItem(text, b.id);
        // An expired batch can still be picked (a record of what happened), and then warns.
        if (b.status == StockStatus::Expired)
            m_stock->setItemData(m_stock->count() - 1, QColor(palette::now().error), Qt::ForegroundRole);
    }
    m_stock->setEnabled(m_stock->count() > 1);
}

void TreatmentDialog::takeBatch(int index)
{
    const qint64 id = m_stock->itemData(index).toLongLong();
    if (id <= 0)
        return;
    auto b = Stock(m_workspace.db()).get(id);
    if (!b)
        return;
    m_product->setText(b->product);
    m_batch->setText(b->batchNumber);
    m_expiry->setText(dateText(b->expiry));
    m_unit->setCurrentIndex(std::max(0, m_unit->findData(b->unit)));
}

void TreatmentDialog::takeChart()
{
    double total = 0;
    QString unit;
    for (const ChartPoint& p : m_chart->points())
        if (p.amount > 0 && (unit.isEmpty() || p.unit == unit)) {
            unit = p.unit;
            total += p.amount;
        }
    const bool fromChart = total > 0;
    if (fromChart) {
        m_quantity->setValue(total);
        m_unit->setCurrentIndex(std::max(0, m_unit->findData(unit)));
    }
    m_quantity->setEnabled(!fromChart);
    m_quantity->setToolTip(fromChart ? tr("The face chart's points add up to this.") : QString());
}

QDate TreatmentDialog::expiry() const
{
    const QString text = m_expiry->text().trimmed();
    for (const char* format : {"dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"})
        if (const QDate d = QDate::fromString(text, QString::fromLatin1(format)); d.isValid())
            return d;
    return {};
}

QString TreatmentDialog::expiryWarning() const
{
    const QDate given = m_date->date();
    const QDate expiry = this->expiry();
    if (!expiry.isValid() || !given.isValid() || expiry >= given)
        return {};
    return tr("This batch had expired on %1, before the treatment date (%2). Check the pack: a product used "
              "after its expiry "
              "must be reported, and the record should say so.")
        .arg(dateText(expiry), dateText(given));
}

void TreatmentDialog::updateConsent()
{
    m_consentMissing.clear();
    if (!m_record.overriddenForm.isEmpty()) {
        m_consentState->setText(
            tr("Recorded without a signed “%1”: %2").arg(m_record.overriddenForm, m_record.overrideReason));
        style::setTone(m_consentState, style::Tone::Warning);
        m_signConsent->hide();
        return;
    }
    auto check =
        Forms(m_workspace.db()).consentForTreatment(m_record.clientId, m_treatment->text(), m_date->date());
    if (check && !check->missing.isEmpty()) {
        m_consentMissing = check->missing;
        m_consentState->setText(tr("Needs the client's signed “%1”.").arg(check->missing));
        style::setTone(m_consentState, style::Tone::Error);
    } else if (check && check->formId > 0) {
        m_consentState->setText(tr("Signed consent on file: form %1.").arg(check->formId));
        style::setTone(m_consentState, style::Tone::Success);
    } else {
        m_consentState->clear();
    }
    m_signConsent->setVisible(!m_consentMissing.isEmpty());
}

void TreatmentDialog::updateWarning()
{
    const QString w = expiryWarning();
    m_warning->setText(QStringLiteral("⚠ ") + w);
    m_warning->setVisible(!w.isEmpty());
    m_save->setText(w.isEmpty() ? tr("&Save") : tr("&Save with expired batch"));
}

bool TreatmentDialog::save()
{
    TreatmentRecord r = m_record;
    r.givenOn = m_date->date();
    r.practitionerId = m_practitioner->currentData().toLongLong();
    r.treatment = m_treatment->text();
    r.areas = m_areas->text();
    r.product = m_product->text();
    r.batchNumber = m_batch->text();
    r.expiryDate = expiry();
    if (!m_expiry->text().trimmed().isEmpty() && !r.expiryDate.isValid()) {
        m_error->setText(tr("Type the batch's expiry date as dd/mm/yyyy (e.g. 31/01/2026), or leave it empty "
                            "if the pack does not show one."));
        m_error->show();
        return false;
    }
    r.quantity = m_quantity->value();
    r.quantityUnit = r.quantity > 0 ? m_unit->currentData().toString() : QString();
    r.consentFormRef = m_consent->text();
    r.aftercareGiven = m_aftercare->isChecked();
    r.notes = m_notes->toPlainText();
    r.appointmentId = m_appointment->currentData().toLongLong();
    r.chart = m_chart->points();
    const auto fail = [this](const QString& message) {
        m_error->setText(message);
        m_error->show();
        return false;
    };
    TreatmentRecords& store = m_workspace.records();
    // Without the consent the treatment needs, a manager may still record it, giving a reason (core
    // refuses anyone else, and says what to do).
    updateConsent();
    if (!m_consentMissing.isEmpty() && m_workspace.me().role == Role::Manager &&
        (r.id <= 0 || r.treatment != m_record.treatment || r.givenOn != m_record.givenOn)) {
        ask::Question q;
        q.kind = ask::Question::Kind::Text;
        q.title = tr("Record without the signed consent?");
        q.text = tr("“%1” has not been signed for this treatment. Say why it is recorded without it (kept, "
                    "sealed, "
                    "with the record; the audit log notes that it was recorded without):")
                     .arg(m_consentMissing);
        q.yes = tr("Record without it");
        auto reason = ask::text(this, q);
        if (!reason)
            return false;
        r.consentOverride = *reason;
    }
    if (r.id > 0) {
        if (auto st = store.update(r); !st)
            return fail(st.message());
    } else {
        auto id = store.add(r);
        if (!id)
            return fail(id.message());
        r.id = id.value();
        m_record.id = r.id; // saved: a photo link that fails below must not add it twice
    }
    const QList<qint64> wanted = m_photos->checkedIds();
    for (qint64 image : wanted)
        if (!m_record.photoIds.contains(image))
            if (auto st = store.linkPhoto(r.id, image); !st)
                return fail(tr("The record is saved, but a photo could not be linked: %1").arg(st.message()));
    for (qint64 image : m_record.photoIds)
        if (!wanted.contains(image))
            if (auto st = store.unlinkPhoto(image); !st)
                return fail(
                    tr("The record is saved, but a photo could not be unlinked: %1").arg(st.message()));
    m_record = r;
    m_record.photoIds = wanted;
    return true;
}

} // namespace cd::ui
