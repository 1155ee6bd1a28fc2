#include "forms/FormDialog.h"

#include "common/Style.h"
#include "desk/Workspace.h"
#include "forms/SignaturePad.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace cd::ui {

FormDialog::FormDialog(Workspace& workspace, qint64 clientId, const FormTemplate& form,
                       const SignedForm* replacing, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_client(clientId), m_form(form),
      m_replaces(replacing ? replacing->id : 0)
{
    setObjectName(QStringLiteral("formDialog"));
    setWindowTitle(replacing ? tr("Correct: %1").arg(form.name) : form.name);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* title = new QLabel(form.name);
    title->setFont(style::font(style::TextSize::Title, true));
    layout->addWidget(title);
    auto* version = new QLabel(
        replacing ? tr("Version %1 · corrects form %2, signed %3")
                        .arg(form.version)
                        .arg(replacing->id)
                        .arg(QLocale().toString(replacing->signedAt.toLocalTime(), QLocale::ShortFormat))
                  : tr("Version %1").arg(form.version));
    style::setTone(version, style::Tone::Muted);
    layout->addWidget(version);
    if (!form.intro.isEmpty()) {
        auto* intro = new QLabel(form.intro);
        intro->setWordWrap(true);
        layout->addWidget(intro);
    }
    // A question above its answer, across the whole width: the client reads the wording as signed.
    auto* questions = new QVBoxLayout;
    questions->setSpacing(4);
    for (const FormQuestion& q : form.questions) {
        Control c;
        c.question = q;
        const FormAnswer before = replacing ? replacing->answers.value(q.id) : FormAnswer{};
        auto* label =
            new QLabel(q.required ? tr("%1 <span style='color:%2'>*</span>")
                                        .arg(q.text.toHtmlEscaped(), palette::css(palette::now().error))
                                  : q.text.toHtmlEscaped());
        label->setWordWrap(true);
        QWidget* field = nullptr;
        switch (q.kind) {
        case QuestionKind::YesNo: {
            field = new QWidget;
            auto* row = new QHBoxLayout(field);
            row->setContentsMargins(0, 0, 0, 0);
            c.yesNo = new QButtonGroup(field);
            auto* yes = new QRadioButton(tr("Yes"));
            yes->setObjectName(QStringLiteral("form_%1_yes").arg(q.id));
            auto* no = new QRadioButton(tr("No"));
            no->setObjectName(QStringLiteral("form_%1_no").arg(q.id));
            c.yesNo->addButton(yes, 1);
            c.yesNo->addButton(no, 0);
            for (QRadioButton* b : {yes, no}) // as wide as their words: a click beside them is no answer
                b->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
            yes->setChecked(before.value == QLatin1String("yes"));
            no->setChecked(before.value == QLatin1String("no"));
            row->addWidget(yes);
            row->addWidget(no);
            if (!q.followUp.isEmpty()) {
                auto* detail = new QLineEdit(before.detail);
                detail->setObjectName(QStringLiteral("form_%1_detail").arg(q.id));
                detail->setPlaceholderText(q.followUp);
                detail->setAccessibleName(q.followUp);
                detail->setVisible(yes->isChecked());
                connect(yes, &QRadioButton::toggled, detail, &QWidget::setVisible);
                row->addWidget(detail, 10);
                c.followUp = detail;
            }
            row->addStretch(1); // Yes and No stay together on the left
            break;
        }
        case QuestionKind::Choice: {
            auto* box = new QComboBox;
            box->addItems(q.options);
            box->setPlaceholderText(tr("Choose…"));
            box->setCurrentIndex(int(q.options.indexOf(before.value)));
            field = c.input = box;
            break;
        }
        case QuestionKind::Text:
        case QuestionKind::Date: {
            auto* edit = new QLineEdit(
                q.kind == QuestionKind::Date && !before.value.isEmpty()
                    ? QDate::fromString(before.value, Qt::ISODate).toString(QStringLiteral("dd/MM/yyyy"))
                    : before.value);
            if (q.kind == QuestionKind::Date)
                edit->setPlaceholderText(tr("dd/mm/yyyy"));
            field = c.input = edit;
            break;
        }
        }
        if (c.input)
            c.input->setObjectName(QStringLiteral("form_%1").arg(q.id));
        field->setAccessibleName(q.text);
        label->setBuddy(c.input ? c.input : field);
        questions->addSpacing(8);
        questions->addWidget(label);
        questions->addWidget(field);
        m_controls.append(c);
    }
    layout->addLayout(questions);
    auto* signHere = new QLabel(tr("<b>Signature</b> — with a finger, a stylus or the mouse"));
    layout->addWidget(signHere);
    m_pad = new SignaturePad;
    auto* clear = new QPushButton(tr("C&lear signature"));
    clear->setObjectName(QStringLiteral("signatureClear"));
    auto* padRow = new QHBoxLayout;
    padRow->addWidget(m_pad, 1);
    padRow->addWidget(clear, 0, Qt::AlignBottom);
    layout->addLayout(padRow);
    layout->addStretch();

    auto* scroll = new QScrollArea;
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_error = style::errorLabel(QStringLiteral("formError"), true);
    m_sign = new QPushButton(tr("&Sign and lock"));
    m_sign->setObjectName(QStringLiteral("formSign"));
    m_sign->setDefault(true);
    m_sign->setEnabled(false);
    m_sign->setToolTip(tr("The client signs first."));
    auto* buttons = new QDialogButtonBox;
    buttons->addButton(m_sign, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto* outer = new QVBoxLayout(this);
    outer->addWidget(scroll, 1);
    outer->addWidget(m_error);
    outer->addWidget(buttons);

    connect(clear, &QPushButton::clicked, m_pad, &SignaturePad::clear);
    connect(m_pad, &SignaturePad::changed, this, [this] {
        m_sign->setEnabled(!m_pad->isEmpty());
        m_sign->setToolTip(m_pad->isEmpty() ? tr("The client signs first.") : QString());
    });
    connect(m_sign, &QPushButton::clicked, this, &FormDialog::sign);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(640, 720);
}

QHash<QString, FormAnswer> FormDialog::answers() const
{
    QHash<QString, FormAnswer> out;
    for (const Control& c : m_controls) {
        FormAnswer a;
        if (c.yesNo) {
            if (c.yesNo->checkedId() < 0)
                continue;
            a.value = c.yesNo->checkedId() == 1 ? QStringLiteral("yes") : QStringLiteral("no");
            if (auto* detail = qobject_cast<QLineEdit*>(c.followUp);
                detail && a.value == QLatin1String("yes"))
                a.detail = detail->text();
        } else if (auto* box = qobject_cast<QComboBox*>(c.input)) {
            a.value = box->currentIndex() >= 0 ? box->currentText() : QString();
        } else if (auto* edit = qobject_cast<QLineEdit*>(c.input)) {
            a.value = edit->text().trimmed();
            if (c.question.kind == QuestionKind::Date && !a.value.isEmpty()) {
                const QDate d = QDate::fromString(a.value, QStringLiteral("d/M/yyyy"));
                a.value = d.isValid() ? d.toString(Qt::ISODate) : a.value;
            }
        }
        if (!a.value.isEmpty())
            out.insert(c.question.id, a);
    }
    return out;
}

void FormDialog::sign()
{
    Forms::Signing s;
    s.clientId = m_client;
    s.templateName = m_form.name;
    s.answers = answers();
    s.signaturePng = m_pad->png();
    s.replaces = m_replaces;
    s.templateId = m_form.id; // the wording on screen is the wording signed
    for (const Control& c : m_controls)
        if (c.question.kind == QuestionKind::Date)
            if (const QString typed = s.answers.value(c.question.id).value;
                !typed.isEmpty() && !QDate::fromString(typed, Qt::ISODate).isValid()) {
                m_error->setText(tr("Type the date for “%1” as dd/mm/yyyy.").arg(c.question.text));
                m_error->show();
                return;
            }
    auto form = Forms(m_workspace.db()).sign(s);
    if (!form) {
        m_error->setText(form.message());
        m_error->show();
        return;
    }
    m_signedId = form->id;
    accept();
}

} // namespace cd::ui
