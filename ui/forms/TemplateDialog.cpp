#include "forms/TemplateDialog.h"

#include "common/Style.h"
#include "desk/Workspace.h"
#include "storage/Sql.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

enum Column { Id, Kind, Text, Required, Options, FollowUp, Flag, Agree, Columns };

QString joined(const QStringList& items)
{
    return items.join(QStringLiteral("; "));
}

QStringList split(const QString& text, QChar by)
{
    QStringList out;
    for (const QString& part : text.split(by, Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

} // namespace

TemplateDialog::TemplateDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_manager(workspace.isManager())
{
    setObjectName(QStringLiteral("templateDialog"));
    setWindowTitle(tr("Form templates"));
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("templateList"));
    auto* newForm = new QPushButton(tr("&New form…"));
    newForm->setObjectName(QStringLiteral("templateNew"));
    newForm->setEnabled(m_manager);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(newForm);

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("templateName"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("templateKind"));
    for (FormKind k : vocab::all<FormKind>())
        m_kind->addItem(vocab::label(k), vocab::code(k));
    m_requiredFor = new QLineEdit;
    m_requiredFor->setObjectName(QStringLiteral("templateRequiredFor"));
    m_requiredFor->setPlaceholderText(tr("e.g. injections, filler (empty: never required)"));
    m_requiredFor->setToolTip(tr("Treatments whose name contains one of these words need this form signed in "
                                 "the year before them"));
    m_intro = new QPlainTextEdit;
    m_intro->setObjectName(QStringLiteral("templateIntro"));
    m_intro->setTabChangesFocus(true);
    m_intro->setFixedHeight(m_intro->fontMetrics().lineSpacing() * 5 + 12);
    m_questions = new QTableWidget(0, Columns);
    m_questions->setObjectName(QStringLiteral("templateQuestions"));
    m_questions->setHorizontalHeaderLabels({tr("Id"), tr("Kind"), tr("Question"), tr("Required"),
                                            tr("Choices"), tr("Follow-up"), tr("Flag"), tr("Must be yes")});
    const std::pair<Column, QString> tips[] = {
        {Id, tr("The question's name in the form's data: keep it across versions")},
        {Options, tr("For a choice: the choices, with ; between them")},
        {FollowUp, tr("For a yes or no: asked when the answer is yes (“Which medicine?”)")},
        {Flag, tr("For a yes or no: a yes shows on the client's record as this (“Anticoagulants”)")},
        {Agree, tr("For a yes or no: the form gives consent only when this is answered yes")}};
    for (const auto& [column, tip] : tips)
        m_questions->horizontalHeaderItem(column)->setToolTip(tip);
    m_questions->verticalHeader()->hide();
    m_questions->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_questions->setSelectionMode(QAbstractItemView::SingleSelection);
    m_questions->setWordWrap(false);
    m_questions->horizontalHeader()->setSectionResizeMode(Text, QHeaderView::Stretch);
    for (const auto& [column, width] : {std::pair{Id, 85},
                                        {Kind, 95},
                                        {Required, 70},
                                        {Options, 80},
                                        {FollowUp, 100},
                                        {Flag, 90},
                                        {Agree, 95}})
        m_questions->setColumnWidth(column, width);
    auto* add = new QPushButton(tr("&Add question"));
    add->setObjectName(QStringLiteral("templateAddQuestion"));
    auto* remove = new QPushButton(tr("Re&move"));
    remove->setObjectName(QStringLiteral("templateRemoveQuestion"));
    auto* up = new QPushButton(tr("&Up"));
    auto* down = new QPushButton(tr("Do&wn"));
    for (QPushButton* b : {add, remove, up, down})
        b->setEnabled(m_manager);
    auto* questionButtons = new QHBoxLayout;
    questionButtons->addWidget(add);
    questionButtons->addWidget(remove);
    questionButtons->addWidget(up);
    questionButtons->addWidget(down);
    questionButtons->addStretch();

    // The chosen question's wording in full (the list shows the start of it).
    m_wording = new QPlainTextEdit;
    m_wording->setObjectName(QStringLiteral("templateWording"));
    m_wording->setTabChangesFocus(true);
    m_wording->setPlaceholderText(tr("Choose a question to see and change its wording"));
    m_wording->setFixedHeight(m_wording->fontMetrics().lineSpacing() * 3 + 12);
    m_wording->setReadOnly(!m_manager);
    m_state = new QLabel;
    m_state->setObjectName(QStringLiteral("templateState"));
    m_state->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("Needed &before:"), m_requiredFor);
    form->addRow(tr("&Introduction:"), m_intro);
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(form);
    rightLayout->addWidget(new QLabel(tr("<b>Questions</b>, in the order the client answers them")));
    rightLayout->addWidget(m_questions, 1);
    rightLayout->addLayout(questionButtons);
    auto* wordingLabel = new QLabel(tr("&Wording of the chosen question:"));
    wordingLabel->setBuddy(m_wording);
    rightLayout->addWidget(wordingLabel);
    rightLayout->addWidget(m_wording);
    rightLayout->addWidget(m_state);

    auto* panes = new QSplitter;
    panes->addWidget(left);
    panes->addWidget(right);
    panes->setStretchFactor(1, 1);
    panes->setSizes({290, 910});
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_save = buttons->addButton(tr("&Save as a new version"), QDialogButtonBox::ActionRole);
    m_save->setObjectName(QStringLiteral("templateSave"));
    m_save->setEnabled(m_manager);
    if (!m_manager)
        m_save->setToolTip(tr("Managers change the clinic's forms"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(panes, 1);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_templates.size())
            showTemplate(m_templates.at(row));
    });
    connect(newForm, &QPushButton::clicked, this, &TemplateDialog::startNew);
    connect(m_questions, &QTableWidget::currentCellChanged, this, [this](int row) {
        const QTableWidgetItem* item = row >= 0 ? m_questions->item(row, Text) : nullptr;
        const QSignalBlocker quiet(m_wording);
        m_wording->setPlainText(item ? item->text() : QString());
        m_wording->setEnabled(item != nullptr);
    });
    connect(m_wording, &QPlainTextEdit::textChanged, this, [this] {
        if (QTableWidgetItem* item = m_questions->item(m_questions->currentRow(), Text)) {
            item->setText(m_wording->toPlainText());
            item->setToolTip(item->text());
        }
    });
    connect(add, &QPushButton::clicked, this, [this] {
        FormQuestion q;
        q.id = QStringLiteral("question_%1").arg(m_questions->rowCount() + 1);
        addQuestion(q);
        m_questions->selectRow(m_questions->rowCount() - 1);
        m_questions->setCurrentCell(m_questions->rowCount() - 1, Text);
        m_wording->setFocus();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (const int row = m_questions->currentRow(); row >= 0)
            m_questions->removeRow(row);
    });
    connect(up, &QPushButton::clicked, this, [this] { moveQuestion(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveQuestion(1); });
    connect(m_save, &QPushButton::clicked, this, &TemplateDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    reload();
    resize(1200, 640);
}

void TemplateDialog::reload(const QString& select)
{
    m_list->clear();
    auto templates = Forms(m_workspace.db()).templates();
    m_templates = templates ? templates.value() : QList<FormTemplate>{};
    int chosen = 0;
    for (int i = 0; i < m_templates.size(); ++i) {
        const FormTemplate& t = m_templates.at(i);
        m_list->addItem(tr("%1 (version %2)").arg(t.name).arg(t.version));
        if (t.name == select)
            chosen = i;
    }
    if (!templates) {
        m_state->setText(templates.message());
        style::setTone(m_state, style::Tone::Error);
    }
    if (!m_templates.isEmpty())
        m_list->setCurrentRow(chosen);
}

void TemplateDialog::showTemplate(const FormTemplate& t)
{
    m_current = t;
    m_name->setText(t.name);
    // A form's name is what its versions share: a new name is a new form.
    m_name->setReadOnly(t.version > 0 || !m_manager);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(vocab::code(t.kind))));
    m_kind->setEnabled(m_manager);
    m_requiredFor->setText(t.requiredFor.join(QStringLiteral(", ")));
    m_requiredFor->setReadOnly(!m_manager);
    m_intro->setPlainText(t.intro);
    m_intro->setReadOnly(!m_manager);
    m_questions->setRowCount(0);
    for (const FormQuestion& q : t.questions)
        addQuestion(q);
    m_state->setText(t.version > 0
                         ? tr("Version %1, saved %2. Saving makes version %3; forms signed on "
                              "version %1 keep the wording they were signed on.")
                               .arg(t.version)
                               .arg(QLocale().toString(QDate::fromString(t.createdAt.left(10), Qt::ISODate),
                                                       QStringLiteral("d MMMM yyyy")))
                               .arg(t.version + 1)
                         : tr("A new form: saving makes its version 1."));
    style::setTone(m_state, style::Tone::Muted);
}

