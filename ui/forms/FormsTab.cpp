#include "forms/FormsTab.h"

#include "accounts/Access.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "forms/FormDialog.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

QString when(const QDateTime& at)
{
    return QLocale().toString(at.toLocalTime(), QStringLiteral("dd/MM/yyyy HH:mm"));
}

QString answerText(const FormQuestion& q, const FormAnswer& a)
{
    if (a.value.isEmpty())
        return QObject::tr("(not answered)");
    QString v = a.value;
    if (q.kind == QuestionKind::YesNo)
        v = a.value == QLatin1String("yes") ? QObject::tr("Yes") : QObject::tr("No");
    else if (q.kind == QuestionKind::Date)
        v = QLocale().toString(QDate::fromString(a.value, Qt::ISODate), QLocale::ShortFormat);
    return a.detail.isEmpty() ? v : QObject::tr("%1: %2").arg(v, a.detail);
}

} // namespace

QString signedFormHtml(const SignedForm& f)
{
    QString h = QStringLiteral("<h2>%1</h2>").arg(f.form.name.toHtmlEscaped());
    h += QObject::tr("<p>Version %1 · signed %2 · taken by %3 · form %4%5</p>")
             .arg(f.form.version)
             .arg(when(f.signedAt), f.signedByName.toHtmlEscaped())
             .arg(f.id)
             .arg(f.replaces > 0 ? QObject::tr(" · corrects form %1").arg(f.replaces) : QString());
    if (!f.intact)
        h += style::errorHtml(QObject::tr("<p><b>This form is not as it was signed:</b> %1 Tell the clinic's "
                                          "manager; rely on the audit log's record of it.</p>")
                                  .arg(f.problem.toHtmlEscaped()));
    if (!f.form.intro.isEmpty())
        h += QStringLiteral("<p><i>%1</i></p>").arg(f.form.intro.toHtmlEscaped());
    h += QStringLiteral("<table cellpadding='4' width='100%'>");
    for (const FormQuestion& q : f.form.questions)
        h += QStringLiteral("<tr><td width='60%'>%1</td><td><b>%2</b></td></tr>")
                 .arg(q.text.toHtmlEscaped(), answerText(q, f.answers.value(q.id)).toHtmlEscaped());
    h += QStringLiteral("</table>");
    h += QObject::tr("<p>Signature:<br><img src='signature:form'></p>");
    h += style::mutedHtml(QObject::tr("Locked when signed. Fingerprint (SHA-256): %1").arg(f.sha256));
    return h;
}

FormsTab::FormsTab(Workspace& workspace, QWidget* parent) : QWidget(parent), m_workspace(workspace)
{
    m_flags = new QLabel;
    m_flags->setObjectName(QStringLiteral("formFlags"));
    m_flags->setWordWrap(true);
    style::setBanner(m_flags, style::Tone::Warning);
    m_flags->hide();
    m_list = style::listTable(QStringLiteral("formList"),
                              {tr("Signed"), tr("Form"), tr("Version"), tr("Taken by"), tr("State")});
    m_list->setAccessibleName(tr("Signed forms"));
    m_templates = new QComboBox;
    m_templates->setObjectName(QStringLiteral("formTemplates"));
    m_templates->setAccessibleName(tr("Form to sign"));
    m_sign = new QPushButton(tr("Si&gn…"));
    m_sign->setObjectName(QStringLiteral("formSignNew"));
    m_open = new QPushButton(tr("&Open…"));
    m_open->setObjectName(QStringLiteral("formOpen"));
    m_open->setEnabled(false);
    m_problem = style::errorLabel(QStringLiteral("formProblem"), true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_problem, 1);
    buttons->addStretch(1);
    buttons->addWidget(m_open);
    buttons->addSpacing(24);
    auto* newLabel = new QLabel(tr("A new form:"));
    newLabel->setBuddy(m_templates);
    buttons->addWidget(newLabel);
    buttons->addWidget(m_templates);
    buttons->addWidget(m_sign);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_flags);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_sign, &QPushButton::clicked, this, [this] { signForm(m_templates->currentText()); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (auto* item = m_list->currentItem())
            openForm(item->data(0, Qt::UserRole).toLongLong());
    });
    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { openForm(item->data(0, Qt::UserRole).toLongLong()); });
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* item) { m_open->setEnabled(item != nullptr); });
}

void FormsTab::setClient(qint64 clientId)
{
    m_client = clientId;
    reload();
}

