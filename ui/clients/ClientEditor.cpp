#include "clients/ClientEditor.h"

#include "clients/ClientStore.h"
#include "clients/Phone.h"
#include "common/Ask.h"
#include "common/Style.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cd::ui {

Client ClientEditor::fromSearchText(const QString& text)
{
    Client c;
    const QString t = text.trimmed();
    if (phone::looksLikePhone(t))
        c.phones.append({QStringLiteral("mobile"), t, QString()});
    else if (t.contains(QLatin1Char('@')))
        c.emails.append({QStringLiteral("personal"), t});
    else
        std::tie(c.firstName, c.lastName) = client::splitName(t);
    return c;
}

QLineEdit* ClientEditor::addLine(QFormLayout* form, const QString& label, const QString& name,
                                 const QString& value)
{
    auto* e = new QLineEdit(value);
    e->setObjectName(name);
    e->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    form->addRow(label, e);
    connect(e, &QLineEdit::textEdited, this, [this] { m_dirty = true; });
    return e;
}

ClientEditor::ClientEditor(ClientStore& clients, Client client, QWidget* parent)
    : QDialog(parent), m_clients(clients), m_client(std::move(client))
{
    setWindowTitle(m_client.id ? tr("Edit %1").arg(m_client.displayName()) : tr("New client"));
    const Client& c = m_client;
    auto at = [](const auto& list, int i) {
        return i < list.size() ? list.at(i) : typename std::decay_t<decltype(list)>::value_type{};
    };

    auto* person = new QGroupBox(tr("Person"));
    auto* pf = new QFormLayout(person);
    m_title = new QComboBox;
    m_title->setEditable(true);
    m_title->addItems({QString(), QStringLiteral("Ms"), QStringLiteral("Mrs"), QStringLiteral("Miss"),
                       QStringLiteral("Mr"), QStringLiteral("Mx"), QStringLiteral("Dr")});
    m_title->setCurrentText(c.title);
    m_title->setObjectName(QStringLiteral("title"));
    pf->addRow(tr("&Title:"), m_title);
    m_first = addLine(pf, tr("&First name:"), QStringLiteral("firstName"), c.firstName);
    m_last = addLine(pf, tr("&Last name:"), QStringLiteral("lastName"), c.lastName);
    m_preferred = addLine(pf, tr("P&referred name:"), QStringLiteral("preferredName"), c.preferredName);
    m_pronouns = addLine(pf, tr("Pro&nouns:"), QStringLiteral("pronouns"), c.pronouns);
    m_dob =
        addLine(pf, tr("&Date of birth:"), QStringLiteral("dateOfBirth"),
                c.dateOfBirth.isValid() ? c.dateOfBirth.toString(QStringLiteral("dd/MM/yyyy")) : QString());
    m_dob->setPlaceholderText(tr("dd/mm/yyyy (optional)"));
    m_status = new QComboBox;
    m_status->setObjectName(QStringLiteral("status"));
    for (ClientStatus s : vocab::all<ClientStatus>())
        m_status->addItem(vocab::label(s), vocab::code(s));
    m_status->setCurrentIndex(std::max(0, m_status->findData(vocab::code(c.status))));
    pf->addRow(tr("&Status:"), m_status);
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("source"));
    m_source->addItem(QString(), QString());
    for (const QString& s : client::sources())
        m_source->addItem(s, s);
    m_source->setCurrentIndex(std::max(0, m_source->findData(c.source)));
    pf->addRow(tr("Found us &via:"), m_source);

    auto* contact = new QGroupBox(tr("Contact"));
    auto* cf = new QFormLayout(contact);
    m_phone = addLine(cf, tr("&Mobile:"), QStringLiteral("phone"), at(c.phones, 0).number);
    m_phoneHint = new QLabel;
    m_phoneHint->setObjectName(QStringLiteral("phoneHint"));
    cf->addRow(QString(), m_phoneHint);
    m_phone2 = addLine(cf, tr("Other &phone:"), QStringLiteral("phone2"), at(c.phones, 1).number);
    m_email = addLine(cf, tr("&Email:"), QStringLiteral("email"), at(c.emails, 0).address);
    m_emailHint = new QLabel;
    m_emailHint->setObjectName(QStringLiteral("emailHint"));
    cf->addRow(QString(), m_emailHint);
    m_email2 = addLine(cf, tr("Other e&mail:"), QStringLiteral("email2"), at(c.emails, 1).address);
    const PostalAddress a = at(c.addresses, 0);
    m_line1 = addLine(cf, tr("&Address:"), QStringLiteral("addressLine1"), a.line1);
    m_line2 = addLine(cf, QString(), QStringLiteral("addressLine2"), a.line2);
    m_town = addLine(cf, tr("To&wn:"), QStringLiteral("town"), a.town);
    m_postcode = addLine(cf, tr("Post&code:"), QStringLiteral("postcode"), a.postcode);
    m_handleService = new QComboBox;
    m_handleService->setEditable(true);
    m_handleService->addItems({QStringLiteral("Instagram"), QStringLiteral("WhatsApp"),
                               QStringLiteral("Skype"), QStringLiteral("Facebook"),
                               QStringLiteral("TikTok")});
    const MessagingHandle h = at(c.handles, 0);
    if (!h.service.isEmpty())
        m_handleService->setCurrentText(h.service);
    m_handle = new QLineEdit(h.handle);
    m_handle->setObjectName(QStringLiteral("handle"));
    auto* handleRow = new QHBoxLayout;
    handleRow->addWidget(m_handleService);
    handleRow->addWidget(m_handle, 1);
    auto* handleLabel = new QLabel(tr("&Messaging:"));
    handleLabel->setBuddy(m_handle); // a layout cannot be a buddy: the handle is what one types
    cf->addRow(handleLabel, handleRow);
    m_tags = addLine(cf, tr("Ta&gs:"), QStringLiteral("tags"), c.tags.join(QStringLiteral(", ")));

    m_duplicates = new QLabel;
    m_duplicates->setObjectName(QStringLiteral("duplicateWarning"));
    m_duplicates->setWordWrap(true);
    style::setBanner(m_duplicates, style::Tone::Warning);
    m_duplicates->hide();
    // A phone, email or name and birthday already on file asks for a choice before Save does
    // anything: open the client on file, or keep this one apart with a reason.
    m_dupChoice = new QWidget;
    auto* choice = new QHBoxLayout(m_dupChoice);
    choice->setContentsMargins(0, 0, 0, 0);
    m_dupOpen = new QPushButton;
    m_dupOpen->setObjectName(QStringLiteral("duplicateOpen"));
    m_dupReason = new QComboBox;
    m_dupReason->setObjectName(QStringLiteral("duplicateReason"));
    m_dupReason->setAccessibleName(tr("Why this is a different person"));
    m_dupReason->addItem(tr("Why a different person?"), QString());
    m_dupReason->addItem(tr("Family or household sharing the number or email"), QStringLiteral("household"));
    m_dupReason->addItem(tr("Another person with the same name"), QStringLiteral("same_name"));
    m_dupReason->addItem(tr("Another reason, checked with the client"), QStringLiteral("other"));
    auto* apart = new QPushButton(tr("Save as a &different person"));
    apart->setObjectName(QStringLiteral("duplicateSaveApart"));
    choice->addWidget(m_dupOpen);
    choice->addStretch();
    choice->addWidget(m_dupReason);
    choice->addWidget(apart);
    m_dupChoice->hide();
    if (m_client.id != 0)
        if (auto before = m_clients.duplicatesOf(m_client))
            for (const DuplicateMatch& m : before.value())
                m_settledMatches.insert(m.clientId);
    connect(m_dupOpen, &QPushButton::clicked, this, [this] {
        if (m_matches.isEmpty())
            return;
        m_openExisting = m_matches.first().clientId;
        m_dirty = false;
        QDialog::reject();
    });
    connect(apart, &QPushButton::clicked, this, [this] {
        if (m_dupReason->currentData().toString().isEmpty())
            return m_error->setText(tr("Say why this is a different person from the one on file."));
        m_keepApart = true;
        save();
    });
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("editorError"));
    style::setTone(m_error, style::Tone::Error);
    m_error->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveClient"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ClientEditor::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &ClientEditor::reject);

    // Why Save is greyed, in words beside it (not only in a tooltip nobody hovers over).
    m_saveWhy = new QLabel;
    m_saveWhy->setObjectName(QStringLiteral("saveWhy"));
    style::setTone(m_saveWhy, style::Tone::Muted);
    m_saveWhy->setWordWrap(true);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_saveWhy, 1);
    bottom->addWidget(buttons);

    auto* columns = new QHBoxLayout;
    columns->addWidget(person);
    columns->addWidget(contact);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_duplicates);
    layout->addWidget(m_dupChoice);
    layout->addWidget(m_error);
    layout->addLayout(bottom);

    for (QLineEdit* e : {m_phone, m_phone2, m_email, m_email2, m_first, m_last, m_dob})
        connect(e, &QLineEdit::textChanged, this, &ClientEditor::validateInline);
    for (QComboBox* box : {m_status, m_source, m_title, m_handleService})
        connect(box, &QComboBox::currentTextChanged, this, [this] { m_dirty = true; });
    connect(m_handle, &QLineEdit::textEdited, this, [this] { m_dirty = true; });
    m_dirty = m_client.id == 0 &&
              !(c.firstName.isEmpty() && c.lastName.isEmpty() && c.phones.isEmpty() && c.emails.isEmpty());
    validateInline();
    (m_first->text().isEmpty() ? m_first : m_last->text().isEmpty() ? m_last : m_phone)->setFocus();
}