void TemplateDialog::addQuestion(const FormQuestion& q)
{
    const int row = m_questions->rowCount();
    m_questions->insertRow(row);
    const auto put = [&](int column, const QString& text) {
        auto* item = new QTableWidgetItem(text);
        item->setToolTip(text);
        if (!m_manager)
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        m_questions->setItem(row, column, item);
    };
    const auto check = [&](int column, bool on) {
        auto* item = new QTableWidgetItem;
        item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled |
                       (m_manager ? Qt::ItemIsUserCheckable : Qt::NoItemFlags));
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        m_questions->setItem(row, column, item);
    };
    put(Id, q.id);
    auto* kind = new QComboBox;
    for (QuestionKind k : vocab::all<QuestionKind>())
        kind->addItem(vocab::label(k), vocab::code(k));
    kind->setCurrentIndex(std::max(0, kind->findData(vocab::code(q.kind))));
    kind->setEnabled(m_manager);
    m_questions->setCellWidget(row, Kind, kind);
    put(Text, q.text);
    check(Required, q.required);
    put(Options, joined(q.options));
    put(FollowUp, q.followUp);
    put(Flag, q.flag);
    check(Agree, q.agree);
}

void TemplateDialog::moveQuestion(int by)
{
    const int row = m_questions->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_questions->rowCount())
        return;
    FormTemplate t = edited();
    t.questions.swapItemsAt(row, to);
    m_questions->setRowCount(0);
    for (const FormQuestion& q : t.questions)
        addQuestion(q);
    m_questions->selectRow(to);
}

