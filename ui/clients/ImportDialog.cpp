#include "clients/ImportDialog.h"

#include "common/Ask.h"
#include "desk/TaskRunner.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cd::ui {

namespace {
constexpr int kPreviewRows = 12;
}

ImportDialog::ImportDialog(Database& db, qint64 staffId, TaskRunner* tasks, QWidget* parent)
    : QDialog(parent), m_db(db), m_tasks(tasks), m_staffId(staffId)
{
    setWindowTitle(tr("Import clients from CSV"));
    m_path = new QLineEdit;
    m_path->setReadOnly(true);
    m_path->setObjectName(QStringLiteral("importPath"));
    auto* browse = new QPushButton(tr("&Choose file…"));
    m_preview = new QTableWidget;
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary =
        new QLabel(tr("Choose a CSV file exported from a spreadsheet or a website form. The first line must "
                      "name the columns."));
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_check = new QPushButton(tr("C&heck"));
    m_check->setObjectName(QStringLiteral("importCheck"));
    m_import = new QPushButton(tr("&Import"));
    m_import->setObjectName(QStringLiteral("importRun"));
    auto* cancel = new QPushButton(tr("Cancel"));
    m_check->setEnabled(false);
    m_import->setEnabled(false);
    auto* top = new QHBoxLayout;
    top->addWidget(m_path, 1);
    top->addWidget(browse);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_check);
    buttons->addWidget(m_import);
    buttons->addWidget(cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Check what each column holds (the first row under the headings):")));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    resize(900, 560);
    connect(browse, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_check, &QPushButton::clicked, this, [this] { runImport(true); });
    connect(m_import, &QPushButton::clicked, this, [this] { runImport(false); });
    connect(cancel, &QPushButton::clicked, this,
            [this] { done(m_report.imported > 0 && m_done ? Accepted : Rejected); });
    m_close = cancel;
}

void ImportDialog::browse()
{
    const QString path = ask::openFile(this, tr("Import clients"), tr("CSV files (*.csv *.txt)"));
    if (!path.isEmpty())
        loadFile(path);
}

bool ImportDialog::loadFile(const QString& path)
{
    m_path->setText(path);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_summary->setText(tr("Cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    auto table = csv::parse(f.readAll());
    if (!table) {
        m_summary->setText(table.message());
        m_check->setEnabled(false);
        m_import->setEnabled(false);
        return false;
    }
    m_table = table.value();
    const QList<ImportField> guess = ClientImport::guessMapping(m_table.header);
    const int cols = int(m_table.header.size());
    const int rows = int(std::min<qsizetype>(kPreviewRows, m_table.rows.size()));
    m_preview->clear();
    m_preview->setColumnCount(cols);
    m_preview->setRowCount(rows + 1);
    m_preview->setHorizontalHeaderLabels(m_table.header);
    for (int c = 0; c < cols; ++c) {
        auto* box = new QComboBox;
        box->setAccessibleName(tr("Meaning of column %1").arg(m_table.header.at(c)));
        for (ImportField field : ClientImport::allFields())
            box->addItem(ClientImport::fieldName(field), int(field));
        box->setCurrentIndex(std::max(0, box->findData(int(guess.value(c)))));
        m_preview->setCellWidget(0, c, box);
        for (int r = 0; r < rows; ++r)
            m_preview->setItem(r + 1, c, new QTableWidgetItem(m_table.rows.at(r).fields.value(c)));
    }
    m_preview->resizeColumnsToContents();
    const int count = int(m_table.rows.size());
    QString summary = (count == 1 ? tr("1 row in the file.") : tr("%1 rows in the file.").arg(count)) +
                      QLatin1Char(' ') +
                      tr("Check the columns, then press Check to see what would be imported.");
    if (m_table.encoding == csv::Encoding::Windows1252)
        summary +=
            QLatin1Char(' ') + tr("The file is not UTF-8: it was read as Windows-1252, the way Excel on "
                                  "Windows saves CSV. Check that accented names look right in the "
                                  "preview; if not, save it as \"CSV UTF-8\" and open it again.");
    m_summary->setText(summary);
    m_check->setEnabled(true);
    m_import->setEnabled(true);
    return true;
}

QList<ImportField> ImportDialog::mapping() const
{
    QList<ImportField> out;
    for (int c = 0; c < m_preview->columnCount(); ++c) {
        auto* box = qobject_cast<QComboBox*>(m_preview->cellWidget(0, c));
        out << (box ? ImportField(box->currentData().toInt()) : ImportField::Ignore);
    }
    return out;
}

void ImportDialog::runImport(bool dryRun)
{
    Database& db = m_db;
    const auto fields = mapping();
    auto report = TaskRunner::runWith<Result<ImportReport>>(
        m_tasks, this, dryRun ? tr("Checking…") : tr("Importing…"), false,
        [&db, this, fields, dryRun](const TaskRunner::Progress&) {
            return ClientImport::run(db, m_table, fields, m_staffId, dryRun);
        });
    if (!report) {
        m_summary->setText(report.message());
        return;
    }
    m_report = report.value();
    QStringList lines;
    for (const ImportIssue& i : m_report.rejected.mid(0, 20))
        lines << tr("line %1: %2").arg(i.line).arg(i.reason);
    if (m_report.rejected.size() > 20)
        lines << tr("… and %n more", nullptr, int(m_report.rejected.size() - 20));
    const QString head = dryRun ? tr("Would import %n client(s).", nullptr, m_report.imported)
                                : tr("Imported %n client(s).", nullptr, m_report.imported);
    m_summary->setText(head + QLatin1Char(' ') +
                       (m_report.rejected.isEmpty() ? tr("No rows rejected.")
                                                    : tr("%n row(s) rejected and not imported:", nullptr,
                                                         int(m_report.rejected.size())) +
                                                          QLatin1Char('\n') + lines.join(QLatin1Char('\n'))));
    if (!dryRun) {
        // Stay open so the rejected rows can be read; closing now reports success to the caller.
        m_done = true;
        m_check->setEnabled(false);
        m_import->setEnabled(false);
        m_close->setText(tr("Close"));
        m_close->setFocus();
    }
}

} // namespace cd::ui