void FormsTab::reload()
{
    m_list->clear();
    m_problem->hide();
    m_flags->hide();
    const QString chosen = m_templates->currentText();
    m_templates->clear();
    if (auto templates = Forms(m_workspace.db()).templates())
        for (const FormTemplate& t : templates.value())
            m_templates->addItem(t.name);
    if (const int again = m_templates->findText(chosen); again >= 0)
        m_templates->setCurrentIndex(again);
    m_sign->setEnabled(m_client > 0 && m_templates->count() > 0);
    if (m_client <= 0) {
        Q_EMIT countChanged(0);
        return;
    }
    auto forms = Forms(m_workspace.db()).forClient(m_client);
    if (!forms) {
        m_problem->setText(forms.message());
        m_problem->show();
        Q_EMIT countChanged(0);
        return;
    }
    QSet<qint64> replaced;
    for (const SignedForm& f : forms.value())
        if (f.replaces > 0)
            replaced.insert(f.replaces);
    for (const SignedForm& f : forms.value()) {
        const QString state = !f.intact                 ? tr("ALTERED since signing")
                              : replaced.contains(f.id) ? tr("Corrected by a later form")
                              : f.contentRead           ? tr("Locked")
                                                        : tr("Locked (practitioners read it)");
        auto* item = new QTreeWidgetItem(
            m_list, {when(f.signedAt), f.form.name, QString::number(f.form.version), f.signedByName, state});
        item->setData(0, Qt::UserRole, f.id);
        if (!f.intact)
            item->setToolTip(4, f.problem);
        if (!f.intact)
            for (int c = 0; c < 5; ++c)
                item->setForeground(c, QColor(palette::now().error));
        else if (replaced.contains(f.id))
            for (int c = 0; c < 5; ++c)
                item->setForeground(c, QColor(palette::now().muted));
    }
    for (int c = 0; c < m_list->columnCount(); ++c)
        m_list->resizeColumnToContents(c);
    if (m_workspace.may(Action::TreatmentNotes))
        if (auto flags = Forms(m_workspace.db()).flags(m_client); flags && !flags->isEmpty()) {
            QStringList said;
            for (const ClientFlag& f : flags.value())
                said << (f.detail.isEmpty()
                             ? f.flag.toHtmlEscaped()
                             : tr("%1: %2").arg(f.flag.toHtmlEscaped(), f.detail.toHtmlEscaped()));
            m_flags->setText(tr("<b>From the client's forms:</b> %1").arg(said.join(QStringLiteral(" · "))));
            m_flags->show();
        }
    Q_EMIT countChanged(int(forms->size()));
}

bool FormsTab::signForm(const QString& templateName)
{
    auto t = Forms(m_workspace.db()).latest(templateName);
    if (!t) {
        m_problem->setText(t.message());
        m_problem->show();
        return false;
    }
    FormDialog d(m_workspace, m_client, t.value(), nullptr, this);
    const bool done = d.exec() == QDialog::Accepted;
    reload();
    return done;
}

void FormsTab::correct(const SignedForm& old)
{
    auto t = Forms(m_workspace.db()).latest(old.form.name);
    if (!t)
        return;
    FormDialog d(m_workspace, m_client, t.value(), &old, this);
    d.exec();
    reload();
}

void FormsTab::openForm(qint64 formId)
{
    auto f = Forms(m_workspace.db()).get(formId);
    if (!f) {
        m_problem->setText(f.message());
        m_problem->show();
        return;
    }
    if (!f->contentRead) {
        m_problem->setText(
            tr("A signed form holds health data: only practitioners and managers can read it."));
        m_problem->show();
        return;
    }
    QDialog d(this);
    d.setObjectName(QStringLiteral("formView"));
    d.setWindowTitle(f->form.name);
    auto* text = new QTextBrowser;
    text->setObjectName(QStringLiteral("formViewText"));
    text->document()->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("signature:form")),
                                  QImage::fromData(f->signaturePng, "PNG"));
    text->setHtml(signedFormHtml(f.value()));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* correction = buttons->addButton(tr("&Correct…"), QDialogButtonBox::ActionRole);
    correction->setObjectName(QStringLiteral("formCorrect"));
    correction->setToolTip(
        tr("A signed form is never changed: a correction is a new form, signed again, that "
           "replaces this one."));
    auto* layout = new QVBoxLayout(&d);
    layout->addWidget(text);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    bool correcting = false;
    connect(correction, &QPushButton::clicked, &d, [&] {
        correcting = true;
        d.accept();
    });
    d.resize(640, 720);
    d.exec();
    if (correcting)
        correct(f.value());
}

} // namespace cd::ui
