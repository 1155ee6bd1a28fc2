#include "clients/ClientDetailView.h"

#include "clients/ClientOverview.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "clients/Phone.h"
#include "common/Ask.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "diary/Diary.h"
#include "diary/DiaryModel.h"
#include "forms/FormsTab.h"
#include "images/ImageGallery.h"
#include "privacy/PrivacyTab.h"
#include "records/PaymentsTab.h"
#include "records/QuotesTab.h"
#include "records/TreatmentsTab.h"
#include "vault/Vault.h"

#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

QString row(const QString& label, const QString& value)
{
    if (value.trimmed().isEmpty())
        return {};
    return QStringLiteral(
               "<tr><td style='color:%3;padding-right:12px;white-space:nowrap'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value, palette::css(palette::now().muted));
}

QString kindLabel(const Interaction& i)
{
    if (i.kind == InteractionKind::Call)
        return i.direction == Direction::Out ? QObject::tr("Call out") : QObject::tr("Call in");
    if (i.kind == InteractionKind::Email)
        return i.direction == Direction::Out ? QObject::tr("Email sent") : QObject::tr("Email");
    if (i.kind == InteractionKind::Complaint)
        return i.complaintStatus == ComplaintStatus::Resolved ? QObject::tr("Complaint (resolved)")
                                                              : QObject::tr("Complaint (open)");
    return vocab::label(i.kind);
}

QString shortDate(const QDate& d)
{
    return QLocale().toString(d, QStringLiteral("dd/MM/yyyy"));
}

} // namespace

