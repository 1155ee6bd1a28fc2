#include "clients/ClientOverview.h"

#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "diary/Diary.h"
#include "forms/Forms.h"
#include "privacy/Register.h"
#include "records/Money.h"
#include "records/Payments.h"
#include "records/TreatmentRecords.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

struct CardSpec
{
    ClientOverview::Card card;
    const char* name;
    const char* title;
    const char* link; // where its link goes; empty: none
};

const CardSpec kCards[] = {
    {ClientOverview::Card::Next, "overviewNext",
     QT_TRANSLATE_NOOP("cd::ui::ClientOverview", "Next appointment"), "appointments"},
    {ClientOverview::Card::LastTreatment, "overviewLastTreatment",
     QT_TRANSLATE_NOOP("cd::ui::ClientOverview", "Last treatment"), "treatments"},
    {ClientOverview::Card::Balance, "overviewBalance", QT_TRANSLATE_NOOP("cd::ui::ClientOverview", "Balance"),
     "payments"},
    {ClientOverview::Card::Consent, "overviewConsent",
     QT_TRANSLATE_NOOP("cd::ui::ClientOverview", "Marketing consent"), "consent"},
    {ClientOverview::Card::Requests, "overviewRequests",
     QT_TRANSLATE_NOOP("cd::ui::ClientOverview", "Privacy requests"), "privacy"},
    {ClientOverview::Card::Restriction, "overviewRestriction",
     QT_TRANSLATE_NOOP("cd::ui::ClientOverview", "Processing"), "privacy"},
};

QString day(const QDate& d)
{
    return QLocale().toString(d, QStringLiteral("ddd d MMM yyyy"));
}

} // namespace

ClientOverview::ClientOverview(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace)
{
    setObjectName(QStringLiteral("clientOverview"));
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(style::spacing::gap);
    int i = 0;
    for (const CardSpec& spec : kCards) {
        auto* frame = new QFrame;
        frame->setObjectName(QString::fromLatin1(spec.name));
        frame->setFrameShape(QFrame::NoFrame);
        style::setCard(frame);
        auto* title = new QLabel(tr(spec.title).toUpper());
        style::setTone(title, style::Tone::Muted);
        title->setFont(style::font(style::TextSize::Small, true));
        title->setWordWrap(false);
        auto* value = new QLabel;
        value->setObjectName(frame->objectName() + QStringLiteral("Value"));
        value->setFont(style::font(style::TextSize::Large));
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* detail = new QLabel;
        detail->setObjectName(frame->objectName() + QStringLiteral("Detail"));
        detail->setWordWrap(true);
        detail->setTextFormat(Qt::RichText);
        const QString where = QString::fromLatin1(spec.link);
        connect(detail, &QLabel::linkActivated, this,
                [this](const QString& to) { Q_EMIT openRequested(to); });
        auto* box = new QVBoxLayout(frame);
        box->setContentsMargins(style::spacing::card, style::spacing::card, style::spacing::card,
                                style::spacing::card);
        box->setSpacing(2);
        box->addWidget(title);
        box->addWidget(value);
        box->addWidget(detail);
        box->addStretch(1);
        frame->setProperty("link", where);
        m_cards.insert(int(spec.card), {frame, value, detail});
        grid->addWidget(frame, i / 3, i % 3);
        ++i;
    }
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);
}

QString ClientOverview::text(Card card) const
{
    const Labels& l = m_cards.value(int(card));
    return l.value ? l.value->text() +
                         (l.detail->text().isEmpty() ? QString() : QStringLiteral(" · ") + l.detail->text())
                   : QString();
}

void ClientOverview::set(Card card, const QString& value, const QString& detail, bool attention)
{
    const Labels& l = m_cards.value(int(card));
    l.value->setText(value);
    style::setTone(l.value, attention ? style::Tone::Error : style::Tone::Plain);
    const QString link = l.frame->property("link").toString();
    const QString more =
        link.isEmpty() ? QString() : QStringLiteral("<a href='%1'>%2</a>").arg(link, tr("Details"));
    l.detail->setText(detail.isEmpty() ? more
                                       : detail.toHtmlEscaped() +
                                             (more.isEmpty() ? QString() : QStringLiteral(" · ") + more));
}