void TemplateDialog::startNew()
{
    m_list->clearSelection();
    FormTemplate t;
    t.kind = FormKind::Consent;
    showTemplate(t);
    m_name->setFocus();
}

FormTemplate TemplateDialog::edited() const
{
    FormTemplate t = m_current;
    t.name = m_name->text().trimmed();
    t.kind = vocab::fromCode<FormKind>(m_kind->currentData().toString()).value_or(FormKind::Consent);
    t.requiredFor = split(m_requiredFor->text(), QLatin1Char(','));
    t.intro = m_intro->toPlainText().trimmed();
    t.questions.clear();
    for (int row = 0; row < m_questions->rowCount(); ++row) {
        const auto text = [&](int column) {
            const QTableWidgetItem* item = m_questions->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        const auto checked = [&](int column) {
            const QTableWidgetItem* item = m_questions->item(row, column);
            return item && item->checkState() == Qt::Checked;
        };
        FormQuestion q;
        q.id = text(Id);
        if (auto* kind = qobject_cast<QComboBox*>(m_questions->cellWidget(row, Kind)))
            q.kind =
                vocab::fromCode<QuestionKind>(kind->currentData().toString()).value_or(QuestionKind::Text);
        q.text = text(Text);
        q.required = checked(Required);
        q.options = split(text(Options), QLatin1Char(';'));
        q.followUp = text(FollowUp);
        q.flag = text(Flag);
        q.agree = checked(Agree);
        t.questions.append(q);
    }
    return t;
}

bool TemplateDialog::save()
{
    const FormTemplate t = edited();
    auto saved = Forms(m_workspace.db()).saveTemplate(t);
    if (!saved) {
        m_state->setText(saved.message());
        style::setTone(m_state, style::Tone::Error);
        return false;
    }
    reload(saved->name);
    m_state->setText(tr("Saved “%1” as version %2. Forms signed on earlier versions keep their wording; "
                        "new forms are signed on this one.")
                         .arg(saved->name)
                         .arg(saved->version));
    style::setTone(m_state, style::Tone::Success);
    return true;
}

} // namespace cd::ui