ClientDetailView::ClientDetailView(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace)
{
    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("clientHeader"));
    m_header->setTextFormat(Qt::RichText);
    auto* edit = m_editButton = new QPushButton(style::icon(QStringLiteral("edit")), tr("&Edit"));
    edit->setObjectName(QStringLiteral("editClient"));
    auto* logCall = m_logCallButton =
        new QPushButton(style::icon(QStringLiteral("log-call")), tr("&Log call"));
    logCall->setObjectName(QStringLiteral("logCallButton"));
    auto* top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(logCall);
    top->addWidget(edit);

    m_details = new QLabel;
    m_details->setObjectName(QStringLiteral("clientDetails"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_consent = new QLabel;
    m_consent->setObjectName(QStringLiteral("consentSummary"));
    m_consent->setTextFormat(Qt::RichText);
    m_consent->setWordWrap(true);
    auto* consentButton = m_consentButton = new QPushButton(tr("Marketing &consent…"));
    consentButton->setObjectName(QStringLiteral("consentButton"));
    // The overview first (what the desk needs before it says hello), then the contact details and the
    // consent history side by side.
    m_overview = new ClientOverview(workspace);
    auto* detailsPage = new QWidget;
    auto* dl = new QVBoxLayout(detailsPage);
    dl->setSpacing(style::spacing::section);
    dl->addWidget(m_overview);
    auto* below = new QHBoxLayout;
    below->setSpacing(style::spacing::section);
    auto* contact = new QVBoxLayout;
    auto* contactTitle = new QLabel(tr("Contact details"));
    contactTitle->setFont(style::font(style::TextSize::Body, true));
    contact->addWidget(contactTitle);
    contact->addWidget(m_details);
    contact->addStretch();
    auto* consentBox = new QVBoxLayout;
    consentBox->addWidget(m_consent);
    consentBox->addWidget(consentButton, 0, Qt::AlignLeft);
    consentBox->addStretch();
    below->addLayout(contact, 1);
    below->addLayout(consentBox, 1);
    dl->addLayout(below);
    dl->addStretch();
    auto* scroll = new QScrollArea;
    scroll->setWidget(detailsPage);
    scroll->setWidgetResizable(true);

    m_timeline = new QTreeWidget;
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setHeaderLabels({tr("When"), tr("What"), tr("By"), tr("Note"), tr("Follow-up")});
    m_timeline->setRootIsDecorated(false);
    m_timeline->setAlternatingRowColors(true);
    m_timeline->setWordWrap(true);
    m_timeline->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_resolve = new QPushButton(tr("&Resolve complaint…"));
    m_resolve->setObjectName(QStringLiteral("resolveComplaint"));
    m_resolve->setEnabled(false);
    auto* timelinePage = new QWidget;
    auto* tl = new QVBoxLayout(timelinePage);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->addWidget(m_timeline);
    tl->addWidget(m_resolve, 0, Qt::AlignRight);

    m_gallery = new ImageGallery(m_workspace);
    m_gallery->setObjectName(QStringLiteral("imagesTab"));
    m_privacy = new PrivacyTab(workspace);
    m_privacy->setObjectName(QStringLiteral("privacyTab"));

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("clientTabs"));
    // On a narrow window the tabs' words shorten rather than hide behind scroll arrows: every tab stays
    // one click away, and its full name is in its tooltip.
    m_tabs->setUsesScrollButtons(false);
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->addTab(scroll, tr("&Overview"));
    m_tabs->addTab(timelinePage, tr("&Timeline"));
    m_tabs->addTab(m_gallery, tr("&Images"));
    m_tabs->addTab(m_privacy, tr("&Privacy"));
    addRecordTabs();

    // Appointments: the client's bookings, newest first, and booking one for them.
    m_appointments = new QTreeWidget;
    m_appointments->setObjectName(QStringLiteral("clientAppointments"));
    m_appointments->setAccessibleName(tr("The client's appointments"));
    m_appointments->setHeaderLabels({tr("When"), tr("What"), tr("With"), tr("Status")});
    m_appointments->setRootIsDecorated(false);
    m_appointments->setAlternatingRowColors(true);
    m_appointments->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    auto* bookButton = new QPushButton(tr("&Book appointment…"));
    bookButton->setObjectName(QStringLiteral("bookAppointmentButton"));
    bookButton->setToolTip(tr("Book for this client (Ctrl+B)"));
    auto* inDiary = new QPushButton(tr("Show in &diary"));
    inDiary->setObjectName(QStringLiteral("showInDiaryButton"));
    auto* appointmentButtons = new QHBoxLayout;
    appointmentButtons->addStretch(1);
    appointmentButtons->addWidget(inDiary);
    appointmentButtons->addWidget(bookButton);
    m_appointmentsPage = new QWidget;
    m_appointmentsPage->setObjectName(QStringLiteral("appointmentsTab"));
    auto* al = new QVBoxLayout(m_appointmentsPage);
    al->setContentsMargins(0, 0, 0, 0);
    al->addWidget(m_appointments);
    al->addLayout(appointmentButtons);
    m_tabs->insertTab(2, m_appointmentsPage,
                      tr("&Bookings")); // after the timeline: what the desk looks at next
    connect(bookButton, &QPushButton::clicked, this, [this] { Q_EMIT bookAppointmentRequested(m_id); });
    auto showInDiary = [this] {
        if (QTreeWidgetItem* item = m_appointments->currentItem())
            Q_EMIT appointmentActivated(item->data(0, Qt::UserRole).toLongLong());
    };
    connect(inDiary, &QPushButton::clicked, this, showInDiary);
    connect(m_appointments, &QTreeWidget::itemActivated, this, showInDiary);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    connect(m_gallery, &ImageGallery::imagesChanged, this, [this](int n) {
        m_tabs->setTabText(m_tabs->indexOf(m_gallery), n > 0 ? tr("&Images (%1)").arg(n) : tr("&Images"));
    });
    setAcceptDrops(true);
    connect(edit, &QPushButton::clicked, this, [this] { Q_EMIT editRequested(m_id); });
    connect(logCall, &QPushButton::clicked, this, [this] { Q_EMIT logCallRequested(m_id); });
    connect(consentButton, &QPushButton::clicked, this, [this] { Q_EMIT consentRequested(m_id); });
    connect(m_timeline, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_resolve->setEnabled(item && item->data(0, Qt::UserRole + 1).toBool());
    });
    connect(m_resolve, &QPushButton::clicked, this, &ClientDetailView::resolveComplaint);
    connect(m_privacy, &PrivacyTab::erased, this, &ClientDetailView::erased);
    connect(m_overview, &ClientOverview::openRequested, this, [this, consentButton](const QString& where) {
        if (where == QLatin1String("appointments"))
            showAppointments();
        else if (where == QLatin1String("treatments"))
            showTreatments();
        else if (where == QLatin1String("payments"))
            showPayments();
        else if (where == QLatin1String("privacy"))
            showPrivacy();
        else if (where == QLatin1String("consent"))
            consentButton->setFocus();
    });
    connect(&m_workspace, &Workspace::changed, this, &ClientDetailView::follow);
}