Client ClientEditor::collect() const
{
    Client c = m_client;
    c.title = m_title->currentText().trimmed();
    c.firstName = m_first->text();
    c.lastName = m_last->text();
    c.preferredName = m_preferred->text().trimmed();
    c.pronouns = m_pronouns->text().trimmed();
    c.dateOfBirth = QDate::fromString(m_dob->text().trimmed(), QStringLiteral("dd/MM/yyyy"));
    c.status =
        vocab::fromCode<ClientStatus>(m_status->currentData().toString()).value_or(ClientStatus::Enquiry);
    c.source = m_source->currentData().toString();
    // The editor shows two numbers and two emails; any further ones on file are kept as they are.
    auto replaceFirst = [](auto& list, int i, const auto& value, bool empty) {
        if (i < list.size()) {
            if (empty)
                list.removeAt(i);
            else
                list[i] = value;
        } else if (!empty) {
            list.append(value);
        }
    };
    const auto phoneAt = [&](int i, const QString& label) {
        PhoneNumber p = i < m_client.phones.size() ? m_client.phones.at(i) : PhoneNumber{label, {}, {}};
        p.number = (i == 0 ? m_phone : m_phone2)->text().trimmed();
        return p;
    };
    const auto emailAt = [&](int i, const QString& label) {
        EmailAddress e = i < m_client.emails.size() ? m_client.emails.at(i) : EmailAddress{label, {}};
        e.address = (i == 0 ? m_email : m_email2)->text().trimmed();
        return e;
    };
    // The first two entries are the two boxes, in order; an emptied box drops its entry. (Filling the
    // second slot before the first on a new client's empty list once put the mobile over the other phone.)
    const auto shownTwo = [](const auto& onFile, const auto& first, bool firstEmpty, const auto& second,
                             bool secondEmpty) {
        std::decay_t<decltype(onFile)> out;
        if (!firstEmpty)
            out.append(first);
        if (!secondEmpty)
            out.append(second);
        out.append(onFile.mid(std::min<qsizetype>(2, onFile.size())));
        return out;
    };
    c.phones =
        shownTwo(m_client.phones, phoneAt(0, QStringLiteral("mobile")), m_phone->text().trimmed().isEmpty(),
                 phoneAt(1, QStringLiteral("other")), m_phone2->text().trimmed().isEmpty());
    c.emails =
        shownTwo(m_client.emails, emailAt(0, QStringLiteral("personal")), m_email->text().trimmed().isEmpty(),
                 emailAt(1, QStringLiteral("other")), m_email2->text().trimmed().isEmpty());
    PostalAddress a = c.addresses.isEmpty() ? PostalAddress{} : c.addresses.first();
    a.line1 = m_line1->text().trimmed();
    a.line2 = m_line2->text().trimmed();
    a.town = m_town->text().trimmed();
    a.postcode = m_postcode->text().trimmed();
    replaceFirst(c.addresses, 0, a, a.isEmpty());
    MessagingHandle h{m_handleService->currentText().trimmed(), m_handle->text().trimmed()};
    replaceFirst(c.handles, 0, h, h.handle.isEmpty());
    c.tags.clear();
    for (const QString& t : m_tags->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            c.tags << t.trimmed();
    return c;
}

void ClientEditor::validateInline()
{
    auto mark = [](QLineEdit* e, QLabel* hint, bool bad, const QString& message) {
        style::setRefused(e, bad);
        if (hint) {
            hint->setText(bad ? message : QString());
            style::setTone(hint, style::Tone::Error);
        }
    };
    bool ok = !(m_first->text().trimmed().isEmpty() && m_last->text().trimmed().isEmpty());
    QStringList why;
    if (!ok)
        why << tr("a first or last name");
    for (QLineEdit* p : {m_phone, m_phone2}) {
        const bool bad = !p->text().trimmed().isEmpty() && phone::toE164(p->text()).isEmpty();
        mark(p, p == m_phone ? m_phoneHint : nullptr, bad,
             tr("Not a phone number: UK numbers start with 0 or +44, others with their country code."));
        if (bad)
            why << (p == m_phone ? tr("a phone number that can be dialled")
                                 : tr("an other phone that can be dialled"));
        ok = ok && !bad;
    }
    if (m_phone->text().trimmed().isEmpty() || !phone::toE164(m_phone->text()).isEmpty()) {
        const QString e164 = phone::toE164(m_phone->text());
        style::setTone(m_phoneHint, style::Tone::Muted);
        m_phoneHint->setText(e164.isEmpty() ? QString() : phone::formatInternational(e164));
    }
    for (QLineEdit* e : {m_email, m_email2}) {
        const bool bad = !e->text().trimmed().isEmpty() && !client::isValidEmail(e->text());
        mark(e, e == m_email ? m_emailHint : nullptr, bad,
             tr("Not an email address yet: it needs a name, @ and a domain."));
        if (bad)
            why << (e == m_email ? tr("a whole email address") : tr("a whole other email address"));
        ok = ok && !bad;
    }
    const bool badDob = !m_dob->text().trimmed().isEmpty() &&
                        !QDate::fromString(m_dob->text().trimmed(), QStringLiteral("dd/MM/yyyy")).isValid();
    mark(m_dob, nullptr, badDob, {});
    if (badDob)
        why << tr("the date of birth as dd/mm/yyyy (or none)");
    ok = ok && !badDob;
    m_save->setEnabled(ok);
    const QString reason = ok ? QString() : tr("Save needs %1.").arg(why.join(tr(", and ")));
    m_saveWhy->setText(reason);
    m_save->setToolTip(reason);

    // Duplicate warning: a phone or email already on file.
    Client probe = collect();
    for (PhoneNumber& p : probe.phones)
        p.e164 = phone::toE164(p.number);
    probe.emails.removeIf([](const EmailAddress& e) { return !client::isValidEmail(e.address); });
    auto dups = m_clients.duplicatesOf(probe);
    m_matches = dups ? dups.value() : QList<DuplicateMatch>{};
    // Editing: a match the record already had (a household sharing the phone) was settled before.
    m_matches.removeIf([this](const DuplicateMatch& m) { return m_settledMatches.contains(m.clientId); });
    m_keepApart = false; // a new match asks again
    m_dupChoice->setVisible(!m_matches.isEmpty());
    if (!m_matches.isEmpty())
        m_dupOpen->setText(tr("&Open %1").arg(m_matches.first().displayName));
    if (!m_matches.isEmpty()) {
        QStringList lines;
        for (const DuplicateMatch& d : std::as_const(m_matches))
            lines << tr("%1 (client %2): %3")
                         .arg(d.displayName.toHtmlEscaped())
                         .arg(d.clientId)
                         .arg(d.reason.toHtmlEscaped());
        m_duplicates->setText(
            tr("<b>Possibly already on file:</b><br>%1").arg(lines.join(QStringLiteral("<br>"))));
        m_duplicates->show();
    } else {
        m_duplicates->hide();
    }
}

void ClientEditor::save()
{
    Client c = collect();
    if (!c.dateOfBirth.isValid() && !m_dob->text().trimmed().isEmpty())
        return m_error->setText(tr("Write the date of birth as dd/mm/yyyy, or leave it empty."));
    if (!m_matches.isEmpty() && !m_keepApart)
        return m_error->setText(
            tr("This looks like someone already on file: open them, or save as a different "
               "person and say why."));
    ClientStore& store = m_clients;
    if (c.id == 0) {
        auto id = store.create(c);
        if (!id)
            return m_error->setText(id.message());
        m_client.id = id.value();
    } else if (auto st = store.update(c); !st) {
        return m_error->setText(st.message());
    }
    if (m_keepApart)
        for (const DuplicateMatch& m : std::as_const(m_matches))
            (void)store.recordKeptApart(m_client.id, m.clientId, m_dupReason->currentData().toString());
    m_dirty = false;
    accept();
}

void ClientEditor::reject()
{
    if (m_dirty &&
        !ask::confirm(this, tr("Discard changes?"),
                      tr("This client has changes that are not saved. Discard them?"), tr("Discard"), true))
        return;
    QDialog::reject();
}

} // namespace cd::ui
