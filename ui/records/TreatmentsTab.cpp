#include "records/TreatmentsTab.h"

#include "accounts/Access.h"
#include "common/Ask.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "diary/Diary.h"
#include "records/RecordsCommon.h"
#include "records/TreatmentDialog.h"
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
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

using records::dateText;

namespace {

QString quantityText(const TreatmentRecord& r)
{
    if (r.quantity <= 0)
        return {};
    return QStringLiteral("%1 %2").arg(QLocale().toString(r.quantity, 'g', 6), r.quantityUnit);
}

bool expiredOnTheDay(const TreatmentRecord& r)
{
    return r.expiryDate.isValid() && r.givenOn.isValid() && r.expiryDate < r.givenOn;
}

} // namespace

TreatmentsTab::TreatmentsTab(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_allowed(workspace.may(Action::TreatmentNotes))
{
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("treatmentList"));
    m_list->setAccessibleName(tr("Treatment records"));
    m_list->setHeaderLabels({tr("Date"), tr("Treatment"), tr("Areas"), tr("Product"), tr("Batch"),
                             tr("Expiry"), tr("Quantity"), tr("Practitioner"), tr("Photos")});
    m_list->header()->setStretchLastSection(true);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setUniformRowHeights(true);
    m_add = new QPushButton(tr("&New treatment record…"));
    m_add->setObjectName(QStringLiteral("addTreatment"));
    m_edit = new QPushButton(tr("&Open…"));
    m_edit->setObjectName(QStringLiteral("editTreatment"));
    m_edit->setEnabled(false);
    m_pdf = new QPushButton(tr("Save as &PDF…"));
    m_pdf->setObjectName(QStringLiteral("treatmentPdf"));
    m_pdf->setToolTip(
        tr("The record with its face chart and photos, to print or keep with the client's file"));
    m_pdf->setEnabled(false);
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("treatmentProblem"));
    m_problem->setWordWrap(true);
    style::setTone(m_problem, style::Tone::Error);
    m_problem->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_problem, 1);
    buttons->addStretch();
    buttons->addWidget(m_pdf);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_add);
    auto* page = new QWidget;
    auto* pl = new QVBoxLayout(page);
    pl->setContentsMargins(0, 0, 0, 0);
    pl->addWidget(m_list, 1);
    pl->addLayout(buttons);

    auto* notice = new QLabel(
        tr("<h3>Treatment records are for practitioners</h3><p>Treatment records hold clinical detail "
           "(products, batches, consent, notes), so only practitioners and managers see them. "
           "Ask a practitioner if a client needs something from their record.</p>"));
    notice->setObjectName(QStringLiteral("treatmentNotice"));
    notice->setWordWrap(true);
    notice->setAlignment(Qt::AlignCenter);
    m_stack = new QStackedWidget;
    m_stack->addWidget(page);
    m_stack->addWidget(notice);
    m_stack->setCurrentIndex(m_allowed ? 0 : 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);

    connect(m_add, &QPushButton::clicked, this, &TreatmentsTab::addRecord);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (auto* item = m_list->currentItem())
            editRecord(item->data(0, Qt::UserRole).toLongLong());
    });
    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { editRecord(item->data(0, Qt::UserRole).toLongLong()); });
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_edit->setEnabled(item != nullptr);
        m_pdf->setEnabled(item != nullptr);
    });
    connect(m_pdf, &QPushButton::clicked, this, &TreatmentsTab::exportPdf);
}

void TreatmentsTab::exportPdf()
{
    auto* item = m_list->currentItem();
    if (!item)
        return;
    const qint64 id = item->data(0, Qt::UserRole).toLongLong();
    const QString suggested = tr("treatment-record-%1-%2.pdf")
                                  .arg(id)
                                  .arg(item->text(0).replace(QLatin1Char('/'), QLatin1Char('-')));
    const QString path =
        ask::saveFile(this, tr("Save the treatment record"), suggested, tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    m_problem->setVisible(true);
    if (auto st = m_workspace.records().exportPdf(id, path); !st) {
        style::setTone(m_problem, style::Tone::Error);
        m_problem->setText(st.message());
        return;
    }
    style::setTone(m_problem, style::Tone::Success);
    m_problem->setText(tr("Saved %1. It holds health data: keep it with the client's file.").arg(path));
}

void TreatmentsTab::setClient(qint64 clientId)
{
    m_client = clientId;
    reload();
}

void TreatmentsTab::reload()
{
    m_list->clear();
    m_problem->hide();
    if (!m_allowed || m_client <= 0) {
        Q_EMIT countChanged(m_allowed ? 0 : -1);
        return;
    }
    auto recs = m_workspace.records().forClient(m_client);
    if (!recs) {
        m_problem->setText(recs.message());
        m_problem->show();
        Q_EMIT countChanged(0);
        return;
    }
    for (const TreatmentRecord& r : recs.value()) {
        auto* item = new QTreeWidgetItem(
            m_list, {dateText(r.givenOn), r.treatment, r.areas, r.product, r.batchNumber,
                     dateText(r.expiryDate), quantityText(r), r.practitionerName,
                     r.photoIds.isEmpty() ? QString() : QString::number(r.photoIds.size())});
        item->setData(0, Qt::UserRole, r.id);
        if (expiredOnTheDay(r)) {
            item->setForeground(5, QColor(palette::now().error));
            item->setToolTip(5, tr("The batch had expired before the treatment date."));
        }
        QStringList tip;
        if (!r.consentFormRef.isEmpty())
            tip << tr("Consent form: %1").arg(r.consentFormRef);
        tip << (r.aftercareGiven ? tr("Aftercare advice given") : tr("Aftercare advice not recorded"));
        if (!r.notes.isEmpty())
            tip << r.notes;
        item->setToolTip(1, tip.join(QLatin1Char('\n')));
    }
    // Long treatment and product names are capped (the full text is in the tooltip) so the
    // batch and expiry stay in view without scrolling.
    for (int c = 0; c < m_list->columnCount(); ++c) {
        m_list->resizeColumnToContents(c);
        m_list->setColumnWidth(c, std::min(m_list->columnWidth(c) + 6, 150));
    }
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        for (int c : {2, 3})
            m_list->topLevelItem(i)->setToolTip(c, m_list->topLevelItem(i)->text(c));
    Q_EMIT countChanged(int(recs->size()));
}

void TreatmentsTab::addRecord()
{
    if (!m_allowed || m_client <= 0)
        return;
    TreatmentRecord r;
    r.clientId = m_client;
    TreatmentDialog d(m_workspace, r, this);
    if (d.exec() == QDialog::Accepted)
        reload();
}

void TreatmentsTab::editRecord(qint64 recordId)
{
    auto r = m_workspace.records().get(recordId);
    if (!r) {
        m_problem->setText(r.message());
        m_problem->show();
        return;
    }
    TreatmentDialog d(m_workspace, r.value(), this);
    d.exec();
    reload(); // photo links may have changed even when a later step failed
}

} // namespace cd::ui