void ClientDetailView::follow(const ChangeSet& c)
{
    const qint64 id = m_id;
    if (id <= 0)
        return;
    // The client's own row (name, details, restriction, erasure): the record is shown again as a
    // whole. Anything else reloads only the part that shows it, so a note logged while the
    // practitioner reads a treatment leaves that tab as it was.
    if (c.touches(DataKind::Clients, id))
        return showClient(id);
    for (DataKind kind : {DataKind::Appointments, DataKind::TreatmentRecords, DataKind::Forms,
                          DataKind::Payments, DataKind::Quotes, DataKind::Consent, DataKind::Privacy})
        if (c.touches(kind, id)) {
            m_overview->showClient(id);
            break;
        }
    if (c.touches(DataKind::Consent, id))
        showConsent(id);
    if (c.touches(DataKind::Interactions, id))
        showTimeline(id);
    if (c.touches(DataKind::Privacy, id))
        m_privacy->showClient(id);
    if (c.touches(DataKind::Images, id))
        m_gallery->reload();
    if (c.touches(DataKind::Appointments, id))
        refreshAppointments();
    if (c.touches(DataKind::TreatmentRecords, id) || c.touches(DataKind::Images, id))
        m_treatments->reload();
    if (c.touches(DataKind::Quotes, id))
        m_quotes->reload();
    if (c.touches(DataKind::Forms, id))
        m_forms->reload();
    // An accepted quote changes what the client owes.
    if (c.touches(DataKind::Payments, id) || c.touches(DataKind::Quotes, id))
        m_payments->reload();
}

// Asked for the resolution text; tests replace it.
void ClientDetailView::resolveComplaint()
{
    QTreeWidgetItem* item = m_timeline->currentItem();
    if (!item)
        return;
    ask::Question q;
    q.title = tr("Resolve complaint");
    q.text = tr("How was the complaint resolved?");
    q.multiline = true;
    const QString text = ask::text(this, q).value_or(QString());
    if (text.trimmed().isEmpty())
        return;
    if (auto st = m_workspace.interactions().resolveComplaint(item->data(0, Qt::UserRole).toLongLong(), text);
        !st) {
        m_header->setToolTip(st.message());
        return;
    }
}

int ClientDetailView::currentTab() const
{
    return m_tabs->currentIndex();
}

void ClientDetailView::setCurrentTab(int index)
{
    m_tabs->setCurrentIndex(index);
}

void ClientDetailView::showPrivacy()
{
    m_tabs->setCurrentWidget(m_privacy);
}

void ClientDetailView::clear()
{
    m_id = 0;
    m_header->clear();
    m_details->clear();
    m_consent->clear();
    m_overview->showClient(0);
    m_timeline->clear();
    m_gallery->setClient(0);
    refreshAppointments();
    m_treatments->setClient(0);
    m_forms->setClient(0);
    m_quotes->setClient(0);
    m_payments->setClient(0);
}

void ClientDetailView::showImages()
{
    m_tabs->setCurrentWidget(m_gallery);
}

void ClientDetailView::showAppointments()
{
    m_tabs->setCurrentWidget(m_appointmentsPage);
}

void ClientDetailView::refreshAppointments()
{
    m_appointments->clear();
    const int tab = m_tabs->indexOf(m_appointmentsPage);
    if (m_id <= 0)
        return m_tabs->setTabText(tab, tr("&Bookings"));
    auto list = m_workspace.diary().forClient(m_id);
    if (!list) {
        new QTreeWidgetItem(m_appointments, {QString(), list.message()});
        return;
    }
    const QDateTime now = Clock::now();
    int upcoming = 0;
    for (const Appointment& a : list.value()) {
        const QDateTime start = a.startsAt.toLocalTime();
        QString status = vocab::label(a.status);
        if (a.isCancelled() && !a.cancelReason.isEmpty())
            status += tr(": %1").arg(a.cancelReason);
        auto* item = new QTreeWidgetItem(
            m_appointments,
            {QLocale().toString(start, QStringLiteral("ddd dd/MM/yyyy HH:mm")), a.what(),
             a.practitionerName + (a.roomName.isEmpty() ? QString() : tr(", %1").arg(a.roomName)), status});
        item->setData(0, Qt::UserRole, a.id);
        item->setToolTip(1, a.notes);
        if (a.isCancelled() || a.status == AppointmentStatus::NoShow) {
            for (int c = 0; c < 4; ++c)
                item->setForeground(c, a.isCancelled() ? QColor(palette::now().muted)
                                                       : QColor(palette::now().error));
        } else if (a.startsAt >= now) {
            ++upcoming;
            QFont f = item->font(0);
            f.setBold(true);
            item->setFont(0, f);
        }
    }
    for (int col : {0, 2, 3})
        m_appointments->resizeColumnToContents(col);
    // The count stays short so the tabs fit beside each other; what is still to come is said on hover
    // and in bold in the list.
    m_tabs->setTabText(tab, tr("&Bookings (%1)").arg(list->size()));
    m_tabs->setTabToolTip(tab, upcoming ? tr("%1 coming").arg(upcoming) : tr("None coming"));
}

