// Forms at the desk, through the real windows on a real encrypted vault: a medical history filled in
// and signed with synthesized mouse, stylus (tablet) and finger (touch) strokes, refused while a
// required answer is missing, then locked, its flag on the record; a treatment that needs a consent
// says so before Save and has it signed from the treatment dialog; a manager records one without,
// giving a reason.
#include "Answers.h"
#include "FormFixtures.h"
#include "GuiHelpers.h"
#include "OpenWindow.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "clients/ClientDetailView.h"
#include "forms/FormDialog.h"
#include "forms/Forms.h"
#include "forms/FormsTab.h"
#include "forms/SignaturePad.h"
#include "forms/TemplateDialog.h"
#include "records/TreatmentDialog.h"
#include "records/TreatmentRecords.h"
#include "records/TreatmentsTab.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"
#include "vault/Kdf.h"

#include <QAction>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointingDevice>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTabletEvent>
#include <QTest>
#include <QTextCursor>
#include <QTouchEvent>
#include <QTreeWidget>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

void click(QWidget* parent, const char* name)
{
    QTest::mouseClick(child<QAbstractButton>(parent, name), Qt::LeftButton);
}

// A stroke of the mouse across the pad.
void mouseStroke(SignaturePad* pad, QPoint from, QPoint to)
{
    QTest::mousePress(pad, Qt::LeftButton, {}, from);
    for (int i = 1; i <= 8; ++i)
        QTest::mouseMove(pad, from + (to - from) * i / 8);
    QTest::mouseRelease(pad, Qt::LeftButton, {}, to);
}

// A stroke of a stylus, pressing harder as it goes.
void stylusStroke(SignaturePad* pad, QPointF from, QPointF to)
{
    static const QPointingDevice stylus(
        QStringLiteral("test stylus"), 4242, QInputDevice::DeviceType::Stylus,
        QPointingDevice::PointerType::Pen,
        QInputDevice::Capability::Position | QInputDevice::Capability::Pressure, 1, 3);
    const auto send = [&](QEvent::Type type, QPointF at, qreal pressure) {
        QTabletEvent e(type, &stylus, at, pad->mapToGlobal(at), pressure, 0, 0, 0, 0, 0, Qt::NoModifier,
                       Qt::LeftButton, type == QEvent::TabletRelease ? Qt::NoButton : Qt::LeftButton);
        QApplication::sendEvent(pad, &e);
    };
    send(QEvent::TabletPress, from, 0.2);
    for (int i = 1; i <= 8; ++i)
        send(QEvent::TabletMove, from + (to - from) * i / 8.0, 0.2 + 0.1 * i);
    send(QEvent::TabletRelease, to, 0);
}

// A finger on a touch screen, as the platform delivers it to the widget under it.
void fingerStroke(SignaturePad* pad, const QPointingDevice* screen, QPointF from, QPointF to)
{
    const auto send = [&](QEvent::Type type, QEventPoint::State state, QPointF at) {
        QEventPoint point(0, state, at, pad->mapToGlobal(at));
        QTouchEvent e(type, screen, Qt::NoModifier, {point});
        QApplication::sendEvent(pad, &e);
    };
    send(QEvent::TouchBegin, QEventPoint::State::Pressed, from);
    for (int i = 1; i < 8; ++i)
        send(QEvent::TouchUpdate, QEventPoint::State::Updated, from + (to - from) * i / 8.0);
    send(QEvent::TouchEnd, QEventPoint::State::Released, to);
}

void answer(FormDialog* d, const char* id, const char* yesOrNo)
{
    QTest::mouseClick(
        child<QRadioButton>(
            d, qPrintable(QStringLiteral("form_%1_%2").arg(QLatin1String(id), QLatin1String(yesOrNo)))),
        Qt::LeftButton);
}

bool darkAt(const QImage& image, QRect around)
{
    for (int y = around.top(); y <= around.bottom(); ++y)
        for (int x = around.left(); x <= around.right(); ++x)
            if (image.valid(x, y) && qGray(image.pixel(x, y)) < 100)
                return true;
    return false;
}

void signConsentIn(FormDialog* d)
{
    for (const char* yes : {"informed", "medical_history_current", "consent"})
        answer(d, yes, "yes");
    answer(d, "pregnant", "no");
    mouseStroke(child<SignaturePad>(d, "signaturePad"), {40, 60}, {300, 40});
    click(d, "formSign");
}

} // namespace

class FormsGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aFormIsSignedWithMouseStylusAndFinger()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        auto w = openWindow(t);
        w->openClient(c);
        auto* detail = child<ClientDetailView>(w.get(), "clientDetail");
        detail->showForms();
        auto* tab = child<FormsTab>(w.get(), "formsTab");
        auto* templates = child<QComboBox>(tab, "formTemplates");
        templates->setCurrentIndex(templates->findText(QStringLiteral("Medical history")));
        QVERIFY(templates->currentIndex() >= 0);

        static QPointingDevice* touchscreen = QTest::createTouchDevice();
        bool driven = false;
        whenModal<FormDialog>([&](FormDialog* d) {
            auto* sign = child<QPushButton>(d, "formSign");
            QVERIFY(!sign->isEnabled()); // nothing signed yet
            auto* pad = child<SignaturePad>(d, "signaturePad");
            mouseStroke(pad, {30, 70}, {150, 30});
            stylusStroke(pad, {170, 40}, {300, 80});
            fingerStroke(pad, touchscreen, {320, 30}, {400, 40});
            QCOMPARE(pad->strokeCount(), 3);
            QVERIFY(sign->isEnabled());
            // A yes to blood thinners asks which; pregnancy is left unanswered for now.
            auto* which = child<QLineEdit>(d, "form_anticoagulants_detail");
            QVERIFY(!which->isVisible());
            answer(d, "anticoagulants", "yes");
            QVERIFY(which->isVisible());
            QTest::keyClicks(which, "warfarin 5 mg");
            for (const char* no : {"allergies", "reactions", "autoimmune"})
                answer(d, no, "no");
            click(d, "formSign");
            QVERIFY(d->isVisible());
            auto* error = child<QLabel>(d, "formError");
            QVERIFY2(error->text().contains(QStringLiteral("(pregnant) needs an answer")),
                     qPrintable(error->text()));
            answer(d, "pregnant", "no");
            click(d, "formSign");
            QVERIFY2(!d->isVisible(), qPrintable(error->text()));
            driven = true;
        });
        click(tab, "formSignNew");
        QVERIFY(driven);

        // Listed, locked, and its flag on the tab and on the record's overview.
        auto* list = child<QTreeWidget>(tab, "formList");
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Medical history"));
        QCOMPARE(list->topLevelItem(0)->text(4), QStringLiteral("Locked"));
        auto* flags = child<QLabel>(tab, "formFlags");
        QVERIFY(flags->isVisibleTo(tab));
        QVERIFY2(flags->text().contains(QStringLiteral("Anticoagulants: warfarin 5 mg")),
                 qPrintable(flags->text()));
        const auto onOverview = [detail] {
            for (const QLabel* l : detail->findChildren<QLabel*>())
                if (l->text().contains(QStringLiteral("Flagged: Anticoagulants: warfarin 5 mg")))
                    return true;
            return false;
        };
        QTRY_VERIFY(onOverview());

        // The signature kept is the pad's picture, with all three strokes where they were drawn.
        Database& db = w->workspace().db();
        const SignedForm f = Forms(db).forClient(c)->first();
        QVERIFY(f.intact && f.contentRead);
        const QImage signature = QImage::fromData(f.signaturePng, "PNG");
        QVERIFY(!signature.isNull());
        QVERIFY(darkAt(signature, QRect(85, 45, 10, 10)));  // the mouse's stroke, half way
        QVERIFY(darkAt(signature, QRect(230, 55, 10, 10))); // the stylus's
        QVERIFY(darkAt(signature, QRect(355, 28, 10, 12))); // the finger's
        QVERIFY(!darkAt(signature, QRect(60, 5, 20, 10)));  // and nothing where nothing was drawn
        AuditFilter signedForms;
        signedForms.action = QStringLiteral("form-signed");
        QCOMPARE(AuditLog(db).query(signedForms)->size(), 1);
        QVERIFY(AuditLog(db).query(signedForms)->first().detail.contains(f.sha256));
    }

    // A treatment that needs a consent says so before Save, and the consent is signed from the dialog.
    void theTreatmentDialogHasTheConsentSignedFirst()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        auto w = openWindow(t);
        w->openClient(c);
        auto* detail = child<ClientDetailView>(w.get(), "clientDetail");
        detail->showTreatments();
        auto* tab = child<TreatmentsTab>(w.get(), "treatmentsTab");
        bool driven = false;
        whenModal<TreatmentDialog>([&](TreatmentDialog* d) {
            QTest::keyClicks(child<QLineEdit>(d, "treatmentName"), "Lip filler");
            auto* state = child<QLabel>(d, "treatmentConsentState");
            QVERIFY2(
                state->text().contains(QStringLiteral("Needs the client's signed “Consent for injectable "
                                                      "treatment”")),
                qPrintable(state->text()));
            auto* signNow = child<QPushButton>(d, "treatmentSignConsent");
            QVERIFY(signNow->isVisible());
            whenModal<FormDialog>([](FormDialog* f) { signConsentIn(f); });
            QTest::mouseClick(signNow, Qt::LeftButton);
            QVERIFY2(state->text().startsWith(QStringLiteral("Signed consent on file: form ")),
                     qPrintable(state->text()));
            QVERIFY(!signNow->isVisible());
            click(d, "treatmentSave");
            QVERIFY2(!d->isVisible(), qPrintable(child<QLabel>(d, "treatmentError")->text()));
            driven = true;
        });
        click(tab, "addTreatment");
        QVERIFY(driven);
        const auto records = TreatmentRecords(w->workspace().db()).forClient(c).value();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().consentFormRef,
                 QStringLiteral("form %1").arg(Forms(w->workspace().db()).forClient(c)->first().id));
    }

    // The manager records it without, and is asked why; the reason stays with the record.
    void aManagerRecordsOneWithoutGivingAReason()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        auto w = openWindow(t);
        w->openClient(c);
        auto* detail = child<ClientDetailView>(w.get(), "clientDetail");
        detail->showTreatments();
        Answers answers([](const Answers::Question&) {
            return Answers::text(QStringLiteral("Signed on paper in clinic; scan to follow"));
        });
        whenModal<TreatmentDialog>([&](TreatmentDialog* d) {
            QTest::keyClicks(child<QLineEdit>(d, "treatmentName"), "Anti-wrinkle injections");
            click(d, "treatmentSave");
            QVERIFY(!d->isVisible());
        });
        click(child<TreatmentsTab>(w.get(), "treatmentsTab"), "addTreatment");
        QCOMPARE(answers.asked.size(), 1);
        QCOMPARE(answers.asked.first().title, QStringLiteral("Record without the signed consent?"));
        const TreatmentRecord r = TreatmentRecords(w->workspace().db()).forClient(c)->first();
        QCOMPARE(r.overriddenForm, QStringLiteral("Consent for injectable treatment"));
        QCOMPARE(r.overrideReason, QStringLiteral("Signed on paper in clinic; scan to follow"));
    }

    // The manager rewords the consent at the desk and adds a question: it is saved as version 2, new
    // forms are signed on it, and a form signed on version 1 keeps its wording. A receptionist reads
    // the templates and cannot save.
    void aManagerSavesTheNextVersionAtTheDesk()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        const qint64 before = signConsent(t.db(), c);
        QVERIFY(before > 0);
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("rita"), QStringLiteral("Rita Desk"), QStringLiteral("receptionist"),
                         secret("rita's own passphrase"), KdfParams::forTestsOnly())
                    .ok());
        auto w = openWindow(t);
        const QString consent = QStringLiteral("Consent for injectable treatment");
        bool driven = false;
        whenModal<TemplateDialog>([&](TemplateDialog* d) {
            auto* list = child<QListWidget>(d, "templateList");
            const auto found = list->findItems(consent, Qt::MatchStartsWith);
            QCOMPARE(found.size(), 1);
            list->setCurrentItem(found.first());
            QCOMPARE(child<QLineEdit>(d, "templateName")->text(), consent);
            QVERIFY(child<QLineEdit>(d, "templateName")->isReadOnly()); // the name is what versions share
            auto* intro = child<QPlainTextEdit>(d, "templateIntro");
            intro->moveCursor(QTextCursor::End);
            QTest::keyClicks(intro, " Bruising can last up to two weeks.");
            auto* questions = child<QTableWidget>(d, "templateQuestions");
            const int rows = questions->rowCount();
            click(d, "templateAddQuestion");
            QCOMPARE(questions->rowCount(), rows + 1);
            questions->item(rows, 0)->setText(QStringLiteral("photos_ok"));
            QCOMPARE(questions->currentRow(), rows); // the new question's wording is typed below the list
            QTest::keyClicks(child<QPlainTextEdit>(d, "templateWording"),
                             "May we take before and after photos?");
            QCOMPARE(questions->item(rows, 2)->text(),
                     QStringLiteral("May we take before and after photos?"));
            questions->item(rows, 3)->setCheckState(Qt::Checked);
            click(d, "templateSave");
            auto* state = child<QLabel>(d, "templateState");
            QVERIFY2(state->text().contains(QStringLiteral("as version 2")), qPrintable(state->text()));
            // Saving again with nothing changed is refused, in words.
            click(d, "templateSave");
            QVERIFY2(state->text().contains(QStringLiteral("is unchanged")), qPrintable(state->text()));
            driven = true;
        });
        child<QAction>(w.get(), "actionFormTemplates")->trigger();
        QVERIFY(driven);
        Database& db = w->workspace().db();
        const FormTemplate v2 = Forms(db).latest(consent).value();
        QCOMPARE(v2.version, 2);
        QVERIFY(v2.intro.endsWith(QStringLiteral("Bruising can last up to two weeks.")));
        QCOMPARE(v2.questions.last().id, QStringLiteral("photos_ok"));
        QVERIFY(v2.questions.last().required);
        QCOMPARE(v2.questions.last().text, QStringLiteral("May we take before and after photos?"));
        const SignedForm old = Forms(db).get(before).value();
        QCOMPARE(old.form.version, 1);
        QVERIFY(!old.form.intro.contains(QStringLiteral("Bruising")));
        QVERIFY(old.intact);
        w.reset();

        // Rita reads the templates; Save is not hers.
        auto rita = openWindow(t, QStringLiteral("rita"), "rita's own passphrase");
        driven = false;
        whenModal<TemplateDialog>([&](TemplateDialog* d) {
            QVERIFY(child<QListWidget>(d, "templateList")->count() >= 4);
            QVERIFY(!child<QPushButton>(d, "templateSave")->isEnabled());
            QVERIFY(!child<QPushButton>(d, "templateNew")->isEnabled());
            driven = true;
        });
        child<QAction>(rita.get(), "actionFormTemplates")->trigger();
        QVERIFY(driven);
    }
};

QTEST_MAIN(FormsGui)
#include "tst_forms_gui.moc"