void ClientOverview::showClient(qint64 id)
{
    if (id <= 0) {
        for (const CardSpec& spec : kCards)
            set(spec.card, QString());
        return;
    }
    auto c = m_workspace.clients().get(id);
    const bool erased = c && !c->erasedAt.isEmpty();

    // The next booking still to come.
    const QDateTime now = Clock::now();
    std::optional<Appointment> next;
    if (auto list = m_workspace.diary().forClient(id))
        for (const Appointment& a : list.value())
            if (!a.isCancelled() && a.startsAt >= now && (!next || a.startsAt < next->startsAt))
                next = a;
    if (next)
        set(Card::Next,
            tr("%1, %2").arg(day(next->startsAt.toLocalTime().date()),
                             next->startsAt.toLocalTime().toString(QStringLiteral("HH:mm"))),
            tr("%1 with %2").arg(next->treatment, next->practitionerName));
    else
        set(Card::Next, tr("None booked"));

    // Clinical: practitioners and managers only (the receptionist sees that there is a card, not what).
    if (!m_workspace.may(Action::TreatmentNotes))
        set(Card::LastTreatment, tr("Practitioners only"));
    else if (auto records = m_workspace.records().forClient(id); records && !records->isEmpty())
        set(Card::LastTreatment, records->first().treatment,
            tr("%1, by %2").arg(day(records->first().givenOn), records->first().practitionerName));
    else
        set(Card::LastTreatment, records ? tr("None recorded") : records.message());
    // What the client's forms flag (anticoagulants, allergies …) is read before any treatment.
    if (m_workspace.may(Action::TreatmentNotes))
        if (auto flags = Forms(m_workspace.db()).flags(id); flags && !flags->isEmpty()) {
            QStringList said;
            for (const ClientFlag& f : flags.value())
                said << (f.detail.isEmpty() ? f.flag : tr("%1: %2").arg(f.flag, f.detail));
            const Labels& l = m_cards.value(int(Card::LastTreatment));
            l.detail->setText(
                l.detail->text() + QStringLiteral("<br>") +
                style::errorHtml(tr("Flagged: %1").arg(said.join(QStringLiteral("; "))).toHtmlEscaped()));
        }

    if (auto b = m_workspace.payments().balance(id)) {
        const qint64 owed = b->balancePence();
        set(Card::Balance,
            owed > 0   ? tr("Owes %1").arg(money::format(owed))
            : owed < 0 ? tr("In credit %1").arg(money::format(-owed))
                       : tr("Nothing owed"),
            b->acceptedQuotesPence > 0
                ? tr("Paid %1 of %2 in accepted quotes")
                      .arg(money::format(b->paidPence - b->refundedPence),
                           money::format(b->acceptedQuotesPence))
                : tr("Paid %1; no accepted quote").arg(money::format(b->paidPence - b->refundedPence)),
            owed > 0);
    } else {
        set(Card::Balance, tr("Not shown"), b.message());
    }

    QStringList yes;
    if (auto consent = m_workspace.consent().current(id))
        for (const auto& [channel, granted] : consent.value())
            if (granted)
                yes << vocab::label(channel);
    set(Card::Consent, yes.isEmpty() ? tr("No marketing") : yes.join(QStringLiteral(", ")),
        yes.isEmpty() ? tr("nothing may be sent") : tr("may be sent"));

    if (auto requests = m_workspace.privacy().forClient(id)) {
        std::optional<PrivacyRequest> soonest;
        int open = 0;
        for (const PrivacyRequest& r : requests.value())
            if (r.status == RequestStatus::Open) {
                ++open;
                if (!soonest || r.due < soonest->due)
                    soonest = r;
            }
        if (soonest) {
            const int left = soonest->daysLeft(Clock::today());
            set(Card::Requests, tr("%1 open").arg(open),
                left < 0 ? tr("%1 overdue since %2").arg(vocab::label(soonest->type), day(soonest->due))
                         : tr("%1 due %2").arg(vocab::label(soonest->type), day(soonest->due)),
                left <= 7);
        } else {
            set(Card::Requests, tr("None open"));
        }
    } else {
        set(Card::Requests, tr("Not shown"), requests.message());
    }

    if (erased)
        set(Card::Restriction, tr("Erased"), tr("only what the law requires is kept"), true);
    else if (c && c->restricted)
        set(Card::Restriction, tr("Restricted"), tr("kept, not used: no changes, no marketing"), true);
    else
        set(Card::Restriction, tr("Normal"));
}

} // namespace cd::ui