void ClientDetailView::dragEnterEvent(QDragEnterEvent* event)
{
    if (m_id > 0 && !ImageGallery::localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ClientDetailView::dropEvent(QDropEvent* event)
{
    const QStringList files = ImageGallery::localFiles(event->mimeData());
    if (m_id <= 0 || files.isEmpty())
        return;
    event->acceptProposedAction();
    showImages();
    m_gallery->addFilesLater(files);
}

void ClientDetailView::showClient(qint64 id)
{
    auto c = m_workspace.clients().get(id);
    if (!c) {
        clear();
        m_header->setText(c.message().toHtmlEscaped());
        return;
    }
    m_id = id;
    m_header->setText(
        QStringLiteral("<span style='font-size:16pt;font-weight:600'>%1</span>&nbsp;&nbsp;%2")
            .arg(((c->title.isEmpty() ? QString() : c->title + QLatin1Char(' ')) + c->firstName +
                  QLatin1Char(' ') + c->lastName)
                     .toHtmlEscaped(),
                 style::mutedHtml(c->erasedAt.isEmpty() ? vocab::label(c->status)
                                                        : tr("Erased: only what the law requires is kept"))));
    // An erased person's kept records are read, never added to or changed.
    for (QPushButton* b : {m_editButton, m_logCallButton, m_consentButton})
        b->setEnabled(c->erasedAt.isEmpty());
    QStringList phones, emails, handles;
    for (const PhoneNumber& p : c->phones)
        phones << phone::formatNational(p.e164).toHtmlEscaped() + QLatin1Char(' ') +
                      style::mutedHtml(QStringLiteral("(%1)").arg(p.label.toHtmlEscaped()));
    for (const EmailAddress& e : c->emails)
        emails << e.address.toHtmlEscaped() + QLatin1Char(' ') +
                      style::mutedHtml(QStringLiteral("(%1)").arg(e.label.toHtmlEscaped()));
    for (const MessagingHandle& h : c->handles)
        handles << QStringLiteral("%1: %2").arg(h.service.toHtmlEscaped(), h.handle.toHtmlEscaped());
    QString address;
    if (!c->addresses.isEmpty()) {
        const PostalAddress& a = c->addresses.first();
        QStringList parts{a.line1, a.line2, a.town, a.county, a.postcode};
        parts.removeAll(QString());
        address = parts.join(QStringLiteral(", ")).toHtmlEscaped();
    }
    QString html = QStringLiteral("<table>");
    html += row(tr("Preferred name"), c->preferredName.toHtmlEscaped());
    html += row(tr("Pronouns"), c->pronouns.toHtmlEscaped());
    html += row(tr("Phone"), phones.join(QStringLiteral("<br>")));
    html += row(tr("Email"), emails.join(QStringLiteral("<br>")));
    html += row(tr("Address"), address);
    html += row(tr("Messaging"), handles.join(QStringLiteral("<br>")));
    html += row(tr("Date of birth"), c->dateOfBirth.isValid() ? shortDate(c->dateOfBirth) : QString());
    html += row(tr("Found us via"), c->source.toHtmlEscaped());
    html += row(tr("Tags"), c->tags.join(QStringLiteral(", ")).toHtmlEscaped());
    html += row(tr("Client since"),
                shortDate(QDateTime::fromString(c->createdAt, Qt::ISODate).toLocalTime().date()));
    html += QStringLiteral("</table>");
    m_details->setText(html);
    m_overview->showClient(id);
    showConsent(id);
    showTimeline(id);
    m_privacy->showClient(id);
    if (c->restricted && c->erasedAt.isEmpty())
        m_header->setText(m_header->text() + QStringLiteral("&nbsp;&nbsp;") +
                          style::badgeHtml(tr("RESTRICTED")));
    if (m_gallery->clientId() != id)
        m_gallery->setClient(id);
    refreshAppointments();
    m_treatments->setClient(id);
    m_forms->setClient(id);
    m_quotes->setClient(id);
    m_payments->setClient(id);
}

void ClientDetailView::showConsent(qint64 id)
{
    auto consent = m_workspace.consent().current(id);
    QStringList yes, no;
    if (consent)
        for (const auto& [channel, granted] : consent.value())
            (granted ? yes : no) << vocab::label(channel);
    QString consentHtml = tr("<b>Marketing consent</b><br>Yes: %1<br>No: %2")
                              .arg(yes.isEmpty() ? tr("none") : yes.join(QStringLiteral(", ")),
                                   no.isEmpty() ? tr("none") : no.join(QStringLiteral(", ")));
    auto history = m_workspace.consent().history(id);
    if (history && !history->isEmpty()) {
        consentHtml += QStringLiteral("<br>") + style::mutedHtml(tr("History:"));
        for (const ConsentEvent& e : history.value())
            consentHtml +=
                QStringLiteral("<br>") +
                style::mutedHtml(
                    QStringLiteral("%1 — %2 %3 (%4%5)")
                        .arg(
                            QLocale().toString(QDateTime::fromString(e.recordedAt, Qt::ISODate).toLocalTime(),
                                               QStringLiteral("dd/MM/yyyy")),
                            vocab::label(e.channel), e.granted ? tr("given") : tr("withdrawn"),
                            e.method.toHtmlEscaped(),
                            e.staffName.isEmpty() ? QString()
                                                  : tr(", by %1").arg(e.staffName.toHtmlEscaped())));
    }
    m_consent->setText(consentHtml);
}

void ClientDetailView::showTimeline(qint64 id)
{
    m_timeline->clear();
    auto items = m_workspace.interactions().timeline(id);
    if (items) {
        for (const Interaction& i : items.value()) {
            const QDateTime when = QDateTime::fromString(i.occurredAt, Qt::ISODate).toLocalTime();
            auto* item = new QTreeWidgetItem(
                m_timeline,
                {QLocale().toString(when, QStringLiteral("dd/MM/yyyy HH:mm")), kindLabel(i), i.authorName,
                 i.body,
                 i.followUpOn.isValid()
                     ? shortDate(i.followUpOn) + (i.followUpDoneAt.isEmpty() ? QString() : tr(" (done)"))
                     : QString()});
            item->setToolTip(3, i.body + (i.complaintResolution.isEmpty()
                                              ? QString()
                                              : tr("\nResolution: %1").arg(i.complaintResolution)));
            item->setData(0, Qt::UserRole, i.id);
            item->setData(0, Qt::UserRole + 1,
                          i.kind == InteractionKind::Complaint && i.complaintStatus == ComplaintStatus::Open);
        }
        for (int col = 0; col < 3; ++col)
            m_timeline->resizeColumnToContents(col);
    }
    m_tabs->setTabText(1, tr("&Timeline (%1)").arg(items ? items->size() : 0));
}

// Treatments, Quotes and Payments go between Images and Privacy.
void ClientDetailView::addRecordTabs()
{
    m_treatments = new TreatmentsTab(m_workspace);
    m_treatments->setObjectName(QStringLiteral("treatmentsTab"));
    m_quotes = new QuotesTab(m_workspace);
    m_quotes->setObjectName(QStringLiteral("quotesTab"));
    m_payments = new PaymentsTab(m_workspace);
    m_payments->setObjectName(QStringLiteral("paymentsTab"));
    m_forms = new FormsTab(m_workspace);
    m_forms->setObjectName(QStringLiteral("formsTab"));
    const int at = m_tabs->indexOf(m_privacy);
    m_tabs->insertTab(at, m_payments, tr("Pa&yments"));
    m_tabs->insertTab(at, m_quotes, tr("&Quotes"));
    m_tabs->insertTab(at, m_forms, tr("Fo&rms"));
    m_tabs->insertTab(at, m_treatments, tr("Treatme&nts"));
    if (!m_treatments->allowed())
        m_tabs->setTabToolTip(m_tabs->indexOf(m_treatments), tr("Practitioners and managers only"));
    const auto counted = [this](QWidget* tab, const QString& title) {
        return [this, tab, title](int n) {
            m_tabs->setTabText(m_tabs->indexOf(tab), n > 0 ? tr("%1 (%2)").arg(title).arg(n) : title);
        };
    };
    connect(m_treatments, &TreatmentsTab::countChanged, this, counted(m_treatments, tr("Treatme&nts")));
    connect(m_quotes, &QuotesTab::countChanged, this, counted(m_quotes, tr("&Quotes")));
    connect(m_payments, &PaymentsTab::countChanged, this, counted(m_payments, tr("Pa&yments")));
    connect(m_forms, &FormsTab::countChanged, this, counted(m_forms, tr("Fo&rms")));
}

void ClientDetailView::showForms()
{
    m_tabs->setCurrentWidget(m_forms);
}

void ClientDetailView::showTreatments()
{
    m_tabs->setCurrentWidget(m_treatments);
}

void ClientDetailView::showQuotes()
{
    m_tabs->setCurrentWidget(m_quotes);
}

void ClientDetailView::showPayments()
{
    m_tabs->setCurrentWidget(m_payments);
}

} // namespace cd::ui
